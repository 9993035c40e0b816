// SPDX-License-Identifier: Apache-2.0
// The datacube endpoints and which days they serve.
#include "model/wechat_calendar.h"

#include <cassert>

namespace pubtrack::model {
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

bool servesDay(Endpoint endpoint, core::Date day, core::Date new_api_from) {
  switch (familyOf(endpoint)) {
    case Family::Follower:
      return true;
    case Family::Legacy:
      return day < new_api_from;
    case Family::New:
      return day >= new_api_from;
  }
  return false;
}

std::vector<Endpoint> endpointsForDay(core::Date day, core::Date new_api_from) {
  std::vector<Endpoint> out;
  for (Endpoint e : kAllEndpoints)
    if (servesDay(e, day, new_api_from)) out.push_back(e);
  return out;
}

std::string DateRange::toString() const { return begin.toString() + ".." + end.toString(); }

core::Date latestCollectableDay(core::TimePoint now, core::UtcOffset china) {
  const core::Date today = core::dateAt(now, china);
  const bool after_eight = now >= core::instantOf(today, 8, 0, 0, china);
  return today - (after_eight ? 1 : 2);
}

}  // namespace pubtrack::model
