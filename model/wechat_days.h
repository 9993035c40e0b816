// SPDX-License-Identifier: Apache-2.0
// The state of one (endpoint, day) of an account, and the rules that judge a day from the
// states stored for it: complete, missing, delayed, unavailable. The store keeps the states;
// the collector plans from them, `status` and the report's checks judge with these functions.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/wechat_calendar.h"

namespace pubtrack::model {

enum class DayStatus {
  Final,        // the answer is final
  Delayed,      // new family, is_delay true: pull again later (marks every day of the response)
  Empty,        // follower endpoint, no row for latestCollectableDay() or the day before: the
                // data may not be published yet, pull again later
  Unavailable,  // 61501 for this single day: WeChat has no data for it (not an error)
  NotReady,     // 61503 data not ready: retry on a later run
  Failed,       // the call ended in an error (never stored: the day is simply asked again)
  Skipped,      // not requested: account or endpoint stopped, or the run was interrupted (never
                // stored)
};
// "final", "delayed", "empty", "unavailable", "not_ready", "failed", "skipped": the names the
// store's wechat_days.state column holds (only the first five are ever stored).
std::string_view toString(DayStatus status) noexcept;
std::optional<DayStatus> parseDayStatus(std::string_view text);
// Whether a run's status for a day is kept (Failed and Skipped only describe the run).
bool isStored(DayStatus status);
// Final or Unavailable: nothing more will come for the day from that endpoint.
bool isTerminal(DayStatus status);

struct DayState {
  Endpoint endpoint = Endpoint::UserSummary;
  core::Date day;
  DayStatus status = DayStatus::Final;
  std::string detail;  // why, for anything but Final: "is_delay", "errcode 61501 (rid ...)"
};

// The stored status of each endpoint (indexed by Endpoint) on one day; nullopt = none stored.
using EndpointStatuses = std::array<std::optional<DayStatus>, kAllEndpoints.size()>;
// One account's stored states, by day.
using DayStatusMap = std::map<core::Date, EndpointStatuses>;
DayStatusMap byDay(const std::vector<DayState>& states);

// What the stored states say of one day, over the endpoints that serve it:
// missing     some endpoint has nothing usable yet (none stored, empty, not_ready);
// delayed     some endpoint answered is_delay (figures may still change);
// unavailable some endpoint answered 61501 (WeChat has no data for the day);
// complete    every endpoint has a terminal answer (final or unavailable).
struct DayVerdict {
  bool missing = false, delayed = false, unavailable = false, complete = false;
};
DayVerdict judgeDay(const EndpointStatuses& have, core::Date day, core::Date new_api_from);

// The last day through which every day, walking from the account's first stored day, is
// complete; nullopt when nothing is stored or the first day is not. The first day is complete
// with the follower pair alone: a collection starts by asking followers for the day before
// its first day (followers at the start of a period).
std::optional<core::Date> lastCompleteDay(const DayStatusMap& days, core::Date new_api_from);

struct Coverage {
  std::optional<core::Date> first_day, last_complete_day;
  int64_t days_missing = 0;      // days in [first, latest] some endpoint has not given
  int64_t days_delayed = 0;      // days not missing but still delayed
  int64_t days_unavailable = 0;  // days with a 61501 answer
};
// Coverage of [first stored day, latest] (latest: nullopt = the last stored day). The first
// day is not missing when its followers' total is stored, for the reason above.
Coverage coverageOf(const DayStatusMap& days, core::Date new_api_from,
                    std::optional<core::Date> latest);

// The days of [from, to] that are missing, delayed or unavailable (a day can be in several).
struct DayGaps {
  std::vector<core::Date> missing, delayed, unavailable;
};
DayGaps gapsIn(const DayStatusMap& days, core::Date from, core::Date to, core::Date new_api_from);

}  // namespace pubtrack::model
