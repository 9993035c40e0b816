// SPDX-License-Identifier: Apache-2.0
// The datacube calendar: the endpoints, their families, which of them serve a given day, and
// the last day that may be asked for. The one home of these rules: the collector plans with
// them, the store judges coverage with them and the report checks days with them.
#pragma once

// Rules (shared/reference/wechat-api.md §3):
// - Day D is requested only after 08:00 China time on D+1; end_date is never later than
//   yesterday. Data exists from 2014-12-01.
// - Each endpoint has a maximum inclusive span (getusersummary 7 ... getbizsummary 30).
// - The follower endpoints serve every day; the legacy article endpoints the days before
//   new_api_from, the new family the days from it.
// All days are China calendar days.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace pubtrack::model {

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

// Whether `endpoint` has data for `day` at all, the new family starting on `new_api_from`.
bool servesDay(Endpoint endpoint, core::Date day, core::Date new_api_from);
// The endpoints that serve `day`, in kAllEndpoints order: the follower pair, then the legacy or
// the new family.
std::vector<Endpoint> endpointsForDay(core::Date day, core::Date new_api_from);

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

}  // namespace pubtrack::model
