#pragma once
// The campaign engine (SPEC §3): one thread that runs every running campaign.
//
// Each turn it (1) writes the ends of the calls that finished, in one transaction, and gives
// their slots back; (2) takes slots from the Pacer, round-robin between campaigns, for contacts
// due now — each checked against the DNC list, its calling window and the numbers already up;
// (3) writes those attempts durably, in one transaction, and only then (4) sends their
// Originates (ActionID and ChannelId unique per attempt). A turn runs when something happens
// (an event, a slot freed, a command) or when the next token, retry or window is due.
//
// Never lose, never double: an attempt is written before its Originate; it ends once (the
// row's state guards it); after a crash, a disconnect or an Asterisk restart, open attempts
// are matched with CoreShowChannels by ChannelId: those still up are re-attached, the others
// end `unknown`. While a node is disconnected nothing is dialed on it; when the database
// cannot be written nothing is dialed at all (fails closed) and finished calls wait in memory
// until they can be written.
//
// Thread-safety: public members may be called from any thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "engine/pbx_link.h"
#include "storage/campaigns.h"
#include "storage/database.h"

namespace torpedo::engine {

struct LiveCall {
  std::int64_t attempt_id = 0;
  std::int64_t contact_id = 0;
  std::string number;
  std::int64_t trunk_id = 0;
  std::int64_t node_id = 0;
  std::string state;  // dialing | ringing | up
  EpochMs started_at = 0;
  std::optional<EpochMs> answered_at;
};

// A campaign's counters as the engine keeps them (they equal the call log's).
struct Progress {
  storage::ContactTally contacts;
  storage::CampaignCounters counters;
  int up = 0;
  int calls_per_minute = 0;
};

// How long a freed slot waited for the next Originate, in microseconds: from the call's end to
// the next Originate of its campaign handed to the AMI connection (slots that then wait for the
// CPS window or for a due contact are the limits working, not latency, and are left out).
class LatencyStats {
 public:
  void add(std::chrono::steady_clock::duration d);
  std::size_t count() const { return samples_.size(); }
  double percentile_ms(double p) const;  // 0–100
  std::string describe() const;          // "N samples, p50 …, p99 …, max …"
  const std::vector<std::uint32_t>& samples() const { return samples_; }

 private:
  std::vector<std::uint32_t> samples_;
};

struct DialerOptions {
  int batch = 200;                        // due contacts read at a time
  EpochMs grace_ms = 30'000;              // past ring timeout with no answer and no end: reconcile
  EpochMs max_call_ms = 15 * 60'000;      // the automated part of a call
  EpochMs max_agent_call_ms = 2 * 3600'000;  // after a transfer to a queue or an extension
  EpochMs db_retry_ms = 1000;             // database down: try again this often
  EpochMs trunk_backoff_ms = 15'000;      // a trunk failing fast is skipped this long
  EpochMs progress_interval_ms = 250;     // at most four progress messages a second per campaign
  EpochMs idle_check_ms = 5000;           // with nothing to wake it, look again this often
  EpochMs audit_ms = 60'000;              // ask nodes with calls which channels exist (lost Hangups)
  std::string public_url;                 // media URLs for nodes that fetch audio over HTTP
};

class Dialer {
 public:
  // `on_transition(campaign, from, to)`: the engine moved a campaign (scheduled → running,
  // running → completed). `on_progress(campaign, progress)`: throttled live counters.
  using TransitionFn = std::function<void(std::int64_t, const std::string&, const std::string&)>;
  using ProgressFn = std::function<void(std::int64_t, const Progress&)>;

  Dialer(storage::Database& db, PbxLink& pbx, const Clock& clock, DialerOptions options = {});
  ~Dialer();
  void on_transition(TransitionFn fn);
  void on_progress(ProgressFn fn);

  void start();
  void stop();

  // A campaign's status or settings changed (API): the engine reloads it. Cancelling hangs up
  // its calls; pausing only stops new ones.
  void campaign_changed(std::int64_t campaign_id);

  std::vector<LiveCall> live_calls(std::int64_t campaign_id) const;
  // The engine's counters of a campaign it runs; nullopt when it does not run it.
  std::optional<Progress> progress(std::int64_t campaign_id) const;

  // Slot-to-Originate latency over the last full minute and the current one (also logged
  // once a minute).
  LatencyStats latency() const;

  // For tests and benchmarks: whether dialing is held back because the database failed.
  bool failing_closed() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace torpedo::engine
