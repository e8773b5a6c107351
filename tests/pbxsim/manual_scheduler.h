#pragma once
// Runs pbxsim's scheduled work on a fake clock, so call flows play out in simulated time.
#include <cstdint>
#include <functional>
#include <limits>
#include <map>

#include "pbxsim/simulator.h"
#include "support/fake_clock.h"

namespace torpedo::pbxsim {

// Runs the simulator's scheduled work on the fake clock.
class ManualScheduler final : public Scheduler {
 public:
  explicit ManualScheduler(testing::FakeClock& clock) : clock_(clock) {}
  void after(std::chrono::milliseconds delay, std::function<void()> work) override {
    queue_.emplace(std::make_pair(clock_.now_ms() + delay.count(), seq_++), std::move(work));
  }
  void run_due() { run(clock_.now_ms()); }
  void run_until_idle() { run(std::numeric_limits<EpochMs>::max()); }
  // Lets `ms` of simulated time pass, running what falls due on the way.
  void run_for(EpochMs ms) {
    const EpochMs until = clock_.now_ms() + ms;
    run(until);
    clock_.advance_ms(until - clock_.now_ms());
  }
  // Runs the next piece of work; false when there is none.
  bool run_next() {
    if (queue_.empty()) return false;
    run(queue_.begin()->first.first, 1);
    return true;
  }

 private:
  void run(EpochMs until, std::size_t limit = std::numeric_limits<std::size_t>::max()) {
    while (!queue_.empty() && queue_.begin()->first.first <= until && limit-- > 0) {
      auto it = queue_.begin();
      if (it->first.first > clock_.now_ms()) clock_.advance_ms(it->first.first - clock_.now_ms());
      auto work = std::move(it->second);
      queue_.erase(it);
      work();
    }
  }
  testing::FakeClock& clock_;
  std::map<std::pair<EpochMs, std::uint64_t>, std::function<void()>> queue_;
  std::uint64_t seq_ = 0;
};

}  // namespace torpedo::pbxsim
