#include "ami/backoff.h"

#include <algorithm>

namespace torpedo::ami {

std::chrono::milliseconds Backoff::next() {
  double base;
  if (attempt_ < options_.fast_attempts) {
    base = static_cast<double>(options_.first.count()) * static_cast<double>(1LL << attempt_);
  } else {
    const int slow_step = std::min(attempt_ - options_.fast_attempts, 16);
    base = static_cast<double>(options_.slow.count()) * static_cast<double>(1LL << slow_step);
  }
  base = std::min(base, static_cast<double>(options_.max.count()));
  ++attempt_;
  std::uniform_real_distribution<double> spread(1.0 - options_.jitter, 1.0 + options_.jitter);
  return std::chrono::milliseconds(static_cast<std::int64_t>(base * spread(rng_)));
}

}  // namespace torpedo::ami
