// SPDX-License-Identifier: Apache-2.0
// reports::charts: small inline SVG charts (no scripts, no external references), drawn the same
// way in the HTML report and on the dashboard. Every label is escaped here; sizes are in viewBox
// units, and kCss (which every page that shows a chart includes) styles the text and lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/phrasing.h"

namespace pubtrack::reports::charts {

struct Point {
  std::string label;  // x label, already short ("1月", "Jan", an outlet name)
  int64_t value = 0;
};

struct Series {
  std::string name;
  std::string color;            // "#b0191e"
  std::vector<int64_t> values;  // one per x label
};

// The style rules of the charts' text and lines (plain CSS, no selector outside `svg`).
extern const char* const kCss;

// Compact axis numbers: "150万", "1.2亿", "800"; English "1.5M", "12k".
std::string compactNumber(int64_t v, Lang lang);
// "2019-03" -> "3月" / "Mar"; with `withYear`, "19.3" / "Mar 19".
std::string monthLabel(const std::string& month, Lang lang, bool withYear);

// Vertical bars with a value axis from zero.
std::string barChart(const std::vector<Point>& points, const std::string& color,
                     const std::string& title, Lang lang);
// A line with markers; the value axis fits the data range (followers rarely start at zero).
std::string lineChart(const std::vector<Point>& points, const std::string& color,
                      const std::string& title, Lang lang);
// Stacked vertical bars, one stack per x label, with a legend.
std::string stackedBarChart(const std::vector<std::string>& labels,
                            const std::vector<Series>& series, const std::string& title, Lang lang);
// Horizontal bars with the value written after each bar; `colors` per bar (or one for all).
std::string hBarChart(const std::vector<Point>& points, const std::vector<std::string>& colors,
                      const std::string& title, Lang lang, int width);

}  // namespace pubtrack::reports::charts
