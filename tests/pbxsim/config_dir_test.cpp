// pbxsim --config-dir: the lab's own pjsip.conf and queues.conf (copied byte-exact into
// tests/fixtures/asterisk-lab) must give pbxsim the endpoints and queue the recordings show.
#include "pbxsim/config_dir.h"

#include <gtest/gtest.h>

#include <fstream>

#include "ami/parser.h"
#include "support/fake_clock.h"
#include "support/fixtures.h"

namespace torpedo::pbxsim {
namespace {

namespace fs = std::filesystem;

const fs::path kLab = fs::path(TORPEDO_FIXTURES_DIR) / "asterisk-lab";

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("pbxsim-conf-" + std::to_string(::getpid()) + "-" + std::to_string(n_++))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
  }

 private:
  static inline int n_ = 0;
  fs::path path_;
};

TEST(PbxsimConfigDir, TheLabFilesGiveTheLabPbx) {
  SimConfig loaded;
  load_config_dir(kLab, loaded);
  const SimConfig lab = lab_config("x");
  ASSERT_EQ(loaded.endpoints.size(), lab.endpoints.size());
  for (std::size_t i = 0; i < lab.endpoints.size(); ++i) {
    const auto &got = loaded.endpoints[i], &want = lab.endpoints[i];
    SCOPED_TRACE(want.name);
    EXPECT_EQ(got.name, want.name);
    EXPECT_EQ(got.aor, want.aor);
    EXPECT_EQ(got.transport, want.transport);
    EXPECT_EQ(got.contact, want.contact);
    EXPECT_EQ(got.device_state, want.device_state);
    EXPECT_EQ(got.identify_match, want.identify_match);
    EXPECT_EQ(got.max_contacts, want.max_contacts);
    EXPECT_EQ(got.context, want.context);
  }
  ASSERT_EQ(loaded.queues.size(), 1u);
  EXPECT_EQ(loaded.queues[0].name, "support");
  EXPECT_EQ(loaded.queues[0].strategy, "ringall");
  ASSERT_EQ(loaded.queues[0].members.size(), 2u);
  EXPECT_EQ(loaded.queues[0].members[0].name, "Agent 1001");
  EXPECT_EQ(loaded.queues[0].members[0].interface, "PJSIP/agent1001");
  EXPECT_EQ(loaded.queues[0].members[0].status, 5) << "no contact: unavailable, as recorded";
  ASSERT_EQ(loaded.registrations.size(), 1u);
  EXPECT_EQ(loaded.registrations[0].server_uri, "sip:127.0.0.1:5070");
  EXPECT_EQ(loaded.registrations[0].contact_user, "torpedo-pbx");
}

TEST(PbxsimConfigDir, IncludesTemplatesAndComments) {
  TempDir dir;
  dir.write("pjsip.conf", "; operator-owned\n[transport-udp]\ntype=transport\n#include torpedo/pjsip.conf\n#tryinclude none.conf\n");
  dir.write("torpedo/pjsip.conf",
            "[trunk-defaults](!)\ntype=endpoint\ncontext=torpedo-in ; a comment\ntransport=transport-udp\n"
            "[trunk-vivo](trunk-defaults)\naors=trunk-vivo\ncallerid=Torpedo \\; Co <1133334444>\n"
            "[trunk-vivo]\ntype=aor\ncontact=sip:10.0.0.1:5060\n");
  SimConfig c;
  load_config_dir(dir.path(), c);
  ASSERT_EQ(c.endpoints.size(), 1u) << "the template is not an endpoint";
  EXPECT_EQ(c.endpoints[0].name, "trunk-vivo");
  EXPECT_EQ(c.endpoints[0].context, "torpedo-in");
  EXPECT_EQ(c.endpoints[0].contact, "trunk-vivo/sip:10.0.0.1:5060");
  auto sections = parse_asterisk_conf(dir.path() / "torpedo/pjsip.conf");
  EXPECT_EQ(sections[1].get("callerid"), "Torpedo ; Co <1133334444>");
}

TEST(PbxsimConfigDir, RefusesWhatAsteriskWouldNotTake) {
  TempDir dir;
  for (const char* bad : {"#exec /bin/sh -c id\n", "[a](missing-template)\nx=1\n", "x=1\n", "[a]\njust words\n",
                          "#include nowhere.conf\n", "[unclosed\n"}) {
    dir.write("pjsip.conf", bad);
    SimConfig c;
    EXPECT_THROW(load_config_dir(dir.path(), c), std::runtime_error) << bad;
  }
  dir.write("pjsip.conf", "#include pjsip.conf\n");  // includes itself
  SimConfig c;
  EXPECT_THROW(load_config_dir(dir.path(), c), std::runtime_error);
}

TEST(PbxsimConfigDir, ReloadReadsTheFilesAgain) {
  TempDir dir;
  dir.write("pjsip.conf", "[a]\ntype=endpoint\naors=a\n");
  SimConfig config = lab_config("s");
  load_config_dir(dir.path(), config);
  testing::FakeClock clock;
  Simulator sim(config, clock, [] { return std::string("1"); });
  sim.set_reloader([&](SimConfig& fresh) {
    try {
      load_config_dir(dir.path(), fresh);
      return true;
    } catch (...) {
      return false;
    }
  });
  Session s;
  s.authenticated = true;
  auto endpoints = [&] {
    std::vector<ami::Message> m;
    ami::Parser().feed("Action: PJSIPShowEndpoints\r\n\r\n", m);
    auto r = sim.handle(s, m[0]).reply;
    std::vector<ami::Message> list;
    ami::Parser().feed(r, list);
    std::vector<std::string> names;
    for (const auto& e : list)
      if (e.get_or("Event") == "EndpointList") names.emplace_back(e.get_or("ObjectName"));
    return names;
  };
  auto reload = [&] {
    std::vector<ami::Message> m;
    ami::Parser().feed("Action: Reload\r\nModule: res_pjsip.so\r\n\r\n", m);
    return sim.handle(s, m[0]);
  };
  EXPECT_EQ(endpoints(), std::vector<std::string>{"a"});
  dir.write("pjsip.conf", "[a]\ntype=endpoint\n[b]\ntype=endpoint\n");
  reload();
  EXPECT_EQ(endpoints(), (std::vector<std::string>{"a", "b"}));
  dir.write("pjsip.conf", "[broken\n");
  reload();
  EXPECT_EQ(endpoints(), (std::vector<std::string>{"a", "b"})) << "a broken file keeps the previous configuration";
}

}  // namespace
}  // namespace torpedo::pbxsim
