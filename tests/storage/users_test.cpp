// Users, sessions, API tokens and the audit trail on both backends.
#include "storage/users.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "support/databases.h"

namespace torpedo::storage {
namespace {

class UsersStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
    if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
    db = Database::open(scratch->url(), 2);
    migrate(*db);
  }
  std::int64_t add_user(const std::string& email, const std::string& role = "user", bool active = true) {
    User u;
    u.email = email;
    u.name = "Name of " + email;
    u.role = role;
    u.active = active;
    u.password_hash = "$argon2id$fake";
    u.created_at = u.updated_at = 1000;
    return db->write([&](Connection& c) { return users::insert(c, u); });
  }
  std::unique_ptr<testing::ScratchDatabase> scratch;
  std::unique_ptr<Database> db;
};

TEST_P(UsersStoreTest, InsertFindUpdateRemove) {
  auto id = add_user("ana@example.com", "admin");
  auto u = db->read([&](Connection& c) { return users::find(c, id); });
  ASSERT_TRUE(u);
  EXPECT_EQ(u->email, "ana@example.com");
  EXPECT_EQ(u->role, "admin");
  EXPECT_TRUE(u->active);
  EXPECT_EQ(u->last_login_at, std::nullopt);

  u->name = "Ana Maria da Conceição";
  u->active = false;
  u->updated_at = 2000;
  db->transaction([&](Connection& c) { users::update(c, *u); });
  auto again = db->read([&](Connection& c) { return users::find_by_email(c, "ana@example.com"); });
  EXPECT_EQ(again->name, "Ana Maria da Conceição");
  EXPECT_FALSE(again->active);
  EXPECT_EQ(again->updated_at, 2000);
  EXPECT_EQ(db->read([](Connection& c) { return users::count_active_admins(c); }), 0);

  EXPECT_TRUE(db->write([&](Connection& c) { return users::remove(c, id); }));
  EXPECT_FALSE(db->read([&](Connection& c) { return users::find(c, id); }));
}

TEST_P(UsersStoreTest, EmailIsUnique) {
  add_user("ana@example.com");
  EXPECT_THROW(add_user("ana@example.com"), ConstraintError);
}

TEST_P(UsersStoreTest, ListSearchesAndPagesByKeyset) {
  for (int i = 0; i < 5; ++i) add_user("user" + std::to_string(i) + "@example.com");
  add_user("50%off@example.com");
  UserFilter f;
  f.limit = 2;
  auto page1 = db->read([&](Connection& c) { return users::list(c, f); });
  ASSERT_EQ(page1.size(), 2u);
  f.after_id = page1.back().id;
  auto page2 = db->read([&](Connection& c) { return users::list(c, f); });
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_GT(page2.front().id, page1.back().id);

  UserFilter search;
  search.search = "USER3";
  auto found = db->read([&](Connection& c) { return users::list(c, search); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].email, "user3@example.com");
  search.search = "50%";  // a wildcard character is matched literally
  EXPECT_EQ(db->read([&](Connection& c) { return users::list(c, search); }).size(), 1u);
}

TEST_P(UsersStoreTest, SessionsLiveAndDieWithTheirUser) {
  auto id = add_user("ana@example.com");
  auto other = add_user("bia@example.com");
  db->transaction([&](Connection& c) {
    sessions::insert(c, std::string(64, 'a'), id, "csrf1", "127.0.0.1", "curl", 1000);
    sessions::insert(c, std::string(64, 'b'), id, "csrf2", "127.0.0.1", "curl", 1000);
    sessions::insert(c, std::string(64, 'c'), other, "csrf3", "127.0.0.1", "curl", 5000);
  });
  auto s = db->read([&](Connection& c) { return sessions::find(c, std::string(64, 'a')); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(s->csrf_token, "csrf1");
  db->transaction([&](Connection& c) { sessions::touch(c, s->id, 3000); });
  EXPECT_EQ(db->read([&](Connection& c) { return sessions::find(c, std::string(64, 'a')); })->last_seen_at, 3000);

  EXPECT_EQ(db->write([](Connection& c) { return sessions::purge_idle(c, 2000); }), 1);  // 'b' was idle
  db->transaction([&](Connection& c) { users::remove(c, id); });  // cascades
  EXPECT_FALSE(db->read([&](Connection& c) { return sessions::find(c, std::string(64, 'a')); }));
  EXPECT_TRUE(db->read([&](Connection& c) { return sessions::find(c, std::string(64, 'c')); }));
}

TEST_P(UsersStoreTest, ApiTokensAreRevocable) {
  auto id = add_user("ana@example.com");
  auto tid = db->write([&](Connection& c) {
    return api_tokens::insert(c, id, "CRM", "tp_abcdefgh", std::string(64, 'f'), 1000, std::optional<EpochMs>{9000});
  });
  auto t = db->read([&](Connection& c) { return api_tokens::find_by_hash(c, std::string(64, 'f')); });
  ASSERT_TRUE(t);
  EXPECT_EQ(t->expires_at, 9000);
  EXPECT_EQ(t->revoked_at, std::nullopt);
  EXPECT_TRUE(db->write([&](Connection& c) { return api_tokens::revoke(c, tid, 2000); }));
  EXPECT_FALSE(db->write([&](Connection& c) { return api_tokens::revoke(c, tid, 3000); }));  // once
  EXPECT_EQ(db->read([&](Connection& c) { return api_tokens::find(c, tid); })->revoked_at, 2000);
  EXPECT_EQ(db->read([&](Connection& c) { return api_tokens::list_for_user(c, id); }).size(), 1u);
}

TEST_P(UsersStoreTest, AuditListsNewestFirstWithFilters) {
  db->transaction([&](Connection& c) {
    for (int i = 0; i < 5; ++i) {
      AuditRecord r;
      r.at = 1000 + i;
      r.user_id = i % 2;
      r.action = i % 2 ? "user.update" : "user.create";
      r.entity_type = "user";
      r.entity_id = std::to_string(i);
      r.address = "127.0.0.1";
      r.details_json = R"({"i":)" + std::to_string(i) + "}";
      audit::append(c, r);
    }
  });
  AuditFilter f;
  f.limit = 3;
  auto page = db->read([&](Connection& c) { return audit::list(c, f); });
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].entity_id, "4");
  f.before_id = page.back().id;
  auto rest = db->read([&](Connection& c) { return audit::list(c, f); });
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest.back().entity_id, "0");
  AuditFilter by_action;
  by_action.action = "user.update";
  EXPECT_EQ(db->read([&](Connection& c) { return audit::list(c, by_action); }).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersStoreTest, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::storage
