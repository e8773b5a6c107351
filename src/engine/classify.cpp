#include "engine/classify.h"

#include <charconv>

namespace torpedo::engine {

namespace {

int number(std::string_view v) {
  int n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

bool one_of(int v, std::initializer_list<int> set) {
  for (int s : set)
    if (v == s) return true;
  return false;
}

}  // namespace

const char* to_string(Disposition d) {
  switch (d) {
    case Disposition::answered:
      return "answered";
    case Disposition::voicemail:
      return "voicemail";
    case Disposition::busy:
      return "busy";
    case Disposition::no_answer:
      return "no-answer";
    case Disposition::failed:
      return "failed";
    case Disposition::invalid_number:
      return "invalid-number";
    case Disposition::cancelled:
      return "cancelled";
    case Disposition::unknown:
      return "unknown";
  }
  return "unknown";
}

AttemptEvents::AttemptEvents(std::string action_id, std::string channel_id, EpochMs started_at)
    : action_id_(std::move(action_id)), channel_id_(std::move(channel_id)), started_at_(started_at) {}

bool AttemptEvents::feed(const ami::Message& m, EpochMs now) {
  const bool by_action = !action_id_.empty() && m.action_id() == action_id_;
  const bool by_channel = !channel_id_.empty() &&
                          (m.get_or("Uniqueid") == channel_id_ || m.get_or("DestUniqueid") == channel_id_);
  if (!by_action && !by_channel) return false;

  if (m.is_response()) {
    // A synchronous Originate answers with the outcome; an asynchronous one with "queued".
    if (m.response() == "Error" && !channel_seen_) {
      originate_response_ = "Failure";
      finished_ = true;
      ended_at_ = now;
    }
    return true;
  }
  const auto event = m.event();
  // Dial events name our channel as the destination (DestUniqueid); their Uniqueid is the other side.
  const bool ours = m.get_or("Uniqueid") == channel_id_;
  if (event == "OriginateResponse") {
    originate_response_ = std::string(m.get_or("Response"));
    reason_ = number(m.get_or("Reason"));
    if (*originate_response_ == "Success" && !answered_at_) answered_at_ = now;
    if (*originate_response_ != "Success" && !channel_seen_) {
      finished_ = true;  // no channel was ever made (unknown endpoint): nothing more will come
      ended_at_ = now;
    }
  } else if (event == "Newchannel" && ours) {
    channel_seen_ = true;
  } else if (event == "Newstate" && ours) {
    channel_seen_ = true;
    const auto state = m.get_or("ChannelStateDesc");
    if (state == "Ringing") ringing_seen_ = true;
    if (state == "Up" && !answered_at_) answered_at_ = now;
  } else if (event == "DialState") {
    if (m.get_or("DialStatus") == "RINGING") ringing_seen_ = true;
  } else if (event == "DialEnd") {
    dial_status_ = std::string(m.get_or("DialStatus"));
  } else if (event == "HangupRequest" && ours) {
    hangup_request_seen_ = true;
    if (!cause_) cause_ = number(m.get_or("Cause"));
    if (!tech_cause_) tech_cause_ = number(m.get_or("TechCause"));
  } else if (event == "Hangup" && ours) {
    channel_seen_ = true;
    cause_ = number(m.get_or("Cause"));
    if (auto t = m.get("TechCause")) tech_cause_ = number(*t);
    finished_ = true;
    ended_at_ = now;
  } else if (event == "UserEvent") {
    const auto name = m.get_or("UserEvent");
    if (name == "TorpedoAMD") {
      events_.amd_status = std::string(m.get_or("AMDStatus"));
      events_.amd_cause = std::string(m.get_or("AMDCause"));
    } else if (name == "TorpedoDTMF") {
      events_.digit = std::string(m.get_or("Digit"));
    } else if (name == "TorpedoAction") {
      events_.action = std::string(m.get_or("Action"));
      events_.action_target = std::string(m.get_or("Target"));
    } else if (name == "TorpedoQueue") {
      events_.queue_status = std::string(m.get_or("QueueStatus"));
    }
  }
  return true;
}

void AttemptEvents::attach(std::optional<EpochMs> answered_at) {
  channel_seen_ = true;
  if (answered_at && !answered_at_) answered_at_ = answered_at;
}

Outcome AttemptEvents::outcome(bool hung_up_by_us) const {
  Outcome o = events_;
  o.cause = cause_;
  o.tech_cause = tech_cause_;
  const EpochMs end = ended_at_.value_or(started_at_);
  if (answered_at_) {
    o.ring_ms = std::max<EpochMs>(0, *answered_at_ - started_at_);
    o.talk_ms = std::max<EpochMs>(0, end - *answered_at_);
  } else {
    o.ring_ms = std::max<EpochMs>(0, end - started_at_);
  }
  auto decide = [&](Disposition d, std::string why) {
    o.disposition = d;
    o.reason = std::move(why);
    return o;
  };
  const std::string causes =
      "cause " + std::to_string(cause_) + (tech_cause_ ? "/" + std::to_string(tech_cause_) : "");

  if (answered_at_) {
    // A person (or a machine) was reached; how it ended does not change that, not even an
    // Asterisk restart (Hangup Cause 0).
    o.short_call = o.talk_ms <= 6000;
    if (o.amd_status == "MACHINE") return decide(Disposition::voicemail, "answering machine (AMD)");
    return decide(Disposition::answered, "answered");
  }
  if (hung_up_by_us) return decide(Disposition::cancelled, "hung up by Torpedo before the answer");
  if (!finished_) return decide(Disposition::unknown, "no end seen");
  if (!channel_seen_) return decide(Disposition::failed, "no channel: the trunk or endpoint does not exist");
  if (cause_ == 1 || one_of(tech_cause_, {404, 484}))
    return decide(Disposition::invalid_number, "invalid number: " + causes);
  if (cause_ == 17 || one_of(tech_cause_, {486, 600}) || (cause_ == 21 && tech_cause_ == 603))
    return decide(Disposition::busy, "busy: " + causes);
  if ((cause_ == 21 && one_of(tech_cause_, {401, 403, 407})) || one_of(cause_, {27, 34, 38, 41, 42}) ||
      dial_status_ == "CONGESTION" || dial_status_ == "CHANUNAVAIL")
    return decide(Disposition::failed,
                  "network or trunk: " + causes + (dial_status_.empty() ? "" : " " + dial_status_));
  if (one_of(tech_cause_, {480, 408}) && hangup_request_seen_)
    return decide(Disposition::no_answer, "unreachable for now: " + causes);
  if (one_of(cause_, {18, 19}) && ringing_seen_)
    return decide(Disposition::no_answer, "rang, no answer: " + causes);
  if (one_of(cause_, {18, 19}) || reason_ == 3)
    return decide(Disposition::failed, "timed out without ringing: the trunk is not answering");
  if (ringing_seen_) return decide(Disposition::no_answer, "rang, then ended: " + causes);
  return decide(Disposition::unknown, "unclassified: " + causes);
}

}  // namespace torpedo::engine
