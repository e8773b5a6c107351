#include "engine/pacer.h"

#include <algorithm>
#include <cmath>

namespace torpedo::engine {

void TokenBucket::refill(EpochMs now) {
  if (now > last_) {
    tokens_ = std::min(burst_, tokens_ + rate_ * static_cast<double>(now - last_) / 1000.0);
    last_ = now;
  }
}

bool TokenBucket::take(EpochMs now) {
  refill(now);
  // A hair of tolerance: 0.1 CPS refills in exact steps of 10 s, not 9.999….
  if (tokens_ + 1e-9 < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

EpochMs TokenBucket::next_token(EpochMs now) const {
  TokenBucket copy = *this;
  copy.refill(now);
  if (copy.tokens_ + 1e-9 >= 1.0) return now;
  return now + static_cast<EpochMs>(std::ceil((1.0 - copy.tokens_) / rate_ * 1000.0));
}

void TokenBucket::set_rate(double rate, double burst, EpochMs now) {
  refill(now);
  rate_ = rate;
  burst_ = burst;
  tokens_ = std::min(tokens_, burst_);
}

namespace {

// A burst of one second's worth (at least one call): a 10 CPS trunk starts at most 10 calls in
// any second, never 20 after an idle minute.
// One token at most: starts are spread evenly, so no window of one second ever sees more
// than the CPS limit (a bucket of one second's worth would allow twice as many).
double burst_for(double) {
  return 1.0;
}

}  // namespace

void Pacer::set_campaign(std::int64_t id, int max_concurrent, double max_cps, EpochMs now) {
  auto& l = campaigns_[id];
  l.max = max_concurrent;
  if (l.cps)
    l.cps->set_rate(max_cps, burst_for(max_cps), now);
  else
    l.cps.emplace(max_cps, burst_for(max_cps), now);
}

void Pacer::set_trunk(std::int64_t id, int max_channels, double max_cps, EpochMs now) {
  auto& l = trunks_[id];
  l.max = max_channels;
  if (l.cps)
    l.cps->set_rate(max_cps, burst_for(max_cps), now);
  else
    l.cps.emplace(max_cps, burst_for(max_cps), now);
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
