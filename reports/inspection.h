// SPDX-License-Identifier: Apache-2.0
// reports::inspect: the 政务新媒体 inspection's checks of each official account, from what the
// store holds: windows without a post longer than [monitor] max_silent_days (the "no update"
// rule, model/posting.h) and posts deleted after publication. `status`, the dashboard and the
// report's checks all list these.
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "model/posting.h"
#include "reports/figures.h"
#include "store/database.h"

namespace pubtrack::reports {

struct DeletedPost {
  core::Date day;
  std::string title;
};

struct AccountInspection {
  std::string account;  // config id
  std::vector<model::SilentWindow> silent;
  std::vector<DeletedPost> deleted;
};

// The accounts' inspection over [from, to], judged only on days whose posts are known (an
// article endpoint answered for them) and not after `now`'s latest collectable day.
std::vector<AccountInspection> inspect(store::Database& db, const config::Settings& settings,
                                       const std::vector<std::string>& accounts, core::Date from,
                                       core::Date to, core::TimePoint now);

// The checks of an inspection ("account_silent", "posts_deleted"), in the report's words.
void addInspectionChecks(const std::vector<AccountInspection>& inspections, int max_silent_days,
                         std::vector<Check>& checks);

// "2024-01-12..2024-02-29 (49 days)" / "2024-01-12至2024-02-29（49天）"; "ongoing" added when
// the account is still silent.
std::string describeWindow(const model::SilentWindow& w, bool zh);

}  // namespace pubtrack::reports
