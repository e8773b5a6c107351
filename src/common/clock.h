#pragma once
// Time comes from an injected Clock so that tests never sleep on the wall clock.
#include <chrono>
#include <cstdint>

namespace torpedo {

// Milliseconds since the Unix epoch, UTC. The unit every table stores.
using EpochMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs now_ms() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  EpochMs now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace torpedo
