// The pacer holds every limit of SPEC §3 rule 1: deterministic cases (failover, back-off,
// CPS, shrinking limits) and a property test over random acquire/release/time sequences.
#include "engine/pacer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <random>

namespace torpedo::engine {
namespace {

TEST(RateWindow, NeverMoreThanTheRateInAnySecond) {
  RateWindow w(2.0);
  EXPECT_TRUE(w.take(0));
  EXPECT_FALSE(w.take(0)) << "spread: one start per 100 ms at 2 CPS";
  EXPECT_EQ(w.next_token(0), 100);
  EXPECT_TRUE(w.take(100));
  EXPECT_FALSE(w.take(500)) << "two in this second already";
  EXPECT_EQ(w.next_token(500), 1000);
  EXPECT_TRUE(w.take(1000));
  EXPECT_TRUE(w.take(1400));
  EXPECT_FALSE(w.take(1999)) << "1000 and 1400 are in the second before 1999";
  EXPECT_EQ(w.next_token(1999), 2000);
  RateWindow fast(100.0);
  int at_once = 0;
  while (fast.take(0)) ++at_once;
  EXPECT_EQ(at_once, 10) << "a tenth of the rate at once: one engine turn starts several calls";
  RateWindow slow(0.1);
  EXPECT_TRUE(slow.take(0));
  EXPECT_FALSE(slow.take(9'999));
  EXPECT_TRUE(slow.take(10'000)) << "0.1 CPS: one call every 10 s exactly";
  RateWindow odd(2.5);
  EXPECT_TRUE(odd.take(0));
  EXPECT_TRUE(odd.take(100));
  EXPECT_FALSE(odd.take(200)) << "2.5 CPS: never a third call in one second";
}

TEST(Pacer, TrunksInFailoverOrderAndBackOff) {
  Pacer p;
  p.set_campaign(1, 10, 100, 0);
  p.set_node(7, 10);
  p.set_trunk(100, 1, 100, 0);
  p.set_trunk(200, 5, 100, 0);
  auto a = p.acquire(1, {100, 200}, 7, 0);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->trunk, 100) << "the first trunk first";
  auto b = p.acquire(1, {100, 200}, 7, 0);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->trunk, 200) << "the first is full: the next one";
  p.release(*a);
  p.back_off(100, 30'000);
  auto c = p.acquire(1, {100, 200}, 7, 1'000);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->trunk, 200) << "the first failed fast: skipped while it backs off";
  auto d = p.acquire(1, {100, 200}, 7, 30'000);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->trunk, 100);
  EXPECT_FALSE(p.acquire(1, {100, 200}, 99, 30'000)) << "an unknown node is never dialed on";
  EXPECT_FALSE(p.acquire(42, {100, 200}, 7, 30'000)) << "nor an unknown campaign";
}

TEST(Pacer, CampaignNodeAndCpsLimits) {
  Pacer p;
  p.set_campaign(1, 3, 2, 0);
  p.set_node(7, 100);
  p.set_trunk(100, 100, 100, 0);
  EXPECT_TRUE(p.acquire(1, {100}, 7, 0));
  EXPECT_TRUE(p.acquire(1, {100}, 7, 100));
  EXPECT_FALSE(p.acquire(1, {100}, 7, 200)) << "2 CPS";
  EXPECT_EQ(p.next_chance(1, {100}, 7, 200), 1000);
  EXPECT_EQ(p.up_on_trunk(100), 2) << "a refused call took no trunk start or slot";
  EXPECT_TRUE(p.acquire(1, {100}, 7, 1000));
  EXPECT_FALSE(p.acquire(1, {100}, 7, 10'000)) << "3 up: the campaign's limit";
  // A lower limit while calls are up cuts nothing; new calls wait until under it.
  p.set_campaign(1, 1, 2, 10'000);
  p.release({1, 100, 7});
  EXPECT_FALSE(p.acquire(1, {100}, 7, 20'000)) << "2 up, limit 1";
  p.release({1, 100, 7});
  p.release({1, 100, 7});
  EXPECT_TRUE(p.acquire(1, {100}, 7, 20'000));
  p.set_node(7, 1);
  p.set_campaign(2, 10, 10, 20'000);
  EXPECT_FALSE(p.acquire(2, {100}, 7, 20'000)) << "the node's limit is shared by campaigns";
}

// Random campaigns, trunks and nodes; random acquires, releases, back-offs, limit changes and
// time steps. After every step: counts equal the slots held, no acquire succeeded at or over
// a limit or on a backing-off trunk, and no trunk or campaign started more calls in any 1 s
// window than its CPS allows.
TEST(Pacer, NoLimitIsEverExceeded) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    std::mt19937_64 rng(seed);
    Pacer p;
    EpochMs now = 0;
    std::map<std::int64_t, int> campaign_max, trunk_max, node_max;
    std::map<std::int64_t, double> campaign_cps, trunk_cps;
    std::map<std::int64_t, EpochMs> backoff;
    for (std::int64_t c = 1; c <= 3; ++c) {
      campaign_max[c] = 1 + static_cast<int>(rng() % 20);
      campaign_cps[c] = 0.5 + static_cast<double>(rng() % 40) / 2;
      p.set_campaign(c, campaign_max[c], campaign_cps[c], now);
    }
    for (std::int64_t t = 10; t <= 13; ++t) {
      trunk_max[t] = 1 + static_cast<int>(rng() % 15);
      trunk_cps[t] = 0.5 + static_cast<double>(rng() % 30) / 2;
      p.set_trunk(t, trunk_max[t], trunk_cps[t], now);
    }
    for (std::int64_t n = 100; n <= 101; ++n) {
      node_max[n] = 1 + static_cast<int>(rng() % 25);
      p.set_node(n, node_max[n]);
    }
    std::vector<Slot> held;
    std::map<std::int64_t, std::deque<EpochMs>> starts;  // by campaign and by trunk (ids do not overlap)
    std::map<std::int64_t, int> up;
    for (int step = 0; step < 3000; ++step) {
      const auto roll = rng() % 100;
      if (roll < 55) {
        const std::int64_t c = 1 + static_cast<std::int64_t>(rng() % 3),
                           n = 100 + static_cast<std::int64_t>(rng() % 2);
        std::vector<std::int64_t> trunks = {10, 11, 12, 13};
        std::shuffle(trunks.begin(), trunks.end(), rng);
        trunks.resize(1 + rng() % 4);
        auto s = p.acquire(c, trunks, n, now);
        if (s) {
          ASSERT_LT(up[c], campaign_max[c]) << "seed " << seed;
          ASSERT_LT(up[s->trunk], trunk_max[s->trunk]);
          ASSERT_LT(up[s->node], node_max[s->node]);
          ASSERT_LE(backoff[s->trunk], now) << "a trunk backing off was used";
          ASSERT_NE(std::find(trunks.begin(), trunks.end(), s->trunk), trunks.end());
          ++up[c], ++up[s->trunk], ++up[s->node];
          held.push_back(*s);
          for (std::int64_t id : {c, s->trunk}) {
            auto& q = starts[id];
            q.push_back(now);
            while (!q.empty() && q.front() <= now - 1000) q.pop_front();
            const double cps = id < 10 ? campaign_cps[id] : trunk_cps[id];
            ASSERT_LE(static_cast<double>(q.size()), std::max(1.0, std::floor(cps + 1e-9)))
                << "CPS of " << id << " seed " << seed;
          }
        }
      } else if (roll < 90 && !held.empty()) {
        const auto i = rng() % held.size();
        const Slot s = held[i];
        held.erase(held.begin() + static_cast<std::ptrdiff_t>(i));
        p.release(s);
        --up[s.campaign], --up[s.trunk], --up[s.node];
      } else if (roll < 93) {
        const std::int64_t t = 10 + static_cast<std::int64_t>(rng() % 4);
        backoff[t] = std::max(backoff[t], now + static_cast<EpochMs>(rng() % 5000));
        p.back_off(t, backoff[t]);
      } else if (roll < 96) {
        const std::int64_t c = 1 + static_cast<std::int64_t>(rng() % 3);
        campaign_max[c] = 1 + static_cast<int>(rng() % 20);
        p.set_campaign(c, campaign_max[c], campaign_cps[c], now);
      } else {
        now += static_cast<EpochMs>(rng() % 400);
      }
      for (const auto& [id, n] : up) {
        const int counted = id < 10 ? p.up_in_campaign(id) : id < 100 ? p.up_on_trunk(id) : p.up_on_node(id);
        ASSERT_EQ(counted, n) << "id " << id << " seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace torpedo::engine
