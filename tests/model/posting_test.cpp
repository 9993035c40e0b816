// SPDX-License-Identifier: Apache-2.0
// The inspection's "no update" rule: windows without a post longer than max_silent_days.
#include "model/posting.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pubtrack::model {
namespace {

core::Date D(const char* iso) { return *core::Date::parse(iso); }

std::vector<std::string> describe(const std::vector<SilentWindow>& windows) {
  std::vector<std::string> out;
  for (const auto& w : windows)
    out.push_back(w.first.toString() + ".." + w.last.toString() + " " + std::to_string(w.days) +
                  (w.ongoing ? " ongoing" : ""));
  return out;
}

TEST(SilentWindowTest, FifteenDaysWithoutAPostAreFlaggedFourteenAreNot) {
  // Posts on 03-01 and 03-16: the 14 days 03-02..03-15 between them are allowed.
  EXPECT_TRUE(
      silentWindows({D("2024-03-01"), D("2024-03-16")}, D("2024-03-01"), D("2024-03-16"), 14)
          .empty());
  // Posts on 03-01 and 03-17: 03-02..03-16 is 15 days.
  EXPECT_EQ(describe(silentWindows({D("2024-03-01"), D("2024-03-17")}, D("2024-03-01"),
                                   D("2024-03-17"), 14)),
            (std::vector<std::string>{"2024-03-02..2024-03-16 15"}));
}

TEST(SilentWindowTest, WindowsAreMeasuredWholeAcrossThePeriodsEdges) {
  const std::vector<core::Date> posts = {D("2023-12-20"), D("2024-01-10"), D("2024-01-11"),
                                         D("2024-03-01")};
  // 2023-12-21..2024-01-09 began before the period: 20 days, flagged; 01-12..02-29: 49 days;
  // after 03-01 the account is silent until the period's end, 03-31: 30 days, still going.
  EXPECT_EQ(describe(silentWindows(posts, D("2024-01-01"), D("2024-03-31"), 14)),
            (std::vector<std::string>{"2023-12-21..2024-01-09 20", "2024-01-12..2024-02-29 49",
                                      "2024-03-02..2024-03-31 30 ongoing"}));
  // A larger threshold keeps only the longest.
  EXPECT_EQ(describe(silentWindows(posts, D("2024-01-01"), D("2024-03-31"), 40)),
            (std::vector<std::string>{"2024-01-12..2024-02-29 49"}));
}

TEST(SilentWindowTest, NothingIsJudgedBeforeCollectionBegan) {
  // Collection began 2024-02-20; no post at all: 02-20..03-31 is 41 days.
  EXPECT_EQ(describe(silentWindows({}, D("2024-01-01"), D("2024-03-31"), 14, D("2024-02-20"))),
            (std::vector<std::string>{"2024-02-20..2024-03-31 41 ongoing"}));
  // Known from the last day only: one day, nothing to flag.
  EXPECT_TRUE(silentWindows({}, D("2024-01-01"), D("2024-03-31"), 14, D("2024-03-31")).empty());
  // An empty period.
  EXPECT_TRUE(silentWindows({}, D("2024-03-31"), D("2024-03-01"), 14).empty());
}

}  // namespace
}  // namespace pubtrack::model
