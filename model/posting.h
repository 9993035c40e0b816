// SPDX-License-Identifier: Apache-2.0
// The 政务新媒体 inspection's "no update" rule: an official account that goes longer than a
// number of days without posting fails it. The exact wording of the provincial rules is not at
// hand (shared/reference: not retrieved), so the threshold is configurable ([monitor]
// max_silent_days, 14 by default: "两周未更新") and the check says plainly what it counts: whole
// days between two posts, or since the last post, without any post.
#pragma once

#include <optional>
#include <vector>

#include "core/date.h"

namespace pubtrack::model {

struct SilentWindow {
  core::Date first, last;  // the days without a post
  int days = 0;            // last - first + 1
  bool ongoing = false;    // no post yet at the end of the period
};

// The windows longer than `max_silent_days` without a post that overlap [from, to]. `posts` are
// the account's post days (any order, duplicates allowed), including those before `from` so a
// window that began before the period is measured whole. `known_from` is the first day posts are
// known (collection began); before it nothing is judged.
std::vector<SilentWindow> silentWindows(std::vector<core::Date> posts, core::Date from,
                                        core::Date to, int max_silent_days,
                                        std::optional<core::Date> known_from = std::nullopt);

}  // namespace pubtrack::model
