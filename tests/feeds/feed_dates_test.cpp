// SPDX-License-Identifier: Apache-2.0
// Table-driven tests for parseFeedDate: RFC 822 variants, ISO 8601, local and Chinese styles.
#include "collectors/feeds/feed_dates.h"

#include <gtest/gtest.h>

#include "core/date.h"

namespace pubtrack::feeds {
namespace {

struct DateCase {
  const char* text;
  const char* utc;  // expected formatUtc(), or nullptr when the text must be rejected
};

constexpr core::UtcOffset kUtc{0};

TEST(FeedDatesTest, ParsesTheStylesFeedsUse) {
  const DateCase cases[] = {
      // RFC 822 / 1123 and real-world variants
      {"Fri, 11 Jun 2021 16:42:27 +0800", "2021-06-11T08:42:27Z"},
      {"Fri, 05 Jan 2018 16:51:00 GMT", "2018-01-05T16:51:00Z"},
      {"Fri, 20 Feb 2015 09:51:15 UTC", "2015-02-20T09:51:15Z"},
      {"Mon, 01 Jan 2001 00:00:00 UT", "2001-01-01T00:00:00Z"},
      {"Thu, 14 May 2020 10:00:18 Z", "2020-05-14T10:00:18Z"},
      {"Wed, 03 Sep 2008 17:03:03 EST", "2008-09-03T22:03:03Z"},
      {"Thu, 01 Aug 2019 16:15 EDT", "2019-08-01T20:15:00Z"},  // no seconds
      {"Thu, 06 Feb 2020 00:00:00 PST", "2020-02-06T08:00:00Z"},
      {"Tue, 15 Jun 2021 00:00:00 PDT", "2021-06-15T07:00:00Z"},
      {"07 Nov 2015 12:00:00 EST", "2015-11-07T17:00:00Z"},        // no day name
      {"Tue, 27 Dec 2005 13:30:33+0900", "2005-12-27T04:30:33Z"},  // zone glued to the time
      {"Fri, 22 Sep 2023 16:30:15 -0000", "2023-09-22T16:30:15Z"},
      {"Fri, 19 May 2017 21:05:02 +0530", "2017-05-19T15:35:02Z"},
      {"Sun, 6 September 2009 16:20:00 +0000", "2009-09-06T16:20:00Z"},
      {"Wed, 4 Jan 06 07:00:00 +0200", "2006-01-04T05:00:00Z"},  // 2-digit year
      {"Sat, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"},
      {"fri, 05 jan 2018 16:51:00 gmt", "2018-01-05T16:51:00Z"},  // lower case
      {"FRI, 05 JAN 2018 16:51:00 GMT", "2018-01-05T16:51:00Z"},  // upper case
      {"Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33Z"},   // month first, 12-hour
      {"Sat, Dec 16 2023 12:10:00 AM", "2023-12-16T00:10:00Z"},
      {"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},  // Portuguese
      {"mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z"},  // Italian
      {"gio, 05 dic 2019 10:00:00 +0100", "2019-12-05T09:00:00Z"},
      {"Ter, 01 Fev 2022 08:00:00 -0300", "2022-02-01T11:00:00Z"},
      // ISO 8601 / RFC 3339
      {"2003-12-13T08:29:29-04:00", "2003-12-13T12:29:29Z"},
      {"2000-01-01T01:00:00Z", "2000-01-01T01:00:00Z"},
      {"2001-01-01T00:00+00:00", "2001-01-01T00:00:00Z"},  // no seconds
      {"2004-07-28T13:39:05+0000", "2004-07-28T13:39:05Z"},
      {"2007-05-22T20:29:24.000Z", "2007-05-22T20:29:24Z"},
      {"2013-09-16T06:57:33.39885-05:00", "2013-09-16T11:57:33Z"},
      {"2022-07-28T02:43:00.000000000Z", "2022-07-28T02:43:00Z"},
      {"2006-01-11 16:42:55 -0800", "2006-01-12T00:42:55Z"},  // space separator
      {"2022-07-26 13:01:01", "2022-07-26T13:01:01Z"},        // no zone: default offset
      {"2004-12-13", "2004-12-13T00:00:00Z"},                 // date only
      {"2005-5-28 16:05:36", "2005-05-28T16:05:36Z"},         // unpadded
      {"2020/1/10 14:33:00", "2020-01-10T14:33:00Z"},
      {"2024-01-10T08:00:00+08", "2024-01-10T00:00:00Z"},
      // Chinese
      {"2024\xE5\xB9\xB4"
       "1\xE6\x9C\x88"
       "10\xE6\x97\xA5 08:00",
       "2024-01-10T08:00:00Z"},
      {"2024\xE5\xB9\xB4"
       "1\xE6\x9C\x88"
       "10\xE6\x97\xA5",
       "2024-01-10T00:00:00Z"},
      // Rejected
      {"05/20 7:03 am", nullptr},  // no year
      {"", nullptr},
      {"yesterday", nullptr},
      {"2023-02-29T00:00:00Z", nullptr},  // no such day
      {"Mon, 32 Jan 2020 00:00:00 GMT", nullptr},
      {"2020-01-01T25:00:00Z", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto got = parseFeedDate(c.text, kUtc);
    if (!c.utc) {
      EXPECT_FALSE(got.has_value()) << core::formatUtc(*got);
      continue;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(core::formatUtc(*got), c.utc);
  }
}

TEST(FeedDatesTest, ZonelessDatesUseTheDefaultOffset) {
  const auto china = parseFeedDate("2024-01-10 08:00:00", core::kChinaTime);
  ASSERT_TRUE(china);
  EXPECT_EQ(core::formatUtc(*china), "2024-01-10T00:00:00Z");
  const auto rfc = parseFeedDate("Wed, 10 Jan 2024 08:00:00", core::kChinaTime);
  ASSERT_TRUE(rfc);
  EXPECT_EQ(core::formatUtc(*rfc), "2024-01-10T00:00:00Z");
  const auto chinese = parseFeedDate(
      "2024\xE5\xB9\xB4"
      "1\xE6\x9C\x88"
      "10\xE6\x97\xA5 08:00",
      core::kChinaTime);
  ASSERT_TRUE(chinese);
  EXPECT_EQ(core::formatUtc(*chinese), "2024-01-10T00:00:00Z");
  // An explicit zone wins over the default.
  const auto zoned = parseFeedDate("2024-01-10T08:00:00Z", core::kChinaTime);
  ASSERT_TRUE(zoned);
  EXPECT_EQ(core::formatUtc(*zoned), "2024-01-10T08:00:00Z");
}

}  // namespace
}  // namespace pubtrack::feeds
