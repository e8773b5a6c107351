// /users and /audit: admins manage accounts; every write is audited; bad input changes nothing.
#include "api/server_fixture.h"

namespace torpedo::testing {
namespace {

class Users : public ApiTest {};

nlohmann::json new_user(const std::string& email, const std::string& role = "user") {
  return {{"email", email}, {"name", "Fulano de Tal"}, {"role", role}, {"password", "0123456789"}};
}

TEST_P(Users, AdminCreatesListsUpdatesAndDeletesWithAnAuditEntryEach) {
  auto a = admin();
  auto created = a.post_json("/api/v1/users", new_user("Op.One@Example.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto user = created.json();
  EXPECT_EQ(user["email"], "op.one@example.com");
  EXPECT_EQ(user["role"], "user");
  EXPECT_EQ(user["active"], true);
  EXPECT_FALSE(user.contains("password"));
  const std::string id = std::to_string(user["id"].get<int>());
  EXPECT_EQ(created.header("location"), "/api/v1/users/" + id);
  EXPECT_EQ(audit_actions().front(), "user.create");

  auto list = a.get("/api/v1/users?q=op.one");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["nextCursor"], nullptr);

  auto patched = a.patch_json("/api/v1/users/" + id, {{"name", "Operadora Um"}, {"role", "admin"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["name"], "Operadora Um");
  EXPECT_EQ(patched.json()["role"], "admin");
  EXPECT_EQ(audit_actions().front(), "user.update");

  EXPECT_EQ(a.del("/api/v1/users/" + id).status, 204);
  EXPECT_EQ(a.get("/api/v1/users/" + id).status, 404);
  EXPECT_EQ(audit_actions().front(), "user.delete");
  EXPECT_EQ(a.del("/api/v1/users/" + id).status, 404);
}

TEST_P(Users, PagingWithCursor) {
  auto a = admin();
  for (int i = 0; i < 4; ++i) ASSERT_EQ(a.post_json("/api/v1/users", new_user("p" + std::to_string(i) + "@x.com")).status, 201);
  auto first = a.get("/api/v1/users?limit=2");
  ASSERT_EQ(first.json()["items"].size(), 2u);
  ASSERT_TRUE(first.json()["nextCursor"].is_string());
  auto second = a.get("/api/v1/users?limit=2&cursor=" + first.json()["nextCursor"].get<std::string>());
  ASSERT_EQ(second.json()["items"].size(), 2u);
  auto third = a.get("/api/v1/users?limit=2&cursor=" + second.json()["nextCursor"].get<std::string>());
  EXPECT_EQ(third.json()["items"].size(), 1u);
  EXPECT_EQ(third.json()["nextCursor"], nullptr);
  EXPECT_EQ(a.get("/api/v1/users?limit=0").status, 422);
  EXPECT_EQ(a.get("/api/v1/users?cursor=abc").status, 422);
}

TEST_P(Users, BadInputIsA4xxNamingTheFieldAndChangesNothing) {
  auto a = admin();
  const auto users = count("users");
  const auto audits = count("audit_log");
  struct Case {
    nlohmann::json body;
    int status;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"email", "not-an-email"}, {"name", "X"}, {"role", "user"}, {"password", "0123456789"}}, 422, "email"},
      {{{"email", "a@b"}, {"name", "X"}, {"role", "user"}, {"password", "0123456789"}}, 422, "email"},
      {{{"email", std::string(300, 'a') + "@x.com"}, {"name", "X"}, {"role", "user"}, {"password", "0123456789"}}, 422, "email"},
      {{{"email", "ok@x.com"}, {"name", "   "}, {"role", "user"}, {"password", "0123456789"}}, 422, "name"},
      {{{"email", "ok@x.com"}, {"name", "X"}, {"role", "root"}, {"password", "0123456789"}}, 422, "role"},
      {{{"email", "ok@x.com"}, {"name", "X"}, {"role", "user"}, {"password", "012345678"}}, 422, "password"},
      {{{"email", "ok@x.com"}, {"name", "X"}, {"role", "user"}}, 422, "password"},
      {{{"email", "ok@x.com"}, {"name", 42}, {"role", "user"}, {"password", "0123456789"}}, 422, "name"},
      {{{"email", "ok@x.com"}, {"name", "X"}, {"role", "user"}, {"password", "0123456789"}, {"isAdmin", true}}, 422, "isAdmin"},
      {{{"email", "ok@x.com"}, {"name", "X\nY"}, {"role", "user"}, {"password", "0123456789"}}, 422, "name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body.dump());
    auto r = a.post_json("/api/v1/users", c.body);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.error_code(), "validation");
    EXPECT_EQ(r.json()["error"]["field"], c.field);
    EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(a.patch_json("/api/v1/users/1", {{"password", "short"}}).status, 422);
  EXPECT_EQ(a.patch_json("/api/v1/users/9999", {{"name", "x"}}).status, 404);
  EXPECT_EQ(a.patch_json("/api/v1/users/abc", {{"name", "x"}}).status, 404);
  EXPECT_EQ(count("users"), users);
  EXPECT_EQ(count("audit_log"), audits);
}

TEST_P(Users, DuplicateEmailIsAConflict) {
  auto a = admin();
  ASSERT_EQ(a.post_json("/api/v1/users", new_user("dup@x.com")).status, 201);
  auto again = a.post_json("/api/v1/users", new_user("DUP@x.com"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "conflict");
  EXPECT_EQ(again.json()["error"]["field"], "email");
  auto other = a.post_json("/api/v1/users", new_user("other@x.com"));
  auto rename = a.patch_json("/api/v1/users/" + std::to_string(other.json()["id"].get<int>()), {{"email", "dup@x.com"}});
  EXPECT_EQ(rename.status, 409);
}

TEST_P(Users, HostileAndHugeStringsAreStoredAndReturnedLiterally) {
  auto a = admin();
  const std::string hostile = "Robert'); DROP TABLE users; -- \" ` \\ % _ <script>alert(1)</script> ção 🚀";
  const std::string huge = hostile + std::string(10 * 1024, 'z');
  auto created = a.post_json("/api/v1/users", {{"email", "o'brien+tag@x.com"}, {"name", huge}, {"role", "user"},
                                               {"password", hostile}});
  ASSERT_EQ(created.status, 201) << created.body.substr(0, 300);
  const std::string id = std::to_string(created.json()["id"].get<int>());
  auto fetched = a.get("/api/v1/users/" + id);
  EXPECT_EQ(fetched.json()["name"], huge);
  EXPECT_EQ(fetched.json()["email"], "o'brien+tag@x.com");
  EXPECT_EQ(anonymous().login("o'brien+tag@x.com", hostile).status, 200);  // the password too

  auto token = a.post_json("/api/v1/tokens", {{"name", huge}});
  ASSERT_EQ(token.status, 201);
  EXPECT_EQ(token.json()["apiToken"]["name"], huge);
  auto search = a.get("/api/v1/users?q=%27%29%3B%20DROP");
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.json()["items"].size(), 1u);
  EXPECT_GE(count("users"), 2);
}

TEST_P(Users, OperatorsAreForbiddenFromAdminRoutes) {
  create_user("op@x.com", "user");
  auto op = login_as("op@x.com", "user-password-1");
  for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/users"}, {"POST", "/api/v1/users"}, {"GET", "/api/v1/users/1"},
           {"PATCH", "/api/v1/users/1"}, {"DELETE", "/api/v1/users/1"}, {"GET", "/api/v1/audit"}}) {
    SCOPED_TRACE(method + " " + path);
    auto r = op.request(method, path, method == "GET" || method == "DELETE" ? "" : "{}", "application/json");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "forbidden");
  }
  EXPECT_EQ(op.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(op.get("/api/v1/tokens").status, 200);
}

TEST_P(Users, TheLastAdminAndYourselfAreProtected) {
  auto a = admin();
  auto me = a.get("/api/v1/auth/me").json()["user"]["id"].get<int>();
  const std::string self = "/api/v1/users/" + std::to_string(me);
  EXPECT_EQ(a.del(self).status, 409);
  EXPECT_EQ(a.patch_json(self, {{"active", false}}).status, 409);
  auto demote = a.patch_json(self, {{"role", "user"}});
  EXPECT_EQ(demote.status, 409);
  EXPECT_EQ(demote.json()["error"]["field"], "role");
  // With a second admin, the first may step down.
  create_user("second@x.com", "admin");
  EXPECT_EQ(a.patch_json(self, {{"role", "user"}}).status, 200);
  EXPECT_EQ(a.get("/api/v1/users").status, 403) << "the new role applies at once";
}

TEST_P(Users, DeactivatingAUserEndsTheirSessionsAndBlocksLogin) {
  auto id = create_user("op@x.com", "user");
  auto op = login_as("op@x.com", "user-password-1");
  ASSERT_EQ(op.get("/api/v1/auth/me").status, 200);
  auto a = admin();
  EXPECT_EQ(a.patch_json("/api/v1/users/" + std::to_string(id), {{"active", false}}).status, 200);
  EXPECT_EQ(op.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(anonymous().login("op@x.com", "user-password-1").status, 401);
}

TEST_P(Users, AuditListsEntriesNewestFirstWithFilters) {
  auto a = admin();
  a.post_json("/api/v1/users", new_user("a1@x.com"));
  a.post_json("/api/v1/users", new_user("a2@x.com"));
  auto all = a.get("/api/v1/audit?limit=2");
  ASSERT_EQ(all.status, 200);
  auto items = all.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["action"], "user.create");
  EXPECT_EQ(items[0]["details"]["email"], "a2@x.com");
  EXPECT_EQ(items[0]["userEmail"], kAdminEmail);
  EXPECT_EQ(items[0]["address"], "127.0.0.1");
  EXPECT_GT(items[0]["id"].get<int>(), items[1]["id"].get<int>());
  ASSERT_TRUE(all.json()["nextCursor"].is_string());
  auto logins = a.get("/api/v1/audit?action=auth.login").json();
  for (const auto& e : logins["items"]) EXPECT_EQ(e["action"], "auth.login");
  EXPECT_GE(logins["items"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Users, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
