#pragma once
// Reconnect delays: fast at first (a restarting Asterisk is back within seconds), then slow,
// capped, with jitter so that many clients do not reconnect in lock-step.
#include <chrono>
#include <cstdint>
#include <random>

namespace torpedo::ami {

class Backoff {
 public:
  struct Options {
    std::chrono::milliseconds first{250};
    int fast_attempts = 4;                 // 250, 500, 1000, 2000 ms
    std::chrono::milliseconds slow{5000};  // then 5 s, 10 s, … up to max
    std::chrono::milliseconds max{30000};
    double jitter = 0.2;                   // ±20 %
  };
  explicit Backoff(Options o, std::uint64_t seed = std::random_device{}()) : options_(o), rng_(seed) {}

  std::chrono::milliseconds next();
  void reset() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  Options options_;
  std::mt19937_64 rng_;
  int attempt_ = 0;
};

}  // namespace torpedo::ami
