// SPDX-License-Identifier: Apache-2.0
// The queries behind the annual report's figures: plain rows out of the store, which
// reports/annual_figures.cpp turns into figures. Days are China-time calendar days. Every query
// is an indexed range lookup; the WeChat ones are one statement for all the accounts of a report
// (GROUP BY account, the ids bound as one JSON array), so a report over 100 accounts runs the
// same dozen statements as one over a single account.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "model/mention.h"
#include "store/database.h"

namespace pubtrack::store {

struct MonthTotal {
  std::string month;  // "2019-01"
  int64_t value = 0;
};

// Accounts (config ids) a query is about.
class AccountSet {
 public:
  explicit AccountSet(std::vector<std::string> ids);
  const std::vector<std::string>& ids() const { return ids_; }
  const std::string& json() const { return json_; }  // ["a","b"], bound as one parameter
  bool empty() const { return ids_.empty(); }

 private:
  std::vector<std::string> ids_;
  std::string json_;
};

// Results are keyed by account id; an account without rows is absent from a result.
class WeChatFigureQueries {
 public:
  explicit WeChatFigureQueries(Database& db) : db_(db) {}

  // Days of [from, to] whose followers total (getusercumulate) is stored.
  std::map<std::string, int64_t> followerDays(const AccountSet& a, core::Date from, core::Date to);
  // Accounts for which an article endpoint (getarticletotal, getarticletotaldetail) answered,
  // final or delayed, for some day of [from, to]: their article count is known (maybe zero).
  std::set<std::string> articlesAnswered(const AccountSet& a, core::Date from, core::Date to);
  struct ArticleCount {
    int64_t all = 0;       // distinct articles published in the period
    int64_t notified = 0;  // publish_type 0 (mass-sent, 群发)
    int64_t silent = 0;    // publish_type 1 (published without notification, 发表)
  };
  std::map<std::string, ArticleCount> articleCounts(const AccountSet& a, core::Date from,
                                                    core::Date to);
  // Σ of getuserread's all-channels row (user_source 99999999) over [from, to].
  struct LegacyReads {
    int64_t page_views = 0;  // int_page_read_count
    int64_t read_users = 0;  // int_page_read_user
  };
  std::map<std::string, LegacyReads> legacyReads(const AccountSet& a, core::Date from,
                                                 core::Date to);
  // Σ getbizsummary read_user over [from, to].
  std::map<std::string, int64_t> bizReadUsers(const AccountSet& a, core::Date from, core::Date to);
  // The followers total at the end of each of `days` that has one: account -> day -> total.
  std::map<std::string, std::map<core::Date, int64_t>> followersOn(
      const AccountSet& a, const std::vector<core::Date>& days);
  struct FollowerChange {
    int64_t new_users = 0, cancel_users = 0;  // Σ over every follow channel and day
  };
  std::map<std::string, FollowerChange> followerChanges(const AccountSet& a, core::Date from,
                                                        core::Date to);
  struct TopArticle {
    std::string msgid, title, url, publish_date;
    int64_t reads = 0;
  };
  enum class ArticleMetric {
    PageViews,  // the latest snapshot's page views (its read users when it has none)
    ReadUsers,  // the latest snapshot's read users
  };
  // Per account, up to `limit` articles published in [from, to] that have a reads snapshot, most
  // read first (ties: earlier, then by msgid).
  std::map<std::string, std::vector<TopArticle>> topArticles(const AccountSet& a, core::Date from,
                                                             core::Date to, ArticleMetric metric,
                                                             int limit);
  // Articles published per month.
  std::map<std::string, std::vector<MonthTotal>> articlesByMonth(const AccountSet& a,
                                                                 core::Date from, core::Date to);
  // Σ page views of the all-channels row per month.
  std::map<std::string, std::vector<MonthTotal>> pageViewsByMonth(const AccountSet& a,
                                                                  core::Date from, core::Date to);
  // Σ read users per month: the legacy all-channels row before new_api_from, getbizsummary
  // from it.
  std::map<std::string, std::vector<MonthTotal>> readUsersByMonth(const AccountSet& a,
                                                                  core::Date from, core::Date to,
                                                                  core::Date new_api_from);
  // The followers total on the last stored day of each month.
  std::map<std::string, std::vector<MonthTotal>> followersByMonth(const AccountSet& a,
                                                                  core::Date from, core::Date to);
  // The first and last day, up to `to`, for which an article endpoint answered (final or
  // delayed): the days whose posts are known.
  std::map<std::string, std::pair<core::Date, core::Date>> articleDaysKnown(const AccountSet& a,
                                                                            core::Date to);
  // Each account's post days in [from, to] (articles by publish date, deleted or not).
  std::map<std::string, std::vector<core::Date>> postDays(const AccountSet& a, core::Date from,
                                                          core::Date to);
  struct PublishList {
    std::optional<core::TimePoint> complete_at;  // the last time every page was read
    std::string refused;                         // the last refusal, "" when none
  };
  // What is known of each account's freepublish list (accounts never asked are absent).
  std::map<std::string, PublishList> publishLists(const AccountSet& a);
  // Per account, the China-time day of each post freepublish lists as published (not deleted)
  // in [from, to] that no datacube article row holds: posts published without notification
  // (发表), which the statistics endpoints before 2025-11 do not see.
  std::map<std::string, std::vector<core::Date>> publishedOnlyDays(const AccountSet& a,
                                                                   core::Date from, core::Date to);
  struct DeletedPost {
    core::Date day;  // China-time day freepublish last updated it (its deletion)
    std::string title;
  };
  // Posts freepublish lists as deleted, by the day of their last update in [from, to].
  std::map<std::string, std::vector<DeletedPost>> deletedPosts(const AccountSet& a, core::Date from,
                                                               core::Date to);
  // The accounts whose every (endpoint, day) of [from, to], for the endpoints that serve the day
  // (model::endpointsForDay), is stored as final: nothing to list for them in the day checks.
  std::set<std::string> allFinal(const AccountSet& a, core::Date from, core::Date to,
                                 core::Date new_api_from);

 private:
  Database& db_;
};

// Mentions are counted once per outlet report (same_as IS NULL), rejected ones never.
class MediaFigureQueries {
 public:
  explicit MediaFigureQueries(Database& db) : db_(db) {}

  struct TierCount {
    model::Tier tier = model::Tier::Other;
    int64_t count = 0, confirmed = 0;
  };
  std::vector<TierCount> byTier(core::Date from, core::Date to);
  struct OutletCount {
    std::string outlet;
    model::Tier tier = model::Tier::Other;
    int64_t count = 0;
  };
  // Most first, then by outlet name.
  std::vector<OutletCount> byOutlet(core::Date from, core::Date to);
  struct MonthTierCount {
    std::string month;  // "2019-01"
    model::Tier tier = model::Tier::Other;
    int64_t count = 0;
  };
  // Mainstream tiers only (central, provincial, municipal), by month.
  std::vector<MonthTierCount> mainstreamByMonth(core::Date from, core::Date to);
  struct Story {
    std::string title, url, day;
    model::Tier tier = model::Tier::Other;
    std::vector<std::string> outlets;  // every outlet that carried it
  };
  // Up to `limit` stories (a report and its syndicated copies), most outlets first; each shown
  // by its earliest copy.
  std::vector<Story> topStories(core::Date from, core::Date to, int limit);
  // Counted mentions whose outlet's tier came from a host below a registry domain (a guess:
  // tier_basis domain_suffix or source_suffix), by outlet.
  std::vector<OutletCount> guessedTiers(core::Date from, core::Date to);
  // Counted mentions still awaiting review that rest on an alias alone (match_rule alias,
  // alias_local_outlet or alias_place_in_text: no full name of the agency in the item), by rule.
  std::vector<std::pair<std::string, int64_t>> aliasUnreviewed(core::Date from, core::Date to);
  // Any mention of the period, or any item published (or, undated, first seen) in it.
  bool anyData(core::Date from, core::Date to);
  // Any mention recorded by hand for the period.
  bool anyManual(core::Date from, core::Date to);
  // The China-time day feeds were first collected on; nullopt before any.
  std::optional<core::Date> feedsCollectedSince();

 private:
  Database& db_;
};

}  // namespace pubtrack::store
