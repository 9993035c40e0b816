// SPDX-License-Identifier: Apache-2.0
// Date-window planning for the datacube endpoints.
#include "collectors/wechat/date_plan.h"

#include <algorithm>
#include <cassert>

namespace pubtrack::wechat {
namespace {

struct EndpointInfo {
  Endpoint endpoint;
  std::string_view name;
  Family family;
  int max_span;
};

constexpr std::array<EndpointInfo, 8> kEndpoints{{
    {Endpoint::UserSummary, "getusersummary", Family::Follower, 7},
    {Endpoint::UserCumulate, "getusercumulate", Family::Follower, 7},
    {Endpoint::ArticleSummary, "getarticlesummary", Family::Legacy, 1},
    {Endpoint::ArticleTotal, "getarticletotal", Family::Legacy, 1},
    {Endpoint::UserRead, "getuserread", Family::Legacy, 3},
    {Endpoint::BizSummary, "getbizsummary", Family::New, 30},
    {Endpoint::ArticleTotalDetail, "getarticletotaldetail", Family::New, 1},
    {Endpoint::ArticleRead, "getarticleread", Family::New, 1},
}};

const EndpointInfo& info(Endpoint e) {
  const auto i = static_cast<size_t>(e);
  assert(i < kEndpoints.size() && kEndpoints[i].endpoint == e);
  return kEndpoints[i];
}

// Whether the endpoint has data for `day` at all.
bool serves(Endpoint e, core::Date day, const PlanSettings& s) {
  switch (familyOf(e)) {
    case Family::Follower:
      return true;
    case Family::Legacy:
      return day < s.new_api_from;
    case Family::New:
      return day >= s.new_api_from;
  }
  return false;
}

}  // namespace

Family familyOf(Endpoint endpoint) { return info(endpoint).family; }
std::string_view endpointName(Endpoint endpoint) { return info(endpoint).name; }
int maxSpanDays(Endpoint endpoint) { return info(endpoint).max_span; }

std::string_view endpointPath(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::UserSummary:
      return "/datacube/getusersummary";
    case Endpoint::UserCumulate:
      return "/datacube/getusercumulate";
    case Endpoint::ArticleSummary:
      return "/datacube/getarticlesummary";
    case Endpoint::ArticleTotal:
      return "/datacube/getarticletotal";
    case Endpoint::UserRead:
      return "/datacube/getuserread";
    case Endpoint::BizSummary:
      return "/datacube/getbizsummary";
    case Endpoint::ArticleTotalDetail:
      return "/datacube/getarticletotaldetail";
    case Endpoint::ArticleRead:
      return "/datacube/getarticleread";
  }
  return {};
}

std::optional<Endpoint> endpointFromName(std::string_view name) {
  for (const auto& e : kEndpoints)
    if (e.name == name) return e.endpoint;
  return std::nullopt;
}

core::Date datacubeStart() { return core::Date::fromDays(core::daysFromCivil(2014, 12, 1)); }
core::Date defaultNewApiFrom() { return core::Date::fromDays(core::daysFromCivil(2025, 11, 1)); }

std::string DateRange::toString() const { return begin.toString() + ".." + end.toString(); }

std::string PlannedCall::toString() const {
  return std::string(endpointName(endpoint)) + " " + range.toString();
}

core::Date latestCollectableDay(core::TimePoint now, core::UtcOffset china) {
  const core::Date today = core::dateAt(now, china);
  const bool after_eight = now >= core::instantOf(today, 8, 0, 0, china);
  return today - (after_eight ? 1 : 2);
}

std::vector<DateRange> splitRange(core::Date from, core::Date to, int max_span) {
  assert(max_span >= 1);
  std::vector<DateRange> out;
  for (core::Date begin = from; begin <= to; begin = begin + max_span) {
    const core::Date end = std::min(to, begin + (max_span - 1));
    out.push_back({begin, end});
  }
  return out;
}

std::vector<PlannedCall> planCalls(const PlanSettings& s, core::Date latest,
                                   std::optional<DateRange> range,
                                   const std::vector<RepullDay>& extra) {
  const core::Date first = datacubeStart();
  // Days needed per endpoint, in kAllEndpoints order.
  std::array<std::vector<core::Date>, kAllEndpoints.size()> need;
  auto enabled = [&](Endpoint e) {
    return std::find(s.endpoints.begin(), s.endpoints.end(), e) != s.endpoints.end();
  };
  auto add = [&](Endpoint e, core::Date day) {
    if (!enabled(e) || day < first || day > latest || !serves(e, day, s)) return;
    need[static_cast<size_t>(e)].push_back(day);
  };

  if (range && range->begin <= range->end) {
    const core::Date end = std::min(range->end, latest);
    for (core::Date d = std::max(range->begin, first); d <= end; ++d)
      for (Endpoint e : kAllEndpoints) add(e, d);
    // Followers at the start of the range = the previous day's cumulate.
    if (range->begin <= latest) {
      add(Endpoint::UserSummary, range->begin - 1);
      add(Endpoint::UserCumulate, range->begin - 1);
    }
  }

  // Rolling windows: cumulative per-article numbers still change for 7 / 30 days.
  auto window = [&](Endpoint e, int days) {
    for (core::Date d = std::max(latest - (days - 1), s.backfill_from); d <= latest; ++d) add(e, d);
  };
  if (s.legacy_repull_days > 0) window(Endpoint::ArticleTotal, s.legacy_repull_days);
  if (s.new_repull_days > 0) window(Endpoint::ArticleTotalDetail, s.new_repull_days);

  for (const auto& r : extra) {
    if (r.endpoint) {
      add(*r.endpoint, r.day);
    } else {
      for (Endpoint e : kAllEndpoints) add(e, r.day);
    }
  }

  std::vector<PlannedCall> calls;
  for (Endpoint e : kAllEndpoints) {
    auto& days = need[static_cast<size_t>(e)];
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    for (size_t i = 0; i < days.size();) {
      size_t j = i;
      while (j + 1 < days.size() && days[j + 1] - days[j] == 1) ++j;
      for (const DateRange& chunk : splitRange(days[i], days[j], maxSpanDays(e)))
        calls.push_back({e, chunk});
      i = j + 1;
    }
  }
  return calls;
}

CollectionPlan planCollection(core::TimePoint now, const PlanSettings& s,
                              const AccountProgress& progress) {
  CollectionPlan plan;
  plan.latest = latestCollectableDay(now, s.china);
  core::Date begin = s.backfill_from;
  if (progress.last_complete_day) begin = std::max(begin, *progress.last_complete_day + 1);
  if (begin <= plan.latest) plan.range = DateRange{begin, plan.latest};
  plan.calls = planCalls(s, plan.latest, plan.range, progress.repull);
  return plan;
}

}  // namespace pubtrack::wechat
