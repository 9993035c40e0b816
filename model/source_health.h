// SPDX-License-Identifier: Apache-2.0
// How healthy a source (a WeChat account or a feed) is, from its run history: the one rule that
// `pubtrack status`, the dashboard and the deploy examples' alerting all show.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"

namespace pubtrack::model {

// The latest outcome of one source (store::RunsRepo::health).
struct SourceHealth {
  std::string source;
  std::string last_run_at, last_status, last_error;  // UTC instant; ok, partial, failed, ...
  std::string last_success_at;                       // "" when it never succeeded
};

// "never collected" without history; "failing" when the last run failed or partly failed;
// "stale" when nothing succeeded for over `stale_hours` (counted from the first run when
// nothing ever did); else the last run's status ("ok", "not-modified", "interrupted" ...).
std::string healthOf(const std::optional<SourceHealth>& h, core::TimePoint now, int stale_hours);
// failing or stale: `status` exits 1 and lists it.
bool needsAttention(const std::string& health);

}  // namespace pubtrack::model
