// SPDX-License-Identifier: Apache-2.0
// store::WeChatListing: the WeChat rows people look at, day by day and article by article, for
// `pubtrack wechat daily|articles` and the dashboard's API. Read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/database.h"

namespace pubtrack::store {

struct ListFilter {
  std::optional<core::Date> from, to;  // inclusive China-time days; nullopt = open
  std::vector<std::string> accounts;   // config ids; empty = every account
  int64_t limit = 0;                   // rows at most; 0 = all
};

// One account-day of the wechat_daily view: followers from the follower endpoints, reads from
// the legacy all-channels row or getbizsummary. Missing values are nullopt.
struct WeChatDayRow {
  std::string account;
  core::Date day;
  std::optional<int64_t> new_users, cancel_users;  // Σ over follow channels
  std::optional<int64_t> followers;                // total at the end of the day
  std::optional<int64_t> page_views, read_users;
  std::optional<bool> is_delay;  // getbizsummary days only
  // new_users − cancel_users when both are known.
  std::optional<int64_t> net() const;
};

// One article with its latest cumulative reads (the largest snapshot).
struct WeChatArticleRow {
  std::string account, msgid, title, url;
  core::Date publish_date;
  std::optional<int64_t> publish_type;  // 0 notified (群发), 1 not (发表), nullopt unknown
  std::optional<int64_t> read_users, page_views;
};

class WeChatListing {
 public:
  explicit WeChatListing(Database& db) : db_(db) {}
  // By account, then day.
  std::vector<WeChatDayRow> daily(const ListFilter& filter);
  // By publish date, then msgid (then account).
  std::vector<WeChatArticleRow> articles(const ListFilter& filter);

 private:
  Database& db_;
};

}  // namespace pubtrack::store
