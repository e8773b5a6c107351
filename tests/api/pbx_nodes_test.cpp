// /pbx-nodes over real HTTP, with a scripted AMI peer standing in for Asterisk.
#include <atomic>
#include <thread>

#include "api/server_fixture.h"
#include "common/crypto.h"
#include "support/fake_ami_server.h"
#include "support/ws_client.h"

namespace torpedo::testing {
namespace {

using namespace std::chrono_literals;

// Answers like the recorded Asterisk 22 (coresettings.ami, coreshowchannels-*.ami).
FakeAmiServer::Handler asterisk_like(std::atomic<int>& channels) {
  return FakeAmiServer::with_login("torpedo", "ami-secret-1", [&channels](FakeAmiServer::Connection& c, const ami::Message& a) {
    const auto action = a.get_or("Action");
    const std::string id(a.action_id());
    if (ami::Message::equals(action, "CoreSettings")) {
      c.send(FakeAmiServer::respond(a, "AMIversion: 11.0.0\r\nAsteriskVersion: GIT-22-22.0.0-pre1-541-g69535d4837\r\n"
                                       "SystemName: \r\nCoreMaxCalls: 200\r\n"));
    } else if (ami::Message::equals(action, "CoreShowChannels")) {
      c.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n");
      for (int i = 0; i < channels; ++i)
        c.send("Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: PJSIP/carrier-0000000" + std::to_string(i) +
               "\r\nUniqueid: chan-" + std::to_string(i) + "\r\n\r\n");
      c.send("Event: CoreShowChannelsComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: " +
             std::to_string(channels.load()) + "\r\n\r\n");
    } else if (ami::Message::equals(action, "Ping")) {
      c.send(FakeAmiServer::respond(a, "Ping: Pong\r\n"));
    }
  });
}

class PbxNodes : public ApiTest {
 protected:
  nlohmann::json node_body(std::uint16_t ami_port, const std::string& name = "asterisk-01",
                           const std::string& secret = "ami-secret-1") {
    return {{"name", name}, {"amiHost", "127.0.0.1"}, {"amiPort", ami_port}, {"amiUser", "torpedo"},
            {"amiSecret", secret}, {"maxChannels", 60}};
  }
  // Polls GET /pbx-nodes/{id} until `pred` holds on its status.
  nlohmann::json wait_status(HttpClient& c, std::int64_t id, const std::function<bool(const nlohmann::json&)>& pred) {
    nlohmann::json last;
    for (int i = 0; i < 100; ++i) {
      last = c.get("/api/v1/pbx-nodes/" + std::to_string(id)).json()["status"];
      if (pred(last)) return last;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "status never matched; last: " << last.dump();
    return last;
  }
};

TEST_P(PbxNodes, CrudKeepsTheSecretWriteOnlyAndEncrypted) {
  auto a = admin();
  auto created = a.post_json("/api/v1/pbx-nodes", node_body(1));
  ASSERT_EQ(created.status, 201) << created.body;
  auto node = created.json();
  EXPECT_EQ(node["name"], "asterisk-01");
  EXPECT_EQ(node["hasSecret"], true);
  EXPECT_EQ(node["maxChannels"], 60);
  EXPECT_EQ(created.body.find("ami-secret-1"), std::string::npos);
  const auto id = node["id"].get<std::int64_t>();

  auto db = storage::Database::open(scratch->url(), 1);
  auto stored = db->read([](storage::Connection& c) { return c.query_one("SELECT ami_secret_enc FROM pbx_nodes")->str("ami_secret_enc"); });
  EXPECT_EQ(stored.rfind("v1:", 0), 0u);
  EXPECT_EQ(stored.find("ami-secret-1"), std::string::npos);

  auto patched = a.patch_json("/api/v1/pbx-nodes/" + std::to_string(id), {{"amiSecret", "new-secret-2"}, {"enabled", false}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["status"]["state"], "disabled");
  auto audit = a.get("/api/v1/audit?entityType=pbx-node").json()["items"];
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0]["details"]["changes"]["amiSecret"], "changed");
  EXPECT_EQ(audit.dump().find("new-secret-2"), std::string::npos);

  EXPECT_EQ(a.post_json("/api/v1/pbx-nodes", node_body(1)).status, 409);
  EXPECT_EQ(a.del("/api/v1/pbx-nodes/" + std::to_string(id)).status, 204);
  EXPECT_EQ(a.get("/api/v1/pbx-nodes/" + std::to_string(id)).status, 404);
}

TEST_P(PbxNodes, ASecretSealedWithAnotherKeyIsReportedNotSilentlyDisabled) {
  auto a = admin();
  auto id = a.post_json("/api/v1/pbx-nodes", node_body(1)).json()["id"].get<std::int64_t>();
  crypto::SecretBox other(std::array<unsigned char, 32>{});
  auto db = storage::Database::open(scratch->url(), 1);
  db->transaction([&](storage::Connection& c) {
    c.exec("UPDATE pbx_nodes SET ami_secret_enc = :s", {{"s", other.seal("x")}});
  });
  // Any write re-reads the nodes: here, renaming it.
  ASSERT_EQ(a.patch_json("/api/v1/pbx-nodes/" + std::to_string(id), {{"name", "renamed"}}).status, 200);
  auto st = a.get("/api/v1/pbx-nodes/" + std::to_string(id)).json()["status"];
  EXPECT_EQ(st["state"], "auth_failed");
  EXPECT_NE(st["lastError"].get<std::string>().find("chave mestra"), std::string::npos);
  auto test = a.request("POST", "/api/v1/pbx-nodes/" + std::to_string(id) + "/test");
  EXPECT_EQ(test.status, 409);
  EXPECT_EQ(test.json()["error"]["field"], "amiSecret");
}

TEST_P(PbxNodes, BadInputNamesTheFieldAndChangesNothing) {
  auto a = admin();
  struct Case {
    std::string field;
    nlohmann::json value;
  };
  for (const auto& c : std::vector<Case>{{"name", "bad name;[x]"}, {"name", ""}, {"amiHost", "host with space"},
                                         {"amiPort", 0}, {"amiPort", 70000}, {"amiUser", "a b"},
                                         {"amiSecret", ""}, {"maxChannels", 0}, {"mediaMode", "ftp"},
                                         {"soundsDir", "relative/path"}, {"configDir", "/etc/../root"},
                                         {"unknown", 1}}) {
    SCOPED_TRACE(c.field + "=" + c.value.dump());
    auto body = node_body(5038);
    body[c.field] = c.value;
    auto r = a.post_json("/api/v1/pbx-nodes", body);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field);
  }
  auto no_secret = node_body(5038);
  no_secret.erase("amiSecret");
  EXPECT_EQ(a.post_json("/api/v1/pbx-nodes", no_secret).json()["error"]["field"], "amiSecret");
  EXPECT_EQ(count("pbx_nodes"), 0);
}

TEST_P(PbxNodes, OperatorsSeeNodesButCannotChangeThem) {
  auto a = admin();
  ASSERT_EQ(a.post_json("/api/v1/pbx-nodes", node_body(1)).status, 201);
  create_user("op@x.com", "user");
  auto op = login_as("op@x.com", "user-password-1");
  auto list = op.get("/api/v1/pbx-nodes");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(op.post_json("/api/v1/pbx-nodes", node_body(1, "other")).status, 403);
  EXPECT_EQ(op.post_json("/api/v1/pbx-nodes/test", {{"amiHost", "127.0.0.1"}, {"amiUser", "u"}, {"amiSecret", "s"}}).status, 403);
}

TEST_P(PbxNodes, LiveStatusFollowsTheAmiLinkAndChannelEvents) {
  std::atomic<int> channels{2};
  FakeAmiServer ami(asterisk_like(channels));
  auto a = admin();
  WsClient ws;
  ASSERT_EQ(ws.connect(port, "/api/v1/events", {"Cookie: " + a.cookie}), 101);
  auto created = a.post_json("/api/v1/pbx-nodes", node_body(ami.port()));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json()["id"].get<std::int64_t>();

  auto st = wait_status(a, id, [](const auto& s) { return s["state"] == "connected" && s["activeChannels"] == 2; });
  EXPECT_EQ(st["asteriskVersion"], "GIT-22-22.0.0-pre1-541-g69535d4837");
  EXPECT_EQ(st["amiVersion"], "11.0.0");
  EXPECT_TRUE(st["startedAt"].is_string()) << "from FullyBooted Uptime";

  ami.broadcast("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/carrier-00000009\r\nUniqueid: chan-9\r\n\r\n");
  wait_status(a, id, [](const auto& s) { return s["activeChannels"] == 3; });
  ami.broadcast("Event: Hangup\r\nPrivilege: call,all\r\nUniqueid: chan-0\r\nCause: 16\r\n\r\n"
                "Event: Hangup\r\nPrivilege: call,all\r\nUniqueid: chan-1\r\nCause: 16\r\n\r\n");
  wait_status(a, id, [](const auto& s) { return s["activeChannels"] == 1; });

  auto health = anonymous().get("/api/v1/health").json();
  EXPECT_EQ(health["pbx"]["status"], "ok");
  EXPECT_EQ(health["pbx"]["nodes"][0]["state"], "connected");

  // A cut link: reported, then re-synced from CoreShowChannels (not from memory) on reconnect.
  channels = 0;
  ami.drop_all();
  wait_status(a, id, [](const auto& s) { return s["state"] == "connected" && s["activeChannels"] == 0; });
  EXPECT_EQ(ami.connections_accepted(), 2);

  bool saw_status = false;
  for (int i = 0; i < 50 && !saw_status; ++i) {
    auto m = ws.read_text(200);
    if (m && nlohmann::json::parse(*m)["type"] == "pbx-status") saw_status = true;
  }
  EXPECT_TRUE(saw_status) << "status changes are pushed to the UI";
}

TEST_P(PbxNodes, GracefulShutdownLogsOffFromEveryNode) {
  std::atomic<int> channels{0};
  FakeAmiServer ami(asterisk_like(channels));
  auto a = admin();
  auto created = a.post_json("/api/v1/pbx-nodes", node_body(ami.port()));
  wait_status(a, created.json()["id"].get<std::int64_t>(), [](const auto& s) { return s["state"] == "connected"; });
  daemon->shutdown();
  runner.join();
  daemon.reset();
  for (int i = 0; i < 100 && ami.count("Logoff") == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(ami.count("Logoff"), 1);
}

TEST_P(PbxNodes, DisablingANodeDisconnectsIt) {
  std::atomic<int> channels{0};
  FakeAmiServer ami(asterisk_like(channels));
  auto a = admin();
  auto id = a.post_json("/api/v1/pbx-nodes", node_body(ami.port())).json()["id"].get<std::int64_t>();
  wait_status(a, id, [](const auto& s) { return s["state"] == "connected"; });
  ASSERT_EQ(a.patch_json("/api/v1/pbx-nodes/" + std::to_string(id), {{"enabled", false}}).status, 200);
  for (int i = 0; i < 100 && ami.count("Logoff") == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(ami.count("Logoff"), 1);
  EXPECT_EQ(a.get("/api/v1/pbx-nodes/" + std::to_string(id)).json()["status"]["state"], "disabled");
  auto health = anonymous().get("/api/v1/health").json();
  EXPECT_EQ(health["pbx"]["status"], "none");
  EXPECT_EQ(health["pbx"]["nodes"][0]["state"], "disabled");
}

TEST_P(PbxNodes, HealthIsDegradedWhileANodeIsDown) {
  auto a = admin();
  ASSERT_EQ(a.post_json("/api/v1/pbx-nodes", node_body(1)).status, 201);  // nobody listens on port 1
  auto health = anonymous().get("/api/v1/health");
  EXPECT_EQ(health.status, 200) << "the API itself is fine";
  EXPECT_EQ(health.json()["status"], "ok") << "a PBX outage does not take the API out of a load balancer";
  EXPECT_EQ(health.json()["pbx"]["status"], "degraded");
  auto a2 = admin();
  auto node = a2.get("/api/v1/pbx-nodes").json()["items"][0];
  auto error = node["status"]["lastError"];
  for (int i = 0; i < 50 && error.is_null(); ++i) {
    std::this_thread::sleep_for(50ms);
    error = a2.get("/api/v1/pbx-nodes").json()["items"][0]["status"]["lastError"];
  }
  ASSERT_TRUE(error.is_string());
  EXPECT_NE(error.get<std::string>().find("Não foi possível conectar a 127.0.0.1:1"), std::string::npos) << error;
}

TEST_P(PbxNodes, TestConnectionReportsVersionOrAPortugueseReason) {
  std::atomic<int> channels{0};
  FakeAmiServer ami(asterisk_like(channels));
  auto a = admin();
  auto ok = a.post_json("/api/v1/pbx-nodes/test",
                        {{"amiHost", "127.0.0.1"}, {"amiPort", ami.port()}, {"amiUser", "torpedo"}, {"amiSecret", "ami-secret-1"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["ok"], true);
  EXPECT_EQ(ok.json()["asteriskVersion"], "GIT-22-22.0.0-pre1-541-g69535d4837");
  EXPECT_TRUE(ok.json()["latencyMs"].is_number());

  auto refused = a.post_json("/api/v1/pbx-nodes/test",
                             {{"amiHost", "127.0.0.1"}, {"amiPort", ami.port()}, {"amiUser", "torpedo"}, {"amiSecret", "wrong"}});
  EXPECT_EQ(refused.json()["ok"], false);
  EXPECT_NE(refused.json()["error"].get<std::string>().find("recusados"), std::string::npos);

  auto closed = a.post_json("/api/v1/pbx-nodes/test",
                            {{"amiHost", "127.0.0.1"}, {"amiPort", 1}, {"amiUser", "torpedo"}, {"amiSecret", "x"}});
  EXPECT_EQ(closed.json()["ok"], false);
  EXPECT_NE(closed.json()["error"].get<std::string>().find("Não foi possível conectar"), std::string::npos);

  auto created = a.post_json("/api/v1/pbx-nodes", node_body(ami.port()));
  auto saved = a.request("POST", "/api/v1/pbx-nodes/" + std::to_string(created.json()["id"].get<int>()) + "/test");
  EXPECT_EQ(saved.json()["ok"], true) << saved.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, PbxNodes, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
