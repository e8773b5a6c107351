#include "pbxsim/simulator.h"

#include <ctime>

#include <fmt/format.h>

#include "ami/client.h"  // md5_key
#include "common/strings.h"

namespace torpedo::pbxsim {
namespace {

using ami::Message;

std::string lower(std::string_view s) { return ascii_lower(s); }

// "Response: <r>\r\nActionID: <id>\r\n" — the ActionID line only when the action had one.
std::string head(const std::string& response, const std::string& id) {
  std::string out = "Response: " + response + "\r\n";
  if (!id.empty()) out += "ActionID: " + id + "\r\n";
  return out;
}

std::string error(const std::string& id, const std::string& message) {
  return head("Error", id) + "Message: " + message + "\r\n\r\n";
}

std::string action_id_line(const std::string& id) { return id.empty() ? "" : "ActionID: " + id + "\r\n"; }

std::string utc(EpochMs ms, const char* format) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

bool known_module(const std::string& m) {
  static const std::set<std::string> modules = {
      "res_pjsip.so",   "chan_pjsip.so",     "app_queue.so", "res_musiconhold.so", "pbx_config.so",
      "app_amd.so",     "cdr_manager.so",    "manager",      "cdr",                "res_pjsip_outbound_registration.so",
      "res_http_media_cache.so", "res_pjsip_endpoint_identifier_ip.so"};
  return modules.count(m) > 0;
}

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::busy: return "busy";
    case Outcome::congestion: return "congestion";
    case Outcome::unallocated: return "unallocated";
    case Outcome::reject: return "reject";
    case Outcome::unavailable: return "unavailable";
    case Outcome::noanswer: return "noanswer";
    case Outcome::unreachable: return "unreachable";
  }
  return "noanswer";
}

std::optional<Outcome> outcome_from_string(const std::string& s) {
  for (auto o : {Outcome::busy, Outcome::congestion, Outcome::unallocated, Outcome::reject, Outcome::unavailable,
                 Outcome::noanswer, Outcome::unreachable})
    if (s == to_string(o)) return o;
  return std::nullopt;
}

std::vector<Rule> parse_rules(const std::string& text) {
  std::vector<Rule> rules;
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
      std::size_t j = i;
      while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
      if (j > i) words.push_back(line.substr(i, j - i));
      i = j;
    }
    if (words.empty()) continue;
    auto fail = [&](const std::string& why) {
      throw std::invalid_argument("rules line " + std::to_string(number) + ": " + why);
    };
    if (words.size() < 2) fail("expected PREFIX OUTCOME [trunk=NAME]");
    Rule r;
    r.prefix = words[0];
    if (r.prefix != "*" && r.prefix.find_first_not_of("0123456789+") != std::string::npos)
      fail("the prefix must be digits or *");
    auto outcome = outcome_from_string(words[1]);
    if (!outcome) fail("unknown or not yet simulated outcome \"" + words[1] + "\"");
    r.outcome = *outcome;
    for (std::size_t k = 2; k < words.size(); ++k) {
      if (words[k].rfind("trunk=", 0) == 0) r.endpoint = words[k].substr(6);
      else fail("unknown option \"" + words[k] + "\"");
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

bool Session::wants(const std::string& event_class) const {
  const std::string e = lower(events);
  if (e.empty() || e == "on" || e == "yes" || e == "true") return true;
  if (e == "off" || e == "no" || e == "false") return false;
  std::size_t start = 0;
  while (start <= e.size()) {
    auto comma = e.find(',', start);
    std::string item = e.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item == event_class || item == "all") return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

SimConfig lab_config(std::string secret) {
  SimConfig c;
  c.secret = std::move(secret);
  c.endpoints = {
      {"agent1001", "agent1001", "transport-udp", std::nullopt, "", "Unavailable", std::nullopt, 1},
      {"agent1002", "agent1002", "transport-udp", std::nullopt, "", "Unavailable", std::nullopt, 1},
      {"carrier", "carrier", "transport-udp", "carrier/sip:127.0.0.1:5070", "b0e9390783", "Not in use",
       "127.0.0.1:5070/32", 0},
      {"carrier-down", "carrier-down", "transport-udp", "carrier-down/sip:127.0.0.1:5099", "ec2ac809ed", "Not in use",
       std::nullopt, 0},
  };
  c.queues = {{"support", "ringall", 0,
               {{"Agent 1001", "PJSIP/agent1001", 0, false, 5}, {"Agent 1002", "PJSIP/agent1002", 0, false, 5}}}};
  c.registrations = {{"carrier-reg", "sip:127.0.0.1:5070", "sip:torpedo-pbx@127.0.0.1:5070", "torpedo-pbx"}};
  for (auto& e : c.endpoints)
    if (e.name.rfind("agent", 0) == 0) e.context = "from-agents";
  // The lab carrier's number prefixes (carrier-extensions.conf) for the outcomes simulated so far.
  c.rules = {{"*", "carrier-down", Outcome::unreachable}, {"551120", std::nullopt, Outcome::busy},
             {"551130", std::nullopt, Outcome::noanswer},  {"551140", std::nullopt, Outcome::congestion},
             {"559990", std::nullopt, Outcome::unallocated}, {"551210", std::nullopt, Outcome::reject},
             {"551220", std::nullopt, Outcome::unavailable}};
  return c;
}

struct Simulator::Channel {
  std::string name;        // PJSIP/carrier-00000002
  std::string uniqueid;    // the Originate ChannelId
  std::string endpoint;
  std::string number;
  std::string action_id;
  std::string originate_context;
  std::string context = "from-carrier";
  int state = 0;
  std::string caller_num = "<unknown>", caller_name = "<unknown>";
  std::string connected_num = "<unknown>", connected_name = "<unknown>";
  std::string cid_num, cid_name;
  std::map<std::string, std::string> vars;
  EpochMs started_at = 0;
  bool ended = false;
};

Simulator::Simulator(SimConfig config, const Clock& clock, std::function<std::string()> challenge)
    : config_(std::move(config)),
      clock_(clock),
      challenge_(std::move(challenge)),
      started_at_(clock.now_ms()),
      reloaded_at_(started_at_) {}

Simulator::Result Simulator::handle(Session& s, const Message& a) {
  const std::string action = lower(std::string(a.get_or("Action")));
  const std::string id(a.action_id());
  Result r;

  if (action == "login") {
    r.reply = login(s, a, id);
    return r;
  }
  if (action == "challenge") {
    if (lower(std::string(a.get_or("AuthType"))) != "md5") {
      r.reply = error(id, "Must specify AuthType");
      return r;
    }
    s.challenge = challenge_();
    r.reply = head("Success", id) + "Challenge: " + s.challenge + "\r\n\r\n";
    return r;
  }
  if (action == "logoff") {
    s.close = true;
    r.reply = head("Goodbye", id) + "Message: Thanks for all the fish.\r\n\r\n";
    return r;
  }
  if (!s.authenticated) {
    r.reply = error(id, "Permission denied");
    return r;
  }

  const EpochMs now = clock_.now_ms();
  if (action == "ping") {
    r.reply = head("Success", id) + fmt::format("Ping: Pong\r\nTimestamp: {}.{:06}\r\n\r\n", now / 1000, (now % 1000) * 1000);
  } else if (action == "corestatus") {
    r.reply = head("Success", id) +
              fmt::format("CoreStartupDate: {}\r\nCoreStartupTime: {}\r\nCoreReloadDate: {}\r\nCoreReloadTime: {}\r\n"
                          "CoreCurrentCalls: {}\r\nCoreProcessedCalls: {}\r\n\r\n",
                          utc(started_at_, "%Y-%m-%d"), utc(started_at_, "%H:%M:%S"), utc(reloaded_at_, "%Y-%m-%d"),
                          utc(reloaded_at_, "%H:%M:%S"), live_channels(), processed_calls_);
  } else if (action == "coresettings") {
    r.reply = head("Success", id) +
              fmt::format("AMIversion: {}\r\nAsteriskVersion: {}\r\nSystemName: \r\nCoreMaxCalls: {}\r\n"
                          "CoreMaxLoadAvg: 0.000000\r\nCoreRunUser: \r\nCoreRunGroup: \r\nCoreMaxFilehandles: 0\r\n"
                          "CoreRealTimeEnabled: No\r\nCoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\n"
                          "SoundsSearchCustomDir: No\r\n\r\n",
                          config_.ami_version, config_.asterisk_version, config_.core_max_calls);
  } else if (action == "coreshowchannels") {
    r.reply = head("Success", id) + "EventList: start\r\nMessage: Channels will follow\r\n\r\n";
    for (const auto& [uid, c] : channels_) {
      const auto seconds = (now - c->started_at) / 1000;
      r.reply += "Event: CoreShowChannel\r\n" + action_id_line(id) + channel_block(*c, "") +
                 fmt::format("Application: AppDial2\r\nApplicationData: (Outgoing Line)\r\nDuration: {:02}:{:02}:{:02}\r\n"
                             "BridgeId: \r\n\r\n",
                             seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    r.reply += "Event: CoreShowChannelsComplete\r\n" + action_id_line(id) +
               fmt::format("EventList: Complete\r\nListItems: {}\r\n\r\n", channels_.size());
  } else if (action == "command") {
    r.reply = command(std::string(a.get_or("Command")), id);
  } else if (action == "reload") {
    return reload(std::string(a.get_or("Module")), id, false);
  } else if (action == "moduleload") {
    if (lower(std::string(a.get_or("LoadType"))) != "reload") {
      r.reply = error(id, "Incomplete ModuleLoad action.");
      return r;
    }
    return reload(std::string(a.get_or("Module")), id, true);
  } else if (action == "queuestatus") {
    r.reply = queue_status(std::string(a.get_or("Queue")), id);
  } else if (action == "queuesummary") {
    r.reply = queue_summary(std::string(a.get_or("Queue")), id);
  } else if (action == "pjsipshowendpoints") {
    r.reply = pjsip_endpoints(id);
  } else if (action == "pjsipshowregistrationsoutbound") {
    r.reply = pjsip_registrations(id);
  } else if (action == "originate") {
    return originate(a, id);
  } else {
    r.reply = error(id, "Invalid/unknown command");
  }
  return r;
}

std::string Simulator::login(Session& s, const Message& a, const std::string& id) {
  bool ok = std::string(a.get_or("Username")) == config_.user;
  if (lower(std::string(a.get_or("AuthType"))) == "md5") {
    ok = ok && !s.challenge.empty() && std::string(a.get_or("Key")) == ami::md5_key(s.challenge, config_.secret);
  } else {
    ok = ok && std::string(a.get_or("Secret")) == config_.secret;
  }
  if (!ok) {
    s.close = true;  // Asterisk answers, then closes the connection
    return error(id, "Authentication failed");
  }
  s.authenticated = true;
  if (auto events = a.get("Events")) s.events = std::string(*events);
  std::string out = head("Success", id) + "Message: Authentication accepted\r\n\r\n";
  if (s.wants("system")) {
    const EpochMs now = clock_.now_ms();
    out += fmt::format(
        "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: {}\r\nLastReload: {}\r\nStatus: Fully Booted\r\n\r\n",
        (now - started_at_) / 1000, (now - reloaded_at_) / 1000);
  }
  return out;
}

std::string Simulator::command(const std::string& cli, const std::string& id) const {
  std::vector<std::string> lines;
  if (cli == "core show version") {
    lines = {config_.build_line};
  } else if (cli == "pjsip show endpoints") {
    lines = {"",
             " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>",
             "    I/OAuth:  <AuthId/UserName...........................................................>",
             "        Aor:  <Aor............................................>  <MaxContact>",
             "      Contact:  <Aor/ContactUri..........................> <Hash....> <Status> <RTT(ms)..>",
             "  Transport:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress..................>",
             "   Identify:  <Identify/Endpoint.........................................................>",
             "        Match:  <criteria.........................>",
             "    Channel:  <ChannelId......................................>  <State.....>  <Time.....>",
             "        Exten: <DialedExten...........>  CLCID: <ConnectedLineCID.......>",
             "==========================================================================================",
             ""};
    for (const auto& e : config_.endpoints) {
      lines.push_back(fmt::format(" Endpoint:  {:<53}{:<14}0 of inf", e.name, e.device_state));
      lines.push_back(fmt::format("        Aor:  {:<51}{}", e.aor, e.max_contacts));
      if (e.contact) lines.push_back(fmt::format("      Contact:  {:<43}{} NonQual         nan", *e.contact, e.contact_hash));
      lines.push_back(fmt::format("  Transport:  {:<26}udp      0      0  {}", e.transport, config_.local_address));
      if (e.identify_match) {
        lines.push_back(fmt::format("   Identify:  {}/{}", e.name, e.name));
        lines.push_back(fmt::format("        Match: {}", *e.identify_match));
      }
      lines.push_back("");
    }
    lines.push_back("");
    lines.push_back(fmt::format("Objects found: {}", config_.endpoints.size()));
    lines.push_back("");
  } else {
    return head("Error", id) + "Message: Command output follows\r\nOutput: No such command '" + cli +
           "' (type 'core show help " + cli + "' for other possible commands)\r\n\r\n";
  }
  std::string out = head("Success", id) + "Message: Command output follows\r\n";
  for (const auto& l : lines) out += "Output: " + l + "\r\n";
  return out + "\r\n";
}

Simulator::Result Simulator::reload(const std::string& module, const std::string& id, bool module_load) {
  Result r;
  const bool known = module.empty() || known_module(module);
  if (known) {
    r.reply = head("Success", id) + (module_load ? "Message: Module reloaded.\r\n\r\n" : "Message: Module Reloaded\r\n\r\n");
    reloaded_at_ = clock_.now_ms();
    if (!module.empty())
      r.events.push_back({"system", "Event: Reload\r\nPrivilege: system,all\r\nModule: " + module + "\r\nStatus: 0\r\n\r\n"});
    return r;
  }
  if (module_load) {
    r.reply = error(id, "Module not found.");
    return r;
  }
  // Asterisk answers an unknown module with an error and still announces the attempt.
  r.reply = error(id, "No such module");
  r.events.push_back({"system", "Event: Reload\r\nPrivilege: system,all\r\nModule: " + module + "\r\nStatus: 2\r\n\r\n"});
  return r;
}

std::string Simulator::queue_status(const std::string& queue, const std::string& id) const {
  std::string out = head("Success", id) + "EventList: start\r\nMessage: Queue status will follow\r\n\r\n";
  int items = 0;
  const std::string login_time = std::to_string(started_at_ / 1000);
  for (const auto& q : config_.queues) {
    if (!queue.empty() && q.name != queue) continue;
    out += fmt::format(
        "Event: QueueParams\r\nQueue: {}\r\nMax: {}\r\nStrategy: {}\r\nCalls: 0\r\nHoldtime: 0\r\nTalkTime: 0\r\n"
        "Completed: 0\r\nAbandoned: 0\r\nServiceLevel: 0\r\nServicelevelPerf: 0.0\r\nServicelevelPerf2: 0.0\r\n"
        "Weight: 0\r\n{}\r\n",
        q.name, q.max, q.strategy, action_id_line(id));
    ++items;
    for (const auto& m : q.members) {
      out += fmt::format(
          "Event: QueueMember\r\nQueue: {}\r\nName: {}\r\nLocation: {}\r\nStateInterface: {}\r\nMembership: static\r\n"
          "Penalty: {}\r\nCallsTaken: 0\r\nLastCall: 0\r\nLastPause: 0\r\nLoginTime: {}\r\nInCall: 0\r\nStatus: {}\r\n"
          "Paused: {}\r\nPausedReason: \r\nWrapuptime: 0\r\n{}\r\n",
          q.name, m.name, m.interface, m.interface, m.penalty, login_time, m.status, m.paused ? 1 : 0,
          action_id_line(id));
      ++items;
    }
  }
  return out + "Event: QueueStatusComplete\r\n" + action_id_line(id) + fmt::format("EventList: Complete\r\nListItems: {}\r\n\r\n", items);
}

std::string Simulator::queue_summary(const std::string& queue, const std::string& id) const {
  std::string out = head("Success", id) + "EventList: start\r\nMessage: Queue summary will follow\r\n\r\n";
  int items = 0;
  for (const auto& q : config_.queues) {
    if (!queue.empty() && q.name != queue) continue;
    int logged_in = 0, available = 0;
    for (const auto& m : q.members) {
      // Unavailable (5) and invalid (4) members are not logged in; "not in use" (1) and idle are available.
      if (m.status != 5 && m.status != 4) ++logged_in;
      if (!m.paused && (m.status == 1 || m.status == 0)) ++available;
    }
    out += fmt::format(
        "Event: QueueSummary\r\nQueue: {}\r\nLoggedIn: {}\r\nAvailable: {}\r\nCallers: 0\r\nHoldTime: 0\r\n"
        "TalkTime: 0\r\nLongestHoldTime: 0\r\n{}\r\n",
        q.name, logged_in, available, action_id_line(id));
    ++items;
  }
  return out + "Event: QueueSummaryComplete\r\n" + action_id_line(id) + fmt::format("EventList: Complete\r\nListItems: {}\r\n\r\n", items);
}

std::string Simulator::pjsip_endpoints(const std::string& id) const {
  std::string out = head("Success", id) +
                    "EventList: start\r\nMessage: A listing of Endpoints follows, presented as EndpointList events\r\n\r\n";
  for (const auto& e : config_.endpoints) {
    out += "Event: EndpointList\r\n" + action_id_line(id) +
           fmt::format("ObjectType: endpoint\r\nObjectName: {}\r\nTransport: {}\r\nAor: {}\r\nAuths: \r\nOutboundAuths: \r\n"
                       "Contacts: {}\r\nDeviceState: {}\r\nActiveChannels: 0\r\n\r\n",
                       e.name, e.transport, e.aor, e.contact ? *e.contact + "," : "", e.device_state);
  }
  return out + "Event: EndpointListComplete\r\n" + action_id_line(id) +
         fmt::format("EventList: Complete\r\nListItems: {}\r\n\r\n", config_.endpoints.size());
}

std::string Simulator::pjsip_registrations(const std::string& id) const {
  std::string out = head("Success", id) +
                    "EventList: start\r\nMessage: Following are Events for each Outbound registration\r\n\r\n";
  int registered = 0;
  for (const auto& g : config_.registrations) {
    registered += g.status == "Registered";
    out += "Event: OutboundRegistrationDetail\r\n" + action_id_line(id) +
           fmt::format("ObjectType: registration\r\nObjectName: {}\r\nMaxRetries: 10000\r\nClientUri: {}\r\n"
                       "SecurityNegotiation: no\r\nAuthRejectionPermanent: true\r\nServerUri: {}\r\n"
                       "MaxRandomInitialDelay: 10\r\nSupportPath: false\r\nRetryInterval: 30\r\nContactHeaderParams: \r\n"
                       "Expiration: 3600\r\nTransport: transport-udp\r\nLine: false\r\nContactUser: {}\r\nEndpoint: \r\n"
                       "UserAgent: \r\nForbiddenRetryInterval: 0\r\nOutboundAuth: \r\nOutboundProxy: \r\n"
                       "FatalRetryInterval: 0\r\nSupportOutbound: no\r\nStatus: {}\r\nNextReg: 0\r\n\r\n",
                       g.name, g.client_uri, g.server_uri, g.contact_user, g.status);
  }
  return out + "Event: OutboundRegistrationDetailComplete\r\n" + action_id_line(id) +
         fmt::format("EventList: Complete\r\nListItems: {}\r\nRegistered: {}\r\nNotRegistered: {}\r\n\r\n",
                     config_.registrations.size(), registered, config_.registrations.size() - registered);
}

// ---------------------------------------------------------------------------------------
// Calls

namespace {

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

}  // namespace

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

Outcome Simulator::outcome_for(const std::string& number, const std::string& endpoint) const {
  for (const auto& r : config_.rules) {
    if (r.endpoint && *r.endpoint != endpoint) continue;
    if (r.prefix == "*" || number.rfind(r.prefix, 0) == 0) return r.outcome;
  }
  return Outcome::noanswer;
}

std::string Simulator::channel_block(const Channel& c, const std::string& p) const {
  std::string out = fmt::format(
      "{p}Channel: {}\r\n{p}ChannelState: {}\r\n{p}ChannelStateDesc: {}\r\n{p}CallerIDNum: {}\r\n"
      "{p}CallerIDName: {}\r\n{p}ConnectedLineNum: {}\r\n{p}ConnectedLineName: {}\r\n{p}Language: en\r\n"
      "{p}AccountCode: \r\n{p}Context: {}\r\n{p}Exten: s\r\n{p}Priority: 1\r\n{p}Uniqueid: {}\r\n{p}Linkedid: {}\r\n",
      c.name, c.state, state_desc(c.state), c.caller_num, c.caller_name, c.connected_num, c.connected_name, c.context,
      c.uniqueid, c.uniqueid, fmt::arg("p", p));
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

void Simulator::originate_response(const Channel& c, bool success, int reason) {
  emit("call", "Event: OriginateResponse\r\nPrivilege: call,all\r\n" + action_id_line(c.action_id) +
                   fmt::format("Response: {}\r\nChannel: {}\r\nContext: {}\r\nExten: s\r\nReason: {}\r\n"
                               "Uniqueid: {}\r\nCallerIDNum: {}\r\nCallerIDName: {}\r\n\r\n",
                               success ? "Success" : "Failure",
                               success ? c.name : "PJSIP/" + c.number + "@" + c.endpoint, c.originate_context,
                               reason, c.uniqueid, c.cid_num, c.cid_name));
}

void Simulator::cdr(const Channel& c, const std::string& disposition) {
  const EpochMs now = clock_.now_ms();
  emit("cdr", fmt::format("Event: Cdr\r\nPrivilege: cdr,all\r\nAccountCode: \r\nSource: {}\r\nDestination: s\r\n"
                          "DestinationContext: {}\r\nCallerID: \"{}\" <{}>\r\nChannel: {}\r\nDestinationChannel: \r\n"
                          "LastApplication: AppDial2\r\nLastData: (Outgoing Line)\r\nStartTime: {}\r\nAnswerTime: \r\n"
                          "EndTime: {}\r\nDuration: {}\r\nBillableSeconds: 0\r\nDisposition: {}\r\n"
                          "AMAFlags: DOCUMENTATION\r\nUniqueID: {}\r\nUserField: \r\nTorpedoCampaign: \r\n"
                          "TorpedoContact: \r\nTorpedoDTMF: \r\nTorpedoAMD: \r\n\r\n",
                          c.caller_num, c.context, c.caller_name, c.caller_num, c.name,
                          utc(c.started_at, "%Y-%m-%d %H:%M:%S"), utc(now, "%Y-%m-%d %H:%M:%S"),
                          (now - c.started_at) / 1000, disposition, c.uniqueid));
}

void Simulator::hangup(const std::shared_ptr<Channel>& c, int cause, std::optional<int> tech_cause) {
  std::string extra = fmt::format("Cause: {}\r\nCause-txt: {}\r\n", cause, cause_text(cause));
  if (tech_cause) extra += fmt::format("TechCause: {}\r\n", *tech_cause);
  emit_channel_event(*c, "Hangup", extra);
  c->ended = true;
  channels_.erase(c->uniqueid);
}

Simulator::Result Simulator::originate(const ami::Message& a, const std::string& id) {
  Result r;
  if (!scheduler_) {
    r.reply = error(id, "Originate failed");
    return r;
  }
  const std::string channel(a.get_or("Channel"));
  const bool async = lower(std::string(a.get_or("Async"))) == "true" || lower(std::string(a.get_or("Async"))) == "yes";
  auto c = std::make_shared<Channel>();
  c->action_id = id;
  c->uniqueid = std::string(a.get_or("ChannelId"));
  if (c->uniqueid.empty()) c->uniqueid = fmt::format("pbxsim-{}.{}", started_at_ / 1000, next_channel_);
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
  if (!endpoint || c->number.empty()) {
    if (!async) {
      r.reply = error(id, "Originate failed");  // a synchronous Originate reports nothing else
      return r;
    }
    r.reply = head("Success", id) + "Message: Originate successfully queued\r\n\r\n";
    scheduler_->after(std::chrono::milliseconds(0), [this, c] { originate_response(*c, false, 0); });
    return r;
  }
  if (!async) {
    r.reply = error(id, "Originate failed");  // pbxsim simulates asynchronous originates only
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
  channels_[c->uniqueid] = c;
  ++processed_calls_;
  const Outcome outcome = outcome_for(c->number, c->endpoint);

  r.reply = head("Success", id) + "Message: Originate successfully queued\r\n\r\n";
  scheduler_->after(std::chrono::milliseconds(0), [this, c, variables, outcome, timeout] {
    emit_channel_event(*c, "Newchannel", "");
    emit_channel_event(*c, "Newexten", "Extension: s\r\nApplication: AppDial2\r\nAppData: (Outgoing Line)\r\n", "dialplan");
    for (auto it = variables.rbegin(); it != variables.rend(); ++it) {
      c->vars[it->first] = it->second;
      emit_channel_event(*c, "VarSet", "Variable: " + it->first + "\r\nValue: " + it->second + "\r\n", "dialplan");
    }
    c->caller_num = c->cid_num;
    c->caller_name = c->cid_name;
    emit_channel_event(*c, "NewCallerid", "CID-CallingPres: 0 (Presentation Allowed, Not Screened)\r\n");
    c->connected_num = c->cid_num;
    c->connected_name = c->cid_name;
    emit_channel_event(*c, "NewConnectedLine", "");
    emit("call", "Event: DialBegin\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialString: " + c->number +
                     "@" + c->endpoint + "\r\n\r\n");
    run_failure(c, outcome, timeout);
  });
  return r;
}

void Simulator::run_failure(const std::shared_ptr<Channel>& c, Outcome outcome, std::chrono::milliseconds timeout) {
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
      scheduler_->after(scaled(timeout), [this, c] {
        originate_response(*c, false, 3);
        cdr(*c, "NO ANSWER");
        hangup(c, 19, 480);
      });
      return;
    case Outcome::noanswer:
      c->state = 5;
      emit_channel_event(*c, "Newstate", "");
      emit("call", "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/" + c->endpoint + "\r\nState: RINGING\r\n\r\n");
      emit("call", "Event: DialState\r\nPrivilege: call,all\r\n" + channel_block(*c, "Dest") + "DialStatus: RINGING\r\n\r\n");
      scheduler_->after(scaled(timeout), [this, c] {
        originate_response(*c, false, 3);
        cdr(*c, "NO ANSWER");
        hangup(c, 19, 480);
        emit("call", "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/" + c->endpoint +
                         "\r\nState: NOT_INUSE\r\n\r\n");
      });
      return;
  }
}

}  // namespace torpedo::pbxsim
