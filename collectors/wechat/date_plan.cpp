// SPDX-License-Identifier: Apache-2.0
// Date-window planning for the datacube endpoints.
#include "collectors/wechat/date_plan.h"

#include <algorithm>
#include <cassert>

namespace pubtrack::wechat {

using model::Endpoint;
using model::kAllEndpoints;

std::string PlannedCall::toString() const {
  return std::string(model::endpointName(endpoint)) + " " + range.toString();
}

std::vector<model::DateRange> splitRange(core::Date from, core::Date to, int max_span) {
  assert(max_span >= 1);
  std::vector<model::DateRange> out;
  for (core::Date begin = from; begin <= to; begin = begin + max_span) {
    const core::Date end = std::min(to, begin + (max_span - 1));
    out.push_back({begin, end});
  }
  return out;
}

std::vector<PlannedCall> planCalls(const PlanSettings& s, core::Date latest,
                                   std::optional<model::DateRange> range,
                                   const std::vector<RepullDay>& extra) {
  const core::Date first = model::datacubeStart();
  // Days needed per endpoint, in kAllEndpoints order.
  std::array<std::vector<core::Date>, kAllEndpoints.size()> need;
  auto enabled = [&](Endpoint e) {
    return std::find(s.endpoints.begin(), s.endpoints.end(), e) != s.endpoints.end();
  };
  auto add = [&](Endpoint e, core::Date day) {
    if (!enabled(e) || day < first || day > latest || !model::servesDay(e, day, s.new_api_from))
      return;
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
      for (const auto& chunk : splitRange(days[i], days[j], model::maxSpanDays(e)))
        calls.push_back({e, chunk});
      i = j + 1;
    }
  }
  return calls;
}

CollectionPlan planCollection(core::TimePoint now, const PlanSettings& s,
                              const AccountProgress& progress) {
  CollectionPlan plan;
  plan.latest = model::latestCollectableDay(now, s.china);
  core::Date begin = s.backfill_from;
  if (progress.last_complete_day) begin = std::max(begin, *progress.last_complete_day + 1);
  if (begin <= plan.latest) plan.range = model::DateRange{begin, plan.latest};
  plan.calls = planCalls(s, plan.latest, plan.range, progress.repull);
  return plan;
}

}  // namespace pubtrack::wechat
