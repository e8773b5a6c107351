// The calling calendar: Easter and the holidays that move with it, the fixed national holidays,
// the DDD → time zone table, and windows judged in the callee's local time (every zone of an
// ambiguous DDD), with a property test over random moments.
#include "engine/calendar.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

namespace torpedo::engine {
namespace {

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;

// Milliseconds of a UTC date and time.
EpochMs utc(int y, int mo, int d, int h = 0, int mi = 0) {
  using namespace std::chrono;
  const sys_days day =
      year(y) / month(static_cast<unsigned>(mo)) / std::chrono::day(static_cast<unsigned>(d));
  return duration_cast<milliseconds>(day.time_since_epoch()).count() + h * kHour + mi * kMinute;
}

TEST(Calendar, EasterAndTheHolidaysThatMoveWithIt) {
  EXPECT_EQ(easter_sunday(2024), (Date{2024, 3, 31}));
  EXPECT_EQ(easter_sunday(2025), (Date{2025, 4, 20}));
  EXPECT_EQ(easter_sunday(2026), (Date{2026, 4, 5}));
  EXPECT_EQ(easter_sunday(2027), (Date{2027, 3, 28}));
  EXPECT_EQ(easter_sunday(2038), (Date{2038, 4, 25}));
  EXPECT_EQ(national_holiday({2026, 2, 16}), "Carnaval");
  EXPECT_EQ(national_holiday({2026, 2, 17}), "Carnaval");
  EXPECT_FALSE(national_holiday({2026, 2, 18})) << "Ash Wednesday is not a holiday";
  EXPECT_EQ(national_holiday({2026, 4, 3}), "Sexta-feira Santa");
  EXPECT_EQ(national_holiday({2026, 6, 4}), "Corpus Christi");
  EXPECT_EQ(national_holiday({2025, 6, 19}), "Corpus Christi");
}

TEST(Calendar, FixedNationalHolidays) {
  for (auto [m, d] : std::vector<std::pair<int, int>>{
           {1, 1}, {4, 21}, {5, 1}, {9, 7}, {10, 12}, {11, 2}, {11, 15}, {12, 25}})
    EXPECT_TRUE(national_holiday({2026, m, d})) << m << "/" << d;
  EXPECT_TRUE(national_holiday({2026, 11, 20})) << "a national holiday since 2024";
  EXPECT_FALSE(national_holiday({2023, 11, 20}));
  EXPECT_FALSE(national_holiday({2026, 11, 24}));
}

TEST(Calendar, TimeZonesByAreaCode) {
  EXPECT_EQ(utc_offsets_for_ddd(11), std::vector<int>{-180});
  EXPECT_EQ(utc_offsets_for_ddd(68), std::vector<int>{-300}) << "Acre";
  EXPECT_EQ(utc_offsets_for_ddd(92), std::vector<int>{-240}) << "Manaus";
  EXPECT_EQ(utc_offsets_for_ddd(65), std::vector<int>{-240}) << "Cuiabá";
  EXPECT_EQ(utc_offsets_for_ddd(67), std::vector<int>{-240}) << "Campo Grande";
  EXPECT_EQ(utc_offsets_for_ddd(69), std::vector<int>{-240}) << "Porto Velho";
  EXPECT_EQ(utc_offsets_for_ddd(95), std::vector<int>{-240}) << "Boa Vista";
  EXPECT_EQ(utc_offsets_for_ddd(97), (std::vector<int>{-240, -300}));
  EXPECT_EQ(utc_offsets_for_ddd(81), (std::vector<int>{-180, -120})) << "with Fernando de Noronha";
  EXPECT_TRUE(utc_offsets_for_ddd(20).empty());
  EXPECT_TRUE(utc_offsets_for_ddd(52).empty());
  EXPECT_EQ(ddd_of("5568999887766"), 68);
  EXPECT_EQ(ddd_of("551133334444"), 11);
  EXPECT_EQ(ddd_of("+5511987654321"), 11) << "as contacts store numbers";
  EXPECT_FALSE(ddd_of("5520999887766")) << "no such DDD";
  EXPECT_FALSE(ddd_of("14155550100"));
  EXPECT_FALSE(ddd_of("5511"));
}

TEST(Calendar, WindowsAreJudgedInTheCalleesLocalTime) {
  Schedule s;
  s.windows = {{0b0111110, 8 * 60, 20 * 60}};       // Monday–Friday 08:00–20:00
  const EpochMs tue_11utc = utc(2026, 11, 24, 11);  // 08:00 in São Paulo, 06:00 in Acre
  EXPECT_TRUE(allowed_at(s, tue_11utc, utc_offsets_for_ddd(11)));
  EXPECT_FALSE(allowed_at(s, tue_11utc, utc_offsets_for_ddd(68)));
  EXPECT_FALSE(allowed_at(s, tue_11utc - kMinute, utc_offsets_for_ddd(11))) << "07:59";
  EXPECT_EQ(next_allowed(s, tue_11utc, utc_offsets_for_ddd(68)), utc(2026, 11, 24, 13)) << "08:00 in Acre";
  // 97 spans UTC−4 and UTC−5: allowed only when both are inside the window.
  EXPECT_EQ(next_allowed(s, tue_11utc, utc_offsets_for_ddd(97)), utc(2026, 11, 24, 13));
  const EpochMs tue_23utc = utc(2026, 11, 24, 23);  // 20:00 in São Paulo: closed; 19:00 in Manaus: open
  EXPECT_FALSE(allowed_at(s, tue_23utc, utc_offsets_for_ddd(11)));
  EXPECT_TRUE(allowed_at(s, tue_23utc, utc_offsets_for_ddd(92)));
  EXPECT_FALSE(allowed_at(s, tue_23utc, utc_offsets_for_ddd(81))) << "Noronha is at 21:00";
  // Friday evening → Monday morning.
  EXPECT_EQ(next_allowed(s, utc(2026, 11, 27, 23, 30), utc_offsets_for_ddd(11)), utc(2026, 11, 30, 11));
  // Unknown DDD: never.
  EXPECT_FALSE(allowed_at(s, tue_11utc, {}));
  EXPECT_FALSE(next_allowed(s, tue_11utc, {}));
}

TEST(Calendar, HolidaysAreSkippedUnlessAllowed) {
  Schedule s;
  s.windows = {{0b1111111, 9 * 60, 18 * 60}};
  const EpochMs christmas_noon = utc(2026, 12, 25, 15);
  EXPECT_FALSE(allowed_at(s, christmas_noon, utc_offsets_for_ddd(11)));
  EXPECT_EQ(next_allowed(s, christmas_noon, utc_offsets_for_ddd(11)), utc(2026, 12, 26, 12));
  s.allow_holidays = true;
  EXPECT_TRUE(allowed_at(s, christmas_noon, utc_offsets_for_ddd(11)));
  // A holiday is a local date: 23:30 UTC on the 24th is still the 24th in Brazil.
  Schedule any;
  EXPECT_TRUE(allowed_at(any, utc(2026, 12, 25, 2, 30), utc_offsets_for_ddd(11))) << "23:30 on the 24th";
  EXPECT_FALSE(allowed_at(any, utc(2026, 12, 25, 3, 0), utc_offsets_for_ddd(11)));
}

TEST(Calendar, NoWindowOnAnyDayMeansNever) {
  Schedule s;
  s.windows = {{0, 9 * 60, 18 * 60}};
  EXPECT_FALSE(next_allowed(s, utc(2026, 11, 24), utc_offsets_for_ddd(11)));
}

// Property: next_allowed() finds a moment that is allowed in every zone of the DDD, is never
// before `from`, and no whole minute between them was allowed.
TEST(Calendar, NextAllowedIsTheFirstAllowedMinute) {
  std::mt19937_64 rng(7);
  const std::vector<int> ddds = {11, 21, 68, 81, 92, 97};
  for (int i = 0; i < 300; ++i) {
    Schedule s;
    const int n = static_cast<int>(rng() % 3) + 1;
    for (int w = 0; w < n; ++w) {
      const int start = static_cast<int>(rng() % (23 * 60));
      s.windows.push_back({static_cast<unsigned>(rng() % 128), start,
                           start + 1 + static_cast<int>(rng() % (24 * 60 - start - 1))});
    }
    s.allow_holidays = rng() % 2;
    const EpochMs from = utc(2026, 1, 1) + static_cast<EpochMs>(rng() % (365ULL * 24 * 60)) * kMinute +
                         static_cast<EpochMs>(rng() % 60'000);
    const auto offsets = utc_offsets_for_ddd(ddds[rng() % ddds.size()]);
    const auto found = next_allowed(s, from, offsets, 3);
    const EpochMs first_minute = (from + kMinute - 1) / kMinute * kMinute;
    const EpochMs end = found ? *found : from + 3 * 24 * kHour;
    for (EpochMs t = first_minute; t < end; t += kMinute)
      ASSERT_FALSE(allowed_at(s, t, offsets)) << "missed an allowed minute, case " << i;
    if (found) {
      EXPECT_GE(*found, from);
      EXPECT_TRUE(allowed_at(s, *found, offsets));
    }
  }
}

}  // namespace
}  // namespace torpedo::engine
