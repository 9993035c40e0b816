// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: the HTML of the dashboard page and the sign-in page. Every piece of
// text from feeds, titles or configuration is escaped here.
#pragma once

#include <string>
#include <vector>

#include "model/lang.h"
#include "model/posting.h"
#include "reports/figures.h"
#include "store/feeds_repo.h"

namespace pubtrack::dashboard::detail {

struct HealthRow {
  std::string source, kind, name, last_run, last_status, last_success, last_error;
  std::string health;                      // ok | stale | failing | never collected | <last_status>
  std::vector<model::SilentWindow> notes;  // accounts: windows without a post (inspection)
};

struct PageModel {
  model::Lang lang = model::Lang::Zh;
  int year = 0;            // the year shown (?year=, else dashboard::detail::defaultYear)
  std::vector<int> years;  // the years the store holds data for, ascending
  std::string agency;
  std::string today;  // China-time day
  // The report's figures of `year` (reports::computeFigures): `changes` = 同比, only where the
  // report has them; `previous_period` = what they compare with.
  const reports::Figures* figures = nullptr;
  std::vector<store::MentionRow> latest;  // of `year`, newest first
  std::vector<HealthRow> health;
  bool can_write = false;    // a token is configured: show confirm/reject buttons
  int max_silent_days = 14;  // [monitor] max_silent_days
};

std::string renderDashboard(const PageModel& m);
// The sign-in form (non-loopback with a token); `message` is shown above it when not empty.
std::string renderLogin(model::Lang lang, const std::string& message);

// The page's script, served as /app.js (same origin, so the CSP allows it).
const std::string& appScript();

}  // namespace pubtrack::dashboard::detail
