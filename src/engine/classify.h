#pragma once
// From the AMI events of one call attempt to its one disposition, as DIALPLAN.md §3 says.
// Asterisk's OriginateResponse Reason alone misleads (Reason 0 for busy, congestion and
// 404 alike), so the evidence is the Hangup's Cause and TechCause, whether ringing or a
// HangupRequest was seen, the DialEnd status, and the dialplan's UserEvents.
//
// An attempt is correlated by its Originate ActionID and by its ChannelId (the channel's
// Uniqueid, or DestUniqueid in Dial events) — never by channel name or order, which Asterisk
// does not keep (originate-10-concurrent).
#include <cstdint>
#include <optional>
#include <string>

#include "ami/message.h"
#include "common/clock.h"

namespace torpedo::engine {

enum class Disposition { answered, voicemail, busy, no_answer, failed, invalid_number, cancelled, unknown };
const char* to_string(Disposition d);

struct Outcome {
  Disposition disposition = Disposition::unknown;
  int cause = 0;       // Hangup Cause (Q.850), 0 when none
  int tech_cause = 0;  // SIP status behind it, 0 when none
  std::string reason;  // what decided it, in words for the call log ("busy: cause 17/486")
  std::optional<std::string> amd_status, amd_cause;
  std::optional<std::string> digit;                  // TorpedoDTMF Digit ("" on a Read timeout)
  std::optional<std::string> action, action_target;  // TorpedoAction
  std::optional<std::string> queue_status;           // TorpedoQueue
  EpochMs ring_ms = 0;                               // from the channel's creation to the answer (or the end)
  EpochMs talk_ms = 0;                               // from the answer to the hangup
  bool short_call = false;  // answered with 6 s of talk or less (counted apart, Anatel's rule)
};

class AttemptEvents {
 public:
  AttemptEvents(std::string action_id, std::string channel_id, EpochMs started_at);

  // Takes one AMI message (response or event) seen at `now`; true when it belongs to this attempt.
  bool feed(const ami::Message& m, EpochMs now);
  // The call is over: its Hangup was seen, or it never got a channel (OriginateResponse
  // Failure without one, or a synchronous Originate's error).
  bool finished() const { return finished_; }
  // The disposition from what was seen. `hung_up_by_us`: Torpedo cancelled the call itself.
  Outcome outcome(bool hung_up_by_us = false) const;

  // Re-attaching a call found up after a crash or a reconnect (CoreShowChannels): its channel
  // exists and, when `answered_at` is given, it was answered then.
  void attach(std::optional<EpochMs> answered_at);

  const std::string& action_id() const { return action_id_; }
  const std::string& channel_id() const { return channel_id_; }
  bool answered() const { return answered_at_.has_value(); }

 private:
  std::string action_id_, channel_id_;
  EpochMs started_at_ = 0;
  bool channel_seen_ = false;
  bool ringing_seen_ = false;
  bool hangup_request_seen_ = false;
  bool finished_ = false;
  std::optional<EpochMs> answered_at_, ended_at_;
  std::optional<std::string> originate_response_;  // Success | Failure
  int reason_ = -1;                                // OriginateResponse Reason
  std::string dial_status_;
  int cause_ = 0, tech_cause_ = 0;
  Outcome events_;  // the UserEvent fields
};

}  // namespace torpedo::engine
