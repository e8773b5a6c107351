// The campaign documents (retry policy, calling windows) and a contact's next step.
#include <gtest/gtest.h>

#include <random>

#include "engine/policy.h"

namespace torpedo::engine {
namespace {

using nlohmann::json;

TEST(RetryPolicy, ParsesAndRoundTrips) {
  auto p = parse_retry_policy(json::parse(
      R"({"maxAttempts":5,"delaysS":{"busy":600,"no-answer":null,"unknown":120},"nextPhoneOn":["busy"]})"));
  EXPECT_EQ(p.max_attempts, 5);
  EXPECT_EQ(p.delay_s.at(Disposition::busy), 600);
  EXPECT_FALSE(p.delay_s.count(Disposition::no_answer));
  EXPECT_EQ(p.next_phone_on, std::set<Disposition>{Disposition::busy});
  auto again = parse_retry_policy(to_json(p));
  EXPECT_EQ(again.delay_s, p.delay_s);
  EXPECT_EQ(again.max_attempts, 5);
}

TEST(RetryPolicy, RefusesWhatTheEngineCouldMisread) {
  auto field = [](const char* text) {
    try {
      parse_retry_policy(json::parse(text));
    } catch (const PolicyError& e) {
      return e.field;
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field(R"({"maxAttempts":0})"), "retryPolicy.maxAttempts");
  EXPECT_EQ(field(R"({"maxAttempts":"3"})"), "retryPolicy.maxAttempts");
  EXPECT_EQ(field(R"({"delaysS":{"answered":60}})"), "retryPolicy.delaysS.answered");
  EXPECT_EQ(field(R"({"delaysS":{"busy":59}})"), "retryPolicy.delaysS.busy");
  EXPECT_EQ(field(R"({"delaysS":{"busy":1.5}})"), "retryPolicy.delaysS.busy");
  EXPECT_EQ(field(R"({"nextPhoneOn":["failed"]})"), "retryPolicy.nextPhoneOn");
  EXPECT_EQ(field(R"({"maxAttemps":3})"), "retryPolicy.maxAttemps");
  EXPECT_EQ(field(R"([])"), "retryPolicy");
}

TEST(Windows, ParseCheckAndDefault) {
  auto w = parse_windows(json::parse(R"({"windows":[{"weekdays":[1,3],"start":"08:30","end":"24:00"}]})"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].weekdays, 0b0001010u);
  EXPECT_EQ(w[0].start_minute, 510);
  EXPECT_EQ(w[0].end_minute, 1440);
  EXPECT_EQ(windows_json(w)["windows"][0]["end"], "24:00");
  EXPECT_EQ(parse_windows(json::object()).size(), default_windows().size());
  for (const char* bad : {R"({"windows":[]})", R"({"windows":[{"weekdays":[7],"start":"08:00","end":"09:00"}]})",
                          R"({"windows":[{"weekdays":[1],"start":"8:00","end":"09:00"}]})",
                          R"({"windows":[{"weekdays":[1],"start":"10:00","end":"09:00"}]})",
                          R"({"windows":[{"weekdays":[1],"start":"10:00","end":"24:01"}]})",
                          R"({"windows":[{"weekdays":[],"start":"10:00","end":"11:00"}]})",
                          R"({"when":[]})"})
    EXPECT_THROW(parse_windows(json::parse(bad)), PolicyError) << bad;
}

TEST(Zones, BrazilOnly) {
  EXPECT_EQ(zone_offset("America/Sao_Paulo"), -180);
  EXPECT_EQ(zone_offset("America/Noronha"), -120);
  EXPECT_EQ(zone_offset("America/Manaus"), -240);
  EXPECT_EQ(zone_offset("America/Rio_Branco"), -300);
  EXPECT_FALSE(zone_offset("Europe/Lisbon"));
}

TEST(NextStep, FollowsThePolicy) {
  RetryPolicy p;  // 3 attempts; busy 15 min, no-answer 30 min, failed 10 min, unknown 10 min
  const EpochMs now = 1'000'000;
  // Answered: done.
  EXPECT_TRUE(after_attempt(p, Disposition::answered, {1, 1, 1, 0}, now).done);
  // Busy on the only phone: same phone after 15 minutes.
  auto s = after_attempt(p, Disposition::busy, {1, 1, 1, 0}, now);
  EXPECT_FALSE(s.done);
  EXPECT_EQ(s.phone_index, 1);
  EXPECT_EQ(s.at, now + 15 * 60'000);
  // Busy with a second phone: the second phone now.
  s = after_attempt(p, Disposition::busy, {1, 1, 2, 0}, now);
  EXPECT_EQ(s.phone_index, 2);
  EXPECT_EQ(s.at, now);
  // Busy on the last phone: back to the first after the delay.
  s = after_attempt(p, Disposition::busy, {2, 2, 2, 0}, now);
  EXPECT_EQ(s.phone_index, 1);
  EXPECT_EQ(s.at, now + 15 * 60'000);
  // Invalid: flagged; next phone now; the only phone invalid: done.
  s = after_attempt(p, Disposition::invalid_number, {1, 1, 3, 0}, now);
  EXPECT_EQ(s.invalid_mask, 1u);
  EXPECT_EQ(s.phone_index, 2);
  EXPECT_EQ(s.at, now);
  EXPECT_TRUE(after_attempt(p, Disposition::invalid_number, {1, 1, 1, 0}, now).done);
  // Invalid phones are skipped when wrapping around.
  s = after_attempt(p, Disposition::failed, {2, 3, 3, 0b001}, now);
  EXPECT_EQ(s.phone_index, 2);
  // Voicemail has no delay by default: done.
  EXPECT_TRUE(after_attempt(p, Disposition::voicemail, {1, 1, 1, 0}, now).done);
  // The last attempt: done whatever happened.
  EXPECT_TRUE(after_attempt(p, Disposition::busy, {3, 1, 2, 0}, now).done);
}

// Over random contacts and outcomes: never more attempts than the policy allows, never a
// flagged phone, never a retry in the past.
TEST(NextStep, PropertyNeverExceedsAttemptsNorDialsAnInvalidPhone) {
  std::mt19937_64 rng(7);
  const Disposition all[] = {Disposition::answered, Disposition::voicemail, Disposition::busy,
                             Disposition::no_answer, Disposition::failed, Disposition::invalid_number,
                             Disposition::unknown};
  for (int run = 0; run < 5000; ++run) {
    RetryPolicy p;
    p.max_attempts = 1 + static_cast<int>(rng() % 6);
    ContactProgress c{0, 1, 1 + static_cast<int>(rng() % 3), 0};
    EpochMs now = 0;
    int made = 0;
    for (;;) {
      ++made;
      c.attempts = made;
      ASSERT_LE(made, p.max_attempts);
      ASSERT_FALSE(c.invalid_mask & (1u << (c.phone_index - 1))) << "dialed a flagged phone";
      auto s = after_attempt(p, all[rng() % 7], c, now);
      if (s.done) break;
      ASSERT_GE(s.at, now);
      ASSERT_GE(s.phone_index, 1);
      ASSERT_LE(s.phone_index, c.phone_count);
      c.phone_index = s.phone_index;
      c.invalid_mask = s.invalid_mask;
      now = s.at;
    }
  }
}

}  // namespace
}  // namespace torpedo::engine
