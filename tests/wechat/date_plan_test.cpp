// SPDX-License-Identifier: Apache-2.0
// Tests for datacube date planning: spans, family boundary, re-pull windows (the calendar itself
// is tested in tests/model/wechat_calendar_test.cpp).
#include "collectors/wechat/date_plan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pubtrack::wechat {
namespace {

core::Date D(const char* iso) {
  const auto d = core::Date::parse(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(core::Date{});
}

core::TimePoint chinaTime(const char* day, int h, int m, int s = 0) {
  return core::instantOf(D(day), h, m, s, core::kChinaTime);
}

std::vector<std::string> describe(const std::vector<PlannedCall>& calls) {
  std::vector<std::string> out;
  for (const auto& c : calls) out.push_back(c.toString());
  return out;
}

PlanSettings noRepull() {
  PlanSettings s;
  s.legacy_repull_days = 0;
  s.new_repull_days = 0;
  return s;
}

TEST(DatePlanTest, SplitsRangesIntoChunksOfAtMostMaxSpan) {
  struct Case {
    const char* name;
    const char* from;
    const char* to;
    int span;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"single day", "2024-05-05", "2024-05-05", 7, {"2024-05-05..2024-05-05"}},
      {"exact multiple",
       "2024-01-01",
       "2024-01-14",
       7,
       {"2024-01-01..2024-01-07", "2024-01-08..2024-01-14"}},
      {"leap February",
       "2024-02-26",
       "2024-03-05",
       7,
       {"2024-02-26..2024-03-03", "2024-03-04..2024-03-05"}},
      {"non-leap February",
       "2023-02-26",
       "2023-03-05",
       7,
       {"2023-02-26..2023-03-04", "2023-03-05..2023-03-05"}},
      {"year end span 3",
       "2024-12-29",
       "2025-01-04",
       3,
       {"2024-12-29..2024-12-31", "2025-01-01..2025-01-03", "2025-01-04..2025-01-04"}},
      {"span 1",
       "2024-12-31",
       "2025-01-02",
       1,
       {"2024-12-31..2024-12-31", "2025-01-01..2025-01-01", "2025-01-02..2025-01-02"}},
      {"span 30 over the boundary month",
       "2025-11-01",
       "2025-12-31",
       30,
       {"2025-11-01..2025-11-30", "2025-12-01..2025-12-30", "2025-12-31..2025-12-31"}},
      {"empty when reversed", "2024-01-02", "2024-01-01", 7, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> got;
    for (const auto& r : splitRange(D(c.from), D(c.to), c.span)) got.push_back(r.toString());
    EXPECT_EQ(got, c.want);
  }
}

TEST(DatePlanTest, RangeCrossingTheNewApiBoundaryIsCutThere) {
  PlanSettings s = noRepull();
  s.backfill_from = D("2025-10-30");
  const auto calls =
      planCalls(s, D("2025-11-02"), model::DateRange{D("2025-10-30"), D("2025-11-02")});
  const std::vector<std::string> want = {
      "getusersummary 2025-10-29..2025-11-02",  // + the day before the range
      "getusercumulate 2025-10-29..2025-11-02",
      "getarticlesummary 2025-10-30..2025-10-30",
      "getarticlesummary 2025-10-31..2025-10-31",
      "getarticletotal 2025-10-30..2025-10-30",
      "getarticletotal 2025-10-31..2025-10-31",
      "getuserread 2025-10-30..2025-10-31",
      "getbizsummary 2025-11-01..2025-11-02",
      "getarticletotaldetail 2025-11-01..2025-11-01",
      "getarticletotaldetail 2025-11-02..2025-11-02",
      "getarticleread 2025-11-01..2025-11-01",
      "getarticleread 2025-11-02..2025-11-02",
  };
  EXPECT_EQ(describe(calls), want);
}

TEST(DatePlanTest, NewApiFromIsConfigurable) {
  PlanSettings s = noRepull();
  s.new_api_from = D("2025-12-01");
  s.endpoints = {model::Endpoint::UserRead, model::Endpoint::BizSummary};
  const auto calls =
      planCalls(s, D("2025-12-31"), model::DateRange{D("2025-11-29"), D("2025-12-02")});
  const std::vector<std::string> want = {"getuserread 2025-11-29..2025-11-30",
                                         "getbizsummary 2025-12-01..2025-12-02"};
  EXPECT_EQ(describe(calls), want);
}

TEST(DatePlanTest, YearEndAndLeapDayRangesRespectSpans) {
  struct Case {
    const char* name;
    const char* begin;
    const char* end;
    std::vector<model::Endpoint> endpoints;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"year end, followers and getuserread",
       "2024-12-29",
       "2025-01-04",
       {model::Endpoint::UserSummary, model::Endpoint::UserRead, model::Endpoint::BizSummary},
       {"getusersummary 2024-12-28..2025-01-03", "getusersummary 2025-01-04..2025-01-04",
        "getuserread 2024-12-29..2024-12-31", "getuserread 2025-01-01..2025-01-03",
        "getuserread 2025-01-04..2025-01-04"}},
      {"year end, per-day article endpoint",
       "2024-12-31",
       "2025-01-01",
       {model::Endpoint::ArticleTotal},
       {"getarticletotal 2024-12-31..2024-12-31", "getarticletotal 2025-01-01..2025-01-01"}},
      {"leap day",
       "2024-02-27",
       "2024-03-02",
       {model::Endpoint::UserCumulate, model::Endpoint::UserRead},
       {"getusercumulate 2024-02-26..2024-03-02", "getuserread 2024-02-27..2024-02-29",
        "getuserread 2024-03-01..2024-03-02"}},
      {"range starting on Jan 1 asks for Dec 31 followers",
       "2024-01-01",
       "2024-01-07",
       {model::Endpoint::UserCumulate},
       {"getusercumulate 2023-12-31..2024-01-06", "getusercumulate 2024-01-07..2024-01-07"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PlanSettings s = noRepull();
    s.endpoints = c.endpoints;
    const auto calls = planCalls(s, D("2025-06-30"), model::DateRange{D(c.begin), D(c.end)});
    EXPECT_EQ(describe(calls), c.want);
  }
}

TEST(DatePlanTest, WholeYearCallCountsMatchTheSpans) {
  struct Case {
    const char* name;
    const char* begin;
    const char* end;
    model::Endpoint endpoint;
    size_t calls;
  };
  const Case cases[] = {
      {"2024 getusersummary: 366 days + 1", "2024-01-01", "2024-12-31",
       model::Endpoint::UserSummary, 53},
      {"2024 getusercumulate", "2024-01-01", "2024-12-31", model::Endpoint::UserCumulate, 53},
      {"2024 getuserread", "2024-01-01", "2024-12-31", model::Endpoint::UserRead, 122},
      {"2024 getarticletotal", "2024-01-01", "2024-12-31", model::Endpoint::ArticleTotal, 366},
      {"2024 getbizsummary: legacy era", "2024-01-01", "2024-12-31", model::Endpoint::BizSummary,
       0},
      {"2026 getbizsummary", "2026-01-01", "2026-12-31", model::Endpoint::BizSummary, 13},
      {"2026 getarticletotaldetail", "2026-01-01", "2026-12-31",
       model::Endpoint::ArticleTotalDetail, 365},
      {"2026 getarticlesummary: new era", "2026-01-01", "2026-12-31",
       model::Endpoint::ArticleSummary, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PlanSettings s = noRepull();
    s.endpoints = {c.endpoint};
    const auto calls = planCalls(s, D("2027-01-10"), model::DateRange{D(c.begin), D(c.end)});
    EXPECT_EQ(calls.size(), c.calls);
    for (const auto& call : calls) {
      EXPECT_GE(call.range.days(), 1);
      EXPECT_LE(call.range.days(), model::maxSpanDays(call.endpoint)) << call.toString();
    }
  }
}

TEST(DatePlanTest, RollingWindowsStraddleTheBoundary) {
  PlanSettings s;
  s.backfill_from = D("2025-01-01");
  const auto calls = planCalls(s, D("2025-11-03"), std::nullopt);
  const std::vector<std::string> want = {
      "getarticletotal 2025-10-28..2025-10-28",
      "getarticletotal 2025-10-29..2025-10-29",
      "getarticletotal 2025-10-30..2025-10-30",
      "getarticletotal 2025-10-31..2025-10-31",
      "getarticletotaldetail 2025-11-01..2025-11-01",
      "getarticletotaldetail 2025-11-02..2025-11-02",
      "getarticletotaldetail 2025-11-03..2025-11-03",
  };
  EXPECT_EQ(describe(calls), want);
}

TEST(DatePlanTest, RollingWindowsCoverTheLast7And30Days) {
  PlanSettings s;
  s.backfill_from = D("2020-01-01");
  s.new_api_from = D("2030-01-01");  // legacy only
  auto legacy = planCalls(s, D("2025-03-01"), std::nullopt);
  ASSERT_EQ(legacy.size(), 7u);
  EXPECT_EQ(legacy.front().toString(), "getarticletotal 2025-02-23..2025-02-23");
  EXPECT_EQ(legacy.back().toString(), "getarticletotal 2025-03-01..2025-03-01");

  s.new_api_from = model::defaultNewApiFrom();
  auto fresh = planCalls(s, D("2026-03-15"), std::nullopt);
  ASSERT_EQ(fresh.size(), 30u);
  EXPECT_EQ(fresh.front().toString(), "getarticletotaldetail 2026-02-14..2026-02-14");
  EXPECT_EQ(fresh.back().toString(), "getarticletotaldetail 2026-03-15..2026-03-15");

  // Never before backfill_from.
  s.backfill_from = D("2026-03-10");
  EXPECT_EQ(planCalls(s, D("2026-03-15"), std::nullopt).size(), 6u);
}

TEST(DatePlanTest, OverlappingRangeWindowAndExtraDaysAreDeduplicated) {
  PlanSettings s;
  s.backfill_from = D("2025-11-01");
  s.endpoints = {model::Endpoint::BizSummary, model::Endpoint::ArticleTotalDetail};
  const std::vector<RepullDay> extra = {{D("2025-12-02"), model::Endpoint::ArticleTotalDetail},
                                        {D("2025-12-02"), std::nullopt},
                                        {D("2025-11-20"), model::Endpoint::BizSummary}};
  const auto calls =
      planCalls(s, D("2025-12-03"), model::DateRange{D("2025-12-01"), D("2025-12-03")}, extra);
  std::vector<std::string> want = {"getbizsummary 2025-11-20..2025-11-20",
                                   "getbizsummary 2025-12-01..2025-12-03"};
  for (core::Date d = D("2025-11-04"); d <= D("2025-12-03"); ++d)
    want.push_back("getarticletotaldetail " + d.toString() + ".." + d.toString());
  EXPECT_EQ(describe(calls), want);
}

TEST(DatePlanTest, ExtraDaysGoToTheEndpointsThatServeThem) {
  PlanSettings s = noRepull();
  s.backfill_from = D("2025-01-01");
  const std::vector<RepullDay> extra = {
      {D("2025-11-05"), model::Endpoint::ArticleRead},  // delayed new-family day
      {D("2025-11-06"),
       model::Endpoint::ArticleSummary},  // legacy endpoint after the boundary: none
      {D("2025-10-15"), std::nullopt},    // an empty day: every endpoint serving it
      {D("2026-01-01"), std::nullopt},    // after `latest`: not yet
      {D("2014-11-30"), std::nullopt},    // before the datacube keeps data
  };
  const auto calls = planCalls(s, D("2025-12-31"), std::nullopt, extra);
  const std::vector<std::string> want = {
      "getusersummary 2025-10-15..2025-10-15",    "getusercumulate 2025-10-15..2025-10-15",
      "getarticlesummary 2025-10-15..2025-10-15", "getarticletotal 2025-10-15..2025-10-15",
      "getuserread 2025-10-15..2025-10-15",       "getarticleread 2025-11-05..2025-11-05",
  };
  EXPECT_EQ(describe(calls), want);
}

TEST(DatePlanTest, RangesAreClippedToTheCollectableWindow) {
  PlanSettings s = noRepull();
  s.endpoints = {model::Endpoint::UserCumulate};
  // The end never passes `latest`.
  EXPECT_EQ(
      describe(planCalls(s, D("2025-06-03"), model::DateRange{D("2025-06-01"), D("2025-06-30")})),
      std::vector<std::string>{"getusercumulate 2025-05-31..2025-06-03"});
  // Nothing before 2014-12-01, not even the day before the range.
  EXPECT_EQ(
      describe(planCalls(s, D("2025-06-03"), model::DateRange{D("2014-11-25"), D("2014-12-02")})),
      std::vector<std::string>{"getusercumulate 2014-12-01..2014-12-02"});
  // A range entirely after `latest` plans nothing.
  EXPECT_TRUE(
      planCalls(s, D("2025-06-03"), model::DateRange{D("2025-06-04"), D("2025-06-05")}).empty());
}

TEST(DatePlanTest, PlanCollectionStartsAfterTheLastCompleteDay) {
  PlanSettings s = noRepull();
  s.backfill_from = D("2025-10-01");
  s.endpoints = {model::Endpoint::UserCumulate, model::Endpoint::BizSummary};
  AccountProgress progress;
  progress.last_complete_day = D("2025-10-31");

  const auto early = planCollection(chinaTime("2025-11-03", 7, 59), s, progress);
  EXPECT_EQ(early.latest, D("2025-11-01"));
  ASSERT_TRUE(early.range.has_value());
  EXPECT_EQ(early.range->toString(), "2025-11-01..2025-11-01");
  EXPECT_EQ(describe(early.calls),
            (std::vector<std::string>{"getusercumulate 2025-10-31..2025-11-01",
                                      "getbizsummary 2025-11-01..2025-11-01"}));

  const auto later = planCollection(chinaTime("2025-11-03", 8, 0), s, progress);
  EXPECT_EQ(later.latest, D("2025-11-02"));
  ASSERT_TRUE(later.range.has_value());
  EXPECT_EQ(later.range->toString(), "2025-11-01..2025-11-02");

  progress.last_complete_day = D("2025-11-02");
  const auto done = planCollection(chinaTime("2025-11-03", 9, 0), s, progress);
  EXPECT_FALSE(done.range.has_value());
  EXPECT_TRUE(done.calls.empty());

  progress.repull = {{D("2025-11-02"), model::Endpoint::BizSummary}};
  EXPECT_EQ(describe(planCollection(chinaTime("2025-11-03", 9, 0), s, progress).calls),
            std::vector<std::string>{"getbizsummary 2025-11-02..2025-11-02"});

  // First run: from backfill_from.
  AccountProgress fresh;
  const auto first = planCollection(chinaTime("2025-10-05", 12, 0), s, fresh);
  ASSERT_TRUE(first.range.has_value());
  EXPECT_EQ(first.range->toString(), "2025-10-01..2025-10-04");
  EXPECT_EQ(describe(first.calls),
            std::vector<std::string>{"getusercumulate 2025-09-30..2025-10-04"});
}

}  // namespace
}  // namespace pubtrack::wechat
