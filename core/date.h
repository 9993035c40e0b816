// SPDX-License-Identifier: Apache-2.0
// Calendar days and fixed UTC offsets. WeChat's ref_date and every report period are calendar
// days in China time (Asia/Shanghai, UTC+08:00, no DST since 1991); instants are stored in UTC.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pubtrack::core {

// A proleptic Gregorian calendar day, independent of any time zone.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date fromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns nullopt for impossible dates (2023-02-29, month 13).
  static std::optional<Date> fromYmd(int year, int month, int day);
  // Exactly "YYYY-MM-DD".
  static std::optional<Date> parse(std::string_view iso);

  int32_t daysSinceEpoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  int dayOfYear() const;         // 1-based
  std::string toString() const;  // "YYYY-MM-DD"

  Date operator+(int days) const { return Date(days_ + days); }
  Date operator-(int days) const { return Date(days_ - days); }
  int operator-(Date other) const { return days_ - other.days_; }
  Date& operator++() {
    ++days_;
    return *this;
  }
  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Days from 1970-01-01 for a civil date (no validation).
int32_t daysFromCivil(int year, int month, int day);
bool isLeapYear(int year);
int daysInMonth(int year, int month);

// A fixed offset from UTC, in minutes east. Named zones are mapped to their current offset.
struct UtcOffset {
  int minutes = 0;
  // "Asia/Shanghai", "Asia/Hong_Kong", "UTC", "Z", "+08:00", "+0800", "-05:00"...
  static std::optional<UtcOffset> parse(std::string_view text);
  std::string toString() const;  // "+08:00"
  auto operator<=>(const UtcOffset&) const = default;
};
inline constexpr UtcOffset kChinaTime{8 * 60};

using TimePoint = std::chrono::system_clock::time_point;
using Seconds = std::chrono::sys_seconds;

// The calendar day an instant falls on at the given offset.
Date dateAt(TimePoint t, UtcOffset offset);
// The instant a local wall-clock time denotes at the given offset.
TimePoint instantOf(Date day, int hour, int minute, int second, UtcOffset offset);
// UTC ISO 8601 with seconds: "2024-01-10T00:00:00Z".
std::string formatUtc(TimePoint t);
// Parses what formatUtc writes (and "YYYY-MM-DD HH:MM:SS" as UTC).
std::optional<TimePoint> parseUtc(std::string_view text);
// The wall-clock time at `offset`, for people, with the offset shown:
// "2024-01-10 08:00:00 +08:00".
std::string formatAt(TimePoint t, UtcOffset offset);
// A stored UTC instant (what formatUtc writes) as formatAt shows it; "" stays "", and text that
// is not such an instant is returned unchanged.
std::string utcTextAt(std::string_view utc, UtcOffset offset);

}  // namespace pubtrack::core
