// SPDX-License-Identifier: Apache-2.0
// Table-driven tests of the number wording rules (annual-report.md §4).
#include "reports/phrasing.h"

#include <gtest/gtest.h>

#include <string>

namespace pubtrack::reports {
namespace {

constexpr auto M = Growth::Milestone;
constexpr auto O = Growth::Ordinary;
constexpr auto Zh = Lang::Zh;
constexpr auto En = Lang::En;

struct Case {
  int64_t value;
  int64_t threshold;
  Growth growth;
  Lang lang;
  const char* expected;
};

TEST(PhrasingTest, WordsNumbersByTheReportRules) {
  const Case cases[] = {
      // The seed report.
      {795, 500, O, Zh, "近800"},
      {49'210, 500, M, Zh, "近5万"},
      {1'523'456, 500, M, Zh, "突破150万"},  // 突破150万 (1.6% over) beats 近160万 (4.8% under)
      {1'523'456, 500, O, Zh, "超过150万"},
      // Below the threshold, exact.
      {0, 500, O, Zh, "0"},
      {-5, 500, O, Zh, "-5"},
      {79, 500, O, Zh, "79"},
      {499, 500, O, Zh, "499"},
      {795, 1000, O, Zh, "795"},
      // On a round number (one or two significant digits), exact.
      {500, 500, O, Zh, "500"},
      {1000, 500, O, Zh, "1000"},
      {1200, 500, O, Zh, "1200"},
      {9'500, 500, O, Zh, "9500"},
      {10'000, 500, M, Zh, "1万"},
      {15'000, 500, M, Zh, "1.5万"},
      {1'500'000, 500, M, Zh, "150万"},
      {100'000'000, 500, M, Zh, "1亿"},
      {120'000'000, 500, M, Zh, "1.2亿"},
      // 近: at most 5% under, one significant digit first.
      {999, 500, O, Zh, "近1000"},
      {9'501, 500, O, Zh, "近1万"},
      {9'499, 500, O, Zh, "近9500"},  // 9500 is 0.01% away; 1万 is 5.01% away
      {9'650, 500, O, Zh, "近1万"},   // one digit wins over the closer 9600/9700
      {99'999, 500, M, Zh, "近10万"},
      {1'190, 500, O, Zh, "近1200"},
      {667, 500, O, Zh, "近700"},
      {951, 500, O, Zh, "近1000"},
      {5'678, 500, O, Zh, "近5700"},  // two digits: leading digits >= 20 are always near
      // 突破 / 超过: at most 5% over a milestone (one digit, or two ending in 5).
      {10'400, 500, M, Zh, "突破1万"},
      {10'400, 500, O, Zh, "超过1万"},
      {1'050'000, 500, M, Zh, "突破100万"},  // exactly 5% over
      {2'540, 500, O, Zh, "超过2500"},       // 超过2500 is closer than 近2600
      {612, 500, O, Zh, "超过600"},
      // 余: the value's two leading digits.
      {1'234, 500, O, Zh, "1200余"},  // 1200 is no milestone: not 突破1200
      {12'345, 500, O, Zh, "1.2万余"},
      {123'456, 500, O, Zh, "12万余"},
      {1'234'567, 500, M, Zh, "120万余"},
      {123'456'789, 500, M, Zh, "1.2亿余"},
      {1'130, 500, O, Zh, "1100余"},
      {1'520, 500, O, Zh, "超过1500"},     // 超过1500 is closer than 近1600
      {1'060'000, 500, M, Zh, "近110万"},  // 100万 is 6% under: no 突破
      // English.
      {795, 500, O, En, "nearly 800"},
      {49'210, 500, M, En, "nearly 50,000"},
      {1'523'456, 500, M, En, "over 1.5 million"},
      {1'523'456, 500, O, En, "more than 1.5 million"},
      {1'234, 500, O, En, "more than 1,200"},
      {12'345, 500, O, En, "more than 12,000"},
      {499, 500, O, En, "499"},
      {10'000, 500, O, En, "10,000"},
      {100'000'000, 500, M, En, "100 million"},
      {2'500'000'000, 500, M, En, "2.5 billion"},
      {99'999, 500, M, En, "nearly 100,000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.value) + " threshold " + std::to_string(c.threshold));
    EXPECT_EQ(approxNumber(c.value, c.threshold, c.growth, c.lang), c.expected);
  }
}

TEST(PhrasingTest, AppendsTheMeasureWord) {
  EXPECT_EQ(approxCount(795, 500, O, Zh, "条"), "近800条");
  EXPECT_EQ(approxCount(1'523'456, 500, M, Zh, "人次"), "突破150万人次");
  EXPECT_EQ(approxCount(12'345, 500, O, Zh, "条"), "1.2万余条");
  EXPECT_EQ(approxCount(795, 500, O, En, "posts"), "nearly 800 posts");
  EXPECT_EQ(approxCount(7, 500, O, Zh, ""), "7");
}

TEST(PhrasingTest, ApproximationsAreOnTheRightSideAndNeverSayYue) {
  for (int64_t v = 500; v < 3'000'000; v = v * 21 / 20 + 7) {
    SCOPED_TRACE(v);
    const Rounded r = roundForReport(v, 500, M);
    switch (r.kind) {
      case Approx::Exact:
        EXPECT_EQ(r.shown, v);
        break;
      case Approx::Nearly:
        EXPECT_GT(r.shown, v);
        EXPECT_LE((r.shown - v) * 20, r.shown);
        break;
      case Approx::Over:
        EXPECT_LT(r.shown, v);
        EXPECT_LE((v - r.shown) * 20, r.shown);
        break;
      case Approx::MoreThan:
        EXPECT_LT(r.shown, v);
        break;
    }
    const std::string s = approxNumber(v, 500, O, Zh);
    EXPECT_EQ(s.find("约"), std::string::npos);
    EXPECT_EQ(s.find(".0"), std::string::npos);
  }
}

TEST(PhrasingTest, UnitNumbersHaveAtMostOneDecimal) {
  EXPECT_EQ(unitNumber(800, Zh), "800");
  EXPECT_EQ(unitNumber(50'000, Zh), "5万");
  EXPECT_EQ(unitNumber(18'486'000, Zh), "1848.6万");
  EXPECT_EQ(unitNumber(420'000'000, Zh), "4.2亿");
  EXPECT_EQ(unitNumber(1'500'000, En), "1.5 million");
  EXPECT_EQ(exactNumber(1'523'456, Zh), "1523456");
  EXPECT_EQ(exactNumber(1'523'456, En), "1,523,456");
}

TEST(PhrasingTest, PercentSharesAddUpToTheWhole) {
  struct PCase {
    std::vector<int64_t> parts;
    int64_t whole;
    std::vector<int64_t> expected;
  };
  const PCase cases[] = {
      {{10, 20, 49}, 79, {127, 253, 620}},
      {{1, 1, 1}, 3, {334, 333, 333}},
      {{2, 3, 1, 19}, 25, {80, 120, 40, 760}},
      {{0, 0}, 0, {0, 0}},
      {{5, 5}, 20, {250, 250}},  // parts below the whole: each rounded alone
  };
  for (const auto& c : cases) {
    const auto got = percentShares(c.parts, c.whole, 1);
    EXPECT_EQ(got, c.expected);
  }
  for (int64_t whole = 1; whole < 400; whole += 3) {
    const std::vector<int64_t> parts = {whole / 3, whole / 7, whole - whole / 3 - whole / 7};
    const auto got = percentShares(parts, whole, 1);
    EXPECT_EQ(got[0] + got[1] + got[2], 1000) << whole;
  }
  EXPECT_EQ(formatPercent(127, 1), "12.7%");
  EXPECT_EQ(formatPercent(1000, 1), "100.0%");
  EXPECT_EQ(formatPercent(5, 1), "0.5%");
  EXPECT_EQ(formatPercent(434, 2), "4.34%");
}

TEST(PhrasingTest, WordsYearOnYearChanges) {
  struct CCase {
    int64_t current, previous;
    Lang lang;
    const char* unit;
    int64_t threshold;
    const char* expected;
  };
  const CCase cases[] = {
      {112, 100, Zh, "篇", 500, "同比增长12.0%"},
      {1'123, 1'000, Zh, "篇", 500, "同比增长12.3%"},
      {88, 100, Zh, "篇", 500, "同比下降12.0%"},
      {15, 0, Zh, "篇", 500, "较上年增加15篇"},
      {8, 5, Zh, "件", 500, "较上年增加3件，同比增长60.0%"},
      {3, 5, Zh, "件", 500, "较上年减少2件，同比下降40.0%"},
      {100, 100, Zh, "篇", 500, "与上年持平"},
      {100'001, 100'000, Zh, "人", 500, "与上年基本持平"},
      {2'000'000, 0, Zh, "人次", 500, "较上年增加200万人次"},
      {795, 0, Zh, "件", INT64_MAX, "较上年增加795件"},  // ledger: exact
      {112, 100, En, "", 500, "up 12.0% year on year"},
      {15, 0, En, "reports", 500, "an increase of 15 reports on the previous year"},
      {8, 5, En, "", 500, "an increase of 3 on the previous year (up 60.0% year on year)"},
      {100, 100, En, "", 500, "unchanged from the previous year"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.current) + " vs " + std::to_string(c.previous));
    EXPECT_EQ(changePhrase(c.current, c.previous, c.lang, c.unit, c.threshold), c.expected);
  }
}

TEST(PhrasingTest, ParsesLanguages) {
  EXPECT_EQ(model::parseLang("zh"), Lang::Zh);
  EXPECT_EQ(model::parseLang("EN"), Lang::En);
  EXPECT_FALSE(model::parseLang("fr"));
}

}  // namespace
}  // namespace pubtrack::reports
