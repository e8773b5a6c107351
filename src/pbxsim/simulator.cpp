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
  c.queues = {{"support", "ringall", 0, "default",
               {{"Agent 1001", "PJSIP/agent1001", 0, false, 5}, {"Agent 1002", "PJSIP/agent1002", 0, false, 5}}}};
  c.registrations = {{"carrier-reg", "sip:127.0.0.1:5070", "sip:torpedo-pbx@127.0.0.1:5070", "torpedo-pbx"}};
  for (auto& e : c.endpoints)
    if (e.name.rfind("agent", 0) == 0) e.context = "from-agents";
  // The lab carrier's number prefixes (carrier-extensions.conf) and the lab's dialplan.
  c.rules = parse_rules(R"(* unreachable trunk=carrier-down
551110 answer ring=1s dtmf=1 dtmf_at=4.8s talk=10s
551120 busy
551130 noanswer
551140 congestion
551150 machine ring=1s
551160 answer ring=1s talk=2s
551170 answer ring=1s talk=0.5s
551180 answer ring=1s dtmf=1 dtmf_at=4.8s talk=45s
551190 answer ring=1s talk=32s
551200 notsure ring=1s talk=32s
551210 reject
551220 unavailable
* unallocated
)");
  c.dialplan = DialplanProfile::lab;
  c.message_length = std::chrono::milliseconds(1500);
  return c;
}

Simulator::Simulator(SimConfig config, const Clock& clock, std::function<std::string()> challenge)
    : config_(std::move(config)),
      callees_(config_.rules, config_.seed),
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
    r.reply = core_show_channels(id);
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
  } else if (action == "hangup") {
    return hangup_action(a, id);
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
  } else if (cli.rfind("dialplan show ", 0) == 0) {
    // As pbx.c prints it: the context's header (its lines are left out), or its absence.
    const std::string name = cli.substr(14);
    auto it = config_.contexts.find(name);
    if (it == config_.contexts.end()) {
      lines = {"There is no existence of '" + name + "' context"};
    } else {
      lines = {"[ Context '" + name + "' created by 'pbx_config' ]", "",
               fmt::format("-= {} extensions ({} priorities) in 1 context. =-", it->second, it->second)};
    }
  } else if (cli == "moh show classes") {
    for (const auto& [name, directory] : config_.moh_classes) {
      lines.push_back("Class: " + name);
      lines.push_back("\tMode: files");
      lines.push_back("\tDirectory: " + directory);
    }
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
    if (reloader_) {
      SimConfig fresh = config_;
      if (reloader_(fresh)) {
        config_ = std::move(fresh);
        campaign_plans_.clear();
      }
    }
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
    const auto waiting = queue_callers_.find(q.name);
    const std::size_t calls = waiting == queue_callers_.end() ? 0 : waiting->second.size();
    out += fmt::format(
        "Event: QueueParams\r\nQueue: {}\r\nMax: {}\r\nStrategy: {}\r\nCalls: {}\r\nHoldtime: 0\r\nTalkTime: 0\r\n"
        "Completed: 0\r\nAbandoned: 0\r\nServiceLevel: 0\r\nServicelevelPerf: 0.0\r\nServicelevelPerf2: 0.0\r\n"
        "Weight: 0\r\n{}\r\n",
        q.name, q.max, q.strategy, calls, action_id_line(id));
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
    if (waiting == queue_callers_.end()) continue;
    int position = 0;
    for (const auto& caller : waiting->second) {
      out += caller_entry(q.name, ++position, caller, id);
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
    std::size_t callers = 0;
    EpochMs longest = 0;
    if (auto w = queue_callers_.find(q.name); w != queue_callers_.end()) {
      callers = w->second.size();
      for (const auto& caller : w->second) longest = std::max(longest, clock_.now_ms() - caller.joined_at);
    }
    out += fmt::format(
        "Event: QueueSummary\r\nQueue: {}\r\nLoggedIn: {}\r\nAvailable: {}\r\nCallers: {}\r\nHoldTime: 0\r\n"
        "TalkTime: 0\r\nLongestHoldTime: {}\r\n{}\r\n",
        q.name, logged_in, available, callers, longest / 1000, action_id_line(id));
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

}  // namespace torpedo::pbxsim
