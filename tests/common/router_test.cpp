#include "http/router.h"

#include <gtest/gtest.h>

namespace torpedo::http {
namespace {

Handler named(std::string n) {
  return [n](const Request&, const RouteParams&) { return Response::text(200, n, "text/plain"); };
}

TEST(Router, MatchesLiteralsAndCaptures) {
  Router r;
  r.add("GET", "/api/v1/users", named("list"));
  r.add("POST", "/api/v1/users", named("create"));
  r.add("GET", "/api/v1/users/{id}", named("get"));
  r.add("DELETE", "/api/v1/users/{id}", named("delete"));

  auto m = r.match("GET", "/api/v1/users/42");
  ASSERT_EQ(m.kind, Router::Match::Kind::found);
  EXPECT_EQ(m.params.get("id"), "42");
  EXPECT_EQ((*m.handler)(Request{}, m.params).body, "get");
  EXPECT_EQ(r.match("GET", "/api/v1/users/").kind, Router::Match::Kind::found);
  EXPECT_EQ(r.match("HEAD", "/api/v1/users").kind, Router::Match::Kind::found);
  EXPECT_EQ(r.match("GET", "/api/v1/users/42/extra").kind, Router::Match::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/api/v1/nope").kind, Router::Match::Kind::not_found);

  auto wrong = r.match("PUT", "/api/v1/users/42");
  EXPECT_EQ(wrong.kind, Router::Match::Kind::method_not_allowed);
  EXPECT_EQ(wrong.allowed, "GET, DELETE");
}

TEST(Message, SplitsAndDecodesTargets) {
  std::string path, query;
  ASSERT_TRUE(split_target("/a%20b/c?x=1&y=%C3%A7", path, query));
  EXPECT_EQ(path, "/a b/c");
  EXPECT_EQ(query, "x=1&y=%C3%A7");
  EXPECT_FALSE(split_target("/a%2fb", path, query));  // encoded slash
  EXPECT_FALSE(split_target("/a%00", path, query));   // encoded NUL
  EXPECT_FALSE(split_target("/a%zz", path, query));
  EXPECT_FALSE(split_target("relative", path, query));
}

TEST(Message, QueryParamsAndCookies) {
  Request r;
  r.query = "q=Jo%C3%A3o+Silva&limit=10&empty";
  r.headers = {{"cookie", "a=1; torpedo_session=abc; b=\"q\""}};
  EXPECT_EQ(r.query_param("q"), "João Silva");
  EXPECT_EQ(r.query_param("limit"), "10");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("missing"), std::nullopt);
  EXPECT_EQ(r.cookie("torpedo_session"), "abc");
  EXPECT_EQ(r.cookie("b"), "q");
  EXPECT_EQ(r.cookie("torpedo"), std::nullopt);
}

}  // namespace
}  // namespace torpedo::http
