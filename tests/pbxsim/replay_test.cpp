// pbxsim answers each recorded session exactly as the real Asterisk 22 did: every .sent file
// is replayed through the simulator and the bytes it writes back must equal the .ami file,
// once the values that change from run to run (times, uptimes) are normalised.
#include "pbxsim/simulator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <map>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "ami/parser.h"
#include "pbxsim/manual_scheduler.h"
#include "support/fake_clock.h"
#include "support/fixtures.h"

namespace torpedo::pbxsim {
namespace {

using testing::read_file;
const std::filesystem::path kFixtures = testing::ami_fixture("");

std::string normalise(std::string s) {
  static const std::regex volatile_fields(
      "(Timestamp|Uptime|LastReload|CoreStartupDate|CoreStartupTime|CoreReloadDate|CoreReloadTime|LoginTime|"
      "StartTime|EndTime): [^\r]*");
  // Channel numbers depend on how many calls the instance made before.
  static const std::regex channel_number("(PJSIP/[A-Za-z0-9_-]+)-[0-9a-f]{8}");
  s = std::regex_replace(s, volatile_fields, "$1: <varies>");
  return std::regex_replace(s, channel_number, "$1-<n>");
}

// What the recorder did between actions that the .sent file cannot show: wait for something
// to happen on the call, then some seconds more, and for the restart, run `core restart now`.
struct Pause {
  std::string action;       // before this action ("" = after the last one)
  std::regex marker;        // run the calls until the output holds `count` matches
  int count = 1;
  EpochMs then_ms = 0;
  bool restart = false;     // then restart the pbx
};

std::map<std::string, Pause> pauses() {
  std::map<std::string, Pause> p;
  p["originate-cancel-hangup-action"] = {"Hangup", std::regex("ChannelStateDesc: Ringing"), 1, 2000, false};
  p["originate-answered-then-hangup-action"] = {"Hangup", std::regex("ChannelStateDesc: Up"), 1, 2000, false};
  p["coreshowchannels-two-calls"] = {"CoreShowChannels", std::regex("Application: Playback"), 2, 0, false};
  p["asterisk-restart-mid-call"] = {"", std::regex("ChannelStateDesc: Up"), 1, 3000, true};
  // The recorder asked for the queue once both callers were in it.
  p["queue-status-with-callers"] = {"QueueStatus", std::regex("Event: QueueCallerJoin"), 2, 1000, false};
  return p;
}

std::size_t matches(const std::string& text, const std::regex& re) {
  return static_cast<std::size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

// What pbxsim writes on one connection for the actions of `name`.sent. As the recorder did,
// it waits for every call to end before the Logoff.
std::string replay(const std::string& name, std::vector<std::string> channelvars) {
  testing::FakeClock clock;
  SimConfig config = lab_config("torpedo-lab-secret");
  config.channelvars = std::move(channelvars);
  Simulator sim(config, clock, [] { return std::string("181103649"); });
  ManualScheduler scheduler(clock);
  Session session;
  std::string out = Simulator::kBanner;
  sim.attach(scheduler, [&](const Simulator::Event& e) {
    if (session.authenticated && session.wants(e.event_class)) out += e.bytes;
  });
  ami::Parser parser;
  std::vector<ami::Message> actions;
  parser.feed(read_file(kFixtures / (name + ".sent")), actions);
  const auto all_pauses = pauses();
  const auto pause = all_pauses.find(name);
  auto wait_as_recorded = [&] {
    const Pause& p = pause->second;
    for (int guard = 0; matches(out, p.marker) < static_cast<std::size_t>(p.count) && guard < 100000; ++guard)
      if (!scheduler.run_next()) break;
    scheduler.run_for(p.then_ms);
    if (p.restart) sim.restart(std::chrono::milliseconds(1700));
  };
  std::string previous;
  for (auto a : actions) {
    const std::string action(a.get_or("Action"));
    // The recorder wrote several Originates back to back, other actions 1.5 s apart.
    scheduler.run_for(action == "Originate" && previous == "Originate" ? 10 : 1500);
    previous = action;
    if (pause != all_pauses.end() && pause->second.action == action) wait_as_recorded();
    if (action == "Logoff") scheduler.run_until_idle();
    if (action == "Hangup") {
      // The recording names the channel as that Asterisk numbered it; here it is the live one.
      static const std::regex channel_name("Channel: (PJSIP/carrier-[0-9a-f]{8})");
      std::smatch m;
      std::string live;
      for (auto it = std::sregex_iterator(out.begin(), out.end(), channel_name); it != std::sregex_iterator(); ++it)
        live = (*it)[1];
      std::string bytes = "Action: Hangup\r\nChannel: " + live + "\r\nCause: " + std::string(a.get_or("Cause")) +
                          "\r\nActionID: " + std::string(a.action_id()) + "\r\n\r\n";
      std::vector<ami::Message> rewritten;
      ami::Parser().feed(bytes, rewritten);
      a = rewritten.at(0);
    }
    auto r = sim.handle(session, a);
    out += r.reply;
    for (const auto& e : r.events)
      if (session.authenticated && session.wants(e.event_class)) out += e.bytes;
    scheduler.run_due();
    if (session.close) break;
  }
  if (pause != all_pauses.end() && pause->second.action.empty()) wait_as_recorded();
  return out;
}

// The recordings made before TORPEDO_ATTEMPT_ID was added to channelvars.
const std::vector<std::string> kTwoChannelVars = {"TORPEDO_CAMPAIGN_ID", "TORPEDO_CONTACT_ID"};

class RecordedSession : public ::testing::TestWithParam<std::string> {};

// Answered calls: Asterisk itself orders some events differently from call to call
// (OriginateResponse before or after Newstate Up, DialState around Newstate Ringing, Cdr
// around Hangup, DeviceStateChange anywhere), and RTCP reports come on a timer. So these
// sessions are compared per call (by Uniqueid): the other events in exactly the recorded
// order, the order-free ones as a multiset, RTCP left out.
struct Split {
  std::map<std::string, std::vector<std::string>> ordered;   // by Uniqueid ("" = session-level)
  std::map<std::string, std::multiset<std::string>> floating;
  std::string last_device_state;
};

Split split_calls(const std::string& stream) {
  // Besides times and RTP statistics: how long a caller had waited in a queue when it was asked
  // (Wait, LongestHoldTime) and the dial time to the millisecond depend on when the recorder
  // sent its actions.
  static const std::regex answered_volatile(
      "(AnswerTime|Duration|BillableSeconds|Wait|LongestHoldTime): [^\r]*|Value: (ssrc|min|  min|     min|   min)[^\r]*|"
      "(Variable: DIALEDTIME(?:_MS)?\r\nValue): [^\r]*");
  static const std::set<std::string> order_free = {"OriginateResponse", "DeviceStateChange", "Cdr", "DialState",
                                                   "DialEnd"};
  Split out;
  const std::string text = normalise(stream);
  std::size_t start = text.find("\r\n") + 2;  // after the banner
  while (start < text.size()) {
    auto end = text.find("\r\n\r\n", start);
    if (end == std::string::npos) end = text.size();
    std::string message = std::regex_replace(text.substr(start, end - start), answered_volatile, "$1: <varies>");
    start = end + 4;
    std::smatch m;
    const std::string event = std::regex_search(message, m, std::regex("^Event: ([A-Za-z]+)")) ? m[1].str() : "";
    if (event == "RTCPSent" || event == "RTCPReceived") continue;
    if (event == "DialState")  // sent before or after Newstate Ringing: the state it shows varies with that
      message = std::regex_replace(message, std::regex("DestChannelState: [05]\r\nDestChannelStateDesc: (Down|Ringing)"),
                                   "DestChannelState: <0 or 5>");
    std::string call;
    if (std::regex_search(message, m, std::regex("(?:Uniqueid|DestUniqueid|UniqueID): ([^\r]+)"))) call = m[1];
    if (event == "DeviceStateChange") out.last_device_state = message;
    if (order_free.count(event)) out.floating[call].insert(message);
    else out.ordered[call].push_back(message);
  }
  return out;
}

class RecordedCalls : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordedCalls, PbxsimWritesWhatAsteriskWrote) {
  const std::string expected = read_file(kFixtures / (GetParam() + ".ami"));
  ASSERT_FALSE(expected.empty());
  const bool three_vars = GetParam() == "originate-with-channelvars-attemptid";
  const auto want = split_calls(expected);
  const auto got = split_calls(replay(GetParam(), three_vars ? lab_config("").channelvars : kTwoChannelVars));
  ASSERT_EQ(got.ordered.size(), want.ordered.size()) << "number of calls";
  // With several calls at once, how many DeviceStateChanges Asterisk sends depends on timing
  // (device state is worked out asynchronously and coalesced): only the state it ends in is
  // certain. Single-call sessions compare them like the other order-free events.
  const bool several_calls = want.ordered.size() > 2;
  if (several_calls) EXPECT_EQ(got.last_device_state, want.last_device_state);
  auto without_device_states = [&](std::multiset<std::string> events) {
    if (!several_calls) return events;
    for (auto it = events.begin(); it != events.end();)
      it = it->rfind("Event: DeviceStateChange", 0) == 0 ? events.erase(it) : std::next(it);
    return events;
  };
  for (const auto& [call, messages] : want.ordered) {
    SCOPED_TRACE("call " + call);
    ASSERT_TRUE(got.ordered.count(call));
    const auto& mine = got.ordered.at(call);
    for (std::size_t i = 0; i < std::max(messages.size(), mine.size()); ++i) {
      ASSERT_LT(i, mine.size()) << "missing from pbxsim:\n" << messages[i];
      ASSERT_LT(i, messages.size()) << "extra in pbxsim:\n" << mine[i];
      ASSERT_EQ(mine[i], messages[i]) << "message " << i;
    }
    auto want_free = without_device_states(want.floating.count(call) ? want.floating.at(call) : std::multiset<std::string>{});
    auto got_free = without_device_states(got.floating.count(call) ? got.floating.at(call) : std::multiset<std::string>{});
    EXPECT_EQ(got_free, want_free);
  }
}

INSTANTIATE_TEST_SUITE_P(Asterisk22, RecordedCalls,
                         ::testing::Values("originate-answered-dtmf1", "originate-answered-human-amd-dtmf1",
                                           "originate-answered-no-dtmf", "originate-answered-read-timeout",
                                           "originate-short-call", "originate-machine-amd", "originate-amd-notsure",
                                           "originate-answered-then-hangup-action",
                                           "originate-cancel-hangup-action", "originate-event-filtered-session",
                                           "originate-with-channelvars-attemptid", "originate-10-concurrent",
                                           "coreshowchannels-two-calls", "asterisk-restart-mid-call",
                                           "queue-status-with-callers"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST_P(RecordedSession, PbxsimWritesWhatAsteriskWrote) {
  const std::string expected = read_file(kFixtures / (GetParam() + ".ami"));
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(normalise(replay(GetParam(), kTwoChannelVars)), normalise(expected));
}

INSTANTIATE_TEST_SUITE_P(Asterisk22, RecordedSession,
                         ::testing::Values("login-success", "login-failure", "login-events-off",
                                           "login-md5-challenge", "ping", "corestatus", "coresettings",
                                           "coreshowchannels-idle", "command-core-show-version",
                                           "command-pjsip-show-endpoints", "reload-res_pjsip", "reload-modules",
                                           "queue-status-idle", "queue-summary-idle",
                                           "pjsip-show-endpoints-action", "pjsip-show-registrations",
                                           // calls that end before being answered
                                           "originate-busy", "originate-congestion",
                                           "originate-unallocated-number", "originate-rejected-603",
                                           "originate-temporarily-unavailable-480", "originate-no-answer",
                                           "originate-trunk-down", "originate-unknown-endpoint",
                                           "originate-unknown-endpoint-sync", "asterisk-restart-reconnect"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(Pbxsim, ActionsBeforeLoginAreRefused) {
  testing::FakeClock clock;
  Simulator sim(lab_config("s"), clock, [] { return std::string("1"); });
  Session s;
  ami::Parser p;
  std::vector<ami::Message> m;
  p.feed("Action: Originate\r\nActionID: x\r\n\r\n", m);
  EXPECT_EQ(sim.handle(s, m[0]).reply, "Response: Error\r\nActionID: x\r\nMessage: Permission denied\r\n\r\n");
}

TEST(Pbxsim, RulesFile) {
  auto rules = parse_rules("# carrier\n551120 busy\n* unreachable trunk=carrier-down   # dead trunk\n\n55 noanswer\n");
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].prefix, "551120");
  EXPECT_EQ(rules[0].outcome, Outcome::busy);
  EXPECT_EQ(rules[1].endpoint, "carrier-down");
  EXPECT_THROW(parse_rules("551120 explode\n"), std::invalid_argument);
  EXPECT_THROW(parse_rules("abc busy\n"), std::invalid_argument);
  EXPECT_THROW(parse_rules("551120\n"), std::invalid_argument);
  EXPECT_THROW(parse_rules("551120 busy color=red\n"), std::invalid_argument);
}

TEST(Pbxsim, EventClassesFollowTheLoginEventsHeader) {
  Session s;
  s.events = "call,user";
  EXPECT_TRUE(s.wants("call"));
  EXPECT_TRUE(s.wants("user"));
  EXPECT_FALSE(s.wants("system"));
  s.events = "off";
  EXPECT_FALSE(s.wants("call"));
  s.events = "on";
  EXPECT_TRUE(s.wants("cdr"));
}

}  // namespace
}  // namespace torpedo::pbxsim
