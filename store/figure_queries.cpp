// SPDX-License-Identifier: Apache-2.0
// The figure queries. Definitions (README "What each figure means") are applied by
// reports/annual_figures.cpp; here each query only reads.
#include "store/figure_queries.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "core/strings.h"
#include "model/wechat_calendar.h"
#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

using detail::sql;
using Stmt = SQLite::Statement;

namespace {

// The account filter of every WeChat figure query: ?1 is the JSON array of ids.
const std::string kForAccounts = "account IN (SELECT value FROM json_each(?1))";

// Runs `text` with ?1 = the accounts and ?2... = `args`; `row(statement)` per result row.
template <class Row>
void each(Database& db, const AccountSet& a, const std::string& text,
          std::initializer_list<std::string> args, Row row) {
  if (a.empty()) return;
  Stmt q(sql(db), text);
  q.bind(1, a.json());
  int i = 2;
  for (const auto& arg : args) q.bind(i++, arg);
  while (q.executeStep()) row(q);
}

std::map<std::string, std::vector<MonthTotal>> monthly(Database& db, const AccountSet& a,
                                                       const std::string& text,
                                                       std::initializer_list<std::string> args) {
  std::map<std::string, std::vector<MonthTotal>> out;
  each(db, a, text, args, [&](Stmt& q) {
    out[q.getColumn(0).getString()].push_back(
        {q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  });
  return out;
}

model::Tier tierOf(const SQLite::Column& c) {
  return model::parseTier(c.getText()).value_or(model::Tier::Other);
}

std::string quotedList(const std::vector<model::Endpoint>& endpoints) {
  std::vector<std::string> quoted;
  for (auto e : endpoints) quoted.push_back("'" + std::string(model::endpointName(e)) + "'");
  return "(" + core::join(quoted, ", ") + ")";
}

}  // namespace

AccountSet::AccountSet(std::vector<std::string> ids) : ids_(std::move(ids)) {
  std::vector<std::string> quoted;
  quoted.reserve(ids_.size());
  for (const auto& id : ids_) quoted.push_back(core::jsonString(id));
  json_ = "[" + core::join(quoted, ",") + "]";
}

std::map<std::string, int64_t> WeChatFigureQueries::followerDays(const AccountSet& a,
                                                                 core::Date from, core::Date to) {
  std::map<std::string, int64_t> out;
  each(db_, a,
       "SELECT account, count(*) FROM wechat_user_cumulate WHERE " + kForAccounts +
           " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
       {from.toString(), to.toString()},
       [&](Stmt& q) { out[q.getColumn(0).getString()] = q.getColumn(1).getInt64(); });
  return out;
}

std::set<std::string> WeChatFigureQueries::articlesAnswered(const AccountSet& a, core::Date from,
                                                            core::Date to) {
  std::set<std::string> out;
  each(db_, a,
       "SELECT DISTINCT account FROM wechat_days WHERE " + kForAccounts +
           " AND endpoint IN ('getarticletotal', 'getarticletotaldetail') AND ref_date BETWEEN ?2 "
           "AND ?3 AND state IN ('final', 'delayed')",
       {from.toString(), to.toString()}, [&](Stmt& q) { out.insert(q.getColumn(0).getString()); });
  return out;
}

std::map<std::string, WeChatFigureQueries::ArticleCount> WeChatFigureQueries::articleCounts(
    const AccountSet& a, core::Date from, core::Date to) {
  std::map<std::string, ArticleCount> out;
  // (account, msgid) is the key: count(*) counts distinct articles.
  each(db_, a,
       "SELECT account, count(*), sum(publish_type = 0), sum(publish_type = 1) FROM "
       "wechat_articles WHERE " +
           kForAccounts + " AND publish_date BETWEEN ?2 AND ?3 GROUP BY account",
       {from.toString(), to.toString()}, [&](Stmt& q) {
         out[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(),
                                            detail::optInt(q.getColumn(2)).value_or(0),
                                            detail::optInt(q.getColumn(3)).value_or(0)};
       });
  return out;
}

std::map<std::string, WeChatFigureQueries::LegacyReads> WeChatFigureQueries::legacyReads(
    const AccountSet& a, core::Date from, core::Date to) {
  std::map<std::string, LegacyReads> out;
  each(db_, a,
       "SELECT account, sum(int_page_read_count), sum(int_page_read_user) FROM "
       "wechat_user_read WHERE " +
           kForAccounts +
           " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 GROUP BY "
           "account",
       {from.toString(), to.toString()}, [&](Stmt& q) {
         out[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
       });
  return out;
}

std::map<std::string, int64_t> WeChatFigureQueries::bizReadUsers(const AccountSet& a,
                                                                 core::Date from, core::Date to) {
  std::map<std::string, int64_t> out;
  each(db_, a,
       "SELECT account, sum(read_user) FROM wechat_biz_daily WHERE " + kForAccounts +
           " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
       {from.toString(), to.toString()},
       [&](Stmt& q) { out[q.getColumn(0).getString()] = q.getColumn(1).getInt64(); });
  return out;
}

std::map<std::string, std::map<core::Date, int64_t>> WeChatFigureQueries::followersOn(
    const AccountSet& a, const std::vector<core::Date>& days) {
  std::map<std::string, std::map<core::Date, int64_t>> out;
  std::vector<std::string> texts;
  for (auto d : days) texts.push_back(core::jsonString(d.toString()));
  each(db_, a,
       "SELECT account, ref_date, cumulate_user FROM wechat_user_cumulate WHERE " + kForAccounts +
           " AND ref_date IN (SELECT value FROM json_each(?2))",
       {"[" + core::join(texts, ",") + "]"}, [&](Stmt& q) {
         if (auto day = core::Date::parse(q.getColumn(1).getText()))
           out[q.getColumn(0).getString()][*day] = q.getColumn(2).getInt64();
       });
  return out;
}

std::map<std::string, WeChatFigureQueries::FollowerChange> WeChatFigureQueries::followerChanges(
    const AccountSet& a, core::Date from, core::Date to) {
  std::map<std::string, FollowerChange> out;
  each(db_, a,
       "SELECT account, sum(new_user), sum(cancel_user) FROM wechat_user_summary WHERE " +
           kForAccounts + " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
       {from.toString(), to.toString()}, [&](Stmt& q) {
         out[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
       });
  return out;
}

std::map<std::string, std::vector<WeChatFigureQueries::TopArticle>>
WeChatFigureQueries::topArticles(const AccountSet& a, core::Date from, core::Date to,
                                 ArticleMetric metric, int limit) {
  std::map<std::string, std::vector<TopArticle>> out;
  if (a.empty()) return out;
  // Ranked on the covering index by the snapshot kept on the article row, titles read for the
  // winners only; one execution per account: LIMIT on each account's index range beats a window
  // function over every account's rows.
  const std::string r = metric == ArticleMetric::PageViews
                            ? "coalesce(read_count_max, read_user_max)"
                            : "read_user_max";
  Stmt q(sql(db_),
         "SELECT t.msgid, coalesce(a.title, ''), coalesce(a.url, ''), t.publish_date, t.r FROM "
         "(SELECT msgid, publish_date, " +
             r +
             " r FROM wechat_articles WHERE account = ?1 AND publish_date BETWEEN ?2 AND ?3 AND "
             "read_user_max IS NOT NULL ORDER BY r DESC, publish_date, msgid LIMIT ?4) t JOIN "
             "wechat_articles a ON a.account = ?1 AND a.msgid = t.msgid ORDER BY t.r DESC, "
             "t.publish_date, t.msgid");
  q.bind(2, from.toString());
  q.bind(3, to.toString());
  q.bind(4, limit);
  for (const auto& id : a.ids()) {
    q.reset();
    q.bind(1, id);
    while (q.executeStep())
      out[id].push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), q.getColumn(3).getString(),
                         q.getColumn(4).getInt64()});
  }
  return out;
}

std::map<std::string, std::vector<MonthTotal>> WeChatFigureQueries::articlesByMonth(
    const AccountSet& a, core::Date from, core::Date to) {
  return monthly(db_, a,
                 "SELECT account, substr(publish_date, 1, 7) m, count(*) FROM wechat_articles "
                 "WHERE " +
                     kForAccounts +
                     " AND publish_date BETWEEN ?2 AND ?3 GROUP BY account, m ORDER BY account, m",
                 {from.toString(), to.toString()});
}

std::map<std::string, std::vector<MonthTotal>> WeChatFigureQueries::pageViewsByMonth(
    const AccountSet& a, core::Date from, core::Date to) {
  return monthly(db_, a,
                 "SELECT account, substr(ref_date, 1, 7) m, sum(int_page_read_count) FROM "
                 "wechat_user_read WHERE " +
                     kForAccounts +
                     " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 GROUP BY "
                     "account, m ORDER BY account, m",
                 {from.toString(), to.toString()});
}

std::map<std::string, std::vector<MonthTotal>> WeChatFigureQueries::readUsersByMonth(
    const AccountSet& a, core::Date from, core::Date to, core::Date new_api_from) {
  return monthly(db_, a,
                 "SELECT account, m, sum(v) FROM (SELECT account, substr(ref_date, 1, 7) m, "
                 "int_page_read_user v FROM wechat_user_read WHERE " +
                     kForAccounts +
                     " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 AND ref_date < "
                     "?4 UNION ALL SELECT account, substr(ref_date, 1, 7), read_user FROM "
                     "wechat_biz_daily WHERE " +
                     kForAccounts +
                     " AND ref_date BETWEEN ?2 AND ?3 AND ref_date >= ?4) GROUP BY account, m "
                     "ORDER BY account, m",
                 {from.toString(), to.toString(), new_api_from.toString()});
}

std::map<std::string, std::vector<MonthTotal>> WeChatFigureQueries::followersByMonth(
    const AccountSet& a, core::Date from, core::Date to) {
  // SQLite takes the bare column from the row holding max(): the month's last day.
  std::map<std::string, std::vector<MonthTotal>> out;
  each(db_, a,
       "SELECT account, substr(ref_date, 1, 7) m, cumulate_user, max(ref_date) FROM "
       "wechat_user_cumulate WHERE " +
           kForAccounts + " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account, m ORDER BY account, m",
       {from.toString(), to.toString()}, [&](Stmt& q) {
         out[q.getColumn(0).getString()].push_back(
             {q.getColumn(1).getString(), q.getColumn(2).getInt64()});
       });
  return out;
}

std::map<std::string, std::pair<core::Date, core::Date>> WeChatFigureQueries::articleDaysKnown(
    const AccountSet& a, core::Date to) {
  std::map<std::string, std::pair<core::Date, core::Date>> out;
  each(db_, a,
       "SELECT account, min(ref_date), max(ref_date) FROM wechat_days WHERE " + kForAccounts +
           " AND endpoint IN ('getarticletotal', 'getarticletotaldetail') AND state IN ('final', "
           "'delayed') AND ref_date <= ?2 GROUP BY account",
       {to.toString()}, [&](Stmt& q) {
         const auto first = core::Date::parse(q.getColumn(1).getText());
         const auto last = core::Date::parse(q.getColumn(2).getText());
         if (first && last) out[q.getColumn(0).getString()] = {*first, *last};
       });
  return out;
}

std::map<std::string, std::vector<core::Date>> WeChatFigureQueries::postDays(const AccountSet& a,
                                                                             core::Date from,
                                                                             core::Date to) {
  std::map<std::string, std::vector<core::Date>> out;
  each(db_, a,
       "SELECT DISTINCT account, publish_date FROM wechat_articles WHERE " + kForAccounts +
           " AND publish_date BETWEEN ?2 AND ?3 ORDER BY account, publish_date",
       {from.toString(), to.toString()}, [&](Stmt& q) {
         if (auto d = core::Date::parse(q.getColumn(1).getText()))
           out[q.getColumn(0).getString()].push_back(*d);
       });
  return out;
}

std::map<std::string, std::vector<WeChatFigureQueries::DeletedPost>>
WeChatFigureQueries::deletedPosts(const AccountSet& a, core::Date from, core::Date to) {
  std::map<std::string, std::vector<DeletedPost>> out;
  // update_time is UTC: China days of [from, to] are [from 00:00 +08:00, to+1 00:00 +08:00).
  each(db_, a,
       "SELECT account, update_time, coalesce(title, '') FROM wechat_published WHERE " +
           kForAccounts +
           " AND is_deleted = 1 AND update_time >= ?2 AND update_time < ?3 ORDER BY account, "
           "update_time",
       {core::formatUtc(core::instantOf(from, 0, 0, 0, core::kChinaTime)),
        core::formatUtc(core::instantOf(to + 1, 0, 0, 0, core::kChinaTime))},
       [&](Stmt& q) {
         if (auto t = core::parseUtc(q.getColumn(1).getText()))
           out[q.getColumn(0).getString()].push_back(
               {core::dateAt(*t, core::kChinaTime), q.getColumn(2).getString()});
       });
  return out;
}

std::map<std::string, WeChatFigureQueries::PublishList> WeChatFigureQueries::publishLists(
    const AccountSet& a) {
  std::map<std::string, PublishList> out;
  each(db_, a,
       "SELECT account, complete_at, coalesce(refused, '') FROM wechat_publish_lists WHERE " +
           kForAccounts,
       {}, [&](Stmt& q) {
         PublishList& l = out[q.getColumn(0).getString()];
         if (!q.getColumn(1).isNull()) l.complete_at = core::parseUtc(q.getColumn(1).getText());
         l.refused = q.getColumn(2).getString();
       });
  return out;
}

std::map<std::string, std::vector<core::Date>> WeChatFigureQueries::publishedOnlyDays(
    const AccountSet& a, core::Date from, core::Date to) {
  std::map<std::string, std::vector<core::Date>> out;
  // One row per article (article_id, idx), as the datacube counts each msgid; an article whose
  // msgid a datacube row holds is counted there already.
  each(db_, a,
       "SELECT p.account, p.update_time FROM wechat_published p WHERE p." + kForAccounts +
           " AND p.is_deleted = 0 AND p.update_time >= ?2 AND p.update_time < ?3 AND NOT EXISTS "
           "(SELECT 1 FROM wechat_articles w WHERE w.account = p.account AND w.msgid = p.msgid) "
           "ORDER BY p.account, p.update_time",
       {core::formatUtc(core::instantOf(from, 0, 0, 0, core::kChinaTime)),
        core::formatUtc(core::instantOf(to + 1, 0, 0, 0, core::kChinaTime))},
       [&](Stmt& q) {
         if (auto t = core::parseUtc(q.getColumn(1).getText()))
           out[q.getColumn(0).getString()].push_back(core::dateAt(*t, core::kChinaTime));
       });
  return out;
}

std::set<std::string> WeChatFigureQueries::allFinal(const AccountSet& a, core::Date from,
                                                    core::Date to, core::Date new_api_from) {
  // Two counting statements (the legacy and the 2025-11 endpoint sets have their own day
  // ranges): complete when the rows number (endpoints × days) and none is other than final.
  struct Seen {
    int64_t rows = 0, not_final = 0;
  };
  std::map<std::string, Seen> seen;
  int64_t expected = 0;
  const core::Date ranges[2][2] = {{from, std::min(to, new_api_from - 1)},
                                   {std::max(from, new_api_from), to}};
  for (const auto& [lo, hi] : ranges) {
    if (hi < lo) continue;
    const auto endpoints = model::endpointsForDay(lo, new_api_from);
    expected += static_cast<int64_t>(endpoints.size()) * (hi - lo + 1);
    each(db_, a,
         "SELECT account, count(*), sum(state != 'final') FROM wechat_days WHERE " + kForAccounts +
             " AND endpoint IN " + quotedList(endpoints) +
             " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
         {lo.toString(), hi.toString()}, [&](Stmt& q) {
           auto& s = seen[q.getColumn(0).getString()];
           s.rows += q.getColumn(1).getInt64();
           s.not_final += q.getColumn(2).getInt64();
         });
  }
  std::set<std::string> out;
  for (const auto& [id, n] : seen)
    if (n.rows == expected && n.not_final == 0) out.insert(id);
  return out;
}

namespace {
// Counted mentions of [?1, ?2].
constexpr const char* kCounted =
    "same_as IS NULL AND status != 'rejected' AND day BETWEEN ?1 AND ?2";
}  // namespace

std::vector<MediaFigureQueries::TierCount> MediaFigureQueries::byTier(core::Date from,
                                                                      core::Date to) {
  Stmt q(sql(db_), std::string("SELECT tier, count(*), sum(status = 'confirmed') FROM mentions "
                               "WHERE ") +
                       kCounted + " GROUP BY tier");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<TierCount> out;
  while (q.executeStep())
    out.push_back({tierOf(q.getColumn(0)), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
  return out;
}

std::vector<MediaFigureQueries::OutletCount> MediaFigureQueries::byOutlet(core::Date from,
                                                                          core::Date to) {
  Stmt q(sql(db_), std::string("SELECT outlet, tier, count(*) c FROM mentions WHERE ") + kCounted +
                       " GROUP BY outlet, tier ORDER BY c DESC, outlet");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<OutletCount> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), tierOf(q.getColumn(1)), q.getColumn(2).getInt64()});
  return out;
}

std::vector<MediaFigureQueries::MonthTierCount> MediaFigureQueries::mainstreamByMonth(
    core::Date from, core::Date to) {
  Stmt q(sql(db_), std::string("SELECT substr(day, 1, 7) mo, tier, count(*) FROM mentions WHERE ") +
                       kCounted + " AND tier != 'other' GROUP BY mo, tier ORDER BY mo");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<MonthTierCount> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), tierOf(q.getColumn(1)), q.getColumn(2).getInt64()});
  return out;
}

std::vector<MediaFigureQueries::Story> MediaFigureQueries::topStories(core::Date from,
                                                                      core::Date to, int limit) {
  Stmt stories(sql(db_),
               std::string("SELECT coalesce(duplicate_of, id) root, count(DISTINCT outlet) n, "
                           "group_concat(DISTINCT outlet) FROM mentions WHERE ") +
                   kCounted + " GROUP BY root ORDER BY n DESC, root LIMIT ?3");
  stories.bind(1, from.toString());
  stories.bind(2, to.toString());
  stories.bind(3, limit);
  Stmt root(sql(db_), "SELECT title, coalesce(url, ''), day, tier FROM mentions WHERE id = ?");
  std::vector<Story> out;
  while (stories.executeStep()) {
    root.reset();
    root.bind(1, stories.getColumn(0).getInt64());
    if (!root.executeStep()) continue;
    Story s;
    s.title = root.getColumn(0).getString();
    s.url = root.getColumn(1).getString();
    s.day = root.getColumn(2).getString();
    s.tier = tierOf(root.getColumn(3));
    const std::string list = stories.getColumn(2).getString();
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      if (comma > start) s.outlets.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<MediaFigureQueries::OutletCount> MediaFigureQueries::guessedTiers(core::Date from,
                                                                              core::Date to) {
  Stmt q(sql(db_), std::string("SELECT outlet, tier, count(*) c FROM mentions WHERE ") + kCounted +
                       " AND tier_basis IN ('domain_suffix', 'source_suffix') GROUP BY outlet, "
                       "tier ORDER BY c DESC, outlet");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<OutletCount> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), tierOf(q.getColumn(1)), q.getColumn(2).getInt64()});
  return out;
}

std::vector<std::pair<std::string, int64_t>> MediaFigureQueries::aliasUnreviewed(core::Date from,
                                                                                 core::Date to) {
  Stmt q(sql(db_), std::string("SELECT match_rule, count(*) FROM mentions WHERE ") + kCounted +
                       " AND status = 'candidate' AND match_rule IN ('alias', "
                       "'alias_local_outlet', 'alias_place_in_text') GROUP BY match_rule ORDER "
                       "BY match_rule");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<std::pair<std::string, int64_t>> out;
  while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
  return out;
}

bool MediaFigureQueries::anyData(core::Date from, core::Date to) {
  // Index range lookups on UTC instants, never a scan of every item.
  Stmt q(sql(db_),
         "SELECT EXISTS (SELECT 1 FROM mentions WHERE day BETWEEN ?1 AND ?2) OR EXISTS (SELECT 1 "
         "FROM feed_items WHERE published >= ?3 AND published < ?4) OR EXISTS (SELECT 1 FROM "
         "feed_items WHERE first_seen >= ?3 AND first_seen < ?4 AND published IS NULL)");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  q.bind(3, core::formatUtc(core::instantOf(from, 0, 0, 0, core::kChinaTime)));
  q.bind(4, core::formatUtc(core::instantOf(to + 1, 0, 0, 0, core::kChinaTime)));
  return q.executeStep() && q.getColumn(0).getInt64() != 0;
}

bool MediaFigureQueries::anyManual(core::Date from, core::Date to) {
  Stmt q(sql(db_),
         "SELECT EXISTS (SELECT 1 FROM mentions WHERE origin = 'manual' AND day BETWEEN ?1 AND "
         "?2)");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  return q.executeStep() && q.getColumn(0).getInt64() != 0;
}

std::optional<core::Date> MediaFigureQueries::feedsCollectedSince() {
  Stmt q(sql(db_),
         "SELECT date((SELECT first_seen FROM feed_items ORDER BY first_seen LIMIT 1), '+8 "
         "hours')");
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return core::Date::parse(q.getColumn(0).getText());
}

}  // namespace pubtrack::store
