// Logging in and out, sessions, CSRF, rate limits, API tokens, own password.
#include "api/server_fixture.h"

namespace torpedo::testing {
namespace {

class Auth : public ApiTest {};

TEST_P(Auth, LoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  auto c = anonymous();
  auto r = c.login(kAdminEmail, kAdminPassword);
  ASSERT_EQ(r.status, 200);
  auto cookie = r.header("set-cookie");
  EXPECT_EQ(cookie.rfind("torpedo_session=", 0), 0u);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(r.json()["user"]["email"], kAdminEmail);
  EXPECT_EQ(r.json()["user"]["role"], "admin");
  EXPECT_FALSE(r.json()["user"].contains("passwordHash"));
  EXPECT_GE(r.json()["csrfToken"].get<std::string>().size(), 20u);

  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["csrfToken"], r.json()["csrfToken"]);  // again after a page reload
  EXPECT_EQ(audit_actions().front(), "auth.login");
}

TEST_P(Auth, EmailIsCaseInsensitiveAtLogin) {
  auto c = anonymous();
  EXPECT_EQ(c.login("  ADMIN@Torpedo.Test ", kAdminPassword).status, 200);
}

TEST_P(Auth, WrongPasswordOrUnknownAccountIs401AndAudited) {
  auto wrong = anonymous().login(kAdminEmail, "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.error_code(), "unauthorized");
  auto unknown = anonymous().login("nobody@torpedo.test", "whatever-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);  // no hint about which accounts exist
  auto actions = audit_actions();
  EXPECT_EQ(actions[0], "auth.login_failed");
  EXPECT_EQ(actions[1], "auth.login_failed");
  auto missing = anonymous().post_json("/api/v1/auth/login", {{"email", kAdminEmail}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["field"], "password");
}

TEST_P(Auth, AccountIsThrottledAfterFiveFailuresUntilTheWindowPasses) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(anonymous().login(kAdminEmail, "wrong-password").status, 401);
  auto limited = anonymous().login(kAdminEmail, kAdminPassword);  // even the right password
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_EQ(count("sessions"), 0);
  clock.advance_minutes(16);
  EXPECT_EQ(anonymous().login(kAdminEmail, kAdminPassword).status, 200);
}

TEST_P(Auth, AddressIsThrottledWhenSprayingAccounts) {
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(anonymous().login("user" + std::to_string(i) + "@torpedo.test", "wrong-password").status, 401);
  EXPECT_EQ(anonymous().login(kAdminEmail, kAdminPassword).status, 429);
}

TEST_P(Auth, MissingOrForgedSessionIs401) {
  auto c = anonymous();
  c.cookie = "torpedo_session=forged-value";
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
  c.cookie = "torpedo_session=";
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
  c.cookie.clear();
  c.bearer = "tp_not-a-real-token";
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

TEST_P(Auth, SessionExpiresAfterEightHoursIdleButNotWhileInUse) {
  auto c = admin();
  for (int i = 0; i < 3; ++i) {
    clock.advance_minutes(7 * 60);
    ASSERT_EQ(c.get("/api/v1/auth/me").status, 200) << "active use keeps the session alive";
  }
  clock.advance_minutes(8 * 60 + 1);
  auto expired = c.get("/api/v1/auth/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.error_code(), "unauthorized");
  admin();  // a later login sweeps idle sessions out of the table
  EXPECT_EQ(count("sessions"), 1);
}

TEST_P(Auth, CookieWritesNeedTheCsrfToken) {
  auto a = admin();
  const auto users = count("users");
  const std::string token = a.csrf_token;
  a.csrf_token.clear();
  auto missing = a.post_json("/api/v1/users", {{"email", "x@torpedo.test"}, {"name", "X"}, {"role", "user"},
                                               {"password", "0123456789"}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.error_code(), "csrf");
  a.csrf_token = token + "x";
  EXPECT_EQ(a.post_json("/api/v1/tokens", {{"name", "t"}}).error_code(), "csrf");
  EXPECT_EQ(count("users"), users);
  EXPECT_EQ(count("api_tokens"), 0);
  a.csrf_token = token;
  EXPECT_EQ(a.post_json("/api/v1/tokens", {{"name", "t"}}).status, 201);
}

TEST_P(Auth, LogoutEndsTheSessionAndClearsTheCookie) {
  auto c = admin();
  auto out = c.request("POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(audit_actions().front(), "auth.logout");
}

TEST_P(Auth, ApiTokensAreShownOnceWorkWithoutCsrfAndCanBeRevoked) {
  auto a = admin();
  auto created = a.post_json("/api/v1/tokens", {{"name", "Integração CRM"}, {"expiresInDays", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.json()["token"];
  EXPECT_EQ(token.rfind("tp_", 0), 0u);
  auto listed = a.get("/api/v1/tokens");
  EXPECT_EQ(listed.body.find(token), std::string::npos);  // never shown again
  EXPECT_EQ(listed.json()["items"][0]["prefix"], token.substr(0, 11));

  auto bot = anonymous();
  bot.bearer = token;
  EXPECT_EQ(bot.get("/api/v1/auth/me").json()["csrfToken"], nullptr);
  auto write = bot.post_json("/api/v1/users", {{"email", "bot-made@torpedo.test"}, {"name", "Bot"},
                                                {"role", "user"}, {"password", "0123456789ab"}});
  EXPECT_EQ(write.status, 201) << "bearer writes need no CSRF token";

  const auto id = created.json()["apiToken"]["id"].get<std::int64_t>();
  EXPECT_EQ(a.del("/api/v1/tokens/" + std::to_string(id)).status, 204);
  EXPECT_EQ(bot.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(audit_actions().front(), "token.revoke");
}

TEST_P(Auth, ApiTokensExpire) {
  auto a = admin();
  EXPECT_EQ(a.post_json("/api/v1/tokens", {{"name", "x"}, {"expiresInDays", 0}}).status, 422);
  auto created = a.post_json("/api/v1/tokens", {{"name", "short"}, {"expiresInDays", 1}});
  auto bot = anonymous();
  bot.bearer = created.json()["token"];
  EXPECT_EQ(bot.get("/api/v1/auth/me").status, 200);
  clock.advance_minutes(24 * 60 - 1);
  EXPECT_EQ(bot.get("/api/v1/auth/me").status, 200);
  clock.advance_minutes(2);
  EXPECT_EQ(bot.get("/api/v1/auth/me").status, 401);
}

TEST_P(Auth, UsersCannotRevokeOthersTokens) {
  auto a = admin();
  auto created = a.post_json("/api/v1/tokens", {{"name", "admin's"}});
  create_user("op@torpedo.test", "user");
  auto op = login_as("op@torpedo.test", "user-password-1");
  auto r = op.del("/api/v1/tokens/" + std::to_string(created.json()["apiToken"]["id"].get<int>()));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(op.get("/api/v1/tokens").json()["items"].size(), 0u);
}

TEST_P(Auth, ChangingOwnPasswordEndsOtherSessions) {
  create_user("op@torpedo.test", "user");
  auto here = login_as("op@torpedo.test", "user-password-1");
  auto elsewhere = login_as("op@torpedo.test", "user-password-1");
  auto wrong = here.post_json("/api/v1/auth/password", {{"currentPassword", "nope"}, {"newPassword", "new-password-22"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["error"]["field"], "currentPassword");
  auto weak = here.post_json("/api/v1/auth/password", {{"currentPassword", "user-password-1"}, {"newPassword", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["error"]["field"], "newPassword");
  auto ok = here.post_json("/api/v1/auth/password",
                           {{"currentPassword", "user-password-1"}, {"newPassword", "new-password-22"}});
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(here.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(elsewhere.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(anonymous().login("op@torpedo.test", "user-password-1").status, 401);
  EXPECT_EQ(anonymous().login("op@torpedo.test", "new-password-22").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Auth, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
