// SPDX-License-Identifier: Apache-2.0
// store::WeChatRepo: WeChat rows per account, idempotent: a re-pulled day replaces what was
// stored for it, so re-running any range never double-counts.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collectors/wechat/wechat_types.h"
#include "core/date.h"
#include "store/database.h"

namespace pubtrack::store {

struct WeChatDayState {
  std::string endpoint;  // "getusersummary"
  std::string day;       // "YYYY-MM-DD"
  std::string state;     // final | delayed | empty | unavailable | not_ready
  std::string detail;
};

struct WeChatCoverage {
  std::string first_day, last_complete_day;
  int64_t days_missing = 0;  // days in [first, latest] some endpoint has not given
  int64_t days_delayed = 0;
  int64_t days_unavailable = 0;  // 61501 for a single day
};

class WeChatRepo {
 public:
  explicit WeChatRepo(Database& db);
  ~WeChatRepo();

  // Rows of a multi-row-per-day endpoint replace the stored rows of the days they cover.
  void replaceUserSummary(const std::string& account, const std::set<std::string>& days,
                          const std::vector<wechat::UserSummaryRow>& rows);
  // getuserread: the day's total row is stored with user_source 99999999 (a day whose rows carry
  // no user_source has a single row, which is the total).
  void replaceUserRead(const std::string& account, const std::set<std::string>& days,
                       const std::vector<wechat::UserReadRow>& rows);
  void upsertCumulate(const std::string& account, const std::vector<wechat::UserCumulateRow>& rows);
  void upsertBiz(const std::string& account, const std::vector<wechat::BizSummaryRow>& rows,
                 bool is_delay);
  void upsertArticleTotal(const std::string& account, const wechat::ArticleTotal& article);
  void upsertArticleSummary(const std::string& account,
                            const std::vector<wechat::ArticleSummaryRow>& rows);
  void upsertArticleDetail(const std::string& account, const wechat::ArticleTotalDetail& article,
                           bool is_delay);
  void upsertArticleRead(const std::string& account,
                         const std::vector<wechat::ArticleReadRow>& rows, bool is_delay);
  // Fills a missing title/URL of a known article (freepublish only enriches, never counts).
  bool enrichArticle(const std::string& account, const std::string& msgid, const std::string& title,
                     const std::string& url);
  void setDayState(const std::string& account, const WeChatDayState& state,
                   const std::string& fetched_at);

  std::vector<WeChatDayState> dayStates(const std::string& account);
  // The last day through which every endpoint that serves a day has a terminal answer (final or
  // unavailable), walking from the account's first day; nullopt when nothing is stored.
  std::optional<core::Date> lastCompleteDay(const std::string& account, core::Date new_api_from);
  // Days to pull again: delayed, empty, not_ready, and unavailable (61501) days from
  // `recent_from` on: a day refused because WeChat had not published it yet must not be lost.
  std::vector<WeChatDayState> repullDays(const std::string& account,
                                         const std::string& recent_from = "9999-12-31");
  WeChatCoverage coverage(const std::string& account, core::Date new_api_from,
                          std::optional<core::Date> latest);

 private:
  Database& db_;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

// The endpoints that serve `day`: the follower pair always, then the legacy or the new family.
std::vector<std::string> endpointsForDay(core::Date day, core::Date new_api_from);

}  // namespace pubtrack::store
