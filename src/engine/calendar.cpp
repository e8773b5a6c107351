#include "engine/calendar.h"

#include <algorithm>
#include <chrono>

namespace torpedo::engine {

namespace {

using namespace std::chrono;

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kDay = 24 * 60 * kMinute;

sys_days to_days(const Date& d) {
  return sys_days(
      year_month_day(year(d.year), month(static_cast<unsigned>(d.month)), day(static_cast<unsigned>(d.day))));
}

Date from_days(sys_days days) {
  const year_month_day ymd(days);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Date shifted(const Date& d, int days) {
  return from_days(to_days(d) + std::chrono::days(days));
}

// Local calendar facts of `at` for a callee at `offset` minutes from UTC.
struct Local {
  Date date;
  int weekday = 0;  // 0 = Sunday
  int minute = 0;   // of the day
};

Local local_of(EpochMs at, int offset) {
  const EpochMs local_ms = at + static_cast<EpochMs>(offset) * kMinute;
  const auto days = static_cast<int>(local_ms >= 0 ? local_ms / kDay : (local_ms - kDay + 1) / kDay);
  const sys_days d{std::chrono::days(days)};
  Local l;
  l.date = from_days(d);
  l.weekday = static_cast<int>(weekday(d).c_encoding());
  l.minute = static_cast<int>((local_ms - static_cast<EpochMs>(days) * kDay) / kMinute);
  return l;
}

bool allowed_locally(const Schedule& s, const Local& l) {
  if (!s.allow_holidays && national_holiday(l.date)) return false;
  if (s.windows.empty()) return true;
  return std::any_of(s.windows.begin(), s.windows.end(), [&](const Window& w) {
    return (w.weekdays >> l.weekday & 1u) && l.minute >= w.start_minute && l.minute < w.end_minute;
  });
}

}  // namespace

Date easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return {y, month, day};
}

std::optional<std::string> national_holiday(const Date& d) {
  struct Fixed {
    int month, day;
    const char* name;
  };
  static const Fixed fixed[] = {{1, 1, "Confraternização Universal"},
                                {4, 21, "Tiradentes"},
                                {5, 1, "Dia do Trabalho"},
                                {9, 7, "Independência do Brasil"},
                                {10, 12, "Nossa Senhora Aparecida"},
                                {11, 2, "Finados"},
                                {11, 15, "Proclamação da República"},
                                {12, 25, "Natal"}};
  for (const auto& f : fixed)
    if (d.month == f.month && d.day == f.day) return std::string(f.name);
  if (d.month == 11 && d.day == 20 && d.year >= 2024)
    return std::string("Dia Nacional de Zumbi e da Consciência Negra");
  const Date easter = easter_sunday(d.year);
  if (d == shifted(easter, -48) || d == shifted(easter, -47)) return std::string("Carnaval");
  if (d == shifted(easter, -2)) return std::string("Sexta-feira Santa");
  if (d == shifted(easter, 60)) return std::string("Corpus Christi");
  return std::nullopt;
}

std::vector<int> utc_offsets_for_ddd(int ddd) {
  static const std::vector<int> valid = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33,
                                         34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55,
                                         61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82,
                                         83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99};
  if (std::find(valid.begin(), valid.end(), ddd) == valid.end()) return {};
  switch (ddd) {
    case 68:
      return {-5 * 60};  // Acre
    case 97:
      return {-4 * 60, -5 * 60};  // Amazonas, west included
    case 65:
    case 66:
    case 67:
    case 69:
    case 92:
    case 95:
      return {-4 * 60};  // MT, MS, RO, AM, RR
    case 81:
      return {-3 * 60, -2 * 60};  // Pernambuco and Fernando de Noronha
    default:
      return {-3 * 60};
  }
}

std::optional<int> ddd_of(const std::string& number) {
  // Stored numbers are "+5511…"; the digits alone are accepted too.
  const std::string digits = !number.empty() && number[0] == '+' ? number.substr(1) : number;
  if (digits.size() < 12 || digits.compare(0, 2, "55") != 0) return std::nullopt;
  if (!std::isdigit(static_cast<unsigned char>(digits[2])) ||
      !std::isdigit(static_cast<unsigned char>(digits[3])))
    return std::nullopt;
  const int ddd = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (utc_offsets_for_ddd(ddd).empty()) return std::nullopt;
  return ddd;
}

bool allowed_at(const Schedule& s, EpochMs at, const std::vector<int>& offsets) {
  if (offsets.empty()) return false;
  return std::all_of(offsets.begin(), offsets.end(),
                     [&](int o) { return allowed_locally(s, local_of(at, o)); });
}

std::optional<EpochMs> next_allowed(const Schedule& s, EpochMs from, const std::vector<int>& offsets,
                                    int horizon_days) {
  if (offsets.empty()) return std::nullopt;
  // Whole minutes: windows are drawn in minutes. Step through the candidate boundaries (window
  // starts and midnights in each zone) rather than every minute.
  EpochMs at = (from + kMinute - 1) / kMinute * kMinute;
  const EpochMs until = from + static_cast<EpochMs>(horizon_days) * kDay;
  while (at <= until) {
    if (allowed_at(s, at, offsets)) return at;
    EpochMs next = until + kMinute;
    for (int o : offsets) {
      const Local l = local_of(at, o);
      const EpochMs day_start = at - static_cast<EpochMs>(l.minute) * kMinute;
      next = std::min(next, day_start + kDay);  // the next local midnight
      for (const auto& w : s.windows)
        if (w.start_minute > l.minute)
          next = std::min(next, day_start + static_cast<EpochMs>(w.start_minute) * kMinute);
    }
    // In one zone the window may be open while the other is not yet: move at least a minute.
    at = std::max(next, at + kMinute);
  }
  return std::nullopt;
}

}  // namespace torpedo::engine
