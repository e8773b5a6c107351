#include "engine/pacer.h"

#include <algorithm>
#include <cmath>

namespace torpedo::engine {

void RateWindow::set_rate(double rate) {
  if (rate >= 1.0) {
    window_ms_ = 1000;
    max_starts_ = static_cast<std::size_t>(std::floor(rate + 1e-9));
    per_tenth_ = std::max<std::size_t>(1, (max_starts_ + 9) / 10);
  } else {
    per_tenth_ = 1;
    // 0.1 CPS: one start every 10 s exactly.
    window_ms_ = static_cast<EpochMs>(std::llround(1000.0 / std::max(rate, 1e-3)));
    max_starts_ = 1;
  }
}

void RateWindow::prune(EpochMs now) const {
  while (!starts_.empty() && starts_.front() <= now - window_ms_) starts_.pop_front();
}

std::size_t RateWindow::in_last_tenth(EpochMs now) const {
  std::size_t n = 0;
  for (auto it = starts_.rbegin(); it != starts_.rend() && *it > now - 100; ++it) ++n;
  return n;
}

bool RateWindow::take(EpochMs now) {
  if (next_token(now) > now) return false;
  starts_.push_back(now);
  return true;
}

EpochMs RateWindow::next_token(EpochMs now) const {
  prune(now);
  EpochMs at = now;
  if (starts_.size() >= max_starts_) at = starts_[starts_.size() - max_starts_] + window_ms_;
  if (in_last_tenth(now) >= per_tenth_) at = std::max(at, starts_[starts_.size() - per_tenth_] + 100);
  return at;
}


void Pacer::set_campaign(std::int64_t id, int max_concurrent, double max_cps, EpochMs /*now: a new rate applies at once*/) {
  auto& l = campaigns_[id];
  l.max = max_concurrent;
  if (l.cps)
    l.cps->set_rate(max_cps);
  else
    l.cps.emplace(max_cps);
}

void Pacer::set_trunk(std::int64_t id, int max_channels, double max_cps, EpochMs /*now*/) {
  auto& l = trunks_[id];
  l.max = max_channels;
  if (l.cps)
    l.cps->set_rate(max_cps);
  else
    l.cps.emplace(max_cps);
}

void Pacer::set_node(std::int64_t id, int max_channels) {
  nodes_[id].max = max_channels;
}

std::optional<Slot> Pacer::acquire(std::int64_t campaign, const std::vector<std::int64_t>& trunks,
                                   std::int64_t node, EpochMs now) {
  auto c = campaigns_.find(campaign);
  auto n = nodes_.find(node);
  if (c == campaigns_.end() || n == nodes_.end() || !c->second.cps) return std::nullopt;  // unknown: never dial
  if (c->second.up >= c->second.max || n->second.up >= n->second.max) return std::nullopt;
  // The campaign's token is checked before a trunk's is taken, and taken only with one.
  if (c->second.cps->next_token(now) > now) return std::nullopt;
  for (auto id : trunks) {
    auto t = trunks_.find(id);
    if (t == trunks_.end() || !t->second.cps || t->second.up >= t->second.max || t->second.backoff_until > now) continue;
    if (!t->second.cps->take(now)) continue;
    c->second.cps->take(now);
    ++c->second.up;
    ++t->second.up;
    ++n->second.up;
    return Slot{campaign, id, node};
  }
  return std::nullopt;
}

void Pacer::release(const Slot& s) {
  for (auto* m : {&campaigns_, &trunks_, &nodes_}) {
    const std::int64_t id = m == &campaigns_ ? s.campaign : m == &trunks_ ? s.trunk : s.node;
    auto it = m->find(id);
    if (it != m->end() && it->second.up > 0) --it->second.up;
  }
}

void Pacer::occupy(const Slot& s) {
  ++campaigns_[s.campaign].up;
  ++trunks_[s.trunk].up;
  ++nodes_[s.node].up;
}

void Pacer::back_off(std::int64_t trunk, EpochMs until) {
  auto it = trunks_.find(trunk);
  if (it != trunks_.end()) it->second.backoff_until = std::max(it->second.backoff_until, until);
}

EpochMs Pacer::next_chance(std::int64_t campaign, const std::vector<std::int64_t>& trunks, std::int64_t node,
                           EpochMs now) const {
  auto c = campaigns_.find(campaign);
  if (c == campaigns_.end() || !c->second.cps || !nodes_.count(node)) return now + 3'600'000;
  EpochMs best = now + 3'600'000;
  for (auto id : trunks) {
    auto t = trunks_.find(id);
    if (t == trunks_.end() || !t->second.cps) continue;
    best = std::min(best, std::max({t->second.backoff_until, t->second.cps->next_token(now), now}));
  }
  return std::max(best, c->second.cps->next_token(now));
}

int Pacer::up_in_campaign(std::int64_t id) const {
  auto it = campaigns_.find(id);
  return it == campaigns_.end() ? 0 : it->second.up;
}
int Pacer::up_on_trunk(std::int64_t id) const {
  auto it = trunks_.find(id);
  return it == trunks_.end() ? 0 : it->second.up;
}
int Pacer::up_on_node(std::int64_t id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? 0 : it->second.up;
}

}  // namespace torpedo::engine
