// SPDX-License-Identifier: Apache-2.0
// Calendar arithmetic and China-time day boundaries.
#include "core/date.h"

#include <gtest/gtest.h>

namespace pubtrack::core {
namespace {

TEST(DateTest, ParsesAndFormatsIsoDays) {
  struct Case {
    const char* text;
    bool ok;
  } cases[] = {{"2024-02-29", true}, {"2023-02-29", false}, {"2025-13-01", false},
               {"2025-1-01", false}, {"2025-11-01", true},  {"", false},
               {"1999-12-31", true}, {"2000-02-29", true},  {"1900-02-29", false}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto d = Date::parse(c.text);
    EXPECT_EQ(d.has_value(), c.ok);
    if (d) {
      EXPECT_EQ(d->toString(), c.text);
    }
  }
}

TEST(DateTest, ArithmeticCrossesMonthsAndYears) {
  auto d = *Date::parse("2024-12-31");
  EXPECT_EQ((d + 1).toString(), "2025-01-01");
  EXPECT_EQ((d - 365).toString(), "2024-01-01");
  EXPECT_EQ(*Date::parse("2025-03-01") - *Date::parse("2025-02-01"), 28);
  EXPECT_EQ(Date::parse("2024-12-31")->dayOfYear(), 366);
  EXPECT_EQ(Date::parse("1970-01-01")->daysSinceEpoch(), 0);
}

TEST(DateTest, ChinaDayOfAnInstant) {
  // 2024-01-09T16:00:00Z is midnight of 2024-01-10 in China.
  auto t = *parseUtc("2024-01-09T16:00:00Z");
  EXPECT_EQ(dateAt(t, kChinaTime).toString(), "2024-01-10");
  EXPECT_EQ(dateAt(t - std::chrono::seconds(1), kChinaTime).toString(), "2024-01-09");
  EXPECT_EQ(formatUtc(instantOf(*Date::parse("2024-01-10"), 8, 0, 0, kChinaTime)),
            "2024-01-10T00:00:00Z");
}

TEST(DateTest, WallClockTimeForPeopleShowsTheOffset) {
  const auto t = *parseUtc("2024-12-31T16:30:05Z");
  EXPECT_EQ(formatAt(t, kChinaTime), "2025-01-01 00:30:05 +08:00");
  EXPECT_EQ(formatAt(t, UtcOffset{0}), "2024-12-31 16:30:05 +00:00");
  EXPECT_EQ(formatAt(t, UtcOffset{-330}), "2024-12-31 11:00:05 -05:30");
  EXPECT_EQ(utcTextAt("2024-06-15T00:30:20Z", kChinaTime), "2024-06-15 08:30:20 +08:00");
  EXPECT_EQ(utcTextAt("", kChinaTime), "");
  EXPECT_EQ(utcTextAt("not a time", kChinaTime), "not a time");
}

TEST(DateTest, UtcOffsets) {
  EXPECT_EQ(UtcOffset::parse("Asia/Shanghai")->minutes, 480);
  EXPECT_EQ(UtcOffset::parse("-05:30")->minutes, -330);
  EXPECT_EQ(UtcOffset::parse("+0800")->minutes, 480);
  EXPECT_FALSE(UtcOffset::parse("Mars/Olympus"));
  EXPECT_EQ(UtcOffset{-330}.toString(), "-05:30");
}

}  // namespace
}  // namespace pubtrack::core
