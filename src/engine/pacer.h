#pragma once
// The engine's accounting of calls up and calls started (SPEC §3, rule 1): never more calls up
// than a campaign's, a trunk's or a PBX node's limit, never more new calls per second than a
// trunk's or a campaign's CPS (sliding one-second windows), and trunks in failover order, a trunk that failed
// fast being skipped for a while. Pure and single-threaded: the engine's loop owns it, and
// time comes in as arguments.
//
// A slot is taken before the attempt is written and the Originate sent, and given back exactly
// once when the attempt ends (or when the write fails). Limits may shrink while calls are up:
// nothing is cut, new calls just wait until the counts are under the new limits.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

#include "common/clock.h"

namespace torpedo::engine {

// At most `rate` starts in any window of one second (for rates under one, one start per
// 1/rate seconds): what "never more new calls per second than the CPS limit" means, checked
// over a sliding window, so that a turn of the engine may start several calls at once when the
// window has room (a token bucket of one token would allow only one call per turn). Starts are
// also spread: at most a tenth of the rate (at least one) in any 100 ms, so that a carrier
// measuring its own seconds, with the network's jitter, never sees a whole second's worth at once.
class RateWindow {
 public:
  RateWindow() = default;
  explicit RateWindow(double rate) { set_rate(rate); }
  bool take(EpochMs now);
  // When the next start will be allowed (now, when it is).
  EpochMs next_token(EpochMs now) const;
  void set_rate(double rate);

 private:
  void prune(EpochMs now) const;
  std::size_t in_last_tenth(EpochMs now) const;
  EpochMs window_ms_ = 1000;
  std::size_t max_starts_ = 1;
  std::size_t per_tenth_ = 1;  // starts allowed in any 100 ms
  mutable std::deque<EpochMs> starts_;  // within the last window
};

struct Slot {
  std::int64_t campaign = 0;
  std::int64_t trunk = 0;
  std::int64_t node = 0;
};

class Pacer {
 public:
  void set_campaign(std::int64_t id, int max_concurrent, double max_cps, EpochMs now);
  void set_trunk(std::int64_t id, int max_channels, double max_cps, EpochMs now);
  void set_node(std::int64_t id, int max_channels);

  // A slot for one call of `campaign` on `node` through the first of `trunks` (failover
  // order) that has room, is not backing off and has a CPS token; nullopt when none can take
  // a call now. Counts the call at once.
  std::optional<Slot> acquire(std::int64_t campaign, const std::vector<std::int64_t>& trunks,
                              std::int64_t node, EpochMs now);
  void release(const Slot& slot);
  // Counts a call that is already up (re-attached after a restart), whatever the limits say:
  // new calls wait until the counts are under them again.
  void occupy(const Slot& slot);
  // A trunk that failed fast (congestion, unavailable) is skipped until `until`.
  void back_off(std::int64_t trunk, EpochMs until);

  // When acquire() could next succeed for this campaign, as far as tokens and back-offs tell
  // (a slot freeing is an event of its own); `now` when it could succeed now.
  EpochMs next_chance(std::int64_t campaign, const std::vector<std::int64_t>& trunks, std::int64_t node,
                      EpochMs now) const;

  int up_in_campaign(std::int64_t id) const;
  int up_on_trunk(std::int64_t id) const;
  int up_on_node(std::int64_t id) const;

 private:
  struct Limits {
    int max = 0;
    int up = 0;
    std::optional<RateWindow> cps;
    EpochMs backoff_until = 0;
  };
  std::map<std::int64_t, Limits> campaigns_, trunks_, nodes_;
};

}  // namespace torpedo::engine
