// /campaigns through the real daemon: every setting validated with the field's path and
// nothing half-written; readiness; the status machine with its roles; audit and live messages.
#include <gtest/gtest.h>

#include "server_fixture.h"
#include "storage/database.h"
#include "support/ws_client.h"

namespace torpedo::testing {
namespace {

using nlohmann::json;

class Campaigns : public ApiTest {
 protected:
  std::int64_t create(HttpClient& a, const json& body) {
    auto r = a.post_json("/api/v1/campaigns", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<std::int64_t>();
  }
  void set_status(std::int64_t id, const std::string& status) {
    auto db = storage::Database::open(scratch->url(), 1);
    db->write([&](storage::Connection& c) {
      return c.exec("UPDATE campaigns SET status = :s WHERE id = :id", {{"s", status}, {"id", id}});
    });
  }
  // A contact waiting in the campaign, so that the engine (with no PBX node to dial on) keeps
  // it running instead of completing it.
  void give_pending_contact(std::int64_t id) {
    auto db = storage::Database::open(scratch->url(), 1);
    db->write([&](storage::Connection& c) {
      c.exec("INSERT INTO contact_lists (name, contact_count, created_at, updated_at) VALUES ('L', 1, 0, 0)");
      const auto list = c.last_insert_id();
      c.exec("INSERT INTO contacts (list_id, phone1, phone1_e164, phone1_type, created_at, updated_at) VALUES (:l, "
             "'11987654321', '5511987654321', 'mobile', 0, 0)",
             {{"l", list}});
      const auto contact = c.last_insert_id();
      c.exec("INSERT INTO campaign_lists (campaign_id, list_id) VALUES (:c, :l)", {{"c", id}, {"l", list}});
      return c.exec("INSERT INTO campaign_contacts (campaign_id, contact_id, updated_at) VALUES (:c, :k, 0)",
                    {{"c", id}, {"k", contact}});
    });
  }
  std::string field_of(const HttpResult& r) { return r.json()["error"].value("field", ""); }
};

TEST_P(Campaigns, CreatedWithSensibleDefaults) {
  auto a = admin();
  auto r = a.post_json("/api/v1/campaigns", {{"name", "  Cobrança dezembro  "}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.json();
  EXPECT_EQ(c["name"], "Cobrança dezembro");
  EXPECT_EQ(c["status"], "draft");
  EXPECT_EQ(c["maxConcurrent"], 10);
  EXPECT_EQ(c["ringTimeoutS"], 30);
  EXPECT_EQ(c["retryPolicy"]["maxAttempts"], 3);
  EXPECT_EQ(c["retryPolicy"]["delaysS"]["busy"], 900);
  EXPECT_TRUE(c["retryPolicy"]["delaysS"]["voicemail"].is_null());
  EXPECT_EQ(c["schedule"]["windows"].size(), 2u);
  EXPECT_EQ(c["timezone"], "America/Sao_Paulo");
  EXPECT_EQ(c["progress"]["contacts"], 0);
  // What keeps it from starting, each saying what to do.
  std::set<std::string> fields;
  for (const auto& p : c["readiness"]) fields.insert(p["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"nodes", "audioId", "trunkIds", "listIds"}));
  EXPECT_EQ(a.get("/api/v1/campaigns").json()["items"].size(), 1u);
  EXPECT_EQ(audit_actions().front(), "campaign.create");
}

TEST_P(Campaigns, EverySettingIsValidatedAndNothingIsHalfWritten) {
  auto a = admin();
  const std::string long_name(2'000, 'x');
  const std::vector<std::pair<json, std::string>> cases = {
      {json::object(), "name"},
      {{{"name", ""}}, "name"},
      {{{"name", "a\nb"}}, "name"},
      {{{"name", long_name}}, "name"},
      {{{"name", "x"}, {"nmae", "typo"}}, "nmae"},
      {{{"name", "x"}, {"maxConcurrent", 0}}, "maxConcurrent"},
      {{{"name", "x"}, {"maxConcurrent", 1001}}, "maxConcurrent"},
      {{{"name", "x"}, {"maxCps", 0}}, "maxCps"},
      {{{"name", "x"}, {"ringTimeoutS", 5}}, "ringTimeoutS"},
      {{{"name", "x"}, {"callerId", "11 9999;0000"}}, "callerId"},
      {{{"name", "x"}, {"amdParams", "2500,1500)&Dial(x"}}, "amdParams"},
      {{{"name", "x"}, {"machineAction", "explode"}}, "machineAction"},
      {{{"name", "x"}, {"audioId", 999}}, "audioId"},
      {{{"name", "x"}, {"listIds", {999}}}, "listIds"},
      {{{"name", "x"}, {"listIds", "1"}}, "listIds"},
      {{{"name", "x"}, {"trunkIds", {999}}}, "trunkIds"},
      {{{"name", "x"}, {"ivrOptions", {{"a", {{"action", "hangup"}}}}}}, "ivrOptions.a"},
      {{{"name", "x"}, {"ivrOptions", {{"1", {{"action", "dial"}}}}}}, "ivrOptions.1.action"},
      {{{"name", "x"}, {"ivrOptions", {{"1", {{"action", "queue"}, {"target", "nope"}}}}}}, "ivrOptions.1.target"},
      {{{"name", "x"}, {"ivrOptions", {{"2", {{"action", "optout"}, {"audioId", 77}}}}}}, "ivrOptions.2.audioId"},
      {{{"name", "x"}, {"retryPolicy", {{"delaysS", {{"busy", 10}}}}}}, "retryPolicy.delaysS.busy"},
      {{{"name", "x"}, {"retryPolicy", {{"maxAttempts", 99}}}}, "retryPolicy.maxAttempts"},
      {{{"name", "x"}, {"schedule", {{"windows", {{{"weekdays", {1}}, {"start", "25:00"}, {"end", "26:00"}}}}}}},
       "schedule.windows.0.start"},
      {{{"name", "x"}, {"timezone", "Europe/Lisbon"}}, "timezone"},
      {{{"name", "x"}, {"startsAt", "amanhã"}}, "startsAt"},
      {{{"name", "x"}, {"startsAt", "2026-12-02T09:00:00-03:00"}, {"endsAt", "2026-12-01T09:00:00-03:00"}}, "endsAt"},
  };
  for (const auto& [body, field] : cases) {
    auto r = a.post_json("/api/v1/campaigns", body);
    EXPECT_EQ(r.status, 422) << body.dump().substr(0, 200) << " → " << r.body.substr(0, 300);
    EXPECT_EQ(field_of(r), field) << r.body.substr(0, 300);
    EXPECT_FALSE(r.json()["error"].value("message", "").empty());
  }
  EXPECT_EQ(a.request("POST", "/api/v1/campaigns", "{\"name\":", "application/json").status, 400);
  EXPECT_EQ(a.post_json("/api/v1/campaigns", {{"name", std::string(200'000, 'x')}}).status, 413);
  EXPECT_EQ(a.request("POST", "/api/v1/campaigns", "name=x", "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(count("campaigns"), 0) << "nothing half-written";
}

TEST_P(Campaigns, RolesAndTheStatusMachine) {
  auto a = admin();
  create_user("operador@torpedo.test", "user");
  auto op = login_as("operador@torpedo.test", "user-password-1");
  EXPECT_EQ(op.post_json("/api/v1/campaigns", {{"name", "x"}}).status, 403);
  const auto id = create(a, {{"name", "Pesquisa"}});
  const std::string base = "/api/v1/campaigns/" + std::to_string(id);

  // Not ready: start refused with what to do.
  auto r = a.request("POST", base + "/start");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("não pode começar"), std::string::npos);
  EXPECT_EQ(op.request("POST", base + "/start").status, 403) << "operators do not start campaigns";
  EXPECT_EQ(op.request("POST", base + "/cancel").status, 403) << "nor cancel them";
  EXPECT_EQ(op.request("POST", base + "/pause").status, 409) << "a draft is not running";

  // Running (as the engine would have it): an operator may pause and resume at once.
  give_pending_contact(id);
  set_status(id, "running");
  WsClient ws;
  ASSERT_EQ(ws.connect(port, "/api/v1/events", {"Cookie: " + op.cookie, "Origin: http://127.0.0.1:" + std::to_string(port)}), 101);
  ASSERT_TRUE(ws.read_text(5000));  // hello
  r = op.request("POST", base + "/pause");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "paused");
  bool pushed = false;
  for (int i = 0; i < 5 && !pushed; ++i) {
    auto m = ws.read_text(3000);
    if (!m) break;
    auto j = json::parse(*m);
    pushed = j["type"] == "campaign" && j["from"] == "running" && j["to"] == "paused" &&
             j["by"] == "operador@torpedo.test" && j["campaign"]["id"] == id;
  }
  EXPECT_TRUE(pushed) << "the transition is pushed to every UI";
  EXPECT_EQ(op.request("POST", base + "/pause").status, 409);
  // While running only some settings may change.
  set_status(id, "running");
  EXPECT_EQ(a.patch_json(base, {{"maxConcurrent", 20}}).status, 200);
  r = a.patch_json(base, {{"audioId", nullptr}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(field_of(r), "audioId");
  set_status(id, "paused");
  r = op.request("POST", base + "/resume");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "running");
  EXPECT_EQ(a.del(base).status, 409) << "cancel it first";
  r = a.request("POST", base + "/cancel");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "cancelled");
  EXPECT_FALSE(r.json()["completedAt"].is_null());
  EXPECT_EQ(a.request("POST", base + "/resume").status, 409);
  EXPECT_EQ(a.patch_json(base, {{"name", "outro"}}).status, 409) << "a final campaign does not change";
  auto actions = audit_actions();
  EXPECT_EQ(actions[0], "campaign.cancel");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "campaign.pause"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "campaign.resume"), actions.end());
  EXPECT_EQ(a.get(base + "/attempts").json()["items"].size(), 0u);
  EXPECT_EQ(a.get(base + "/live").json()["calls"].size(), 0u);
  EXPECT_EQ(a.del(base).status, 204);
  EXPECT_EQ(a.get(base).status, 404);
  EXPECT_EQ(a.get(base + "/attempts").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Campaigns, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
