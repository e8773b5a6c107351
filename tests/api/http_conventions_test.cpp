// SPEC §8 conventions over real HTTP: public routes, JSON errors, limits, headers, the UI.
#include <fstream>

#include "api/server_fixture.h"
#include "support/ws_client.h"

namespace torpedo::testing {
namespace {

class HttpConventions : public ApiTest {
 protected:
  void configure(Config& c) override {
    web = c.data_dir.parent_path() / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>Torpedo</title>";
    std::ofstream(web / "assets" / "index-abc.js") << "export{}";
    c.web_dir = web;
  }
  std::filesystem::path web;
};

TEST_P(HttpConventions, HealthIsPublicAndReportsTheDatabase) {
  auto r = anonymous().get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["database"]["status"], "ok");
  EXPECT_EQ(j["database"]["driver"], GetParam());
  EXPECT_TRUE(j["version"].is_string());
}

TEST_P(HttpConventions, OpenApiDocumentIsPublic) {
  auto r = anonymous().get("/api/v1/openapi.yaml");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("openapi: 3.1"), std::string::npos);
  EXPECT_NE(r.body.find("/auth/login"), std::string::npos);
}

TEST_P(HttpConventions, UnknownRouteAndMethodAreJsonErrors) {
  auto missing = anonymous().get("/api/v1/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error_code(), "not_found");
  auto wrong = anonymous().request("DELETE", "/api/v1/health");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.error_code(), "method_not_allowed");
  EXPECT_EQ(wrong.header("allow"), "GET");
}

TEST_P(HttpConventions, HeadAnswersLikeGetWithoutABody) {
  auto r = anonymous().request("HEAD", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.header("content-length"), "0");
}

TEST_P(HttpConventions, EverythingElseNeedsAuthentication) {
  for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/auth/me"}, {"GET", "/api/v1/users"}, {"POST", "/api/v1/users"},
           {"GET", "/api/v1/audit"}, {"GET", "/api/v1/tokens"}, {"DELETE", "/api/v1/users/1"},
           {"POST", "/api/v1/auth/logout"}}) {
    SCOPED_TRACE(method + " " + path);
    auto r = anonymous().request(method, path, method == "GET" ? "" : "{}", "application/json");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error_code(), "unauthorized");
  }
}

TEST_P(HttpConventions, MalformedJsonWrongTypeAndOversizeChangeNothing) {
  auto a = admin();
  const auto users_before = count("users");
  auto bad = a.request("POST", "/api/v1/users", "{\"email\": ", "application/json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "bad_request");
  auto not_object = a.request("POST", "/api/v1/users", "[1,2]", "application/json");
  EXPECT_EQ(not_object.status, 400);
  auto form = a.request("POST", "/api/v1/users", "email=x@y.com", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.error_code(), "unsupported_media_type");
  std::string huge = R"({"email":"big@example.com","name":")" + std::string(100 * 1024, 'x') + R"("})";
  auto too_big = a.request("POST", "/api/v1/users", huge, "application/json");
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.error_code(), "payload_too_large");
  EXPECT_EQ(count("users"), users_before);
}

TEST_P(HttpConventions, GarbageOnTheSocketGetsA400) {
  std::string reply = raw_exchange(port, "\x01\x02 NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_NE(reply.find("\"bad_request\""), std::string::npos);
}

TEST_P(HttpConventions, SecurityHeadersOnEveryResponse) {
  auto r = anonymous().get("/api/v1/health");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto page = anonymous().get("/");
  EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
}

TEST_P(HttpConventions, ServesTheUiWithHistoryFallback) {
  auto index = anonymous().get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<title>Torpedo</title>"), std::string::npos);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  auto deep = anonymous().get("/usuarios");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  auto asset = anonymous().get("/assets/index-abc.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(anonymous().get("/assets/missing.js").status, 404);
  // curl normalises "/../../etc/passwd" to "/etc/passwd": a client route, answered with the UI.
  EXPECT_EQ(anonymous().get("/../../etc/passwd").body.find("root:"), std::string::npos);
}

TEST_P(HttpConventions, KeepAliveServesManyRequestsOnOneConnection) {
  // Two pipelined requests on one connection; the second asks to close it.
  std::string reply = raw_exchange(port,
                                   "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
                                   "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t responses = 0;
  for (auto pos = reply.find("HTTP/1.1 200"); pos != std::string::npos; pos = reply.find("HTTP/1.1 200", pos + 1))
    ++responses;
  EXPECT_EQ(responses, 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpConventions, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
