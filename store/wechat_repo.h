// SPDX-License-Identifier: Apache-2.0
// store::WeChatRepo: WeChat rows per account, idempotent: a re-pulled day replaces what was
// stored for it, so re-running any range never double-counts. And the state of each
// (endpoint, day), from which coverage and the days to pull again are judged (the rules are
// model/wechat_days.h).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "model/wechat_days.h"
#include "model/wechat_rows.h"
#include "store/database.h"

namespace pubtrack::store {

class WeChatRepo {
 public:
  explicit WeChatRepo(Database& db);
  ~WeChatRepo();

  // Rows of a multi-row-per-day endpoint replace the stored rows of the days they cover.
  void replaceUserSummary(const std::string& account, const std::set<core::Date>& days,
                          const std::vector<model::UserSummaryRow>& rows);
  // getuserread: the day's total row is stored with user_source 99999999 (a day whose rows carry
  // no user_source has a single row, which is the total).
  void replaceUserRead(const std::string& account, const std::set<core::Date>& days,
                       const std::vector<model::UserReadRow>& rows);
  void upsertCumulate(const std::string& account, const std::vector<model::UserCumulateRow>& rows);
  void upsertBiz(const std::string& account, const std::vector<model::BizSummaryRow>& rows,
                 bool is_delay);
  void upsertArticleTotal(const std::string& account, const model::ArticleTotal& article);
  void upsertArticleSummary(const std::string& account,
                            const std::vector<model::ArticleSummaryRow>& rows);
  void upsertArticleDetail(const std::string& account, const model::ArticleTotalDetail& article,
                           bool is_delay);
  void upsertArticleRead(const std::string& account, const std::vector<model::ArticleReadRow>& rows,
                         bool is_delay);
  // Keeps freepublish's list of published posts (a post listed again replaces its row).
  void upsertPublished(const std::string& account, const std::vector<model::PublishedPost>& posts,
                       core::TimePoint fetched_at);
  // Keeps what a run learnt about the account's freepublish list (complete_at moves only when
  // every page was read; a refusal is kept until the list is read again).
  void setPublishList(const std::string& account, const model::PublishListCheck& check,
                      core::TimePoint at);
  // The article_ids freepublish has listed for the account (a run stops paging once a page
  // holds only these and the list is whole).
  std::set<std::string> publishedIds(const std::string& account);
  // Fills a missing title/URL of a known article (freepublish only enriches, never counts).
  bool enrichArticle(const std::string& account, const std::string& msgid, const std::string& title,
                     const std::string& url);

  // Keeps the states a run ended with (those model::isStored accepts; a later answer for the
  // same endpoint and day replaces the earlier one). Returns how many were kept.
  int64_t setDayStates(const std::string& account, const std::vector<model::DayState>& states,
                       core::TimePoint fetched_at);
  // Every stored state of the account, by day then endpoint.
  std::vector<model::DayState> dayStates(const std::string& account);
  // The same for the days of [from, to].
  std::vector<model::DayState> dayStates(const std::string& account, core::Date from,
                                         core::Date to);
  // model::lastCompleteDay over the stored states.
  std::optional<core::Date> lastCompleteDay(const std::string& account, core::Date new_api_from);
  // Days to pull again: delayed, empty, not_ready, and unavailable (61501) days from
  // `recent_from` on: a day refused because WeChat had not published it yet must not be lost.
  std::vector<model::DayState> repullDays(const std::string& account,
                                          std::optional<core::Date> recent_from = std::nullopt);
  // model::coverageOf over the stored states.
  model::Coverage coverage(const std::string& account, core::Date new_api_from,
                           std::optional<core::Date> latest);

 private:
  Database& db_;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

}  // namespace pubtrack::store
