// SPDX-License-Identifier: Apache-2.0
// Which datacube calls to make for which days: pure date-window planning, no I/O.
#pragma once

// Rules (shared/reference/wechat-api.md §3):
// - Day D is requested only after 08:00 China time on D+1; end_date is never later than
//   yesterday. Data exists from 2014-12-01.
// - Each endpoint has a maximum inclusive span (getusersummary 7 ... getbizsummary 30).
// - Follower endpoints cover every day of a range plus the day before it (followers at the start
//   of a period = cumulate_user of the previous day).
// - Legacy article endpoints serve days before new_api_from, the new family the days from it.
// - Cumulative article endpoints are pulled again while their numbers still move: the last 7
//   days for getarticletotal and the last 30 for getarticletotaldetail.
// All days are China calendar days.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace pubtrack::wechat {

enum class Endpoint {
  UserSummary,         // getusersummary (followers)
  UserCumulate,        // getusercumulate (followers)
  ArticleSummary,      // getarticlesummary (legacy)
  ArticleTotal,        // getarticletotal (legacy)
  UserRead,            // getuserread (legacy)
  BizSummary,          // getbizsummary (new)
  ArticleTotalDetail,  // getarticletotaldetail (new)
  ArticleRead,         // getarticleread (new)
};
inline constexpr std::array<Endpoint, 8> kAllEndpoints{
    Endpoint::UserSummary,        Endpoint::UserCumulate, Endpoint::ArticleSummary,
    Endpoint::ArticleTotal,       Endpoint::UserRead,     Endpoint::BizSummary,
    Endpoint::ArticleTotalDetail, Endpoint::ArticleRead};

enum class Family { Follower, Legacy, New };

Family familyOf(Endpoint endpoint);
std::string_view endpointName(Endpoint endpoint);  // "getusersummary"
std::string_view endpointPath(Endpoint endpoint);  // "/datacube/getusersummary"
int maxSpanDays(Endpoint endpoint);                // inclusive days per call
std::optional<Endpoint> endpointFromName(std::string_view name);

// The first day the datacube keeps (2014-12-01) and the first day of the new family (2025-11-01).
core::Date datacubeStart();
core::Date defaultNewApiFrom();

// An inclusive range of China calendar days.
struct DateRange {
  core::Date begin;
  core::Date end;
  int days() const { return end - begin + 1; }
  bool contains(core::Date d) const { return begin <= d && d <= end; }
  std::string toString() const;  // "2024-01-01..2024-01-07"
  auto operator<=>(const DateRange&) const = default;
};

// The last day whose statistics may be requested at `now`: yesterday (China time) from 08:00
// China time on, the day before yesterday before that.
core::Date latestCollectableDay(core::TimePoint now, core::UtcOffset china = core::kChinaTime);

// [from, to] cut into consecutive inclusive chunks of at most max_span days (max_span ≥ 1);
// empty when from > to.
std::vector<DateRange> splitRange(core::Date from, core::Date to, int max_span);

struct PlannedCall {
  Endpoint endpoint;
  DateRange range;               // begin_date / end_date of the request body
  std::string toString() const;  // "getusersummary 2024-01-01..2024-01-07"
  auto operator<=>(const PlannedCall&) const = default;
};

// A day to pull again: one endpoint, or (nullopt) every enabled endpoint that serves the day.
// Used for is_delay=true days, days that came back empty before 08:00, and 61503 days.
struct RepullDay {
  core::Date day;
  std::optional<Endpoint> endpoint;
};

struct PlanSettings {
  core::UtcOffset china = core::kChinaTime;
  core::Date new_api_from = defaultNewApiFrom();
  core::Date backfill_from = defaultNewApiFrom();  // first day collected for the account
  std::vector<Endpoint> endpoints{kAllEndpoints.begin(), kAllEndpoints.end()};  // enabled ones
  int legacy_repull_days = 7;  // getarticletotal follows an article for 7 days
  int new_repull_days = 30;    // getarticletotaldetail follows an article for 30 days
};

// The calls for `range` (when given), the rolling re-pull windows ending at `latest`, and
// `extra` days; everything clipped to [datacubeStart(), latest]. Calls are deduplicated: the days
// each endpoint needs are merged into runs and each run is cut by the endpoint's max span.
// Ordered by endpoint (kAllEndpoints order), then by begin date.
std::vector<PlannedCall> planCalls(const PlanSettings& settings, core::Date latest,
                                   std::optional<DateRange> range,
                                   const std::vector<RepullDay>& extra = {});

// What is already stored for an account.
struct AccountProgress {
  std::optional<core::Date> last_complete_day;  // every endpoint complete through this day
  std::vector<RepullDay> repull;                // delayed / empty / 61503 days
};

struct CollectionPlan {
  core::Date latest;               // latestCollectableDay(now)
  std::optional<DateRange> range;  // new days: [max(backfill_from, last_complete+1), latest]
  std::vector<PlannedCall> calls;
};

// Today's plan for one account.
CollectionPlan planCollection(core::TimePoint now, const PlanSettings& settings,
                              const AccountProgress& progress);

}  // namespace pubtrack::wechat
