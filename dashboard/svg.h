// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: small inline SVG charts drawn on the server (no script, no external
// reference). Labels are escaped here; sizes are viewBox units, the page CSS styles the text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pubtrack::dashboard::detail {

struct ChartSeries {
  std::string name;
  std::string color;            // "#1f6feb"
  std::vector<int64_t> values;  // one per label
};

// "1.2万", "3.4亿" (zh) or "12k", "1.5M" (en).
std::string compactNumber(int64_t v, bool zh);

// A line with dots; the value axis fits the data (followers rarely start at zero).
std::string lineChart(const std::vector<std::string>& labels, const ChartSeries& series,
                      const std::string& title, bool zh);
// Bars stacked per label (one series = plain bars), with a legend when there are several.
std::string barChart(const std::vector<std::string>& labels, const std::vector<ChartSeries>& series,
                     const std::string& title, bool zh);

}  // namespace pubtrack::dashboard::detail
