// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: the API's query parameters, validated. Every problem names the
// parameter; values never reach SQL text (they are bound, and most are checked against a set).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "dashboard/types.h"

namespace pubtrack::dashboard::detail {

struct Filters {
  std::optional<core::Date> from, to;  // inclusive; `year` fills both
  std::optional<int> year;
  std::vector<std::string> accounts;  // configured ids; empty = all
  std::string status;                 // candidate | confirmed | rejected | ""
  std::string tier;                   // central | provincial | municipal | other | ""
  int limit = 0;
};

struct FilterSpec {
  std::vector<std::string_view> allowed;  // parameter names this endpoint takes
  int default_limit = 0;
  int max_limit = 100000;
};

inline constexpr int kMinYear = 2000, kMaxYear = 2100;

// An Error of kind Config whose `source` is the parameter's name and whose message starts
// with it: "from: not a date (YYYY-MM-DD): 2024-13-01".
core::Result<Filters> parseFilters(const Params& query, const FilterSpec& spec,
                                   const config::Settings& settings);

// A year in [kMinYear, kMaxYear] written as plain digits.
std::optional<int> parseYear(std::string_view text);

// The year the page and the report show without ?year=: the current China-time year, except
// in January, when the year just ended is the one being reported on (and the new one has only
// a few days): then the previous year.
int defaultYear(core::TimePoint now);

// The year of a page or report request: ?year= when given (a year not begun yet is an error
// naming the parameter), else defaultYear(now).
core::Result<int> reportYear(const Filters& filters, core::TimePoint now);

}  // namespace pubtrack::dashboard::detail
