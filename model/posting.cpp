// SPDX-License-Identifier: Apache-2.0
// Silent windows.
#include "model/posting.h"

#include <algorithm>

namespace pubtrack::model {

std::vector<SilentWindow> silentWindows(std::vector<core::Date> posts, core::Date from,
                                        core::Date to, int max_silent_days,
                                        std::optional<core::Date> known_from) {
  std::vector<SilentWindow> out;
  if (to < from) return out;
  std::sort(posts.begin(), posts.end());
  posts.erase(std::unique(posts.begin(), posts.end()), posts.end());
  // Where the first window starts: the day after the last post before the period, else the
  // first day posts are known, else the period's first day.
  core::Date start = known_from ? std::max(*known_from, from) : from;
  auto it = std::lower_bound(posts.begin(), posts.end(), from);
  if (it != posts.begin()) {
    const core::Date before = *std::prev(it) + 1;
    start = known_from ? std::max(before, *known_from) : before;
  }
  auto close = [&](core::Date last, bool ongoing) {
    const int days = last - start + 1;
    if (days > max_silent_days && last >= from) out.push_back({start, last, days, ongoing});
  };
  for (; it != posts.end() && *it <= to; ++it) {
    if (*it > start) close(*it - 1, false);
    start = std::max(start, *it + 1);
  }
  if (start <= to) close(to, true);
  return out;
}

}  // namespace pubtrack::model
