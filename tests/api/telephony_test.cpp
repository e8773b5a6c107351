// /extensions, /queues, /trunks, /pbx/config, /pbx/apply through the real daemon, applied to
// an in-process pbxsim that reads the written files through the operator's #include lines the
// way Asterisk does, and answers the verification (endpoints, queues, contexts, music classes).
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "api/server_fixture.h"
#include "pbxsim/config_dir.h"
#include "pbxsim/server.h"
#include "storage/audio.h"
#include "storage/database.h"

namespace torpedo::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

// pbxsim on its own io thread, reading `dir` at start and on every Reload.
class SimNode {
 public:
  explicit SimNode(fs::path dir) : dir_(std::move(dir)) {
    pbxsim::SimConfig c = pbxsim::lab_config("sim-secret");
    c.endpoints.clear();
    c.queues.clear();
    c.registrations.clear();
    sim_.emplace(c, clock_, [] { return std::string("4242"); });
    sim_->set_reloader([d = dir_](pbxsim::SimConfig& fresh) {
      try {
        pbxsim::load_config_dir(d, fresh);
        return true;
      } catch (const std::exception&) {
        return false;  // Asterisk keeps the old configuration when a file does not parse
      }
    });
    server_.emplace(io_, *sim_);
    port_ = server_->listen("127.0.0.1", 0);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~SimNode() {
    boost::asio::post(io_, [this] { server_->close(); });
    work_.reset();
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return port_; }

 private:
  fs::path dir_;
  SystemClock clock_;
  std::optional<pbxsim::Simulator> sim_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      io_.get_executor()};
  std::optional<pbxsim::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

class Telephony : public ApiTest {
 protected:
  // The operator's own files, each including Torpedo's once (README, "Asterisk configuration").
  void write_operator_files(const fs::path& dir, bool include_queues = true) {
    fs::create_directories(dir);
    std::ofstream(dir / "pjsip.conf")
        << "[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n"
           "#include torpedo_pjsip.conf\n";
    std::ofstream(dir / "queues.conf") << "[general]\npersistentmembers = no\n\n"
                                       << (include_queues ? "#include torpedo_queues.conf\n" : "");
    std::ofstream(dir / "extensions.conf") << "[general]\nstatic = yes\n\n#include torpedo_extensions.conf\n";
    std::ofstream(dir / "musiconhold.conf")
        << "[default]\nmode = files\ndirectory = moh\n\n#include torpedo_musiconhold.conf\n";
  }

  std::int64_t add_node(HttpClient& a, std::uint16_t ami_port, const fs::path& config_dir) {
    auto r = a.post_json("/api/v1/pbx-nodes", {{"name", "sim"},
                                               {"amiHost", "127.0.0.1"},
                                               {"amiPort", ami_port},
                                               {"amiUser", "torpedo"},
                                               {"amiSecret", "sim-secret"},
                                               {"configDir", config_dir.string()}});
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json()["id"].get<std::int64_t>();
    for (int i = 0; i < 100; ++i) {
      if (a.get("/api/v1/pbx-nodes/" + std::to_string(id)).json()["status"]["state"] == "connected")
        return id;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "the node never connected";
    return id;
  }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST_P(Telephony, ExtensionsShowTheirSecretOnceAndRefuseWhatCouldInject) {
  auto a = admin();
  auto r = a.post_json("/api/v1/extensions",
                       {{"number", "1001"}, {"name", "Atendente João"}, {"codecs", {"ulaw", "g722"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto e = r.json();
  const std::string secret = e["secret"];
  EXPECT_EQ(secret.size(), 24u);
  EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            std::string::npos);
  const std::string endpoint = e["endpoint"];
  EXPECT_EQ(endpoint.rfind("r1001-", 0), 0u) << "the SIP user is not the bare number";
  const std::string id = std::to_string(e["id"].get<std::int64_t>());
  auto got = a.get("/api/v1/extensions/" + id);
  EXPECT_FALSE(got.json().contains("secret")) << "write-only after creation";
  EXPECT_TRUE(got.json()["hasSecret"]);
  EXPECT_EQ(got.json()["codecs"], json({"ulaw", "g722"}));
  // Encrypted at rest: the database never holds it in the clear.
  auto db = storage::Database::open(scratch->url(), 1);
  auto stored = db->read([](storage::Connection& c) {
    return c.query_one("SELECT secret_enc FROM extensions")->str("secret_enc");
  });
  EXPECT_EQ(stored.find(secret), std::string::npos);

  auto again = a.request("POST", "/api/v1/extensions/" + id + "/secret");
  ASSERT_EQ(again.status, 200);
  EXPECT_NE(again.json()["secret"], secret);

  EXPECT_EQ(a.post_json("/api/v1/extensions", {{"number", "1001"}, {"name", "Outro"}}).status, 409);
  for (const json& bad :
       {json{{"number", "10\n01"}, {"name", "x"}}, json{{"number", "1002"}, {"name", "x\n[general]"}},
        json{{"number", "1002"}, {"name", "a;b"}}, json{{"number", "1002"}, {"name", "\"q\" <1>"}},
        json{{"number", "1002"}, {"name", "${EXTEN}"}}, json{{"number", "1002"}, {"name", "a,b"}},
        json{{"number", "1002"}, {"name", "ok"}, {"callerId", "1&2"}},
        json{{"number", "1002"}, {"name", "ok"}, {"codecs", {"ulaw", "#exec"}}},
        json{{"number", "1002"}, {"name", "ok"}, {"secret", "mine"}}}) {
    auto res = a.post_json("/api/v1/extensions", bad);
    EXPECT_EQ(res.status, 422) << bad.dump() << " " << res.body;
  }
  EXPECT_EQ(count("extensions"), 1) << "nothing half-written";

  create_user("op@torpedo.test", "user");
  auto op = login_as("op@torpedo.test", "user-password-1");
  EXPECT_EQ(op.get("/api/v1/extensions").status, 200);
  EXPECT_EQ(op.post_json("/api/v1/extensions", {{"number", "1005"}, {"name", "x"}}).status, 403);
  EXPECT_EQ(op.del("/api/v1/extensions/" + id).status, 403);
}

TEST_P(Telephony, QueuesHoldExtensionsThatCannotBeDeletedWhileMembers) {
  auto a = admin();
  const auto e1 = a.post_json("/api/v1/extensions", {{"number", "1001"}, {"name", "Ana"}})
                      .json()["id"]
                      .get<std::int64_t>();
  const auto e2 = a.post_json("/api/v1/extensions", {{"number", "1002"}, {"name", "Bia"}})
                      .json()["id"]
                      .get<std::int64_t>();
  auto q = a.post_json(
      "/api/v1/queues",
      {{"name", "suporte"},
       {"strategy", "rrmemory"},
       {"timeoutS", 20},
       {"members", {{{"extensionId", e2}, {"penalty", 2}, {"paused", true}}, {{"extensionId", e1}}}}});
  ASSERT_EQ(q.status, 201) << q.body;
  EXPECT_EQ(q.json()["members"].size(), 2u);
  EXPECT_EQ(q.json()["members"][0]["number"], "1001");
  EXPECT_EQ(q.json()["members"][1]["paused"], true);
  const std::string qid = std::to_string(q.json()["id"].get<std::int64_t>());

  auto refused = a.del("/api/v1/extensions/" + std::to_string(e1));
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("suporte"), std::string::npos) << "says which queue";

  for (const json& bad :
       {json{{"name", "Suporte Geral"}}, json{{"name", "general"}}, json{{"name", "x\n[y]"}},
        json{{"name", "ok"}, {"strategy", "linear"}}, json{{"name", "ok"}, {"timeoutS", 0}},
        json{{"name", "ok"}, {"members", {{{"extensionId", 999}}}}},
        json{{"name", "ok"}, {"members", {{{"extensionId", e1}}, {{"extensionId", e1}}}}},
        json{{"name", "ok"}, {"mohAudioId", 999}}}) {
    auto res = a.post_json("/api/v1/queues", bad);
    EXPECT_EQ(res.status, 422) << bad.dump() << " " << res.body;
  }
  EXPECT_EQ(a.post_json("/api/v1/queues", {{"name", "suporte"}}).status, 409);

  // Music on hold is a `moh` audio; while a queue plays it, the audio cannot be deleted.
  auto db = storage::Database::open(scratch->url(), 1);
  storage::AudioFile moh, message;
  moh.name = "Espera";
  moh.kind = "moh";
  moh.media_token = std::string(64, 'b');
  message.name = "Aviso";
  message.kind = "campaign";
  message.media_token = std::string(64, 'c');
  db->write([&](storage::Connection& c) {
    storage::insert_audio(c, moh);
    storage::insert_audio(c, message);
    return 0;
  });
  EXPECT_EQ(a.patch_json("/api/v1/queues/" + qid, {{"mohAudioId", message.id}}).status, 422)
      << "not music on hold";
  auto with_moh = a.patch_json("/api/v1/queues/" + qid, {{"mohAudioId", moh.id}});
  ASSERT_EQ(with_moh.status, 200) << with_moh.body;
  EXPECT_EQ(with_moh.json()["mohAudioId"], moh.id);
  auto in_use = a.del("/api/v1/audio/" + std::to_string(moh.id));
  EXPECT_EQ(in_use.status, 409);
  EXPECT_NE(in_use.body.find("suporte"), std::string::npos) << in_use.body;
  EXPECT_EQ(a.patch_json("/api/v1/queues/" + qid, {{"mohAudioId", nullptr}}).json()["mohAudioId"], nullptr);

  auto patched = a.patch_json("/api/v1/queues/" + qid, {{"members", json::array({{{"extensionId", e2}}})}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["members"].size(), 1u);
  EXPECT_EQ(a.del("/api/v1/extensions/" + std::to_string(e1)).status, 204) << "no longer a member";

  // A campaign's IVR key that sends callers to the queue keeps it from being deleted.
  db->write([](storage::Connection& c) {
    c.exec("INSERT INTO campaigns (name, ivr_enabled, ivr_options, created_at, updated_at) VALUES "
           "('Cobrança', 1, '{\"1\": {\"action\": \"queue\", \"target\": \"suporte\"}}', 1, 1)");
    return 0;
  });
  auto used = a.del("/api/v1/queues/" + qid);
  EXPECT_EQ(used.status, 409);
  EXPECT_NE(used.body.find("Cobrança"), std::string::npos) << used.body;
  db->write([](storage::Connection& c) {
    c.exec("DELETE FROM campaigns");
    return 0;
  });
  EXPECT_EQ(a.del("/api/v1/queues/" + qid).status, 204);
}

TEST_P(Telephony, TrunkSecretsAreWriteOnlyAndTheRulesAcrossFieldsHold) {
  auto a = admin();
  auto t = a.post_json("/api/v1/trunks", {{"name", "vivo-sp"},
                                          {"host", "sip.operadora.com.br"},
                                          {"username", "torpedo01"},
                                          {"secret", "S3nh4!daOperadora"},
                                          {"registerOutbound", true},
                                          {"numberFormat", "national_prefix"},
                                          {"dialPrefix", "015"},
                                          {"allowedPrefixes", {"11", "21"}},
                                          {"maxCps", 2.5}});
  ASSERT_EQ(t.status, 201) << t.body;
  EXPECT_EQ(t.body.find("S3nh4"), std::string::npos);
  EXPECT_TRUE(t.json()["hasSecret"]);
  EXPECT_EQ(t.json()["maxCps"], 2.5);
  const std::string id = std::to_string(t.json()["id"].get<std::int64_t>());
  EXPECT_EQ(a.get("/api/v1/trunks/" + id).body.find("S3nh4"), std::string::npos);

  // Clearing the secret of a registering trunk would leave it unable to register.
  EXPECT_EQ(a.patch_json("/api/v1/trunks/" + id, {{"secret", nullptr}}).status, 422);
  auto off = a.patch_json("/api/v1/trunks/" + id, {{"registerOutbound", false},
                                                   {"secret", nullptr},
                                                   {"username", nullptr},
                                                   {"ipMatch", {"200.1.2.0/24"}}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(off.json()["hasSecret"]);

  for (const json& bad :
       {json{{"name", "x"}, {"host", "h.com"}},  // neither secret nor IPs
        json{{"name", "x"}, {"host", "h.com\n[general]"}, {"ipMatch", {"1.2.3.4"}}},
        json{{"name", "x"}, {"host", "h.com"}, {"ipMatch", {"1.2.3.4;x"}}},
        json{{"name", "x"}, {"host", "h.com"}, {"username", "u"}, {"secret", "abc;defgh"}},
        json{{"name", "x"}, {"host", "h.com"}, {"username", "u"}, {"secret", "abcdefgh\n#exec x"}},
        json{{"name", "x"}, {"host", "h.com"}, {"ipMatch", {"1.2.3.4"}}, {"numberFormat", "national_prefix"}},
        json{{"name", "x"}, {"host", "h.com"}, {"ipMatch", {"1.2.3.4"}}, {"transport", "ws"}},
        json{{"name", "x"}, {"host", "h.com"}, {"ipMatch", {"1.2.3.4"}}, {"maxCps", 0}},
        json{{"name", "x"}, {"host", "h.com"}, {"ipMatch", {"1.2.3.4"}}, {"allowedPrefixes", {"1a"}}}}) {
    auto res = a.post_json("/api/v1/trunks", bad);
    EXPECT_EQ(res.status, 422) << bad.dump() << " " << res.body;
  }
  EXPECT_EQ(count("trunks"), 1);
}

// The whole path: model → files in the node's configuration directory → Reload through AMI →
// verified through AMI, with the preview showing no secret and the diff against the disk.
TEST_P(Telephony, ApplyWritesReloadsAndVerifiesOnAPbxsimNode) {
  const fs::path conf = scratch->dir() / "asterisk-etc";
  write_operator_files(conf);
  SimNode sim(conf);
  auto a = admin();
  ASSERT_EQ(a.request("PUT", "/api/v1/settings/pbx", R"({"autoApply":false})", "application/json").status,
            200);
  add_node(a, sim.port(), conf);
  const auto e1 = a.post_json("/api/v1/extensions", {{"number", "1001"}, {"name", "Ana"}}).json();
  a.post_json("/api/v1/extensions", {{"number", "1002"}, {"name", "Bia"}});
  ASSERT_EQ(
      a.post_json("/api/v1/queues", {{"name", "suporte"}, {"members", {{{"extensionId", e1["id"]}}}}}).status,
      201);
  ASSERT_EQ(a.post_json("/api/v1/trunks", {{"name", "vivo-sp"},
                                           {"host", "sip.operadora.com.br"},
                                           {"username", "torpedo01"},
                                           {"secret", "S3nh4!daOperadora"},
                                           {"registerOutbound", true}})
                .status,
            201);
  EXPECT_FALSE(fs::exists(conf / "torpedo_pjsip.conf")) << "automatic apply is off";

  auto preview = a.get("/api/v1/pbx/config");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.body.find("S3nh4"), std::string::npos) << "secrets masked in the preview";
  EXPECT_EQ(preview.body.find(e1["secret"].get<std::string>()), std::string::npos);
  EXPECT_EQ(preview.json()["nodes"][0]["skipped"], false);
  EXPECT_TRUE(preview.json()["nodes"][0]["lastApply"].is_null()) << "never applied yet";
  auto files = preview.json()["nodes"][0]["files"];
  ASSERT_EQ(files.size(), 4u);
  EXPECT_TRUE(files[0]["changed"]);
  EXPECT_NE(files[0]["diff"].get<std::string>().find("+[trunk-vivo-sp]"), std::string::npos);

  auto applied = a.request("POST", "/api/v1/pbx/apply");
  ASSERT_EQ(applied.status, 200) << applied.body;
  auto node = applied.json()["nodes"][0];
  EXPECT_TRUE(applied.json()["ok"]) << applied.body;
  EXPECT_EQ(node["written"].size(), 4u);
  EXPECT_EQ(node["reloaded"], json({"res_pjsip.so", "app_queue.so", "res_musiconhold.so", "pbx_config.so"}));
  EXPECT_TRUE(node["missing"].empty()) << node.dump();
  const std::string pjsip = read(conf / "torpedo_pjsip.conf");
  EXPECT_NE(pjsip.find("password = S3nh4!daOperadora"), std::string::npos)
      << "the node's file carries the real secret";
  EXPECT_NE(pjsip.find("[" + e1["endpoint"].get<std::string>() + "]"), std::string::npos);
  EXPECT_EQ(audit_actions().front(), "pbx.apply");

  // Live state, as Asterisk reports it after the reload.
  auto live = a.get("/api/v1/pbx/live");
  ASSERT_EQ(live.status, 200) << live.body;
  auto ln = live.json()["nodes"][0];
  EXPECT_TRUE(ln["connected"]);
  std::set<std::string> live_endpoints;
  for (const auto& e : ln["endpoints"]) live_endpoints.insert(e["name"].get<std::string>());
  EXPECT_TRUE(live_endpoints.count(e1["endpoint"].get<std::string>())) << ln.dump();
  EXPECT_TRUE(live_endpoints.count("trunk-vivo-sp"));
  ASSERT_EQ(ln["registrations"].size(), 1u);
  EXPECT_EQ(ln["registrations"][0]["name"], "trunk-vivo-sp-reg");
  ASSERT_EQ(ln["queues"].size(), 1u);
  EXPECT_EQ(ln["queues"][0]["name"], "suporte");
  ASSERT_EQ(ln["queues"][0]["members"].size(), 1u);
  EXPECT_EQ(ln["queues"][0]["members"][0]["interface"], "PJSIP/" + e1["endpoint"].get<std::string>());

  // Nothing changed since: the preview shows no difference (secrets masked on both sides).
  const json after = a.get("/api/v1/pbx/config").json();
  EXPECT_EQ(after["nodes"][0]["lastApply"]["ok"], true) << "the last report can be read back";
  EXPECT_TRUE(after["nodes"][0]["lastApply"]["at"].is_string());
  for (const auto& f : after["nodes"][0]["files"]) EXPECT_FALSE(f["changed"]) << f["name"] << f["diff"];

  // An operator file without the #include: the apply says what Asterisk lacks, and what to do.
  write_operator_files(conf, false);
  auto broken = a.request("POST", "/api/v1/pbx/apply").json();
  EXPECT_FALSE(broken["ok"]);
  EXPECT_EQ(broken["nodes"][0]["missing"], json({"fila suporte"}));
  EXPECT_NE(broken["nodes"][0]["error"].get<std::string>().find("#include"), std::string::npos);
}

TEST_P(Telephony, ChangesAreAppliedAutomaticallyUnlessTurnedOff) {
  const fs::path conf = scratch->dir() / "asterisk-etc";
  write_operator_files(conf);
  SimNode sim(conf);
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/settings/pbx").json()["autoApply"], true) << "on by default";
  add_node(a, sim.port(), conf);
  auto e = a.post_json("/api/v1/extensions", {{"number", "2001"}, {"name", "Caio"}}).json();
  const std::string endpoint = e["endpoint"];
  bool written = false;
  for (int i = 0; i < 100 && !written; ++i) {
    written = read(conf / "torpedo_pjsip.conf").find("[" + endpoint + "]") != std::string::npos;
    if (!written) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(written) << "the new extension reached the node without pressing Apply";
}

INSTANTIATE_TEST_SUITE_P(Backends, Telephony, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
