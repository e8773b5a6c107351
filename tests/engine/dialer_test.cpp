// The campaign engine end to end against pbxsim: SPEC §3's dialing rules checked from both
// sides — the call log and counters Torpedo wrote, and what pbxsim saw (its Ledger): calls up
// at once, Originates per second, numbers with two calls, ChannelIds used twice.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "asterisk/conf.h"
#include "engine_harness.h"
#include "pbxsim/dialplan.h"
#include "telephony/generator.h"

namespace torpedo::testing {
namespace {

using namespace std::chrono_literals;

// The far end's behaviour by number prefix (pbxsim rules), fast (time scale 0.01).
constexpr const char* kMixRules = R"(551191 answer ring=1s talk=3s
551192 busy
551193 noanswer
551194 congestion
551195 machine ring=1s
551196 unallocated
551197 reject
551198 unavailable
* answer ring=1s talk=2s
)";

std::vector<std::string> numbers(const std::string& prefix, int count, int first = 0) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(first + i);
    out.push_back("+" + prefix + std::string(13 - prefix.size() - n.size(), '0') + n);  // as contacts store them
  }
  return out;
}

struct Log {
  std::map<std::string, std::int64_t> by_disposition;
  std::int64_t open = 0, total = 0;
  std::set<std::string> numbers;
};

Log call_log(storage::Database& db, std::int64_t campaign) {
  Log log;
  db.read([&](storage::Connection& c) {
    for (const auto& r : c.query("SELECT number, state, disposition FROM call_attempts WHERE campaign_id = :c",
                                 {{"c", campaign}})) {
      ++log.total;
      if (r.str("state") != "ended" || r.is_null("disposition")) ++log.open;
      else ++log.by_disposition[r.str("disposition")];
      log.numbers.insert(r.str("number"));
    }
    return 0;
  });
  return log;
}

void expect_counters_equal_log(storage::Database& db, std::int64_t campaign, const Log& log) {
  auto k = db.read([&](storage::Connection& c) { return storage::campaigns::counters(c, campaign); });
  auto get = [&](const char* d) { return log.by_disposition.count(d) ? log.by_disposition.at(d) : 0; };
  EXPECT_EQ(k.attempts, log.total - log.open);
  EXPECT_EQ(k.answered, get("answered"));
  EXPECT_EQ(k.voicemail, get("voicemail"));
  EXPECT_EQ(k.busy, get("busy"));
  EXPECT_EQ(k.no_answer, get("no-answer"));
  EXPECT_EQ(k.failed, get("failed"));
  EXPECT_EQ(k.invalid_number, get("invalid-number"));
  EXPECT_EQ(k.cancelled, get("cancelled"));
  EXPECT_EQ(k.unknown, get("unknown"));
}

// Every attempt of the campaign ended with one disposition, there are `total` of them, and the
// counters say what the call log says.
Log expect_settled(storage::Database& db, std::int64_t campaign, std::int64_t total) {
  Log log = call_log(db, campaign);
  EXPECT_EQ(log.total, total);
  EXPECT_EQ(log.open, 0);
  expect_counters_equal_log(db, campaign, log);
  return log;
}

class Dialer : public ::testing::TestWithParam<std::string> {};

TEST_P(Dialer, RunsACampaignToTheEndWithOneDispositionPerAttempt) {
  if (ScratchDatabase probe(GetParam()); !probe.available()) GTEST_SKIP() << probe.skip_reason();
  EngineHarness h(GetParam(), engine_sim_config(kMixRules));
  std::vector<std::string> all;  // interleaved, as a real list mixes outcomes
  for (int i = 0; i < 6; ++i)
    for (int p = 1; p <= 9; ++p) all.push_back(numbers("55119" + std::to_string(p), 1, i)[0]);
  h.add_contacts(all);
  const auto id = h.running_campaign(5, 200, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 60s)) << h.status(id);

  Log log = call_log(h.db(), id);
  EXPECT_EQ(log.total, static_cast<std::int64_t>(all.size()));
  EXPECT_EQ(log.open, 0);
  EXPECT_EQ(log.by_disposition["answered"], 18);  // 551191, the default, and machines (AMD off)
  EXPECT_EQ(log.by_disposition["busy"], 12);      // 486 and 603
  EXPECT_EQ(log.by_disposition["no-answer"], 12); // rang out, and 480
  EXPECT_EQ(log.by_disposition["failed"], 6);     // 503
  EXPECT_EQ(log.by_disposition["voicemail"], 0);
  EXPECT_EQ(log.by_disposition["invalid-number"], 6);
  expect_counters_equal_log(h.db(), id, log);
  auto tally = h.db().read([&](storage::Connection& c) { return storage::campaigns::tally(c, id); });
  EXPECT_EQ(tally.completed, static_cast<std::int64_t>(all.size()));
  EXPECT_EQ(tally.pending + tally.dialing, 0);

  auto ledger = h.far().sim->ledger();
  EXPECT_EQ(ledger.originates, all.size()) << "every attempt originated exactly once";
  EXPECT_LE(ledger.max_live, 5u) << "the campaign's limit";
  EXPECT_EQ(ledger.number_overlaps, 0u);
  EXPECT_EQ(ledger.reused_channel_ids, 0u);
  EXPECT_EQ(ledger.live, 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Dialer, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

TEST(DialerRules, HoldsConcurrencyAndCpsAndNeverCallsANumberTwiceAtOnce) {
  // The same number in many contacts: it must never have two calls up.
  EngineHarness h("sqlite", engine_sim_config("* answer ring=5s talk=20s\n", std::chrono::seconds(20)));
  auto all = numbers("55119", 120);
  h.add_contacts(all);
  const auto id = h.running_campaign(12, 40, R"({"maxAttempts":1})");
  h.db().write([&](storage::Connection& c) {
    // One number in five other lists: five contacts, one person, never two calls at once.
    for (int i = 0; i < 5; ++i) {
      storage::ContactListFields f;
      f.name = "Outra " + std::to_string(i);
      auto list = storage::create_list(c, f, std::nullopt, 0).id;
      std::vector<storage::Contact> batch(1);
      batch[0].list_id = list;
      batch[0].phones.push_back({"11988887777", "+5511988887777", "mobile"});
      storage::insert_contacts(c, batch);
      c.exec("INSERT INTO campaign_lists (campaign_id, list_id) VALUES (:c, :l)", {{"c", id}, {"l", list}});
    }
    return storage::campaigns::materialize(c, id, 0);
  });
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 60s));
  auto ledger = h.far().sim->ledger();
  EXPECT_LE(ledger.max_live, 12u);
  // 40 CPS; the network may bunch one 100 ms share (4 calls) into the far end's second.
  EXPECT_LE(ledger.max_per_second_per_endpoint["trunk-t1"], 44u);
  EXPECT_EQ(ledger.number_overlaps, 0u);
  EXPECT_EQ(call_log(h.db(), id).total, 125);
}

TEST(DialerRules, ATrunkThatFailsFastIsSkippedForTheNextOne) {
  EngineHarness h("sqlite", engine_sim_config("* congestion trunk=trunk-t1\n* answer ring=1s talk=1s\n"));
  h.add_contacts(numbers("55119", 20));
  const auto id = h.running_campaign(1, 1000, R"({"maxAttempts":1})", {h.trunk(0), h.trunk(1)});
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 30s));
  Log log = call_log(h.db(), id);
  EXPECT_EQ(log.by_disposition["failed"], 10) << "ten fast failures in a row, then the trunk backs off";
  EXPECT_EQ(log.by_disposition["answered"], 10) << "through the second trunk";
}

TEST(DialerRules, IvrKeysAreRecordedAndOptOutAddsTheNumberToTheDncList) {
  // The campaign's generated context (its first id is 1 in a fresh database), run by pbxsim.
  telephony::Model m;
  telephony::CampaignDialplan plan;
  plan.id = 1;
  plan.options['1'] = {telephony::IvrAction::queue, "suporte", 5, std::nullopt};
  plan.options['3'] = {telephony::IvrAction::optout, "", 30, std::nullopt};
  m.campaigns = {plan};
  telephony::Queue q;
  q.id = 1;
  q.name = "suporte";
  m.queues = {q};
  auto config = engine_sim_config("551110 answer ring=1s dtmf=1\n551130 answer ring=1s dtmf=3\n");
  config.queues = {{"suporte", "ringall", 0, "default", {}}};
  for (const auto& f : telephony::generate(m, false))
    if (f.name == "torpedo_extensions.conf")
      for (const auto& section : asterisk::parse_asterisk_conf_text(f.text, "/nonexistent"))
        if (section.name == "torpedo-campaign-1") config.campaign_extensions[section.name] = pbxsim::parse_extensions(section.values);
  ASSERT_EQ(config.campaign_extensions.size(), 1u);
  EngineHarness h("sqlite", config);
  h.add_contacts({"+5511100000001", "+5511300000002"});
  const auto id = h.running_campaign(2, 100, R"({"maxAttempts":1})");
  ASSERT_EQ(id, 1);
  h.db().write([&](storage::Connection& c) {
    return c.exec("UPDATE campaigns SET ivr_enabled = 1, read_timeout_s = 3, ivr_options = :o WHERE id = :id",
                  {{"o", R"({"1":{"action":"queue","target":"suporte","timeoutS":5},"3":{"action":"optout","target":""}})"},
                   {"id", id}});
  });
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 30s));
  h.db().read([&](storage::Connection& c) {
    auto keys = c.query("SELECT number, dtmf, disposition FROM call_attempts ORDER BY number");
    EXPECT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].opt_str("dtmf"), "1");
    EXPECT_EQ(keys[0].str("disposition"), "answered");
    EXPECT_EQ(keys[1].opt_str("dtmf"), "3");
    EXPECT_TRUE(storage::is_dnc(c, "+5511300000002")) << "opt-out → Não Me Perturbe";
    EXPECT_FALSE(storage::is_dnc(c, "+5511100000001"));
    auto src = c.query_one("SELECT source FROM dnc WHERE e164 = '+5511300000002'");
    EXPECT_EQ(src->str("source"), "ivr");
    return 0;
  });
}

TEST(DialerRules, NeverDialsADncNumberAddedAfterTheStart) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=1s\n"));
  auto all = numbers("55119", 10);
  h.add_contacts(all);
  const auto id = h.running_campaign(2, 100, R"({"maxAttempts":1})");
  h.db().write([&](storage::Connection& c) {
    storage::add_dnc(c, all[7], "manual", std::nullopt, std::nullopt, 0);
    return 0;
  });
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 30s));
  Log log = call_log(h.db(), id);
  EXPECT_EQ(log.total, 9);
  EXPECT_FALSE(log.numbers.count(all[7]));
  auto k = h.db().read([&](storage::Connection& c) { return storage::campaigns::counters(c, id); });
  EXPECT_EQ(k.dnc_skipped, 1);
  auto tally = h.db().read([&](storage::Connection& c) { return storage::campaigns::tally(c, id); });
  EXPECT_EQ(tally.dnc, 1);
}

TEST(DialerRules, OutsideTheWindowNothingIsDialedAndContactsWait) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=1s\n"));
  h.add_contacts(numbers("55119", 5));
  const auto id = h.running_campaign(2, 100);
  // A window on no day but one that is not today (UTC−3), so nothing may be dialed now.
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch() - 3h).count() / 24;
  const int today = static_cast<int>((days + 4) % 7);  // 1970-01-01 was a Thursday
  const int other = (today + 3) % 7;
  h.db().write([&](storage::Connection& c) {
    c.exec("UPDATE campaigns SET schedule = :s WHERE id = :id",
           {{"s", R"({"windows":[{"weekdays":[)" + std::to_string(other) + R"(],"start":"00:00","end":"24:00"}]})"},
            {"id", id}});
    return 0;
  });
  h.start();
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(h.far().sim->ledger().originates, 0u);
  EXPECT_EQ(h.status(id), "running");
  auto next = h.db().read([&](storage::Connection& c) { return storage::campaigns::next_due_at(c, id); });
  ASSERT_TRUE(next.has_value());
  EXPECT_GT(*next, SystemClock().now_ms() + 3600'000) << "postponed to the window's day";
}

TEST(DialerRules, BusyIsRetriedLaterAndInvalidMovesToTheNextPhone) {
  EngineHarness h("sqlite", engine_sim_config("551192 busy\n551196 unallocated\n* answer ring=1s talk=1s\n"));
  h.add_contacts({"+5511920000001"});
  h.db().write([&](storage::Connection& c) {
    std::vector<storage::Contact> batch(1);
    batch[0].list_id = 1;
    batch[0].phones = {{"11960000002", "+5511960000002", "mobile"}, {"11910000003", "+5511910000003", "mobile"}};
    storage::insert_contacts(c, batch);
    return 0;
  });
  const auto id = h.running_campaign(2, 100, R"({"maxAttempts":3,"delaysS":{"busy":900}})");
  const EpochMs started = SystemClock().now_ms();
  h.start();
  // The two-phone contact: 404 on the first phone, answered on the second at once.
  const auto end = std::chrono::steady_clock::now() + 20s;
  Log log;
  while (std::chrono::steady_clock::now() < end) {
    log = call_log(h.db(), id);
    if (log.total == 3 && log.open == 0) break;
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(log.by_disposition["invalid-number"], 1);
  EXPECT_EQ(log.by_disposition["answered"], 1);
  EXPECT_EQ(log.by_disposition["busy"], 1);
  h.db().read([&](storage::Connection& c) {
    auto r = c.query_one("SELECT cc.status AS s, cc.next_attempt_at AS t FROM campaign_contacts cc JOIN contacts k ON "
                         "k.id = cc.contact_id WHERE k.phone1_e164 = '+5511920000001'");
    EXPECT_EQ(r->str("s"), "pending");
    EXPECT_GE(r->i64("t"), started + 900'000);
    auto inv = c.query_one("SELECT invalid_flags AS f FROM contacts WHERE phone1_e164 = '+5511960000002'");
    EXPECT_EQ(inv->i64("f"), 1) << "the first phone is flagged invalid";
    return 0;
  });
  EXPECT_EQ(h.status(id), "running") << "a retry is still due";
}

TEST(DialerRules, AScheduledCampaignStartsAtItsTime) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=1s\n"));
  h.add_contacts(numbers("55119", 5));
  const auto id = h.running_campaign(2, 100, R"({"maxAttempts":1})");
  const EpochMs starts = SystemClock().now_ms() + 1500;
  h.db().write([&](storage::Connection& c) {
    return c.exec("UPDATE campaigns SET status = 'scheduled', starts_at = :s WHERE id = :id", {{"s", starts}, {"id", id}});
  });
  engine::DialerOptions o = EngineHarness::test_options();
  o.idle_check_ms = 200;  // how often scheduled campaigns are looked at
  h.start(o);
  std::this_thread::sleep_for(800ms);
  EXPECT_EQ(h.status(id), "scheduled");
  EXPECT_EQ(h.far().sim->ledger().originates, 0u) << "nothing before startsAt";
  ASSERT_TRUE(h.wait_status(id, "completed", 20s));
  auto first = h.db().read([&](storage::Connection& c) {
    return c.query_one("SELECT MIN(created_at) AS t FROM call_attempts")->i64("t");
  });
  EXPECT_GE(first, starts);
}

TEST(DialerRules, ACallThatNeverEndsIsCutAtTheMaximumLength) {
  // The callee never hangs up and the message lasts an hour: Torpedo hangs up at its limit.
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s\n", std::chrono::hours(1), 1.0));
  h.add_contacts(numbers("55119", 2));
  const auto id = h.running_campaign(2, 100, R"({"maxAttempts":1})");
  engine::DialerOptions o = EngineHarness::test_options();
  o.max_call_ms = 1500;
  h.start(o);
  ASSERT_TRUE(h.wait_status(id, "completed", 20s));
  Log log = call_log(h.db(), id);
  EXPECT_EQ(log.by_disposition["answered"], 2) << "cut calls keep what they were";
  EXPECT_EQ(h.far().sim->ledger().live, 0u) << "and are really hung up";
  auto talk = h.db().read([&](storage::Connection& c) {
    return c.query_one("SELECT MAX(talk_ms) AS t FROM call_attempts")->i64("t");
  });
  EXPECT_GE(talk, 1000);
  EXPECT_LT(talk, 6000);
}

TEST(DialerFaults, DatabaseDownStopsDialingUntilItIsBack) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=30s\n", std::chrono::seconds(30)));
  h.add_contacts(numbers("55119", 40));
  const auto id = h.running_campaign(5, 100, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.originates >= 5; }, 30s));
  h.db().down = true;
  std::this_thread::sleep_for(1500ms);  // the first calls end (talk 0.3 s) and cannot be written
  const auto during = h.far().sim->ledger().originates;
  std::this_thread::sleep_for(1000ms);
  EXPECT_EQ(h.far().sim->ledger().originates, during) << "no call without a durable attempt";
  EXPECT_TRUE(h.dialer().failing_closed());
  h.db().down = false;
  ASSERT_TRUE(h.wait_status(id, "completed", 60s));
  Log log = expect_settled(h.db(), id, 40);
  EXPECT_EQ(h.far().sim->ledger().originates, 40u);
}

TEST(DialerFaults, AmiDropWithCallsInFlightResendsNothingAndLeaksNoSlot) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=2s talk=200s\n", std::chrono::seconds(200)));
  h.add_contacts(numbers("55119", 300));
  const auto id = h.running_campaign(200, 1000, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.live >= 150; }, 30s));
  h.far().on_io([&] { h.far().server->drop_connections(); });
  ASSERT_TRUE(h.wait_status(id, "completed", 90s));
  Log log = expect_settled(h.db(), id, 300);
  auto ledger = h.far().sim->ledger();
  // An Originate cut off on the wire may never have reached pbxsim: its attempt ends unknown.
  // Nothing is re-sent: no more Originates than attempts, no ChannelId twice.
  EXPECT_LE(ledger.originates, 300u) << "nothing re-sent after the reconnect";
  EXPECT_LE(300u - ledger.originates, static_cast<std::uint64_t>(log.by_disposition["unknown"]));
  EXPECT_EQ(ledger.reused_channel_ids, 0u);
  EXPECT_LE(ledger.max_live, 200u);
  EXPECT_EQ(ledger.number_overlaps, 0u);
  // Calls that went on during the cut were re-attached: most keep their real outcome.
  EXPECT_GE(log.by_disposition.count("answered") ? log.by_disposition.at("answered") : 0, 250);
}

TEST(DialerFaults, LostHangupsAreReconciledAndFreeTheirSlots) {
  EngineHarness h("sqlite", engine_sim_config("5511910 answer ring=1s talk=3s\n* noanswer\n", std::chrono::seconds(3)));
  auto answered = numbers("5511910", 10);
  auto unanswered = numbers("5511920", 10);
  h.add_contacts(answered);
  h.add_contacts(unanswered);
  const auto id = h.running_campaign(20, 1000, R"({"maxAttempts":1})");
  // Every Hangup is lost on the way (the calls do end at the far end).
  h.far().on_io([&] {
    h.far().server->lose_events("Hangup", 1000);
  });
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.originates >= 20 && l.live == 0; }, 20s));
  // The engine waits for ring timeout + grace (5 s + 2 s here), asks the node, finds the
  // channels gone, and ends each attempt with what it saw; the slots come back.
  ASSERT_TRUE(h.wait_status(id, "completed", 30s));
  Log log = call_log(h.db(), id);
  EXPECT_EQ(log.total, 20);
  EXPECT_EQ(log.open, 0);
  EXPECT_EQ(log.by_disposition["answered"], 10) << "the answer was seen before the Hangup was lost";
  EXPECT_EQ(log.by_disposition["unknown"], 10) << "how a ringing call ended cannot be known";
  expect_counters_equal_log(h.db(), id, log);
}

TEST(DialerFaults, PbxRestartLosesEveryChannelAndEachEndsOnce) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=60s\n", std::chrono::seconds(60)));
  h.add_contacts(numbers("55119", 60));
  const auto id = h.running_campaign(30, 1000, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.live >= 30; }, 30s));
  h.far().on_io([&] { h.far().server->restart(300ms); });
  ASSERT_TRUE(h.wait_status(id, "completed", 90s));
  Log log = expect_settled(h.db(), id, 60);
  const auto ledger = h.far().sim->ledger();
  EXPECT_LE(ledger.originates, 60u);
  EXPECT_LE(60u - ledger.originates, static_cast<std::uint64_t>(log.by_disposition["unknown"]));
  EXPECT_EQ(ledger.reused_channel_ids, 0u);
  // Every call up at the restart ended with it (Hangup Cause 0): answered ones stay answered;
  // one still ringing cannot say what the callee would have done (unknown, retried by policy).
  EXPECT_GE(log.by_disposition["answered"], 20);
}

TEST(DialerFaults, StalledReaderIsDetectedAndReconciled) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=20s\n", std::chrono::seconds(20)));
  h.add_contacts(numbers("55119", 40));
  const auto id = h.running_campaign(20, 1000, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.live >= 20; }, 30s));
  h.far().on_io([&] { h.far().server->stall(true); });
  std::this_thread::sleep_for(12s);  // past the client's ping timeout: the link is declared dead
  h.far().on_io([&] { h.far().server->stall(false); });
  ASSERT_TRUE(h.wait_status(id, "completed", 90s));
  Log log = expect_settled(h.db(), id, 40);
  EXPECT_EQ(h.far().sim->ledger().originates, 40u);
}

TEST(DialerFaults, CrashWithCallsUpReattachesThemAndOriginatesNoneTwice) {
  EngineHarness h("sqlite", engine_sim_config("* answer ring=1s talk=400s\n", std::chrono::seconds(400)));
  h.add_contacts(numbers("55119", 120));
  const auto id = h.running_campaign(60, 1000, R"({"maxAttempts":1})");
  h.start();
  ASSERT_TRUE(h.wait_far_end([](const pbxsim::Ledger& l) { return l.live >= 60; }, 30s));
  h.crash();
  const auto at_crash = h.far().sim->ledger();
  h.start();
  ASSERT_TRUE(h.wait_status(id, "completed", 90s));
  Log log = expect_settled(h.db(), id, 120);
  auto ledger = h.far().sim->ledger();
  EXPECT_EQ(ledger.originates, 120u) << "attempts of the first run were not originated again";
  EXPECT_EQ(ledger.reused_channel_ids, 0u);
  EXPECT_GE(at_crash.live, 1u);
  // Calls up at the crash were re-attached through CoreShowChannels: their real end was seen.
  EXPECT_EQ(log.by_disposition.count("unknown") ? log.by_disposition.at("unknown") : 0, 0);
}

// Random outcome mixes, limits and faults; after every run: each contact called once or skipped
// for DNC, every attempt ended once, counters equal to the call log, and from pbxsim's side no
// limit exceeded, no number with two calls, no ChannelId twice, nothing re-sent.
TEST(DialerProperty, RandomOutcomesAndFaultsKeepEveryRule) {
  for (std::uint64_t seed : {11u, 23u, 37u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    EngineHarness h("sqlite", engine_sim_config("* random seed=" + std::to_string(seed) + "\n",
                                                std::chrono::seconds(8), 0.02));
    const int contacts = 150;
    auto all = numbers("55119", contacts, static_cast<int>(seed) * 1000);
    h.add_contacts(all);
    const int limit = 5 + static_cast<int>(rng() % 36);
    const auto id = h.running_campaign(limit, 300, R"({"maxAttempts":1})");
    std::set<std::string> dnc;
    h.db().write([&](storage::Connection& c) {
      for (const auto& n : all)
        if (rng() % 10 == 0 && dnc.insert(n).second) storage::add_dnc(c, n, "manual", std::nullopt, std::nullopt, 0);
      return 0;
    });
    h.start();
    const auto started = std::chrono::steady_clock::now();
    for (int f = 0; f < 3; ++f) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
      switch (rng() % 4) {
        case 0:
          h.far().on_io([&] { h.far().server->drop_connections(); });
          break;
        case 1:
          h.far().on_io([&] { h.far().server->restart(std::chrono::milliseconds(200)); });
          break;
        case 2:
          h.far().on_io([&] { h.far().server->stall(true); });
          std::this_thread::sleep_for(300ms);  // shorter than the ping timeout: events just arrive late
          h.far().on_io([&] { h.far().server->stall(false); });
          break;
        default:
          h.db().down = true;
          std::this_thread::sleep_for(400ms);
          h.db().down = false;
      }
    }
    ASSERT_TRUE(h.wait_status(id, "completed", 90s)) << "limit " << limit;
    Log log = call_log(h.db(), id);
    EXPECT_EQ(log.open, 0);
    EXPECT_EQ(log.total, contacts - static_cast<std::int64_t>(dnc.size())) << "each contact once, DNC ones never";
    for (const auto& n : dnc) EXPECT_FALSE(log.numbers.count(n)) << n << " is on the DNC list";
    expect_counters_equal_log(h.db(), id, log);
    auto k = h.db().read([&](storage::Connection& c) { return storage::campaigns::counters(c, id); });
    EXPECT_EQ(k.dnc_skipped, static_cast<std::int64_t>(dnc.size()));
    const auto ledger = h.far().sim->ledger();
    EXPECT_LE(ledger.max_live, static_cast<std::size_t>(limit));
    EXPECT_EQ(ledger.number_overlaps, 0u);
    EXPECT_EQ(ledger.reused_channel_ids, 0u);
    EXPECT_LE(ledger.originates, static_cast<std::uint64_t>(log.total));
    EXPECT_LE(log.total - static_cast<std::int64_t>(ledger.originates), log.by_disposition["unknown"]);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 90s);
  }
}

}  // namespace
}  // namespace torpedo::testing
