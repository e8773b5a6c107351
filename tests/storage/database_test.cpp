// The data layer on both backends: migrations, parameter binding, types, transactions.
#include "storage/database.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "support/databases.h"

namespace torpedo::storage {
namespace {

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
    if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
    db = Database::open(scratch->url(), 3);
  }
  std::unique_ptr<testing::ScratchDatabase> scratch;
  std::unique_ptr<Database> db;
};

TEST_P(DatabaseTest, MigrationsCreateTheWholeSchemaOnceAndAreIdempotent) {
  auto first = migrate(*db);
  EXPECT_EQ(first.from_version, 0);
  EXPECT_EQ(first.to_version, all_migrations().back().version);
  EXPECT_EQ(first.applied.size(), all_migrations().size());
  auto second = migrate(*db);
  EXPECT_TRUE(second.applied.empty());
  EXPECT_EQ(current_schema_version(*db), first.to_version);

  // Every table of SPEC §2 exists and can be queried.
  for (const char* table :
       {"users", "sessions", "api_tokens", "audit_log", "contact_lists", "contacts", "dnc", "audio_files",
        "extensions", "queues", "queue_members", "trunks", "pbx_nodes", "campaigns", "campaign_lists",
        "campaign_trunks", "campaign_contacts", "call_attempts", "campaign_counters", "jobs"}) {
    SCOPED_TRACE(table);
    auto row = db->read([&](Connection& c) { return c.query_one(std::string("SELECT COUNT(*) AS n FROM ") + table); });
    EXPECT_EQ(row->i64("n"), 0);
  }
}

TEST_P(DatabaseTest, ParametersAreNeverInterpolated) {
  migrate(*db);
  const std::string hostile = "Robert'); DROP TABLE users; -- \" ` \\ % _ ; ção 🚀";
  const std::string big(10 * 1024, 'x');
  db->transaction([&](Connection& c) {
    c.exec("INSERT INTO contact_lists (name, description, created_at, updated_at) VALUES (:n, :d, 1, 2)",
           {{"n", hostile}, {"d", big + hostile}});
  });
  auto row = db->read([&](Connection& c) {
    return c.query_one("SELECT name, description FROM contact_lists WHERE name = :n", {{"n", hostile}});
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->str("name"), hostile);
  EXPECT_EQ(row->str("description"), big + hostile);
  auto users = db->read([](Connection& c) { return c.query_one("SELECT COUNT(*) AS n FROM users"); });
  EXPECT_EQ(users->i64("n"), 0);  // the table is still there
}

TEST_P(DatabaseTest, TypesAndNullsRoundTrip) {
  migrate(*db);
  db->transaction([&](Connection& c) {
    c.exec(
        "INSERT INTO jobs (kind, status, processed, total, result, created_at, updated_at) "
        "VALUES (:k, :s, :p, :t, :r, :c, :u)",
        {{"k", "import"}, {"s", "queued"}, {"p", std::int64_t{9'000'000'000}}, {"t", nullptr},
         {"r", std::optional<std::string>{}}, {"c", std::int64_t{1'795'000'000'000}}, {"u", 1}});
    c.exec("INSERT INTO trunks (name, host, max_cps, created_at, updated_at) VALUES (:n, :h, :cps, 1, 1)",
           {{"n", "t1"}, {"h", "sip.example.com"}, {"cps", 2.5}});
  });
  auto job = db->read([](Connection& c) { return *c.query_one("SELECT * FROM jobs"); });
  EXPECT_EQ(job.i64("processed"), 9'000'000'000);
  EXPECT_TRUE(job.is_null("total"));
  EXPECT_EQ(job.opt_str("result"), std::nullopt);
  EXPECT_EQ(job.i64("created_at"), 1'795'000'000'000);
  EXPECT_GT(job.i64("id"), 0);
  auto trunk = db->read([](Connection& c) { return *c.query_one("SELECT max_cps, port, enabled FROM trunks"); });
  EXPECT_DOUBLE_EQ(trunk.f64("max_cps"), 2.5);
  EXPECT_EQ(trunk.i64("port"), 5060);  // column default
  EXPECT_TRUE(trunk.boolean("enabled"));
}

TEST_P(DatabaseTest, TransactionRollsBackWhenTheBodyThrows) {
  migrate(*db);
  EXPECT_THROW(db->transaction([](Connection& c) {
    c.exec("INSERT INTO dnc (e164, source, created_at) VALUES ('+5511999990000', 'manual', 1)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto n = db->read([](Connection& c) { return c.query_one("SELECT COUNT(*) AS n FROM dnc")->i64("n"); });
  EXPECT_EQ(n, 0);
}

TEST_P(DatabaseTest, UniqueAndForeignKeyViolationsAreConstraintErrors) {
  migrate(*db);
  db->transaction([](Connection& c) {
    c.exec("INSERT INTO dnc (e164, source, created_at) VALUES ('+5511999990000', 'manual', 1)");
  });
  EXPECT_THROW(db->transaction([](Connection& c) {
    c.exec("INSERT INTO dnc (e164, source, created_at) VALUES ('+5511999990000', 'import', 2)");
  }),
               ConstraintError);
  // Foreign keys are on in SQLite too.
  EXPECT_THROW(db->transaction([](Connection& c) {
    c.exec("INSERT INTO sessions (token_hash, user_id, csrf_token, address, created_at, last_seen_at) "
           "VALUES ('h', 999, 'c', 'a', 1, 1)");
  }),
               ConstraintError);
}

TEST_P(DatabaseTest, PoolServesConcurrentWriters) {
  migrate(*db);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        db->transaction([&](Connection& c) {
          c.exec("INSERT INTO dnc (e164, source, created_at) VALUES (:e, 'manual', 1)",
                 {{"e", "+55119" + std::to_string(t) + std::to_string(1000 + i)}});
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  auto n = db->read([](Connection& c) { return c.query_one("SELECT COUNT(*) AS n FROM dnc")->i64("n"); });
  EXPECT_EQ(n, 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

TEST(DatabaseUrl, MysqlUrlBecomesSociConnectString) {
  EXPECT_EQ(mysql_connect_string("mysql://app:p%40ss'w@db.example:3307/torpedo"),
            "host='db.example' port=3307 db='torpedo' charset=utf8mb4 user='app' password='p@ss\\'w'");
  EXPECT_EQ(mysql_connect_string("mysql://root@127.0.0.1/x"),
            "host='127.0.0.1' port=3306 db='x' charset=utf8mb4 user='root'");
  EXPECT_THROW(mysql_connect_string("mysql://host:1/"), StorageError);
  EXPECT_THROW(Database::open("sqlite::memory:", 1), StorageError);
  EXPECT_THROW(Database::open("oracle://x", 1), StorageError);
}

TEST(Migrations, RenderPerDialect) {
  EXPECT_EQ(render_statement("CREATE TABLE t (id {{pk}}){{table}}", Dialect::sqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)");
  EXPECT_EQ(render_statement("CREATE TABLE t (id {{pk}}, d {{longtext}}){{table}}", Dialect::mysql),
            "CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, d MEDIUMTEXT) ENGINE=InnoDB DEFAULT "
            "CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  // Versions strictly increase: a migration is never edited, only appended.
  int last = 0;
  for (const auto& m : all_migrations()) {
    EXPECT_GT(m.version, last);
    last = m.version;
  }
}

}  // namespace
}  // namespace torpedo::storage
