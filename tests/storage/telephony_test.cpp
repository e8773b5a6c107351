// Extensions, queues with members, trunks, settings and node configuration state on both
// backends: what is written reads back whole, members follow their queue and extension, and
// names stay unique.
#include "storage/telephony.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "support/databases.h"

namespace torpedo::storage {
namespace {

class TelephonyStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
    if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
    db = Database::open(scratch->url(), 2);
    migrate(*db);
  }
  std::int64_t add_extension(const std::string& number) {
    ExtensionRow e;
    e.number = number;
    e.endpoint = "r" + number + "-abc123";
    e.name = "Ramal " + number;
    e.secret_enc = "sealed";
    e.created_at = e.updated_at = 1000;
    return db->write([&](Connection& c) { return extensions::insert(c, e); });
  }
  std::unique_ptr<testing::ScratchDatabase> scratch;
  std::unique_ptr<Database> db;
};

TEST_P(TelephonyStore, ExtensionsReadBackWholeAndStayUnique) {
  auto id = add_extension("1001");
  auto e = db->read([&](Connection& c) { return extensions::find(c, id); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->endpoint, "r1001-abc123");
  EXPECT_EQ(e->codecs, "ulaw,alaw");
  EXPECT_FALSE(e->caller_id);
  e->caller_id = "551140041234";
  e->enabled = false;
  db->write([&](Connection& c) {
    extensions::update(c, *e);
    return 0;
  });
  auto again = db->read([&](Connection& c) { return extensions::find_by_number(c, "1001"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->caller_id, "551140041234");
  EXPECT_FALSE(again->enabled);
  EXPECT_THROW(add_extension("1001"), StorageError) << "the number is unique";
}

TEST_P(TelephonyStore, QueueMembersFollowTheirQueueAndExtension) {
  auto a = add_extension("1001"), b = add_extension("1002");
  QueueRow q;
  q.name = "suporte";
  q.strategy = "rrmemory";
  q.moh_class = "torpedo-audio-3";
  q.members = {{b, 5, true}, {a, 0, false}};
  q.created_at = q.updated_at = 1000;
  q.id = db->write([&](Connection& c) { return queues::insert(c, q); });
  auto got = db->read([&](Connection& c) { return queues::find_by_name(c, "suporte"); });
  ASSERT_TRUE(got);
  ASSERT_EQ(got->members.size(), 2u);
  EXPECT_EQ(got->members[0].extension_id, a) << "ordered by extension number";
  EXPECT_EQ(got->members[1].penalty, 5);
  EXPECT_TRUE(got->members[1].paused);
  EXPECT_EQ(db->read([&](Connection& c) { return extensions::queues_of(c, b); }),
            std::vector<std::string>{"suporte"});

  got->members = {{a, 1, false}};
  db->write([&](Connection& c) {
    queues::update(c, *got);
    return 0;
  });
  auto all = db->read([](Connection& c) { return queues::list(c); });
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(all[0].members.size(), 1u);
  EXPECT_EQ(all[0].members[0].penalty, 1);
  EXPECT_TRUE(db->read([&](Connection& c) { return extensions::queues_of(c, b); }).empty());

  db->write([&](Connection& c) { return extensions::remove(c, a); });
  EXPECT_TRUE(db->read([&](Connection& c) { return queues::find(c, q.id); })->members.empty())
      << "a removed extension leaves its queues";
  EXPECT_TRUE(db->write([&](Connection& c) { return queues::remove(c, q.id); }));
}

TEST_P(TelephonyStore, TrunksSettingsAndNodeState) {
  TrunkRow t;
  t.name = "vivo-sp";
  t.host = "sip.operadora.com.br";
  t.username = "torpedo01";
  t.secret_enc = "sealed";
  t.ip_match = "200.1.2.0/24,200.9.9.9";
  t.max_cps = 7.5;
  t.number_format = "national_prefix";
  t.dial_prefix = "015";
  t.allowed_prefixes = "11,21";
  t.created_at = t.updated_at = 1000;
  t.id = db->write([&](Connection& c) { return trunks::insert(c, t); });
  auto got = db->read([&](Connection& c) { return trunks::find(c, t.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->ip_match, t.ip_match);
  EXPECT_DOUBLE_EQ(got->max_cps, 7.5);
  EXPECT_EQ(got->dial_prefix, "015");
  EXPECT_EQ(got->allowed_prefixes, "11,21");
  EXPECT_TRUE(db->read([&](Connection& c) { return trunks::campaigns_of(c, t.id); }).empty());

  EXPECT_FALSE(db->read([](Connection& c) { return settings::get(c, "pbx.auto_apply"); }));
  db->write([](Connection& c) {
    settings::set(c, "pbx.auto_apply", "false", 1);
    settings::set(c, "pbx.auto_apply", "true", 2);
    return 0;
  });
  EXPECT_EQ(db->read([](Connection& c) { return settings::get(c, "pbx.auto_apply"); }), "true");

  db->write([](Connection& c) {
    node_config::put(c, {7, std::string(64, 'a'), 5, false, "{}"});
    node_config::put(c, {7, std::string(64, 'b'), 6, true, R"({"ok":true})"});
    return 0;
  });
  auto s = db->read([](Connection& c) { return node_config::find(c, 7); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->checksum, std::string(64, 'b'));
  EXPECT_TRUE(s->ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, TelephonyStore, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::storage
