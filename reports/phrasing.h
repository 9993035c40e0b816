// SPDX-License-Identifier: Apache-2.0
// How the report words its numbers (annual-report.md §4): exact small counts, 近/突破/超过/余 for
// large ones, 万/亿 units, 同比 changes and largest-remainder percentages. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/lang.h"

namespace pubtrack::reports {

// The report's language is model::Lang, parsed once by config or the command line.
using model::Lang;

// What a figure measures decides the word used when it is just above a round number: a
// cumulative or milestone figure (reads, followers) has 突破 ("over") it, an ordinary amount
// (posts, reports) is 超过 ("more than") it.
enum class Growth { Milestone, Ordinary };

// The rounding rules, in order (annual-report.md §4.2; the 5% margin is our proposal):
//  1. value < threshold, or value <= 0: exact ("499").
//  2. value is itself a round number (one or two significant digits): exact ("800", "5万").
//  3. Round numbers X with one significant digit, else two, are tried. 近X when X is above the
//     value by at most 5% of X; 突破X / 超过X when X is a milestone below it by at most 5% of X.
//     Milestones are one-digit round numbers (800, 5万) and two-digit ones ending in 5 (150万,
//     2500): "突破1200" would claim a milestone nobody counts, so 1,234 is "1200余". The first
//     digit count with a candidate wins, and between a 近 and a 突破 candidate the closer one
//     (a tie goes to 近, which never overstates).
//  4. Otherwise "X余" with X the value floored to two significant digits ("1200余", "1.2万余").
// Chinese numbers use 万 (>= 10^4) and 亿 (>= 10^8) with at most one decimal and no trailing
// ".0"; English ones use thousands separators below a million, then "1.5 million"/"billion".
// 约 is never produced.
enum class Approx { Exact, Nearly, Over, MoreThan };
struct Rounded {
  Approx kind = Approx::Exact;
  int64_t shown = 0;  // the number written (the value itself when exact)
};
Rounded roundForReport(int64_t value, int64_t threshold, Growth growth);

// The number as written, without a unit: "近800", "突破150万", "超过1万", "1.2万余", "795";
// English "nearly 800", "over 1.5 million", "more than 1,200", "795".
std::string approxNumber(int64_t value, int64_t threshold, Growth growth, Lang lang);

// A count followed by its measure word: approxNumber + unit ("近800条", "1200余条"). In English
// the unit is a noun phrase put after a space ("nearly 800 posts"); an empty unit adds nothing.
std::string approxCount(int64_t value, int64_t threshold, Growth growth, Lang lang,
                        std::string_view unit);

// Exact numbers: Chinese uses plain digits ("1523456"), English thousands separators.
std::string exactNumber(int64_t value, Lang lang);
// A round number in report notation: "800", "5万", "150万", "1.2亿"; English "800", "50,000",
// "1.5 million". Values that are not round get up to one decimal of their unit (truncated).
std::string unitNumber(int64_t value, Lang lang);

// Percent with a fixed number of decimals: formatPercent(1234, 1) = "12.3%" (value in units of
// 10^-decimals percent, so the caller decides the rounding).
std::string formatPercent(int64_t scaled, int decimals);
// Each part's share of `whole` in units of 10^-decimals percent, rounded by the largest-
// remainder method so that the shares add up to exactly 100% when the parts add up to `whole`.
// Parts that do not add up to the whole are each rounded half-up on their own. whole <= 0
// gives zeros.
std::vector<int64_t> percentShares(const std::vector<int64_t>& parts, int64_t whole,
                                   int decimals = 1);

// Year-on-year wording for current vs previous (annual-report.md §4.2 "change on last year"):
//  - previous == 0: only the absolute change, "较上年增加15篇";
//  - 0 < previous < small_previous: absolute change and percentage,
//    "较上年增加3件，同比增长60.0%";
//  - otherwise the percentage, "同比增长12.3%" / "同比下降4.0%";
//  - no change: "与上年持平"; a change that rounds to 0.0%: "与上年基本持平".
// The absolute change is worded with roundForReport(threshold, Growth::Ordinary); pass a huge
// threshold for ledger figures, which stay exact. English: "up 12.3% year on year", "15 more
// than the previous year", "3 more than the previous year (up 60.0%)", "unchanged ...".
inline constexpr int64_t kSmallPrevious = 20;
std::string changePhrase(int64_t current, int64_t previous, Lang lang, std::string_view unit,
                         int64_t threshold, int64_t small_previous = kSmallPrevious);

}  // namespace pubtrack::reports
