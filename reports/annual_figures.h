// SPDX-License-Identifier: Apache-2.0
// reports::computeFigures: every report figure computed in SQL from the store (never from
// hand-entered totals), for a period of China-time calendar days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "reports/figures.h"
#include "store/database.h"

namespace pubtrack::reports {

struct FigureRequest {
  core::Date from, to;                // inclusive
  std::optional<int> year;            // --year
  std::vector<std::string> accounts;  // config ids; empty = every configured account
  bool with_previous = true;          // compute the previous period and 同比
};

// `now` decides which days can have data yet (yesterday after 08:00 China time).
Figures computeFigures(store::Database& db, const config::Settings& settings,
                       const FigureRequest& request, core::TimePoint now);

}  // namespace pubtrack::reports
