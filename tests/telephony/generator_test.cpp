// The configuration generator: golden files for every section type, secrets masked in the
// preview, hostile values refused (even past validation), and the files read by pbxsim the way
// Asterisk reads them. TORPEDO_UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change.
#include "telephony/generator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pbxsim/config_dir.h"
#include "support/fixtures.h"

namespace torpedo::telephony {
namespace {

namespace fs = std::filesystem;

Model sample_model() {
  Model m;
  m.extensions = {
      {1,
       "1001",
       "r1001-k3x9q2",
       "Atendente João",
       std::nullopt,
       "Gq7TzR2mX9vLp4Kd8sWb",
       {"ulaw", "alaw"},
       true},
      {2,
       "1002",
       "r1002-p8d2m5",
       "Maria D'Ávila",
       "551140041234",
       "Hx3NcV7bQ1wEr5Ty9uIo",
       {"g722", "ulaw"},
       true},
      {3, "1003", "r1003-z0a1b2", "Desligado", std::nullopt, "Jk8LmN2bV4cX6zQ1wE3r", {"ulaw"}, false},
  };
  Trunk carrier;
  carrier.id = 1;
  carrier.name = "vivo-sp";
  carrier.host = "sip.operadora.com.br";
  carrier.username = "torpedo01";
  carrier.secret = "S3nh4!daOperadora";
  carrier.register_outbound = true;
  carrier.codecs = {"alaw", "ulaw"};
  Trunk by_ip;
  by_ip.id = 2;
  by_ip.name = "claro-ip";
  by_ip.host = "200.1.2.3";
  by_ip.port = 5080;
  by_ip.transport = "tcp";
  by_ip.ip_match = {"200.1.2.0/24", "200.9.9.9"};
  Trunk off;
  off.id = 3;
  off.name = "antigo";
  off.host = "10.0.0.1";
  off.enabled = false;
  m.trunks = {carrier, by_ip, off};
  Queue q;
  q.id = 1;
  q.name = "suporte";
  q.strategy = "rrmemory";
  q.timeout_s = 20;
  q.max_callers = 10;
  q.wrapup_s = 5;
  q.moh_class = "torpedo-audio-7";
  q.announce_audio_id = 8;
  q.members = {{1, 0, false}, {2, 5, true}, {3, 0, false}};
  Queue empty;
  empty.id = 2;
  empty.name = "vendas";
  m.queues = {q, empty};
  m.moh_classes = {{"torpedo-audio-7", "/var/lib/asterisk/sounds/torpedo/moh/audio-7"}};
  m.announcements[8] = "/var/lib/asterisk/sounds/torpedo/campaign/audio-8";
  CampaignDialplan c;
  c.id = 12;
  c.options['1'] = {IvrAction::queue, "suporte", 60, std::nullopt};
  c.options['2'] = {IvrAction::extension, "1002", 25, std::nullopt};
  c.options['3'] = {IvrAction::optout, "", 30, "/var/lib/asterisk/sounds/torpedo/campaign/audio-9"};
  c.options['9'] = {IvrAction::repeat, "", 30, std::nullopt};
  c.options['0'] = {IvrAction::hangup, "", 30, std::nullopt};
  m.campaigns = {c};
  return m;
}

fs::path golden_dir() {
  return fs::path(TORPEDO_SOURCE_FIXTURES) / "telephony";
}

TEST(Generator, MatchesTheGoldenFiles) {
  const bool update = std::getenv("TORPEDO_UPDATE_GOLDEN") != nullptr;
  for (bool masked : {false, true}) {
    for (const auto& f : generate(sample_model(), masked)) {
      const fs::path golden = golden_dir() / ((masked ? "masked-" : "") + f.name);
      if (update) std::ofstream(golden, std::ios::binary) << f.text;
      EXPECT_EQ(f.text, testing::read_file(golden))
          << golden << " differs; after a deliberate change run with TORPEDO_UPDATE_GOLDEN=1";
    }
  }
}

TEST(Generator, ThePreviewNeverShowsASecret) {
  const auto model = sample_model();
  for (const auto& f : generate(model, true)) {
    for (const auto& e : model.extensions) EXPECT_EQ(f.text.find(e.secret), std::string::npos) << f.name;
    EXPECT_EQ(f.text.find(*model.trunks[0].secret), std::string::npos) << f.name;
  }
  std::string all;
  for (const auto& f : generate(model, false)) all += f.text;
  EXPECT_NE(all.find(*model.trunks[0].secret), std::string::npos) << "the files written to the node carry it";
}

TEST(Generator, DisabledThingsAreLeftOut) {
  std::string all;
  for (const auto& f : generate(sample_model(), false)) all += f.text;
  EXPECT_EQ(all.find("r1003-z0a1b2"), std::string::npos)
      << "a disabled extension cannot register nor be a member";
  EXPECT_EQ(all.find("trunk-antigo"), std::string::npos);
}

// Each hostile value is put straight into the model (as if validation had a hole): the
// generator still refuses to write it.
TEST(Generator, HostileValuesAreRefusedEvenPastValidation) {
  const std::vector<std::string> hostile = {"x\n[general]",  "x;y",      "x\\",   "#include /etc/passwd",
                                            "#exec /bin/sh", "x+=y",     "a&b",   "a,b",
                                            "a|b",           "${EXTEN}", "$[1+1]"};
  for (const auto& h : hostile) {
    auto m = sample_model();
    m.extensions[0].name = h;
    EXPECT_THROW(generate(m, false), GenerationError) << "extension name " << h;
    m = sample_model();
    m.extensions[0].endpoint = h;
    EXPECT_THROW(generate(m, false), GenerationError) << "endpoint " << h;
    // A secret is a configuration value, never dialplan: only what breaks the file matters.
    if (h.find_first_of("\n;\\#") != std::string::npos) {
      m = sample_model();
      m.trunks[0].secret = "aaaaaaaa" + h;
      EXPECT_THROW(generate(m, false), GenerationError) << "trunk secret " << h;
    }
    m = sample_model();
    m.trunks[0].host = h;
    EXPECT_THROW(generate(m, false), GenerationError) << "host " << h;
    m = sample_model();
    m.queues[0].name = h;
    EXPECT_THROW(generate(m, false), GenerationError) << "queue " << h;
    m = sample_model();
    m.moh_classes[0].directory = "/x/" + h;
    EXPECT_THROW(generate(m, false), GenerationError) << "moh directory " << h;
    m = sample_model();
    m.campaigns[0].options['3'].playback = "/x/" + h;
    EXPECT_THROW(generate(m, false), GenerationError) << "playback " << h;
    m = sample_model();
    m.announcements[8] = h;
    EXPECT_THROW(generate(m, false), GenerationError) << "announce " << h;
  }
}

TEST(Generator, TheRoundTripCatchesWhatTheBuilderDidNot) {
  ConfFile f{"x.conf", "test", {{"a", {{"key", "value\n[injected]"}}, ""}}};
  EXPECT_THROW(check_round_trip(f, serialize(f)), GenerationError);
  f.sections[0].values[0].second = "sip:host;transport=tcp";
  EXPECT_NO_THROW(check_round_trip(f, serialize(f)))
      << "';' is written as Asterisk's \\; and read back whole";
  EXPECT_NE(serialize(f).find("sip:host\\;transport=tcp"), std::string::npos);
  EXPECT_THROW(check_round_trip(f, "[a]\nkey = sip:host;transport=tcp\n"), GenerationError)
      << "unescaped, it is a comment";
  f.sections[0].values[0].second = " padded";
  EXPECT_THROW(check_round_trip(f, serialize(f)), GenerationError);
  f.sections[0].values[0].second = "fine";
  EXPECT_NO_THROW(check_round_trip(f, serialize(f)));
  EXPECT_THROW(check_round_trip(f, serialize(f) + "#include other.conf\n"), GenerationError);
  EXPECT_THROW(check_round_trip(f, serialize(f) + "#exec /bin/true\n"), GenerationError);
}

TEST(Generator, OptionsPointingNowhereAreRefused) {
  auto m = sample_model();
  m.campaigns[0].options['1'].target = "inexistente";
  EXPECT_THROW(generate(m, false), GenerationError);
  m = sample_model();
  m.campaigns[0].options['2'].target = "1003";  // disabled
  EXPECT_THROW(generate(m, false), GenerationError);
  m = sample_model();
  m.campaigns[0].options['#'] = {IvrAction::hangup, "", 30, std::nullopt};
  EXPECT_THROW(generate(m, false), GenerationError);
  m = sample_model();
  m.extensions[1].endpoint = m.extensions[0].endpoint;
  EXPECT_THROW(generate(m, false), GenerationError) << "two extensions on one endpoint";
}

// pbxsim reads the generated files through the operator's one-line #include, as Asterisk would.
TEST(Generator, PbxsimLoadsTheGeneratedFilesThroughTheOperatorsInclude) {
  const fs::path dir = fs::temp_directory_path() / ("torpedo-gen-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const auto& f : generate(sample_model(), false)) std::ofstream(dir / f.name) << f.text;
  std::ofstream(dir / "pjsip.conf")
      << "[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n#include torpedo_pjsip.conf\n";
  std::ofstream(dir / "queues.conf")
      << "[general]\npersistentmembers = no\n\n#include \"torpedo_queues.conf\"\n";
  pbxsim::SimConfig config;
  pbxsim::load_config_dir(dir, config);
  fs::remove_all(dir);
  std::vector<std::string> endpoints;
  for (const auto& e : config.endpoints) endpoints.push_back(e.name);
  std::sort(endpoints.begin(), endpoints.end());
  EXPECT_EQ(endpoints,
            (std::vector<std::string>{"r1001-k3x9q2", "r1002-p8d2m5", "trunk-claro-ip", "trunk-vivo-sp"}));
  ASSERT_EQ(config.registrations.size(), 1u);
  EXPECT_EQ(config.registrations[0].name, "trunk-vivo-sp-reg");
  ASSERT_EQ(config.queues.size(), 2u);
  EXPECT_EQ(config.queues[0].name, "suporte");
  EXPECT_EQ(config.queues[0].strategy, "rrmemory");
  EXPECT_EQ(config.queues[0].max, 10);
  ASSERT_EQ(config.queues[0].members.size(), 2u);
  EXPECT_EQ(config.queues[0].members[1].paused, true);
  EXPECT_EQ(config.queues[0].members[1].penalty, 5);
}

}  // namespace
}  // namespace torpedo::telephony
