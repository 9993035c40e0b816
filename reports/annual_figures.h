// SPDX-License-Identifier: Apache-2.0
// reports::computeFigures: every report figure computed in SQL from the store (never from
// hand-entered totals), for a period of China-time calendar days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "model/annual_tables.h"
#include "reports/figures.h"
#include "store/database.h"

namespace pubtrack::reports {

struct FigureRequest {
  core::Date from, to;                // inclusive
  std::optional<int> year;            // --year
  std::vector<std::string> accounts;  // config ids; empty = every configured account
  bool with_previous = true;          // compute the previous period and 同比
  // The layout of 表二-表四 (years only); nullopt = model::defaultLayout(year).
  std::optional<model::Layout> layout;
};

// 表二-表四 of a calendar year from the registers, with their checks appended to `checks`
// (every 合计/总计 against its parts, 表三's 一+二 = 七+四 per column, this year's carried-over
// requests against last year's pending ones, a table without data).
AnnualTables annualTables(store::Database& db, int year, model::Layout layout,
                          std::vector<Check>& checks);

// `now` decides which days can have data yet (yesterday after 08:00 China time).
Figures computeFigures(store::Database& db, const config::Settings& settings,
                       const FigureRequest& request, core::TimePoint now);

}  // namespace pubtrack::reports
