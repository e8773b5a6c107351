#pragma once
// When a callee may be called (SPEC §3): allowed weekday/time windows judged in the callee's
// local time, which Torpedo derives from the number's area code (DDD), and Brazil's national
// holidays. Brazil has had no daylight saving time since 2019, so each zone is a fixed offset.
//
// Where one DDD spans two zones (81: Recife at UTC−3 and Fernando de Noronha at UTC−2; 97:
// western Amazonas at UTC−4 and UTC−5), a moment is allowed only if it is allowed in both:
// Torpedo would rather call a little later than call someone outside their window.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"

namespace torpedo::engine {

struct Date {
  int year = 1970;
  int month = 1;  // 1–12
  int day = 1;    // 1–31
  bool operator==(const Date&) const = default;
};

Date easter_sunday(int year);  // Gregorian (Meeus/Jones/Butcher)
// The national holiday on `d` ("Natal", "Carnaval", "Sexta-feira Santa", "Corpus Christi", …),
// if any: the fixed dates of federal law (including 20 November from 2024) and the days that
// move with Easter.
std::optional<std::string> national_holiday(const Date& d);

// UTC offsets, in minutes, a number with this DDD may be in (one, or two for 81 and 97);
// empty for a DDD that does not exist.
std::vector<int> utc_offsets_for_ddd(int ddd);
// The DDD of a Brazilian number in E.164 ("+5511987654321" → 11, the '+' optional); nullopt
// otherwise.
std::optional<int> ddd_of(const std::string& e164);

struct Window {
  unsigned weekdays = 0b0111110;  // bit 0 = Sunday … bit 6 = Saturday; default Monday–Friday
  int start_minute = 9 * 60;      // local time, inclusive
  int end_minute = 18 * 60;       // local time, exclusive; start < end (no window crosses midnight)
};

struct Schedule {
  std::vector<Window> windows;  // none: any time
  bool allow_holidays = false;
};

// Whether a call may start at `at` for a callee in every one of `offsets`.
bool allowed_at(const Schedule& s, EpochMs at, const std::vector<int>& offsets);
// The first moment at or after `from` when allowed_at() holds, looking at most `horizon_days`
// ahead (whole minutes; nullopt when there is none, e.g. no window on any weekday).
std::optional<EpochMs> next_allowed(const Schedule& s, EpochMs from, const std::vector<int>& offsets,
                                    int horizon_days = 15);

}  // namespace torpedo::engine
