// SPDX-License-Identifier: Apache-2.0
// The datacube calendar: the endpoint table, which days each endpoint serves, the 08:00 rule.
#include "model/wechat_calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace pubtrack::model {
namespace {

core::Date D(const char* iso) {
  const auto d = core::Date::parse(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(core::Date{});
}

core::TimePoint chinaTime(const char* day, int h, int m, int s = 0) {
  return core::instantOf(D(day), h, m, s, core::kChinaTime);
}

std::vector<std::string> names(const std::vector<Endpoint>& endpoints) {
  std::vector<std::string> out;
  for (auto e : endpoints) out.emplace_back(endpointName(e));
  return out;
}

TEST(WeChatCalendarTest, EndpointTableMatchesTheReference) {
  struct Case {
    Endpoint e;
    const char* name;
    Family family;
    int span;
  };
  const Case cases[] = {
      {Endpoint::UserSummary, "getusersummary", Family::Follower, 7},
      {Endpoint::UserCumulate, "getusercumulate", Family::Follower, 7},
      {Endpoint::ArticleSummary, "getarticlesummary", Family::Legacy, 1},
      {Endpoint::ArticleTotal, "getarticletotal", Family::Legacy, 1},
      {Endpoint::UserRead, "getuserread", Family::Legacy, 3},
      {Endpoint::BizSummary, "getbizsummary", Family::New, 30},
      {Endpoint::ArticleTotalDetail, "getarticletotaldetail", Family::New, 1},
      {Endpoint::ArticleRead, "getarticleread", Family::New, 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(endpointName(c.e), c.name);
    EXPECT_EQ(endpointPath(c.e), std::string("/datacube/") + c.name);
    EXPECT_EQ(familyOf(c.e), c.family);
    EXPECT_EQ(maxSpanDays(c.e), c.span);
    EXPECT_EQ(endpointFromName(c.name), c.e);
  }
  EXPECT_FALSE(endpointFromName("getusershare").has_value());
  EXPECT_EQ(defaultNewApiFrom(), D("2025-11-01"));
  EXPECT_EQ(datacubeStart(), D("2014-12-01"));
}

TEST(WeChatCalendarTest, LatestCollectableDayFollowsThe0800ChinaRule) {
  struct Case {
    const char* name;
    core::TimePoint now;
    const char* want;
  };
  const Case cases[] = {
      {"07:59:59 China", chinaTime("2025-06-10", 7, 59, 59), "2025-06-08"},
      {"08:00:00 China", chinaTime("2025-06-10", 8, 0, 0), "2025-06-09"},
      {"just after midnight China", chinaTime("2025-06-10", 0, 0, 1), "2025-06-08"},
      {"23:59 China", chinaTime("2025-06-10", 23, 59, 59), "2025-06-09"},
      {"new year 07:59", chinaTime("2025-01-01", 7, 59), "2024-12-30"},
      {"new year 08:00", chinaTime("2025-01-01", 8, 0), "2024-12-31"},
      {"UTC 23:59:59 on Dec 31 = China 07:59:59", *core::parseUtc("2024-12-31T23:59:59Z"),
       "2024-12-30"},
      {"UTC midnight = China 08:00", *core::parseUtc("2025-01-01T00:00:00Z"), "2024-12-31"},
      {"leap day reachable at 08:00 on Mar 1", chinaTime("2024-03-01", 8, 0), "2024-02-29"},
      {"Mar 1 07:59 still Feb 28", chinaTime("2024-03-01", 7, 59), "2024-02-28"},
      {"Mar 2 07:59 gives the leap day", chinaTime("2024-03-02", 7, 59), "2024-02-29"},
      {"new family first day", chinaTime("2025-11-02", 8, 0), "2025-11-01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(latestCollectableDay(c.now).toString(), c.want);
  }
  // Another offset moves the cut-off: 08:00 UTC is the cut-off at +00:00.
  EXPECT_EQ(latestCollectableDay(*core::parseUtc("2025-01-01T07:59:00Z"), core::UtcOffset{0}),
            D("2024-12-30"));
}

TEST(WeChatCalendarTest, EachFamilyServesItsSideOfTheSwitch) {
  const core::Date newApi = D("2025-11-01");
  struct Case {
    const char* day;
    std::vector<std::string> want;
  };
  const std::vector<std::string> legacy = {"getusersummary", "getusercumulate", "getarticlesummary",
                                           "getarticletotal", "getuserread"};
  const std::vector<std::string> fresh = {"getusersummary", "getusercumulate", "getbizsummary",
                                          "getarticletotaldetail", "getarticleread"};
  const Case cases[] = {
      {"2014-12-01", legacy}, {"2025-10-31", legacy}, {"2025-11-01", fresh}, {"2026-12-03", fresh}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(names(endpointsForDay(D(c.day), newApi)), c.want);
    for (Endpoint e : kAllEndpoints) {
      const bool listed =
          std::find(c.want.begin(), c.want.end(), std::string(endpointName(e))) != c.want.end();
      EXPECT_EQ(servesDay(e, D(c.day), newApi), listed) << endpointName(e);
    }
  }
  // Another switch day moves the boundary with it.
  EXPECT_TRUE(servesDay(Endpoint::UserRead, D("2025-11-05"), D("2026-01-01")));
  EXPECT_FALSE(servesDay(Endpoint::BizSummary, D("2025-12-31"), D("2026-01-01")));
  EXPECT_TRUE(servesDay(Endpoint::BizSummary, D("2026-01-01"), D("2026-01-01")));
}

TEST(WeChatCalendarTest, DateRangesCountAndPrintTheirDays) {
  const DateRange r{D("2024-02-27"), D("2024-03-01")};
  EXPECT_EQ(r.days(), 4);  // a leap year
  EXPECT_TRUE(r.contains(D("2024-02-29")));
  EXPECT_FALSE(r.contains(D("2024-03-02")));
  EXPECT_EQ(r.toString(), "2024-02-27..2024-03-01");
}

}  // namespace
}  // namespace pubtrack::model
