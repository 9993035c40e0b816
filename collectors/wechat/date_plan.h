// SPDX-License-Identifier: Apache-2.0
// Which datacube calls to make for which days: pure date-window planning, no I/O.
#pragma once

// Rules (shared/reference/wechat-api.md §3), besides the calendar's:
// - Follower endpoints cover every day of a range plus the day before it (followers at the start
//   of a period = cumulate_user of the previous day).
// - Cumulative article endpoints are pulled again while their numbers still move: the last 7
//   days for getarticletotal and the last 30 for getarticletotaldetail.
// All days are China calendar days.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/wechat_calendar.h"

namespace pubtrack::wechat {

// The calendar itself (endpoints, families, which days each serves, the last collectable day)
// is model/wechat_calendar.h; this file plans calls with it.

// [from, to] cut into consecutive inclusive chunks of at most max_span days (max_span ≥ 1);
// empty when from > to.
std::vector<model::DateRange> splitRange(core::Date from, core::Date to, int max_span);

struct PlannedCall {
  model::Endpoint endpoint;
  model::DateRange range;        // begin_date / end_date of the request body
  std::string toString() const;  // "getusersummary 2024-01-01..2024-01-07"
  auto operator<=>(const PlannedCall&) const = default;
};

// A day to pull again: one endpoint, or (nullopt) every enabled endpoint that serves the day.
// Used for is_delay=true days, days that came back empty before 08:00, and 61503 days.
struct RepullDay {
  core::Date day;
  std::optional<model::Endpoint> endpoint;
};

struct PlanSettings {
  core::UtcOffset china = core::kChinaTime;
  core::Date new_api_from = model::defaultNewApiFrom();
  core::Date backfill_from = model::defaultNewApiFrom();  // first day collected for the account
  std::vector<model::Endpoint> endpoints{model::kAllEndpoints.begin(),
                                         model::kAllEndpoints.end()};  // enabled ones
  int legacy_repull_days = 7;  // getarticletotal follows an article for 7 days
  int new_repull_days = 30;    // getarticletotaldetail follows an article for 30 days
};

// The calls for `range` (when given), the rolling re-pull windows ending at `latest`, and
// `extra` days; everything clipped to [datacubeStart(), latest]. Calls are deduplicated: the days
// each endpoint needs are merged into runs and each run is cut by the endpoint's max span.
// Ordered by endpoint (model::kAllEndpoints order), then by begin date.
std::vector<PlannedCall> planCalls(const PlanSettings& settings, core::Date latest,
                                   std::optional<model::DateRange> range,
                                   const std::vector<RepullDay>& extra = {});

// What is already stored for an account.
struct AccountProgress {
  std::optional<core::Date> last_complete_day;  // every endpoint complete through this day
  std::vector<RepullDay> repull;                // delayed / empty / 61503 days
};

struct CollectionPlan {
  core::Date latest;                      // model::latestCollectableDay(now)
  std::optional<model::DateRange> range;  // new days: [max(backfill_from, last_complete+1), latest]
  std::vector<PlannedCall> calls;
};

// Today's plan for one account.
CollectionPlan planCollection(core::TimePoint now, const PlanSettings& settings,
                              const AccountProgress& progress);

}  // namespace pubtrack::wechat
