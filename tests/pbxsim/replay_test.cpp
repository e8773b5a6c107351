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
#include <sstream>

#include "ami/parser.h"
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

// Runs the simulator's scheduled work on the fake clock.
class ManualScheduler final : public Scheduler {
 public:
  explicit ManualScheduler(testing::FakeClock& clock) : clock_(clock) {}
  void after(std::chrono::milliseconds delay, std::function<void()> work) override {
    queue_.emplace(std::make_pair(clock_.now_ms() + delay.count(), seq_++), std::move(work));
  }
  void run_due() { run(clock_.now_ms()); }
  void run_until_idle() { run(std::numeric_limits<EpochMs>::max()); }

 private:
  void run(EpochMs until) {
    while (!queue_.empty() && queue_.begin()->first.first <= until) {
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
  for (const auto& a : actions) {
    if (a.get_or("Action") == "Logoff") scheduler.run_until_idle();
    clock.advance_ms(1500);
    auto r = sim.handle(session, a);
    out += r.reply;
    for (const auto& e : r.events)
      if (session.authenticated && session.wants(e.event_class)) out += e.bytes;
    scheduler.run_due();
    if (session.close) break;
  }
  return out;
}

// The recordings made before TORPEDO_ATTEMPT_ID was added to channelvars.
const std::vector<std::string> kTwoChannelVars = {"TORPEDO_CAMPAIGN_ID", "TORPEDO_CONTACT_ID"};

class RecordedSession : public ::testing::TestWithParam<std::string> {};

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
                                           "originate-unknown-endpoint-sync"),
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
