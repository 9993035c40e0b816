// SPDX-License-Identifier: Apache-2.0
// The health rule.
#include "model/source_health.h"

namespace pubtrack::model {

namespace {

// Hours from the UTC instant `a` to `b`, or -1 when `a` is not one.
double hoursBetween(const std::string& a, core::TimePoint b) {
  auto ta = core::parseUtc(a);
  if (!ta) return -1;
  return std::chrono::duration<double>(b - *ta).count() / 3600.0;
}

}  // namespace

std::string healthOf(const std::optional<SourceHealth>& h, core::TimePoint now, int stale_hours) {
  if (!h) return "never collected";
  if (h->last_status == "failed" || h->last_status == "partial") return "failing";
  const double since = h->last_success_at.empty() ? hoursBetween(h->last_run_at, now)
                                                  : hoursBetween(h->last_success_at, now);
  if (since > stale_hours) return "stale";
  return h->last_status;
}

bool needsAttention(const std::string& health) { return health == "failing" || health == "stale"; }

}  // namespace pubtrack::model
