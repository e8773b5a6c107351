#pragma once
#include <atomic>

#include "common/clock.h"

namespace torpedo::testing {

// A clock the test moves by hand. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(EpochMs start = 1'795'000'000'000) : now_(start) {}
  EpochMs now_ms() const override { return now_.load(); }
  void advance_ms(EpochMs ms) { now_.fetch_add(ms); }
  void advance_minutes(EpochMs m) { advance_ms(m * 60 * 1000); }

 private:
  std::atomic<EpochMs> now_;
};

}  // namespace torpedo::testing
