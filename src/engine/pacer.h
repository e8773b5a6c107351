#pragma once
// The engine's accounting of calls up and calls started (SPEC §3, rule 1): never more calls up
// than a campaign's, a trunk's or a PBX node's limit, never more new calls per second than a
// trunk's or a campaign's CPS (token buckets), and trunks in failover order, a trunk that failed
// fast being skipped for a while. Pure and single-threaded: the engine's loop owns it, and
// time comes in as arguments.
//
// A slot is taken before the attempt is written and the Originate sent, and given back exactly
// once when the attempt ends (or when the write fails). Limits may shrink while calls are up:
// nothing is cut, new calls just wait until the counts are under the new limits.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "common/clock.h"

namespace torpedo::engine {

// `rate` tokens per second up to `burst`; one token per call started. The Pacer uses a burst
// of one: starts are spread evenly and no one-second window sees more than the rate.
class TokenBucket {
 public:
  TokenBucket() = default;
  TokenBucket(double rate, double burst, EpochMs now)
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}
  bool take(EpochMs now);
  // When the next token will be there (now, when there is one).
  EpochMs next_token(EpochMs now) const;
  void set_rate(double rate, double burst, EpochMs now);

 private:
  void refill(EpochMs now);
  double rate_ = 1, burst_ = 1, tokens_ = 1;
  EpochMs last_ = 0;
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
    std::optional<TokenBucket> cps;
    EpochMs backoff_until = 0;
  };
  std::map<std::int64_t, Limits> campaigns_, trunks_, nodes_;
};

}  // namespace torpedo::engine
