// pbxsim answers each recorded session exactly as the real Asterisk 22 did: every .sent file
// is replayed through the simulator and the bytes it writes back must equal the .ami file,
// once the values that change from run to run (times, uptimes) are normalised.
#include "pbxsim/simulator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "ami/parser.h"
#include "support/fake_clock.h"

namespace torpedo::pbxsim {
namespace {

const std::filesystem::path kFixtures = TORPEDO_FIXTURES_DIR "/ami";

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string normalise(std::string s) {
  static const std::regex volatile_fields(
      "(Timestamp|Uptime|LastReload|CoreStartupDate|CoreStartupTime|CoreReloadDate|CoreReloadTime|LoginTime): [^\r]*");
  return std::regex_replace(s, volatile_fields, "$1: <varies>");
}

// What pbxsim writes on one connection for the actions of `name`.sent.
std::string replay(const std::string& name) {
  testing::FakeClock clock;
  Simulator sim(lab_config("torpedo-lab-secret"), clock, [] { return std::string("181103649"); });
  Session session;
  std::string out = Simulator::kBanner;
  ami::Parser parser;
  std::vector<ami::Message> actions;
  parser.feed(read_file(kFixtures / (name + ".sent")), actions);
  for (const auto& a : actions) {
    clock.advance_ms(1500);
    auto r = sim.handle(session, a);
    out += r.reply;
    for (const auto& e : r.events)
      if (session.authenticated && session.wants(e.event_class)) out += e.bytes;
    if (session.close) break;
  }
  return out;
}

class RecordedSession : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordedSession, PbxsimWritesWhatAsteriskWrote) {
  const std::string expected = read_file(kFixtures / (GetParam() + ".ami"));
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(normalise(replay(GetParam())), normalise(expected));
}

INSTANTIATE_TEST_SUITE_P(Asterisk22, RecordedSession,
                         ::testing::Values("login-success", "login-failure", "login-events-off",
                                           "login-md5-challenge", "ping", "corestatus", "coresettings",
                                           "coreshowchannels-idle", "command-core-show-version",
                                           "command-pjsip-show-endpoints", "reload-res_pjsip", "reload-modules",
                                           "queue-status-idle", "queue-summary-idle",
                                           "pjsip-show-endpoints-action", "pjsip-show-registrations"),
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
