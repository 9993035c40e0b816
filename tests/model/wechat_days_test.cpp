// SPDX-License-Identifier: Apache-2.0
// Judging days from stored endpoint states: complete, missing, delayed, unavailable; the last
// complete day a collection resumes after; `status` coverage; the report's day checks.
#include "model/wechat_days.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pubtrack::model {
namespace {

core::Date D(const char* iso) { return *core::Date::parse(iso); }

const core::Date kNewApi = D("2025-11-01");

// The states of every endpoint that serves `day`, all `status`.
std::vector<DayState> wholeDay(const char* day, DayStatus status = DayStatus::Final) {
  std::vector<DayState> out;
  for (Endpoint e : endpointsForDay(D(day), kNewApi)) out.push_back({e, D(day), status, ""});
  return out;
}

// The follower pair only: what a collection stores for the day before its first day.
std::vector<DayState> followersOnly(const char* day) {
  return {{Endpoint::UserSummary, D(day), DayStatus::Final, ""},
          {Endpoint::UserCumulate, D(day), DayStatus::Final, ""}};
}

void add(std::vector<DayState>& to, const std::vector<DayState>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

void set(std::vector<DayState>& states, Endpoint e, const char* day, DayStatus status) {
  for (auto& s : states)
    if (s.endpoint == e && s.day == D(day)) s.status = status;
}

std::vector<std::string> days(const std::vector<core::Date>& v) {
  std::vector<std::string> out;
  for (auto d : v) out.push_back(d.toString());
  return out;
}

TEST(WeChatDaysTest, StatusNamesRoundTripAndOnlyFiveAreKept) {
  const std::pair<DayStatus, const char*> names[] = {
      {DayStatus::Final, "final"},        {DayStatus::Delayed, "delayed"},
      {DayStatus::Empty, "empty"},        {DayStatus::Unavailable, "unavailable"},
      {DayStatus::NotReady, "not_ready"}, {DayStatus::Failed, "failed"},
      {DayStatus::Skipped, "skipped"}};
  for (const auto& [status, name] : names) {
    SCOPED_TRACE(name);
    EXPECT_EQ(toString(status), name);
    EXPECT_EQ(parseDayStatus(name), status);
  }
  EXPECT_FALSE(parseDayStatus("Final"));
  EXPECT_FALSE(parseDayStatus(""));
  EXPECT_TRUE(isStored(DayStatus::NotReady));
  EXPECT_FALSE(isStored(DayStatus::Failed));
  EXPECT_FALSE(isStored(DayStatus::Skipped));
  EXPECT_TRUE(isTerminal(DayStatus::Unavailable));
  EXPECT_FALSE(isTerminal(DayStatus::Delayed));
}

TEST(WeChatDaysTest, ADayIsJudgedOverTheEndpointsThatServeIt) {
  struct Case {
    const char* name;
    Endpoint endpoint;                // the one endpoint changed from final
    std::optional<DayStatus> status;  // nullopt: nothing stored for it
    bool missing, delayed, unavailable, complete;
  };
  const Case cases[] = {
      {"all final", Endpoint::UserRead, DayStatus::Final, false, false, false, true},
      {"one not stored", Endpoint::UserRead, std::nullopt, true, false, false, false},
      {"empty", Endpoint::UserCumulate, DayStatus::Empty, true, false, false, false},
      {"61503 not ready", Endpoint::ArticleTotal, DayStatus::NotReady, true, false, false, false},
      {"is_delay", Endpoint::ArticleSummary, DayStatus::Delayed, false, true, false, false},
      {"61501 unavailable", Endpoint::UserRead, DayStatus::Unavailable, false, false, true, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto states = wholeDay("2024-03-05");
    std::erase_if(states, [&](const DayState& s) { return s.endpoint == c.endpoint; });
    if (c.status) states.push_back({c.endpoint, D("2024-03-05"), *c.status, ""});
    const auto v = judgeDay(byDay(states)[D("2024-03-05")], D("2024-03-05"), kNewApi);
    EXPECT_EQ(v.missing, c.missing);
    EXPECT_EQ(v.delayed, c.delayed);
    EXPECT_EQ(v.unavailable, c.unavailable);
    EXPECT_EQ(v.complete, c.complete);
  }
  // A legacy endpoint stored on a new-family day does not count, missing new ones do.
  auto mixed = wholeDay("2025-11-03");
  std::erase_if(mixed, [](const DayState& s) { return s.endpoint == Endpoint::BizSummary; });
  mixed.push_back({Endpoint::UserRead, D("2025-11-03"), DayStatus::Final, ""});
  const auto v = judgeDay(byDay(mixed)[D("2025-11-03")], D("2025-11-03"), kNewApi);
  EXPECT_TRUE(v.missing);
  EXPECT_FALSE(v.complete);
}

TEST(WeChatDaysTest, LastCompleteDayWalksFromTheFirstDayAndStopsAtTheFirstGap) {
  EXPECT_FALSE(lastCompleteDay({}, kNewApi));
  std::vector<DayState> s = followersOnly("2024-02-29");  // the day before a backfill
  add(s, wholeDay("2024-03-01"));
  add(s, wholeDay("2024-03-02"));
  add(s, wholeDay("2024-03-03"));
  set(s, Endpoint::UserRead, "2024-03-02", DayStatus::Unavailable);  // terminal: still complete
  EXPECT_EQ(lastCompleteDay(byDay(s), kNewApi), D("2024-03-03"));
  // A hole on 03-05 (nothing stored) stops the walk even though 03-06 is complete.
  add(s, wholeDay("2024-03-04"));
  add(s, wholeDay("2024-03-06"));
  EXPECT_EQ(lastCompleteDay(byDay(s), kNewApi), D("2024-03-04"));
  // A delayed answer is not final either.
  set(s, Endpoint::ArticleTotal, "2024-03-02", DayStatus::Delayed);
  EXPECT_EQ(lastCompleteDay(byDay(s), kNewApi), D("2024-03-01"));
  // A first day with neither everything nor the follower pair: nothing is complete.
  std::vector<DayState> bad = {{Endpoint::UserCumulate, D("2024-02-29"), DayStatus::Final, ""}};
  add(bad, wholeDay("2024-03-01"));
  EXPECT_FALSE(lastCompleteDay(byDay(bad), kNewApi));
}

TEST(WeChatDaysTest, LastCompleteDayCrossesTheSwitchToTheNewFamily) {
  std::vector<DayState> s = wholeDay("2025-10-30");
  add(s, wholeDay("2025-10-31"));
  add(s, wholeDay("2025-11-01"));
  add(s, wholeDay("2025-11-02"));
  EXPECT_EQ(lastCompleteDay(byDay(s), kNewApi), D("2025-11-02"));
  // With the switch a day later, 2025-11-01 lacks its legacy endpoints.
  EXPECT_EQ(lastCompleteDay(byDay(s), D("2025-11-02")), D("2025-10-31"));
}

TEST(WeChatDaysTest, CoverageCountsEachKindOfGapUpToLatest) {
  EXPECT_FALSE(coverageOf({}, kNewApi, D("2024-03-10")).first_day);
  std::vector<DayState> s = followersOnly("2024-02-29");
  for (const char* d : {"2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"})
    add(s, wholeDay(d));
  set(s, Endpoint::ArticleTotal, "2024-03-02", DayStatus::Delayed);
  set(s, Endpoint::UserRead, "2024-03-03", DayStatus::Unavailable);
  set(s, Endpoint::UserSummary, "2024-03-04", DayStatus::Empty);
  set(s, Endpoint::ArticleSummary, "2024-03-04", DayStatus::Delayed);  // missing wins
  // Latest is 03-06: 03-05 and 03-06 have nothing at all.
  const auto c = coverageOf(byDay(s), kNewApi, D("2024-03-06"));
  EXPECT_EQ(c.first_day, D("2024-02-29"));
  EXPECT_EQ(c.last_complete_day, D("2024-03-01"));
  EXPECT_EQ(c.days_missing, 3);      // 03-04, 03-05, 03-06 (not the follower-only first day)
  EXPECT_EQ(c.days_delayed, 1);      // 03-02 (03-04 is missing)
  EXPECT_EQ(c.days_unavailable, 1);  // 03-03
  // Without `latest`, coverage stops at the last stored day.
  EXPECT_EQ(coverageOf(byDay(s), kNewApi, std::nullopt).days_missing, 1);
}

TEST(WeChatDaysTest, GapsListEveryKindForTheReportsDayChecks) {
  std::vector<DayState> s = wholeDay("2024-03-01");
  add(s, wholeDay("2024-03-02"));
  add(s, wholeDay("2024-03-03"));
  set(s, Endpoint::ArticleTotal, "2024-03-02", DayStatus::Delayed);
  set(s, Endpoint::UserRead, "2024-03-02", DayStatus::Unavailable);
  set(s, Endpoint::UserCumulate, "2024-03-03", DayStatus::NotReady);
  set(s, Endpoint::ArticleSummary, "2024-03-03", DayStatus::Delayed);
  const auto g = gapsIn(byDay(s), D("2024-02-29"), D("2024-03-04"), kNewApi);
  EXPECT_EQ(days(g.missing), (std::vector<std::string>{"2024-02-29", "2024-03-03", "2024-03-04"}));
  EXPECT_EQ(days(g.delayed), (std::vector<std::string>{"2024-03-02", "2024-03-03"}));
  EXPECT_EQ(days(g.unavailable), (std::vector<std::string>{"2024-03-02"}));
}

}  // namespace
}  // namespace pubtrack::model
