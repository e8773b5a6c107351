#pragma once
// Login throttling: failures are counted per client address and per account over a sliding
// window; past the limit, logins from that address or for that account are refused until
// the oldest failure leaves the window. Per instance, in memory (see ARCHITECTURE.md).
//
// Thread-safety: all members are safe to call from any thread.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace torpedo::auth {

class LoginRateLimiter {
 public:
  struct Limits {
    int per_account = 5;
    int per_address = 20;
    std::int64_t window_ms = 15 * 60 * 1000;
  };
  LoginRateLimiter(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // Seconds to wait before another attempt is allowed, or nullopt when allowed now.
  std::optional<std::int64_t> retry_after(const std::string& address, const std::string& account);
  void record_failure(const std::string& address, const std::string& account);
  void record_success(const std::string& account);

 private:
  using Window = std::deque<EpochMs>;
  std::optional<std::int64_t> check(Window& w, int limit, EpochMs now) const;
  void prune(Window& w, EpochMs now) const;

  const Clock& clock_;
  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> by_address_;  // guarded by mutex_
  std::unordered_map<std::string, Window> by_account_;  // guarded by mutex_
};

}  // namespace torpedo::auth
