// The live events WebSocket: authenticated, same-origin for cookies, pushes changes.
#include <nlohmann/json.hpp>

#include "api/server_fixture.h"
#include "support/ws_client.h"

namespace torpedo::testing {
namespace {

class Events : public ApiTest {};

TEST_P(Events, RefusesAnonymousUpgrades) {
  WsClient ws;
  EXPECT_EQ(ws.connect(port, "/api/v1/events", {}), 401);
  WsClient forged;
  EXPECT_EQ(forged.connect(port, "/api/v1/events", {"Cookie: torpedo_session=forged"}), 401);
}

TEST_P(Events, RefusesCrossOriginCookieUpgrades) {
  auto a = admin();
  WsClient ws;
  EXPECT_EQ(ws.connect(port, "/api/v1/events", {"Cookie: " + a.cookie, "Origin: http://evil.example"}), 403);
}

TEST_P(Events, PushesHelloThenEveryChange) {
  auto a = admin();
  WsClient ws;
  ASSERT_EQ(ws.connect(port, "/api/v1/events",
                       {"Cookie: " + a.cookie, "Origin: http://127.0.0.1:" + std::to_string(port)}),
            101);
  auto hello = ws.read_text(5000);
  ASSERT_TRUE(hello);
  EXPECT_EQ(nlohmann::json::parse(*hello)["type"], "hello");
  EXPECT_EQ(nlohmann::json::parse(*hello)["user"]["email"], kAdminEmail);

  auto created = a.post_json("/api/v1/users", {{"email", "live@x.com"}, {"name", "Ao Vivo"}, {"role", "user"},
                                               {"password", "0123456789"}});
  ASSERT_EQ(created.status, 201);
  auto change = ws.read_text(5000);
  ASSERT_TRUE(change);
  auto j = nlohmann::json::parse(*change);
  EXPECT_EQ(j["type"], "change");
  EXPECT_EQ(j["entity"], "user");
  EXPECT_EQ(j["action"], "created");
  EXPECT_EQ(j["id"], std::to_string(created.json()["id"].get<int>()));
  auto audit = ws.read_text(5000);  // every write is audited, and the audit page is live too
  ASSERT_TRUE(audit);
  EXPECT_EQ(nlohmann::json::parse(*audit)["entity"], "audit");
}

TEST_P(Events, BearerTokensMayListenToo) {
  auto a = admin();
  auto token = a.post_json("/api/v1/tokens", {{"name", "listener"}}).json()["token"].get<std::string>();
  WsClient ws;
  ASSERT_EQ(ws.connect(port, "/api/v1/events", {"Authorization: Bearer " + token}), 101);
  EXPECT_TRUE(ws.read_text(5000));
}

TEST_P(Events, ShutdownClosesListenersGracefully) {
  auto a = admin();
  WsClient ws;
  ASSERT_EQ(ws.connect(port, "/api/v1/events", {"Cookie: " + a.cookie}), 101);
  ASSERT_TRUE(ws.read_text(5000));
  daemon->shutdown();
  runner.join();
  daemon.reset();
  EXPECT_FALSE(ws.read_text(5000));
  EXPECT_TRUE(ws.closed());
}

INSTANTIATE_TEST_SUITE_P(Backends, Events, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
