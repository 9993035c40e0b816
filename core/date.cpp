// SPDX-License-Identifier: Apache-2.0
// Civil-day arithmetic after Howard Hinnant's public-domain algorithms (days_from_civil).
#include "core/date.h"

#include <array>
#include <cstdio>

namespace pubtrack::core {
namespace {

struct Ymd {
  int y, m, d;
};

Ymd civilFromDays(int32_t z) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

bool allDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int toInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && isLeapYear(year)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

int32_t daysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const auto mm = static_cast<unsigned>(month);
  const unsigned doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

std::optional<Date> Date::fromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > daysInMonth(year, month)) return std::nullopt;
  return Date(daysFromCivil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!allDigits(s.substr(0, 4)) || !allDigits(s.substr(5, 2)) || !allDigits(s.substr(8, 2)))
    return std::nullopt;
  return fromYmd(toInt(s.substr(0, 4)), toInt(s.substr(5, 2)), toInt(s.substr(8, 2)));
}

int Date::year() const { return civilFromDays(days_).y; }
int Date::month() const { return civilFromDays(days_).m; }
int Date::day() const { return civilFromDays(days_).d; }
int Date::dayOfYear() const { return days_ - daysFromCivil(year(), 1, 1) + 1; }

std::string Date::toString() const {
  const Ymd c = civilFromDays(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::optional<UtcOffset> UtcOffset::parse(std::string_view t) {
  struct Named {
    std::string_view name;
    int minutes;
  };
  static constexpr Named kNamed[] = {
      {"Asia/Shanghai", 480},
      {"Asia/Chongqing", 480},
      {"Asia/Harbin", 480},
      {"Asia/Urumqi", 480},
      {"PRC", 480},
      {"Asia/Hong_Kong", 480},
      {"Asia/Macau", 480},
      {"Asia/Taipei", 480},
      {"Asia/Singapore", 480},
      {"Asia/Tokyo", 540},
      {"Asia/Seoul", 540},
      {"UTC", 0},
      {"Etc/UTC", 0},
      {"GMT", 0},
      {"Z", 0},
  };
  for (const auto& n : kNamed)
    if (t == n.name) return UtcOffset{n.minutes};
  if (t.size() < 3 || (t[0] != '+' && t[0] != '-')) return std::nullopt;
  const int sign = t[0] == '-' ? -1 : 1;
  std::string_view rest = t.substr(1);
  std::string_view hh, mm = "00";
  if (rest.size() == 2) {
    hh = rest;
  } else if (rest.size() == 4) {
    hh = rest.substr(0, 2), mm = rest.substr(2);
  } else if (rest.size() == 5 && rest[2] == ':') {
    hh = rest.substr(0, 2), mm = rest.substr(3);
  } else {
    return std::nullopt;
  }
  if (!allDigits(hh) || !allDigits(mm)) return std::nullopt;
  const int h = toInt(hh), m = toInt(mm);
  if (h > 14 || m > 59) return std::nullopt;
  return UtcOffset{sign * (h * 60 + m)};
}

std::string UtcOffset::toString() const {
  char buf[16];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

Date dateAt(TimePoint t, UtcOffset offset) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() +
                    static_cast<int64_t>(offset.minutes) * 60;
  int64_t days = secs / 86400;
  if (secs % 86400 < 0) --days;
  return Date::fromDays(static_cast<int32_t>(days));
}

TimePoint instantOf(Date day, int hour, int minute, int second, UtcOffset offset) {
  const int64_t secs = static_cast<int64_t>(day.daysSinceEpoch()) * 86400 + hour * 3600 +
                       minute * 60 + second - static_cast<int64_t>(offset.minutes) * 60;
  return TimePoint(std::chrono::seconds(secs));
}

std::string formatUtc(TimePoint t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, --days;
  const Ymd c = civilFromDays(static_cast<int32_t>(days));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.y, c.m, c.d,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::string formatAt(TimePoint t, UtcOffset offset) {
  std::string s = formatUtc(t + std::chrono::minutes(offset.minutes));  // "...T08:00:00Z"
  s[10] = ' ';
  s.pop_back();
  return s + " " + offset.toString();
}

std::string utcTextAt(std::string_view utc, UtcOffset offset) {
  if (const auto t = parseUtc(utc)) return formatAt(*t, offset);
  return std::string(utc);
}

std::optional<TimePoint> parseUtc(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto day = Date::parse(s.substr(0, 10));
  if (!day || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!allDigits(s.substr(11, 2)) || !allDigits(s.substr(14, 2)) || !allDigits(s.substr(17, 2)))
    return std::nullopt;
  std::string_view tail = s.substr(19);
  if (!(tail.empty() || tail == "Z")) return std::nullopt;
  // system_clock counts int64 nanoseconds: only about 1677-09-21 .. 2262-04-11 fits.
  if (day->year() < 1678 || day->year() > 2261) return std::nullopt;
  return instantOf(*day, toInt(s.substr(11, 2)), toInt(s.substr(14, 2)), toInt(s.substr(17, 2)),
                   UtcOffset{0});
}

}  // namespace pubtrack::core
