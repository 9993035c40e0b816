// SPDX-License-Identifier: Apache-2.0
// Judging days from their stored endpoint states.
#include "model/wechat_days.h"

namespace pubtrack::model {

namespace {

constexpr std::array<std::pair<DayStatus, std::string_view>, 7> kNames{{
    {DayStatus::Final, "final"},
    {DayStatus::Delayed, "delayed"},
    {DayStatus::Empty, "empty"},
    {DayStatus::Unavailable, "unavailable"},
    {DayStatus::NotReady, "not_ready"},
    {DayStatus::Failed, "failed"},
    {DayStatus::Skipped, "skipped"},
}};

const EndpointStatuses kNothing{};

const EndpointStatuses& statusesOn(const DayStatusMap& days, core::Date day) {
  auto it = days.find(day);
  return it == days.end() ? kNothing : it->second;
}

bool has(const EndpointStatuses& have, Endpoint e) {
  return have[static_cast<size_t>(e)].has_value();
}

}  // namespace

std::string_view toString(DayStatus status) noexcept {
  for (const auto& [s, name] : kNames)
    if (s == status) return name;
  return "unknown";
}

std::optional<DayStatus> parseDayStatus(std::string_view text) {
  for (const auto& [s, name] : kNames)
    if (name == text) return s;
  return std::nullopt;
}

bool isStored(DayStatus status) {
  return status != DayStatus::Failed && status != DayStatus::Skipped;
}

bool isTerminal(DayStatus status) {
  return status == DayStatus::Final || status == DayStatus::Unavailable;
}

DayStatusMap byDay(const std::vector<DayState>& states) {
  DayStatusMap out;
  for (const auto& s : states) out[s.day][static_cast<size_t>(s.endpoint)] = s.status;
  return out;
}

DayVerdict judgeDay(const EndpointStatuses& have, core::Date day, core::Date new_api_from) {
  DayVerdict v;
  v.complete = true;
  for (Endpoint e : kAllEndpoints) {
    if (!servesDay(e, day, new_api_from)) continue;
    const auto& s = have[static_cast<size_t>(e)];
    v.complete = v.complete && s && isTerminal(*s);
    if (!s || *s == DayStatus::Empty || *s == DayStatus::NotReady)
      v.missing = true;
    else if (*s == DayStatus::Delayed)
      v.delayed = true;
    else if (*s == DayStatus::Unavailable)
      v.unavailable = true;
  }
  return v;
}

std::optional<core::Date> lastCompleteDay(const DayStatusMap& days, core::Date new_api_from) {
  if (days.empty()) return std::nullopt;
  const core::Date first = days.begin()->first, last = days.rbegin()->first;
  auto terminal = [](const EndpointStatuses& have, Endpoint e) {
    const auto& s = have[static_cast<size_t>(e)];
    return s && isTerminal(*s);
  };
  std::optional<core::Date> complete;
  for (core::Date d = first; d <= last; ++d) {
    const auto& have = statusesOn(days, d);
    bool ok = judgeDay(have, d, new_api_from).complete;
    if (!ok && d == first)
      ok = terminal(have, Endpoint::UserCumulate) && terminal(have, Endpoint::UserSummary);
    if (!ok) break;
    complete = d;
  }
  return complete;
}

Coverage coverageOf(const DayStatusMap& days, core::Date new_api_from,
                    std::optional<core::Date> latest) {
  Coverage c;
  if (days.empty()) return c;
  const core::Date first = days.begin()->first;
  c.first_day = first;
  c.last_complete_day = lastCompleteDay(days, new_api_from);
  const core::Date end = latest.value_or(days.rbegin()->first);
  for (core::Date d = first; d <= end; ++d) {
    const auto& have = statusesOn(days, d);
    DayVerdict v = judgeDay(have, d, new_api_from);
    if (d == first && v.missing && has(have, Endpoint::UserCumulate)) v.missing = false;
    c.days_missing += v.missing;
    c.days_delayed += v.delayed && !v.missing;
    c.days_unavailable += v.unavailable;
  }
  return c;
}

DayGaps gapsIn(const DayStatusMap& days, core::Date from, core::Date to, core::Date new_api_from) {
  DayGaps g;
  for (core::Date d = from; d <= to; ++d) {
    const DayVerdict v = judgeDay(statusesOn(days, d), d, new_api_from);
    if (v.missing) g.missing.push_back(d);
    if (v.delayed) g.delayed.push_back(d);
    if (v.unavailable) g.unavailable.push_back(d);
  }
  return g;
}

}  // namespace pubtrack::model
