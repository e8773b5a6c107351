#include "api/server_fixture.h"

#include "common/log.h"
#include "storage/database.h"

namespace torpedo::testing {

void ApiTest::SetUp() {
  setup_logging("text", "warn");
  scratch = std::make_unique<ScratchDatabase>(GetParam());
  if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.data_dir = scratch->dir() / "data";
  config.db_url = scratch->url();
  config.master_key_file = config.data_dir / "master.key";
  config.admin_email = kAdminEmail;
  config.admin_password = kAdminPassword;
  config.workers = 2;
  config.max_body_bytes = 64 * 1024;
  configure(config);
  daemon = std::make_unique<app::Daemon>(config, false, &clock);
  port = daemon->start();
  runner = std::thread([this] { daemon->run(); });
}

void ApiTest::TearDown() {
  if (daemon) {
    daemon->shutdown();
    runner.join();
    daemon.reset();
  }
  scratch.reset();
}

HttpClient ApiTest::admin() { return login_as(kAdminEmail, kAdminPassword); }

HttpClient ApiTest::login_as(const std::string& email, const std::string& password) {
  HttpClient c = anonymous();
  auto r = c.login(email, password);
  EXPECT_EQ(r.status, 200) << r.body;
  return c;
}

std::int64_t ApiTest::create_user(const std::string& email, const std::string& role, const std::string& password) {
  auto a = admin();
  auto r = a.post_json("/api/v1/users", {{"email", email}, {"name", "Usuário " + email}, {"role", role},
                                          {"password", password}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json()["id"].get<std::int64_t>();
}

std::vector<std::string> ApiTest::audit_actions() {
  auto db = storage::Database::open(scratch->url(), 1);
  std::vector<std::string> out;
  db->with_connection([&](storage::Connection& c) {
    for (const auto& row : c.query("SELECT action FROM audit_log ORDER BY id DESC")) out.push_back(row.str("action"));
  });
  return out;
}

std::int64_t ApiTest::count(const std::string& table) {
  auto db = storage::Database::open(scratch->url(), 1);
  return db->read([&](storage::Connection& c) { return c.query_one("SELECT COUNT(*) AS n FROM " + table)->i64("n"); });
}

}  // namespace torpedo::testing
