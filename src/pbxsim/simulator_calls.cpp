// pbxsim's calls: Originate, what the far end does (rules.h), the dialplan an answered call
// runs (dialplan.h), the AMI Hangup action and a pbx restart. Every sequence below is the one
// a recording in tests/fixtures/ami shows; where Asterisk varies the order between calls
// (OriginateResponse, DialState/DialEnd, DeviceStateChange, Cdr), one recorded order is used.
#include <ctime>

#include <fmt/format.h>

#include "common/strings.h"
#include "pbxsim/simulator.h"

namespace torpedo::pbxsim {

namespace {

using namespace std::chrono_literals;

const char* state_desc(int state) {
  switch (state) {
    case 0: return "Down";
    case 4: return "Ring";
    case 5: return "Ringing";
    case 6: return "Up";
  }
  return "Unknown";
}

const char* cause_text(int cause) {
  switch (cause) {
    case 0: return "Unknown";
    case 1: return "Unallocated (unassigned) number";
    case 16: return "Normal Clearing";
    case 17: return "User busy";
    case 18: return "No user responding";
    case 19: return "User alerting, no answer";
    case 21: return "Call Rejected";
    case 34: return "Circuit/channel congestion";
  }
  return "Unknown";
}

std::string utc(EpochMs ms, const char* format) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string action_id_line(const std::string& id) { return id.empty() ? "" : "ActionID: " + id + "\r\n"; }

std::string head(const std::string& response, const std::string& id) {
  return "Response: " + response + "\r\n" + action_id_line(id);
}

bool truthy(std::string_view v) {
  const auto l = ascii_lower(v);
  return l == "true" || l == "yes" || l == "1" || l == "on";
}


// What AMD() concludes about each kind of callee, and after how long (app_amd defaults).
struct AmdVerdict {
  const char* status;
  const char* cause;
  std::chrono::milliseconds after;
};
AmdVerdict amd_verdict(Outcome o) {
  switch (o) {
    case Outcome::machine: return {"MACHINE", "LONGGREETING-1500-1500", 1500ms};
    case Outcome::notsure: return {"NOTSURE", "TOOLONG-4900", 5000ms};
    default: return {"HUMAN", "HUMAN-800-800", 1300ms};
  }
}

}  // namespace

struct Simulator::Channel {
  std::string name;        // PJSIP/carrier-00000002
  std::string uniqueid;    // the Originate ChannelId
  std::string endpoint;
  std::string number;
  std::string action_id;
  std::string originate_context;
  // Where the channel is: the endpoint's context while dialing, then the dialplan's.
  std::string context = "from-carrier";
  std::string exten = "s";
  std::size_t step = 0;    // priority - 1
  std::string app = "AppDial2", app_data = "(Outgoing Line)";
  int state = 0;
  std::string caller_num = "<unknown>", caller_name = "<unknown>";
  std::string connected_num = "<unknown>", connected_name = "<unknown>";
  std::string cid_num, cid_name;
  std::map<std::string, std::string> vars;
  std::map<std::string, std::string> cdr_fields;  // Set(CDR(name)=…)
  Callee callee;
  EpochMs started_at = 0, answered_at = 0;
  bool answered = false;
  bool ended = false;
  bool pressed = false;            // the callee's key went out already
  std::string waiting;             // the application waiting for time or a key (Read, Playback, AMD, …)
  std::string read_var;
  std::uint64_t epoch = 0;         // bumped when the waiting application ends early: stale timers see it
  std::uint64_t rtcp_reports = 0;
  std::string queue;               // the queue it waits in (Queue())
};

template <typename F>
void Simulator::later(const ChannelPtr& c, std::chrono::milliseconds delay, F work) {
  scheduler_->after(scaled(delay), [c, work = std::move(work)]() mutable {
    if (!c->ended) work();
  });
}

void Simulator::attach(Scheduler& scheduler, std::function<void(const Event&)> emit) {
  scheduler_ = &scheduler;
  emit_ = std::move(emit);
}

std::chrono::milliseconds Simulator::scaled(std::chrono::milliseconds d) const {
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(d.count()) * config_.time_scale));
}

const Endpoint* Simulator::find_endpoint(const std::string& name) const {
  for (const auto& e : config_.endpoints)
    if (e.name == name) return &e;
  return nullptr;
}

std::string Simulator::channel_block(const Channel& c, const std::string& p) const {
  std::string out = fmt::format(
      "{p}Channel: {}\r\n{p}ChannelState: {}\r\n{p}ChannelStateDesc: {}\r\n{p}CallerIDNum: {}\r\n"
      "{p}CallerIDName: {}\r\n{p}ConnectedLineNum: {}\r\n{p}ConnectedLineName: {}\r\n{p}Language: en\r\n"
      "{p}AccountCode: \r\n{p}Context: {}\r\n{p}Exten: {}\r\n{p}Priority: {}\r\n{p}Uniqueid: {}\r\n{p}Linkedid: {}\r\n",
      c.name, c.state, state_desc(c.state), c.caller_num, c.caller_name, c.connected_num, c.connected_name, c.context,
      c.exten, c.step + 1, c.uniqueid, c.uniqueid, fmt::arg("p", p));
  for (const auto& var : config_.channelvars) {
    auto it = c.vars.find(var);
    out += p + "ChanVariable: " + var + "=" + (it == c.vars.end() ? "" : it->second) + "\r\n";
  }
  return out;
}

void Simulator::emit(const std::string& event_class, std::string bytes) {
  if (emit_) emit_(Event{event_class, std::move(bytes)});
}

void Simulator::emit_channel_event(const Channel& c, const std::string& event, const std::string& extra,
                                   const std::string& event_class) {
  emit(event_class, "Event: " + event + "\r\nPrivilege: " + event_class + ",all\r\n" + channel_block(c, "") + extra + "\r\n");
}

void Simulator::var_set(Channel& c, const std::string& name, const std::string& value) {
  c.vars[name] = value;
  emit_channel_event(c, "VarSet", "Variable: " + name + "\r\nValue: " + value + "\r\n", "dialplan");
}

void Simulator::originate_response(const Channel& c, bool success, int reason) {
  std::string vars;
  if (success)  // only here are channel variables written with the channel's name in the header
    for (const auto& var : config_.channelvars) {
      auto it = c.vars.find(var);
      vars += "ChanVariable(" + c.name + "): " + var + "=" + (it == c.vars.end() ? "" : it->second) + "\r\n";
    }
  emit("call", "Event: OriginateResponse\r\nPrivilege: call,all\r\n" + action_id_line(c.action_id) +
                   fmt::format("Response: {}\r\nChannel: {}\r\nContext: {}\r\nExten: s\r\nReason: {}\r\n"
                               "Uniqueid: {}\r\nCallerIDNum: {}\r\nCallerIDName: {}\r\n",
                               success ? "Success" : "Failure",
                               success ? c.name : "PJSIP/" + c.number + "@" + c.endpoint, c.originate_context,
                               reason, c.uniqueid, c.cid_num, c.cid_name) +
                   vars + "\r\n");
}

void Simulator::originate_failed(const std::string& action_id, const std::string& dial_string,
                                 const std::string& uniqueid, const std::string& cid_num, const std::string& cid_name,
                                 const std::string& context) {
  emit("call", "Event: OriginateResponse\r\nPrivilege: call,all\r\n" + action_id_line(action_id) +
                   fmt::format("Response: Failure\r\nChannel: {}\r\nContext: {}\r\nExten: s\r\nReason: 0\r\n"
                               "Uniqueid: {}\r\nCallerIDNum: {}\r\nCallerIDName: {}\r\n\r\n",
                               dial_string, context, uniqueid, cid_num, cid_name));
}

void Simulator::cdr(const Channel& c, const std::string& disposition) {
  const EpochMs now = clock_.now_ms();
  auto field = [&](const char* name) {
    auto it = c.cdr_fields.find(name);
    return it == c.cdr_fields.end() ? std::string() : it->second;
  };
  emit("cdr", fmt::format("Event: Cdr\r\nPrivilege: cdr,all\r\nAccountCode: \r\nSource: {}\r\nDestination: {}\r\n"
                          "DestinationContext: {}\r\nCallerID: \"{}\" <{}>\r\nChannel: {}\r\nDestinationChannel: \r\n"
                          "LastApplication: {}\r\nLastData: {}\r\nStartTime: {}\r\nAnswerTime: {}\r\n"
                          "EndTime: {}\r\nDuration: {}\r\nBillableSeconds: {}\r\nDisposition: {}\r\n"
                          "AMAFlags: DOCUMENTATION\r\nUniqueID: {}\r\nUserField: {}\r\nTorpedoCampaign: {}\r\n"
                          "TorpedoContact: {}\r\nTorpedoDTMF: {}\r\nTorpedoAMD: {}\r\n\r\n",
                          c.caller_num, c.exten, c.context, c.caller_name, c.caller_num, c.name, c.app, c.app_data,
                          utc(c.started_at, "%Y-%m-%d %H:%M:%S"),
                          c.answered ? utc(c.answered_at, "%Y-%m-%d %H:%M:%S") : "", utc(now, "%Y-%m-%d %H:%M:%S"),
                          (now - c.started_at) / 1000, c.answered ? (now - c.answered_at) / 1000 : 0, disposition,
                          c.uniqueid, field("userfield"), field("campaign"), field("contact"), field("dtmf"),
                          field("amd")));
}

void Simulator::hangup(const ChannelPtr& c, int cause, std::optional<int> tech_cause) {
  std::string extra = fmt::format("Cause: {}\r\nCause-txt: {}\r\n", cause, cause_text(cause));
  if (tech_cause) extra += fmt::format("TechCause: {}\r\n", *tech_cause);
  emit_channel_event(*c, "Hangup", extra);
  c->ended = true;
  if (channels_.erase(c->uniqueid)) ledger_channel_gone(*c);
}

Ledger Simulator::ledger() const {
  std::lock_guard lock(ledger_mutex_);
  return ledger_;
}

void Simulator::ledger_channel_made(const Channel& c) {
  std::lock_guard lock(ledger_mutex_);
  ++ledger_.channels;
  if (!ids_seen_.insert(c.uniqueid).second) ++ledger_.reused_channel_ids;
  if (live_numbers_[c.number]++ > 0) ++ledger_.number_overlaps;
  auto& on_endpoint = live_endpoints_[c.endpoint];
  ++on_endpoint;
  ledger_.live = channels_.size();
  ledger_.max_live = std::max(ledger_.max_live, channels_.size());
  auto& m = ledger_.max_live_per_endpoint[c.endpoint];
  m = std::max(m, on_endpoint);
  auto& recent = recent_originates_[c.endpoint];
  const EpochMs now = clock_.now_ms();
  recent.push_back(now);
  while (!recent.empty() && recent.front() <= now - 1000) recent.pop_front();
  auto& per_second = ledger_.max_per_second_per_endpoint[c.endpoint];
  per_second = std::max(per_second, recent.size());
}

void Simulator::ledger_channel_gone(const Channel& c) {
  std::lock_guard lock(ledger_mutex_);
  if (--live_numbers_[c.number] == 0) live_numbers_.erase(c.number);
  if (--live_endpoints_[c.endpoint] == 0) live_endpoints_.erase(c.endpoint);
  ledger_.live = channels_.size();
}

// PJSIP endpoint device state, aggregated over the endpoint's channels; an event only on change.
void Simulator::device_state(const std::string& endpoint) {
  int ringing = 0, up = 0;
  for (const auto& [id, c] : channels_) {
    if (c->endpoint != endpoint) continue;
    ringing += c->state == 5;
    up += c->state == 6;
  }
  const char* state = up ? (ringing ? "RINGINUSE" : "INUSE") : ringing ? "RINGING" : "NOT_INUSE";
  auto [it, inserted] = device_states_.try_emplace(endpoint, "NOT_INUSE");
  if (it->second == state) return;
  it->second = state;
  emit("call", "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/" + endpoint + "\r\nState: " + state +
                   "\r\n\r\n");
}

std::string Simulator::core_show_channels(const std::string& id) const {
  const EpochMs now = clock_.now_ms();
  std::string out = head("Success", id) + "EventList: start\r\nMessage: Channels will follow\r\n\r\n";
  for (const auto& [uid, c] : channels_) {
    const auto seconds = (now - c->started_at) / 1000;
    out += "Event: CoreShowChannel\r\n" + action_id_line(id) + channel_block(*c, "") +
           fmt::format("Application: {}\r\nApplicationData: {}\r\nDuration: {:02}:{:02}:{:02}\r\nBridgeId: \r\n\r\n",
                       c->app, c->app_data, seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return out + "Event: CoreShowChannelsComplete\r\n" + action_id_line(id) +
         fmt::format("EventList: Complete\r\nListItems: {}\r\n\r\n", channels_.size());
}

// ---------------------------------------------------------------------------------------
// Originate

Simulator::Result Simulator::originate(const ami::Message& a, const std::string& id) {
  Result r;
  if (!scheduler_) {
    r.reply = head("Error", id) + "Message: Originate failed\r\n\r\n";
    return r;
  }
  const std::string channel(a.get_or("Channel"));
  const bool async = truthy(a.get_or("Async"));
  {
    std::lock_guard lock(ledger_mutex_);
    ++ledger_.originates;
  }
  auto c = std::make_shared<Channel>();
  c->action_id = id;
  c->uniqueid = std::string(a.get_or("ChannelId"));
  if (c->uniqueid.empty()) c->uniqueid = fmt::format("pbxsim-{}.{}", started_at_ / 1000, processed_calls_);
  c->originate_context = std::string(a.get_or("Context"));
  // "PJSIP/<number>@<endpoint>"
  auto slash = channel.find('/');
  auto at = channel.find('@');
  if (channel.rfind("PJSIP/", 0) == 0 && at != std::string::npos && at > slash) {
    c->number = channel.substr(slash + 1, at - slash - 1);
    c->endpoint = channel.substr(at + 1);
  }
  // CallerID: "\"Name\" <number>" or a bare number.
  const std::string cid(a.get_or("CallerID"));
  if (auto lt = cid.find('<'); lt != std::string::npos && cid.back() == '>') {
    c->cid_num = cid.substr(lt + 1, cid.size() - lt - 2);
    std::string name = cid.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    c->cid_name = name;
  } else {
    c->cid_num = cid;
  }
  const Endpoint* endpoint = find_endpoint(c->endpoint);
  // No channel can be made: an unknown endpoint, a ChannelId already live (Asterisk refuses a
  // duplicate uniqueid), or the channel limit (asterisk.conf maxcalls).
  const bool refused = !endpoint || c->number.empty() || channels_.count(c->uniqueid) > 0 ||
                       (config_.max_channels && channels_.size() >= config_.max_channels);
  if (!async) {
    // pbxsim simulates asynchronous originates only; a synchronous one that cannot make a
    // channel reports nothing else, as Asterisk does.
    r.reply = head("Error", id) + "Message: Originate failed\r\n\r\n";
    return r;
  }
  r.reply = head("Success", id) + "Message: Originate successfully queued\r\n\r\n";
  if (refused) {
    scheduler_->after(0ms, [this, id, dial = channel, uid = c->uniqueid, num = c->cid_num, name = c->cid_name,
                            ctx = c->originate_context] { originate_failed(id, dial, uid, num, name, ctx); });
    return r;
  }
  // Variables are set in reverse header order, as Asterisk does.
  std::vector<std::pair<std::string, std::string>> variables;
  for (auto v : a.get_all("Variable")) {
    auto eq = v.find('=');
    if (eq != std::string_view::npos) variables.emplace_back(std::string(v.substr(0, eq)), std::string(v.substr(eq + 1)));
  }
  std::chrono::milliseconds timeout{30000};
  try {
    if (auto t = a.get("Timeout")) timeout = std::chrono::milliseconds(std::stoll(std::string(*t)));
  } catch (...) {
  }
  c->name = fmt::format("PJSIP/{}-{:08x}", endpoint->name, next_channel_++);
  c->context = endpoint->context;
  c->started_at = clock_.now_ms();
  c->callee = callees_.pick(c->number, c->endpoint);
  channels_[c->uniqueid] = c;
  ledger_channel_made(*c);
  ++processed_calls_;

  later(c, 0ms, [this, c, variables, timeout] {
    emit_channel_event(*c, "Newchannel", "");
    emit_channel_event(*c, "Newexten", "Extension: s\r\nApplication: AppDial2\r\nAppData: (Outgoing Line)\r\n", "dialplan");
    for (auto it = variables.rbegin(); it != variables.rend(); ++it) var_set(*c, it->first, it->second);
    c->caller_num = c->cid_num;
    c->caller_name = c->cid_name;
    emit_channel_event(*c, "NewCallerid", "CID-CallingPres: 0 (Presentation Allowed, Not Screened)\r\n");
    c->connected_num = c->cid_num;
    c->connected_name = c->cid_name;
    emit_channel_event(*c, "NewConnectedLine", "");
    emit("call", "Event: DialBegin\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialString: " + c->number +
                     "@" + c->endpoint + "\r\n\r\n");
    run_call(c, timeout);
  });
  return r;
}

void Simulator::run_call(const ChannelPtr& c, std::chrono::milliseconds timeout) {
  const Outcome o = c->callee.outcome;
  if (o != Outcome::answer && o != Outcome::machine && o != Outcome::notsure) {
    run_failure(c, o, timeout);
    return;
  }
  ring(c);
  if (c->callee.ring >= timeout) {
    run_failure(c, Outcome::noanswer, timeout);  // rings out before anyone answers
    return;
  }
  later(c, c->callee.ring, [this, c] { answer(c); });
}

void Simulator::ring(const ChannelPtr& c) {
  if (c->state == 5) return;
  c->state = 5;
  emit_channel_event(*c, "Newstate", "");
  device_state(c->endpoint);
  emit("call", "Event: DialState\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialStatus: RINGING\r\n\r\n");
}

void Simulator::run_failure(const ChannelPtr& c, Outcome outcome, std::chrono::milliseconds timeout) {
  auto hangup_request = [this, c](int cause, int tech) {
    emit_channel_event(*c, "HangupRequest", fmt::format("Cause: {}\r\nTechCause: {}\r\n", cause, tech));
  };
  auto dial_end = [this, c](const char* status) {
    emit("call", "Event: DialEnd\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialStatus: " + status + "\r\n\r\n");
  };
  // The orders below are the recorded ones; a real Asterisk varies them between calls.
  switch (outcome) {
    case Outcome::busy:
      originate_response(*c, false, 0);
      hangup_request(17, 486);
      dial_end("BUSY");
      cdr(*c, "BUSY");
      hangup(c, 17, 486);
      return;
    case Outcome::congestion:
      hangup_request(34, 503);
      dial_end("CONGESTION");
      originate_response(*c, false, 0);
      cdr(*c, "CONGESTION");
      hangup(c, 34, 503);
      return;
    case Outcome::unallocated:
    case Outcome::unavailable: {
      const int cause = outcome == Outcome::unallocated ? 1 : 19;
      const int tech = outcome == Outcome::unallocated ? 404 : 480;
      hangup_request(cause, tech);
      dial_end("NOANSWER");
      originate_response(*c, false, 0);
      cdr(*c, "NO ANSWER");
      hangup(c, cause, tech);
      return;
    }
    case Outcome::reject:
      hangup_request(21, 603);
      originate_response(*c, false, 0);
      cdr(*c, "NO ANSWER");
      dial_end("NOANSWER");
      hangup(c, 21, 603);
      return;
    case Outcome::unreachable:
      // Nothing answers: no ringing, no HangupRequest; the Originate timeout ends it.
      later(c, timeout, [this, c] {
        originate_response(*c, false, 3);
        cdr(*c, "NO ANSWER");
        hangup(c, 19, 480);
      });
      return;
    default:  // noanswer: rings until the Originate timeout
      ring(c);
      later(c, timeout, [this, c] {
        originate_response(*c, false, 3);
        cdr(*c, "NO ANSWER");
        hangup(c, 19, 480);
        device_state(c->endpoint);
      });
      return;
  }
}

void Simulator::answer(const ChannelPtr& c) {
  c->state = 6;
  c->answered = true;
  c->answered_at = clock_.now_ms();
  emit_channel_event(*c, "Newstate", "");
  emit("call", "Event: DialEnd\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialStatus: ANSWER\r\n\r\n");
  originate_response(*c, true, 4);
  device_state(c->endpoint);
  // The far end's own timeline, counted from the answer.
  if (c->callee.talk) later(c, *c->callee.talk, [this, c] { callee_hangup(c); });
  if (c->callee.dtmf && c->callee.dtmf_at) {
    c->pressed = true;
    later(c, *c->callee.dtmf_at, [this, c] { press(c, *c->callee.dtmf); });
  }
  later(c, 5000ms, [this, c] { rtcp(c); });
  // The dialplan starts in the Originate's context.
  c->context = c->originate_context;
  c->exten = "s";
  c->step = 0;
  run_dialplan(c);
}

// RTCP reports every 5 s while media flows (class reporting), as chan_pjsip sends them.
void Simulator::rtcp(const ChannelPtr& c) {
  const auto n = ++c->rtcp_reports;
  const auto ntp = clock_.now_ms() / 1000 + 2208988800ULL;  // NTP counts from 1900
  emit_channel_event(*c, "RTCPSent",
                     fmt::format("To: 127.0.0.1:20055\r\nFrom: 127.0.0.1:10927\r\nMES: 88.1\r\nSSRC: 0x1a34b298\r\n"
                                 "PT: 200(SR)\r\nReportCount: 1\r\nSentNTP: {}.000000\r\nSentRTP: {}\r\n"
                                 "SentPackets: {}\r\nSentOctets: {}\r\nReport0SourceSSRC: 0x3fa02677\r\n"
                                 "Report0FractionLost: 0\r\nReport0CumulativeLost: 0\r\nReport0HighestSequence: {}\r\n"
                                 "Report0SequenceNumberCycles: 0\r\nReport0IAJitter: 1\r\nReport0LSR: 0\r\n"
                                 "Report0DLSR: 0.0000\r\n",
                                 ntp, n * 40000, n * 250, n * 40000, 12000 + n * 250),
                     "reporting");
  emit_channel_event(*c, "RTCPReceived",
                     fmt::format("To: 127.0.0.1:10927\r\nFrom: 127.0.0.1:20055\r\nRTT: 0.0003\r\nMES: 88.1\r\n"
                                 "SSRC: 0xeeaf24ff\r\nPT: 200(SR)\r\nReportCount: 1\r\nSentNTP: {}.000000\r\n"
                                 "SentRTP: {}\r\nSentPackets: {}\r\nSentOctets: {}\r\n"
                                 "Report0SourceSSRC: 0x1a34b298\r\nReport0FractionLost: 0\r\n"
                                 "Report0CumulativeLost: 0\r\nReport0HighestSequence: {}\r\n"
                                 "Report0SequenceNumberCycles: 0\r\nReport0IAJitter: 2\r\nReport0LSR: 0\r\n"
                                 "Report0DLSR: 0.0000\r\n",
                                 ntp, n * 40000, n * 250, n * 40000, 13000 + n * 250),
                     "reporting");
  later(c, 5000ms, [this, c] { rtcp(c); });
}

// ---------------------------------------------------------------------------------------
// The dialplan of an answered call

const Dialplan& Simulator::dialplan(const Channel& c) const {
  const Dialplan& base = dialplan_for(config_.dialplan);
  auto own = config_.campaign_extensions.find(c.originate_context);
  if (config_.dialplan != DialplanProfile::torpedo || own == config_.campaign_extensions.end()) return base;
  auto cached = campaign_plans_.find(own->first);
  if (cached == campaign_plans_.end()) cached = campaign_plans_.emplace(own->first, with_extensions(base, own->second)).first;
  return cached->second;
}

void Simulator::run_dialplan(const ChannelPtr& c) {
  while (!c->ended) {
    const auto* priorities = extension(dialplan(*c), c->exten);
    if (!priorities || c->step >= priorities->size()) {
      pbx_hangup(c, 16);  // the dialplan ran out: Asterisk hangs up (autofallthrough)
      return;
    }
    const Priority& p = (*priorities)[c->step];
    c->app = p.app;
    c->app_data = p.data(c->vars);
    emit_channel_event(*c, "Newexten",
                       "Extension: " + c->exten + "\r\nApplication: " + c->app + "\r\nAppData: " + c->app_data + "\r\n",
                       "dialplan");
    if (!run_application(c, c->app, c->app_data)) return;
  }
}

void Simulator::resume(const ChannelPtr& c) {
  c->waiting.clear();
  ++c->step;
  run_dialplan(c);
}

// Runs one application. True when it finished at once and the dialplan goes on; false when
// it waits (a timer or a key resumes it) or the call ended.
bool Simulator::run_application(const ChannelPtr& c, const std::string& app, const std::string& data) {
  auto jump = [&](const std::string& target) {
    auto to = resolve_target(dialplan(*c), c->exten, target);
    if (!to) {
      pbx_hangup(c, 16);  // Asterisk: "Channel … sent to invalid extension" and hangs up
      return false;
    }
    c->exten = to->first;
    c->step = to->second;
    return true;
  };
  auto wait = [&](std::chrono::milliseconds length, std::function<void()> done) {
    c->waiting = app;
    const auto epoch = c->epoch;
    later(c, length, [c, epoch, done = std::move(done)] {
      if (c->epoch == epoch) done();
    });
    return false;
  };

  if (app == "NoOp" || app == "Answer") {
    ++c->step;
    return true;
  }
  if (app == "Set") {
    const auto eq = data.find('=');
    const std::string name = data.substr(0, eq), value = eq == std::string::npos ? "" : data.substr(eq + 1);
    if (name.rfind("CDR(", 0) == 0 && name.back() == ')') c->cdr_fields[name.substr(4, name.size() - 5)] = value;
    else var_set(*c, name, value);
    ++c->step;
    return true;
  }
  if (app == "GotoIf") {
    const auto q = data.find('?');
    const bool yes = data.substr(0, q) != "0" && !data.substr(0, q).empty();
    const std::string branches = q == std::string::npos ? "" : data.substr(q + 1);
    const auto colon = branches.find(':');
    const std::string target = yes ? branches.substr(0, colon) : colon == std::string::npos ? "" : branches.substr(colon + 1);
    if (target.empty()) {
      ++c->step;
      return true;
    }
    return jump(target);
  }
  if (app == "Goto") return jump(data);
  if (app == "UserEvent") {
    const auto parts = split(data, ',');
    std::string extra = "UserEvent: " + parts[0] + "\r\n";
    for (std::size_t i = 1; i < parts.size(); ++i) extra += parts[i] + "\r\n";
    emit_channel_event(*c, "UserEvent", extra, "user");
    ++c->step;
    return true;
  }
  if (app == "AMD") {
    const auto verdict = amd_verdict(c->callee.outcome);
    return wait(verdict.after, [this, c, verdict] {
      var_set(*c, "AMDSTATUS", verdict.status);
      var_set(*c, "AMDCAUSE", verdict.cause);
      resume(c);
    });
  }
  if (app == "Playback") {
    return wait(sound_length(data, config_.message_length), [this, c] {
      var_set(*c, "PLAYBACKSTATUS", "SUCCESS");
      resume(c);
    });
  }
  if (app == "WaitForSilence") {
    return wait(2500ms, [this, c] {  // the machine's greeting ends; its beep follows
      var_set(*c, "WAITSTATUS", "SILENCE");
      resume(c);
    });
  }
  if (app == "Read") {
    // Read(variable,prompt,maxdigits,options,attempts,timeout): the prompt plays (a key cuts
    // it short), then it waits `timeout` seconds for the key.
    const auto args = split(data, ',');
    c->read_var = args[0];
    const auto prompt = sound_length(args.size() > 1 ? args[1] : "", config_.message_length);
    double seconds = 0;
    try {
      seconds = args.size() > 5 && !args[5].empty() ? std::stod(args[5]) : 0;
    } catch (...) {
    }
    var_set(*c, "READSTATUS", "ERROR");
    if (c->callee.dtmf && !c->pressed) {
      // A person with a key to press does so just after hearing the prompt.
      c->pressed = true;
      later(c, prompt + 500ms, [this, c] { press(c, *c->callee.dtmf); });
    }
    const auto timeout = prompt + std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
    return wait(timeout, [this, c] {
      var_set(*c, c->read_var, "");
      var_set(*c, "READSTATUS", "TIMEOUT");
      resume(c);
    });
  }
  if (app == "Hangup") {
    pbx_hangup(c, 16);
    return false;
  }
  if (app == "Queue") return queue_join(c, data);
  // An application pbxsim does not run: Asterisk would run it; ending the call here keeps every
  // attempt finished rather than stuck.
  pbx_hangup(c, 16);
  return false;
}

// Queue(name,options,URL,announce,timeout), as queue-status-with-callers recorded it: the
// caller joins with music on hold and, with no member answering, leaves at the timeout as an
// abandon (Asterisk reports a timeout that way too), QUEUESTATUS=TIMEOUT.
bool Simulator::queue_join(const ChannelPtr& c, const std::string& data) {
  const auto args = split(data, ',');
  const Queue* queue = nullptr;
  for (const auto& q : config_.queues)
    if (!args.empty() && q.name == args[0]) queue = &q;
  if (!queue) {  // Asterisk: "Unable to join queue", and the dialplan goes on
    ++c->step;
    return true;
  }
  double seconds = 300;
  try {
    if (args.size() > 4 && !args[4].empty()) seconds = std::stod(args[4]);
  } catch (...) {
  }
  for (const char* v : {"ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "QUEUEWAIT", "QUEUEWAIT_MS"})
    var_set(*c, v, "");
  auto& callers = queue_callers_[queue->name];
  if (callers.empty())
    emit("call", "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: Queue:" + queue->name +
                     "\r\nState: RINGING\r\n\r\n");
  callers.push_back({c, clock_.now_ms(), static_cast<int>(callers.size() + 1)});
  c->queue = queue->name;
  emit_channel_event(*c, "QueueCallerJoin",
                     fmt::format("Queue: {}\r\nPosition: {}\r\nCount: {}\r\n", queue->name, callers.size(), callers.size()),
                     "agent");
  emit_channel_event(*c, "MusicOnHoldStart", "Class: " + queue->music_class + "\r\n");
  c->waiting = "Queue";
  const auto epoch = c->epoch;
  later(c, std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000)), [this, c, epoch] {
    if (c->epoch != epoch) return;
    queue_leave(c, true);
    resume(c);
  });
  return false;
}

std::string Simulator::caller_entry(const std::string& queue, int position, const QueueCaller& caller,
                                    const std::string& id) const {
  const Channel& c = *caller.channel;
  return fmt::format(
      "Event: QueueEntry\r\nQueue: {}\r\nPosition: {}\r\nChannel: {}\r\nUniqueid: {}\r\nCallerIDNum: {}\r\n"
      "CallerIDName: {}\r\nConnectedLineNum: {}\r\nConnectedLineName: {}\r\nWait: {}\r\nPriority: 0\r\n{}\r\n",
      queue, position, c.name, c.uniqueid, c.caller_num, c.caller_name, c.connected_num, c.connected_name,
      (clock_.now_ms() - caller.joined_at) / 1000, id.empty() ? std::string() : "ActionID: " + id + "\r\n");
}

void Simulator::queue_leave(const ChannelPtr& c, bool timed_out) {
  auto& callers = queue_callers_[c->queue];
  auto it = std::find_if(callers.begin(), callers.end(), [&](const QueueCaller& q) { return q.channel == c; });
  if (it == callers.end()) return;
  const int position = static_cast<int>(it - callers.begin()) + 1;
  const auto waited_ms = clock_.now_ms() - it->joined_at;
  const int original = it->original_position;
  if (timed_out) var_set(*c, "ABANDONED", "TRUE");
  emit_channel_event(*c, "QueueCallerAbandon",
                     fmt::format("Queue: {}\r\nPosition: {}\r\nOriginalPosition: {}\r\nHoldTime: {}\r\n", c->queue,
                                 position, original, waited_ms / 1000),
                     "agent");
  if (timed_out) {
    const auto dialed_ms = clock_.now_ms() - c->started_at;
    var_set(*c, "QUEUEWAIT", std::to_string(waited_ms / 1000));
    var_set(*c, "QUEUEWAIT_MS", std::to_string(waited_ms));
    var_set(*c, "DIALEDTIME", std::to_string(dialed_ms / 1000));
    var_set(*c, "DIALEDTIME_MS", std::to_string(dialed_ms));
    var_set(*c, "ANSWEREDTIME", "0");
    var_set(*c, "ANSWEREDTIME_MS", "0");
  }
  emit_channel_event(*c, "MusicOnHoldStop", "");
  callers.erase(it);
  if (callers.empty())
    emit("call", "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: Queue:" + c->queue +
                     "\r\nState: NOT_INUSE\r\n\r\n");
  emit_channel_event(*c, "QueueCallerLeave",
                     fmt::format("Queue: {}\r\nPosition: {}\r\nCount: {}\r\n", c->queue, position, callers.size()),
                     "agent");
  if (timed_out) {
    var_set(*c, "QUEUEPOSITION", std::to_string(position));
    var_set(*c, "QUEUESTATUS", "TIMEOUT");
  }
  c->queue.clear();
}

void Simulator::press(const ChannelPtr& c, char digit) {
  const std::string d(1, digit);
  emit_channel_event(*c, "DTMFBegin", "Digit: " + d + "\r\nDirection: Received\r\n", "dtmf");
  later(c, 100ms, [this, c, d] {
    emit_channel_event(*c, "DTMFEnd", "Digit: " + d + "\r\nDurationMs: 100\r\nDirection: Received\r\n", "dtmf");
    if (c->waiting != "Read") return;  // a key during Playback or AMD is heard and ignored
    ++c->epoch;
    var_set(*c, c->read_var, d);
    var_set(*c, "READSTATUS", "OK");
    resume(c);
  });
}

// What the waiting application sets when the call ends under it.
void Simulator::interrupt_application(const ChannelPtr& c) {
  ++c->epoch;
  if (c->waiting == "Read") {
    var_set(*c, c->read_var, "");
    var_set(*c, "READSTATUS", "HANGUP");
  } else if (c->waiting == "Playback") {
    var_set(*c, "PLAYBACKSTATUS", "SUCCESS");  // as recorded: a hangup mid-file still says SUCCESS
  } else if (c->waiting == "AMD") {
    var_set(*c, "AMDSTATUS", "HANGUP");
    var_set(*c, "AMDCAUSE", "");
  } else if (c->waiting == "WaitForSilence") {
    var_set(*c, "WAITSTATUS", "HANGUP");
  } else if (c->waiting == "Queue") {
    queue_leave(c, false);
  }
  c->waiting.clear();
}

namespace {
// chan_pjsip's RTP statistics, set as variables when an answered channel goes away.
std::vector<std::pair<std::string, std::string>> rtp_qos(std::int64_t talk_ms) {
  const auto packets = std::max<std::int64_t>(talk_ms / 20, 1);
  return {
      {"RTPAUDIOQOS", fmt::format("ssrc=439661208;themssrc=1067460215;lp=0;rxjitter=0.000250;rxcount={};"
                                  "txjitter=0.000125;txcount={};rlp=0;rtt=0.000335;rxmes=88.084574;txmes=88.087887",
                                  packets, packets)},
      {"RTPAUDIOQOSJITTER", "minrxjitter=000.000000;maxrxjitter=000.000250;avgrxjitter=000.000057;"
                            "stdevrxjitter=000.000063;mintxjitter=000.000250;maxtxjitter=000.000250;"
                            "avgtxjitter=000.000250;stdevtxjitter=000.000000;"},
      {"RTPAUDIOQOSLOSS", "  minrxlost=000.000000;  maxrxlost=000.000000;  avgrxlost=000.000000;  "
                          "stdevrxlost=000.000000;  mintxlost=000.000000;  maxtxlost=000.000000;  "
                          "avgtxlost=000.000000;  stdevtxlost=000.000000;"},
      {"RTPAUDIOQOSRTT", "     minrtt=000.000335;     maxrtt=000.000335;     avgrtt=000.000335;     "
                         "stdevrtt=000.000000;"},
      {"RTPAUDIOQOSMES", "   minrxmes=088.087887;   maxrxmes=088.087887;   avgrxmes=088.087887;   "
                         "stdevrxmes=000.000000;   mintxmes=088.084574;   maxtxmes=088.084574;   "
                         "avgtxmes=088.084574;   stdevtxmes=000.000000;"},
  };
}
}  // namespace

// The far end hung up (BYE): RTP statistics first, then the request, then the dialplan stops.
void Simulator::callee_hangup(const ChannelPtr& c) {
  for (const auto& [name, value] : rtp_qos(clock_.now_ms() - c->answered_at)) var_set(*c, name, value);
  emit_channel_event(*c, "HangupRequest", "Cause: 16\r\n");
  interrupt_application(c);
  emit_channel_event(*c, "SoftHangupRequest", "Cause: 16\r\n");
  hangup(c, 16, std::nullopt);
  cdr(*c, "ANSWERED");
  device_state(c->endpoint);
}

// The pbx ends an answered call: Hangup() in the dialplan, or the AMI Hangup action.
void Simulator::pbx_hangup(const ChannelPtr& c, int cause) {
  emit_channel_event(*c, "SoftHangupRequest", "Cause: 16\r\n");  // 16 = AST_SOFTHANGUP_APPUNLOAD, not Q.850
  end_answered(c, cause);
}

void Simulator::end_answered(const ChannelPtr& c, int cause) {
  for (const auto& [name, value] : rtp_qos(clock_.now_ms() - c->answered_at)) var_set(*c, name, value);
  hangup(c, cause, std::nullopt);
  cdr(*c, "ANSWERED");
  device_state(c->endpoint);
}

// ---------------------------------------------------------------------------------------
// Hangup action and restart

Simulator::Result Simulator::hangup_action(const ami::Message& a, const std::string& id) {
  Result r;
  const std::string target(a.get_or("Channel"));
  int cause = 16;
  try {
    if (auto v = a.get("Cause"); v && !v->empty()) cause = std::stoi(std::string(*v));
  } catch (...) {
  }
  if (target.empty()) {
    r.reply = head("Error", id) + "Message: No channel specified\r\n\r\n";
    return r;
  }
  // Asterisk finds a channel by name or by uniqueid.
  ChannelPtr c;
  if (auto it = channels_.find(target); it != channels_.end()) c = it->second;
  for (const auto& [uid, ch] : channels_)
    if (!c && ch->name == target) c = ch;
  if (!c || !scheduler_) {
    r.reply = head("Error", id) + "Message: No such channel\r\n\r\n";
    return r;
  }
  r.reply = head("Success", id) + "Message: Channel Hungup\r\n\r\n";
  // The events follow the response, so they run after it is written.
  later(c, 0ms, [this, c, cause] {
    if (c->answered) {
      interrupt_application(c);
      pbx_hangup(c, cause);
      return;
    }
    // Cancelled while dialing or ringing: the Originate fails.
    emit("call", "Event: DialEnd\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialStatus: NOANSWER\r\n\r\n");
    originate_response(*c, false, 0);
    hangup(c, cause, std::nullopt);
    cdr(*c, "NO ANSWER");
    device_state(c->endpoint);
  });
  return r;
}

void Simulator::restart(std::chrono::milliseconds downtime) {
  // Snapshot: hanging up erases from channels_.
  std::vector<ChannelPtr> live;
  for (const auto& [uid, c] : channels_) live.push_back(c);
  for (const auto& c : live) {
    emit_channel_event(*c, "SoftHangupRequest", "Cause: 4\r\n");  // 4 = AST_SOFTHANGUP_SHUTDOWN
    if (c->answered) {
      interrupt_application(c);
      emit_channel_event(*c, "SoftHangupRequest", "Cause: 16\r\n");
      for (const auto& [name, value] : rtp_qos(clock_.now_ms() - c->answered_at)) var_set(*c, name, value);
      hangup(c, 0, std::nullopt);
      device_state(c->endpoint);
      cdr(*c, "ANSWERED");
    } else {
      originate_response(*c, false, 0);
      hangup(c, 0, std::nullopt);
      device_state(c->endpoint);
      cdr(*c, "NO ANSWER");
    }
  }
  emit("system", "Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\nRestart: True\r\n\r\n");
  // A new process: new start time, channel names from 00000000, no processed calls.
  channels_.clear();
  {
    std::lock_guard lock(ledger_mutex_);
    live_numbers_.clear();
    live_endpoints_.clear();
    ledger_.live = 0;
  }
  device_states_.clear();
  queue_callers_.clear();
  next_channel_ = 0;
  processed_calls_ = 0;
  started_at_ = reloaded_at_ = clock_.now_ms() + downtime.count();
}

}  // namespace torpedo::pbxsim
