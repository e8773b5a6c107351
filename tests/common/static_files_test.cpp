#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/databases.h"

namespace torpedo::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = testing::make_temp_dir("web");
    std::filesystem::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<html>index</html>";
    std::ofstream(root / "assets" / "app-123.js") << "console.log(1)";
    std::ofstream(root.parent_path() / "secret.txt") << "secret";
  }
  void TearDown() override { std::filesystem::remove_all(root); }
  Request get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }
  std::filesystem::path root;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  StaticFiles files(root);
  auto js = files.serve(get("/assets/app-123.js"));
  ASSERT_TRUE(js);
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->header("Cache-Control"), "public, max-age=31536000, immutable");
  auto index = files.serve(get("/"));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, "<html>index</html>");
  EXPECT_EQ(index->header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, HistoryFallbackForClientRoutesOnly) {
  StaticFiles files(root);
  auto route = files.serve(get("/usuarios/42"));
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, "<html>index</html>");
  EXPECT_FALSE(files.serve(get("/assets/missing.js")));  // a missing asset is a 404
  EXPECT_FALSE(files.serve(get("/api/v1/whatever")));    // the API answers its own 404
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  StaticFiles files(root);
  EXPECT_FALSE(files.serve(get("/../secret.txt")));
  EXPECT_FALSE(files.serve(get("/assets/../../secret.txt")));
  Request post = get("/");
  post.method = "POST";
  EXPECT_FALSE(files.serve(post));
}

}  // namespace
}  // namespace torpedo::http
