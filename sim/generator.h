// SPDX-License-Identifier: Apache-2.0
// sim::Generator: the synthetic statistics behind every simulated endpoint, and the figures a
// correct collector must arrive at. Pure functions of (seed, appid, date); thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "sim/scenario.h"

namespace pubtrack::sim {

// One day of one account (final, never delayed values).
struct DayFigures {
  core::Date date;
  bool has_data = false;     // false before the account's `from`
  int articles = 0;          // msgids published that day
  int notified = 0;          // publish_type 0 (mass send with notification)
  int silent = 0;            // publish_type 1 (published without notification)
  long long page_views = 0;  // getuserread 99999999 int_page_read_count
  long long read_users = 0;  // getuserread 99999999 int_page_read_user == getbizsummary read_user
  long long new_user = 0;    // Σ getusersummary new_user over all channel rows
  long long cancel_user = 0;
  long long cumulate = 0;  // getusercumulate cumulate_user (end of day)
};

// One getusersummary row.
struct FollowerRow {
  int user_source = 0;
  long long new_user = 0;
  long long cancel_user = 0;
};

// One published article. msgid = "<msg_data_id>_<index>".
struct Article {
  std::string msgid;
  long long msg_data_id = 0;
  int index = 1;         // 1-based position inside its send
  int publish_type = 0;  // 0 notified (mass send), 1 silent (freepublish)
  core::Date date;       // publish day, China time
  long long publish_unix = 0;
  std::string title;
  std::string url;         // mp.weixin.qq.com/s?__biz=..&mid=<msg_data_id>&idx=<index>&..
  std::string article_id;  // freepublish id (not the msgid)
  std::string author;
  std::string digest;
  double base_views = 0;  // expected views on the publish day
};

// Per-article activity on one day (not cumulative). Index with the Metric enum.
enum Metric : int {
  kReadUser,
  kReadCount,
  kOriUser,
  kOriCount,
  kShareUser,
  kShareCount,
  kFavUser,
  kFavCount,
  kSessionUser,
  kSessionCount,
  kHistUser,
  kHistCount,
  kFeedUser,
  kFeedCount,
  kFriendsUser,
  kFriendsCount,
  kOtherUser,
  kOtherCount,
  kKanyikanUser,
  kKanyikanCount,
  kSouyisouUser,
  kSouyisouCount,
  kFsSessionUser,
  kFsSessionCnt,
  kFsFeedUser,
  kFsFeedCnt,
  kFsOtherUser,
  kFsOtherCnt,
  kZaikanUser,
  kLikeUser,
  kCommentCount,
  kSubscribeUser,
  kPraiseMoney,
  kMetricCount
};
using Metrics = std::array<long long, kMetricCount>;
Metrics& operator+=(Metrics& a, const Metrics& b);
// Partial (is_delay) values: each metric scaled down and floored.
Metrics partial(const Metrics& m);

// The account-level getuserread row for one channel (99999999 = all channels).
struct UserReadRow {
  long long user_source = 0;
  long long read_user = 0, read_count = 0, ori_user = 0, ori_count = 0;
  long long share_user = 0, share_count = 0, fav_user = 0, fav_count = 0;
};

// getbizsummary detail for one day.
struct BizSummary {
  long long read_user = 0, share_user = 0, zaikan_user = 0, like_user = 0, comment_count = 0;
  long long collection_user = 0, redirect_ori_page_user = 0, send_page_count = 0;
  std::vector<std::pair<std::string, long long>> read_user_source;  // scene_desc, user_count
};

// The figures a correct collector must compute for [from, to] (see /sim/expected).
struct Expected {
  long long articles = 0, articles_notified = 0, articles_silent = 0;
  long long page_views = 0;  // only days before Scenario::new_family_from
  long long read_users = 0;
  long long followers_start = 0, followers_end = 0, followers_net = 0;
  long long new_user = 0, cancel_user = 0;
  long long days = 0;
};

class Generator {
 public:
  explicit Generator(Scenario scenario);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  const Scenario& scenario() const { return scenario_; }

  DayFigures day(const AccountSpec& a, core::Date d) const;
  long long cumulate(const AccountSpec& a, core::Date d) const;
  std::vector<FollowerRow> followerRows(const AccountSpec& a, core::Date d) const;
  std::vector<Article> articles(const AccountSpec& a, core::Date d) const;
  // Activity of `art` on day d; zero outside [publish day, publish day + 59].
  Metrics articleDay(const AccountSpec& a, const Article& art, core::Date d) const;
  // Cumulative activity from the publish day to `through` (inclusive); days with
  // today - day <= delay (when `partial_from` <= day) get partial values.
  Metrics articleCumulative(const AccountSpec& a, const Article& art, core::Date through,
                            core::Date partial_from) const;
  long long targetUser(const AccountSpec& a, const Article& art) const;
  // Channel rows (since 2020-02-28) plus the 99999999 total, ordered by user_source; before
  // that date a single row with user_source -1 (the field is absent on the wire).
  std::vector<UserReadRow> userRead(const AccountSpec& a, core::Date d) const;
  BizSummary bizSummary(const AccountSpec& a, core::Date d, bool delayed) const;
  // Per-article source split of read users (scene_desc, user_count), for the new family.
  std::vector<std::pair<std::string, long long>> readSources(const AccountSpec& a,
                                                             long long read_user,
                                                             long long key) const;
  // Deterministic per-article "quality" figures (getarticletotaldetail).
  double articleRate(const AccountSpec& a, const Article& art, int which) const;

  Expected expected(const AccountSpec& a, core::Date from, core::Date to) const;

  // splitmix64 over (seed, appid, x, salt): the only source of variation.
  uint64_t hash(const AccountSpec& a, int64_t x, uint64_t salt) const;
  double unit(const AccountSpec& a, int64_t x, uint64_t salt) const;

  struct YearData;

 private:
  const YearData& year(const AccountSpec& a, int y) const;
  std::unique_ptr<YearData> buildYear(const AccountSpec& a, int y) const;

  Scenario scenario_;
  mutable std::mutex mu_;
  mutable std::map<std::pair<std::string, int>, std::unique_ptr<YearData>> years_;
};

// Splits `total` over the weights with the largest-remainder method: the parts sum to
// exactly `total`, ties go to the lower index. Exposed for tests.
std::vector<long long> distribute(long long total, const std::vector<double>& weights);

}  // namespace pubtrack::sim
