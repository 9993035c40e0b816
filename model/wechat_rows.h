// SPDX-License-Identifier: Apache-2.0
// The rows each WeChat datacube endpoint returns and the store keeps (wire shape, not figures).
#pragma once

// Conventions for every struct here:
// - Dates (ref_date, stat_date) are "YYYY-MM-DD" strings as sent: China calendar days
//   (Asia/Shanghai). The parsers check the format; converting them is the caller's job.
// - IDs (msgid) are strings: msgid is "<msg_data_id>_<index>" and its numeric part exceeds
//   int32; some responses send IDs as JSON numbers, which arrive here as decimal text.
// - Counts are int64; a missing field is 0 and a missing string is "".
// Field meanings: shared/reference/wechat-api.md §3 (datacube).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pubtrack::model {

// ---- Follower endpoints (current) ----------------------------------------------------------

// datacube/getusersummary: one row per (ref_date, user_source). The same day appears once per
// follow channel; the day's net change is the sum over all its rows.
// https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusersummary.html
struct UserSummaryRow {
  std::string ref_date;
  int64_t user_source = 0;  // follow channel; 0 = "others, aggregated", not the total
  int64_t new_user = 0;
  int64_t cancel_user = 0;
};

// datacube/getusercumulate: total followers at the end of ref_date. The undocumented
// `user_source` (always 0) is ignored.
struct UserCumulateRow {
  std::string ref_date;
  int64_t cumulate_user = 0;
};

// ---- Legacy article endpoints (marked 停止维护; the only source before 2025-11-01) ----------

// The eight read figures the legacy endpoints repeat under the same names (getarticlesummary,
// getarticletotal details[], getuserread). int_page = the article page (图文页), ori_page = the
// original-article page (原文页); *_user counts people, *_count page views.
struct ReadCounts {
  int64_t int_page_read_user = 0;
  int64_t int_page_read_count = 0;
  int64_t ori_page_read_user = 0;
  int64_t ori_page_read_count = 0;
  int64_t share_user = 0;
  int64_t share_count = 0;
  int64_t add_to_fav_user = 0;
  int64_t add_to_fav_count = 0;
  auto operator<=>(const ReadCounts&) const = default;
};

// datacube/getarticlesummary: reads of one mass-sent article on ref_date only (per day).
struct ArticleSummaryRow {
  std::string ref_date;
  std::string msgid;
  std::string title;
  ReadCounts reads;
};

// One getarticletotal details[] entry: totals accumulated from the send day to stat_date
// (never add two snapshots together).
struct ArticleTotalSnapshot {
  std::string stat_date;
  int64_t target_user = 0;
  ReadCounts reads;
  int64_t int_page_from_session_read_user = 0;
  int64_t int_page_from_session_read_count = 0;
  int64_t int_page_from_hist_msg_read_user = 0;
  int64_t int_page_from_hist_msg_read_count = 0;
  int64_t int_page_from_feed_read_user = 0;
  int64_t int_page_from_feed_read_count = 0;
  int64_t int_page_from_friends_read_user = 0;
  int64_t int_page_from_friends_read_count = 0;
  int64_t int_page_from_other_read_user = 0;
  int64_t int_page_from_other_read_count = 0;
  int64_t int_page_from_kanyikan_read_user = 0;
  int64_t int_page_from_kanyikan_read_count = 0;
  int64_t int_page_from_souyisou_read_user = 0;
  int64_t int_page_from_souyisou_read_count = 0;
  int64_t feed_share_from_session_user = 0;
  int64_t feed_share_from_session_cnt = 0;  // the API's suffix is _cnt, not _count
  int64_t feed_share_from_feed_user = 0;
  int64_t feed_share_from_feed_cnt = 0;
  int64_t feed_share_from_other_user = 0;
  int64_t feed_share_from_other_cnt = 0;
};

// datacube/getarticletotal: one article sent on ref_date, followed for at most 7 days.
struct ArticleTotal {
  std::string ref_date;  // send date
  std::string msgid;
  std::string title;
  std::string url;  // undocumented but returned live
  std::vector<ArticleTotalSnapshot> details;
};

// getuserread's user_source for "all channels". Only this row is a total: per-channel user
// counts are de-duplicated per channel, so they add up to more than it.
inline constexpr int64_t kAllReadSources = 99999999;

// datacube/getuserread: account-level reads per day and read channel.
struct UserReadRow {
  std::string ref_date;
  // Absent on old days (before 2020-02-28 each day had a single row, which is the total).
  std::optional<int64_t> user_source;
  ReadCounts reads;
};

// ---- New article family (data from 2025-11-01) ----------------------------------------------

// One read_user_source[] entry: {user_count, scene_desc} with a Chinese label such as 全部,
// 公众号消息, 聊天会话, 朋友圈, 公众号主页, 其他, 推荐, 搜一搜.
struct ReadUserSource {
  std::string scene_desc;
  int64_t user_count = 0;
};

// datacube/getbizsummary: account-level totals for one day (fields sit in the row's `detail`).
// https://developers.weixin.qq.com/doc/subscription/api/wedata/news/api_getbizsummary
struct BizSummaryRow {
  std::string ref_date;
  int64_t read_user = 0;
  int64_t share_user = 0;
  int64_t zaikan_user = 0;  // "heart" likes (formerly 在看)
  int64_t like_user = 0;    // thumbs-up likes
  int64_t comment_count = 0;
  int64_t collection_user = 0;
  int64_t redirect_ori_page_user = 0;
  int64_t send_page_count = 0;  // articles published that day (semantics unverified)
  std::vector<ReadUserSource> read_user_source;
};

// One getarticletotaldetail detail_list[] entry: metrics accumulated from the publish date to
// stat_date.
struct ArticleDetailSnapshot {
  std::string stat_date;
  int64_t read_user = 0;
  int64_t share_user = 0;
  int64_t zaikan_user = 0;
  int64_t like_user = 0;
  int64_t comment_count = 0;
  int64_t collection_user = 0;
  int64_t praise_money = 0;  // tips, in fen
  int64_t read_subscribe_user = 0;
  double read_delivery_rate = 0;
  double read_finish_rate = 0;
  double read_avg_activetime = 0;  // minutes
  std::vector<ReadUserSource> read_user_source;
};

// publish_type when the response did not say: not to be confused with 0 (notified).
inline constexpr int kPublishTypeUnknown = -1;

// datacube/getarticletotaldetail: one article published on ref_date, followed for ≤ 30 days.
// https://developers.weixin.qq.com/doc/subscription/api/wedata/news/api_getarticletotaldetail
struct ArticleTotalDetail {
  std::string ref_date;  // publish date
  std::string msgid;
  int publish_type = kPublishTypeUnknown;  // 0 = with follower notification (群发), 1 = without
  std::string title;
  std::string content_url;
  std::vector<ArticleDetailSnapshot> detail_list;
};

// datacube/getarticleread: read users of one article on ref_date (per day).
// https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticleread.html
struct ArticleReadRow {
  std::string ref_date;
  std::string msgid;
  int64_t read_user = 0;
  std::vector<ReadUserSource> read_user_source;
};

// ---- freepublish/batchget, as stored ----------------------------------------------------------

// One article of a post published through 草稿箱 → 发布 (freepublish lists these, mass sends
// are not listed), deleted ones included.
struct PublishedPost {
  std::string article_id;
  int index = 0;      // 1-based position inside the item
  std::string msgid;  // "<mid>_<idx>" from its URL, "" when the URL has none
  std::string title, url;
  int64_t update_time = 0;  // unix seconds (UTC)
  bool is_deleted = false;
};

// What one run learnt about an account's freepublish list as a whole: whether every page up
// to total_count was read (only then can posts published without notification be counted), or
// the API's refusal (48001: the account is not verified or lacks the permission).
struct PublishListCheck {
  bool complete = false;
  std::optional<int64_t> total_count;  // as the API last said
  std::string refused;                 // errcode and message when the list cannot be read
};

}  // namespace pubtrack::model
