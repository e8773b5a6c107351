#include "auth/rate_limiter.h"

namespace torpedo::auth {

void LoginRateLimiter::prune(Window& w, EpochMs now) const {
  while (!w.empty() && w.front() <= now - limits_.window_ms) w.pop_front();
}

std::optional<std::int64_t> LoginRateLimiter::check(Window& w, int limit, EpochMs now) const {
  prune(w, now);
  if (static_cast<int>(w.size()) < limit) return std::nullopt;
  // Allowed again when enough failures have aged out to leave room for one more.
  EpochMs free_at = w[w.size() - static_cast<std::size_t>(limit)] + limits_.window_ms;
  return std::max<std::int64_t>(1, (free_at - now + 999) / 1000);
}

std::optional<std::int64_t> LoginRateLimiter::retry_after(const std::string& address,
                                                          const std::string& account) {
  std::lock_guard lock(mutex_);
  const EpochMs now = clock_.now_ms();
  std::optional<std::int64_t> wait;
  if (auto it = by_address_.find(address); it != by_address_.end())
    wait = check(it->second, limits_.per_address, now);
  if (auto it = by_account_.find(account); it != by_account_.end()) {
    auto w = check(it->second, limits_.per_account, now);
    if (w && (!wait || *w > *wait)) wait = w;
  }
  return wait;
}

void LoginRateLimiter::record_failure(const std::string& address, const std::string& account) {
  std::lock_guard lock(mutex_);
  const EpochMs now = clock_.now_ms();
  // Bound memory under a spray of addresses/accounts: forget idle windows occasionally.
  if (by_address_.size() > 100000 || by_account_.size() > 100000) {
    for (auto* map : {&by_address_, &by_account_}) {
      for (auto it = map->begin(); it != map->end();) {
        prune(it->second, now);
        it = it->second.empty() ? map->erase(it) : std::next(it);
      }
    }
  }
  auto& a = by_address_[address];
  prune(a, now);
  a.push_back(now);
  auto& u = by_account_[account];
  prune(u, now);
  u.push_back(now);
}

void LoginRateLimiter::record_success(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

}  // namespace torpedo::auth
