// SPDX-License-Identifier: Apache-2.0
// The figures, in SQL. Definitions (README "What each figure means"):
// articles = distinct msgid published in the period; page_views = Σ daily page views of the
// getuserread 99999999 row; read_users = Σ daily read users (legacy 99999999 row before
// new_api_from, getbizsummary from it); followers_start = cumulate of the day before the period;
// followers_end = cumulate of its last day; followers_net = Σ new − Σ cancel. Mentions count once
// per outlet report (same_as IS NULL), rejected ones never.
#include "reports/annual_figures.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <set>

#include "collectors/wechat/date_plan.h"
#include "core/strings.h"
#include "store/runs_repo.h"
#include "store/wechat_repo.h"

namespace pubtrack::reports {

namespace {

using Stmt = SQLite::Statement;

std::optional<int64_t> optInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

int64_t scalar(Stmt& q) {
  if (!q.executeStep()) return 0;
  return q.getColumn(0).isNull() ? 0 : q.getColumn(0).getInt64();
}

struct Span {
  std::string from, to;
};

// Every WeChat figure is one statement for all accounts of the report (GROUP BY account), the
// account ids bound as one JSON array: a report over 100 accounts runs the same dozen queries as
// one over a single account.
constexpr const char* kForAccounts = "account IN (SELECT value FROM json_each(?1))";

std::string accountIds(const std::vector<WeChatFigures*>& ws) {
  std::vector<std::string> ids;
  ids.reserve(ws.size());
  for (const auto* w : ws) ids.push_back(core::jsonString(w->id));
  return "[" + core::join(ids, ",") + "]";
}

class AccountQuery {
 public:
  AccountQuery(SQLite::Database& db, std::vector<WeChatFigures*> accounts)
      : db_(db), accounts_(std::move(accounts)), ids_(accountIds(accounts_)) {
    for (auto* w : accounts_) byId_[w->id] = w;
  }
  const std::vector<WeChatFigures*>& accounts() const { return accounts_; }
  bool empty() const { return accounts_.empty(); }
  // A sub-set of the accounts (those `keep` accepts), for figures whose query differs by account.
  template <class Pred>
  AccountQuery only(Pred keep) const {
    std::vector<WeChatFigures*> subset;
    for (auto* w : accounts_)
      if (keep(*w)) subset.push_back(w);
    return AccountQuery(db_, std::move(subset));
  }
  // Runs `sql` (?1 = the account ids, ?2... = `args`); `row(figures, statement)` per result row
  // whose first column is one of the accounts.
  template <class Row>
  void each(const std::string& sql, std::initializer_list<std::string> args, Row row) const {
    if (accounts_.empty()) return;
    Stmt q(db_, sql);
    q.bind(1, ids_);
    int i = 2;
    for (const auto& a : args) q.bind(i++, a);
    while (q.executeStep()) {
      auto it = byId_.find(q.getColumn(0).getString());
      if (it != byId_.end()) row(*it->second, q);
    }
  }

  // The same with one execution per account (?1 = its id), for ranked lists: LIMIT on each
  // account's index range beats a window function over every account's rows.
  template <class Row>
  void eachAlone(const std::string& sql, std::initializer_list<std::string> args, Row row) const {
    if (accounts_.empty()) return;
    Stmt q(db_, sql);
    int i = 2;
    for (const auto& a : args) q.bind(i++, a);
    for (auto* w : accounts_) {
      q.reset();
      q.bind(1, w->id);
      while (q.executeStep()) row(*w, q);
    }
  }

 private:
  SQLite::Database& db_;
  std::vector<WeChatFigures*> accounts_;
  std::string ids_;
  std::map<std::string, WeChatFigures*> byId_;
};

std::string sqlList(const std::vector<std::string>& words) {
  std::vector<std::string> quoted;
  for (const auto& w : words) quoted.push_back("'" + w + "'");
  return "(" + core::join(quoted, ", ") + ")";
}

// `light`: only what the 同比 comparison needs (no top articles, no monthly series).
void accountFigures(const AccountQuery& all, const Span& p, core::Date newApiFrom,
                    core::Date latest, bool light) {
  if (all.empty()) return;
  const std::string split = newApiFrom.toString();
  const auto from = *core::Date::parse(p.from), to = *core::Date::parse(p.to);
  const std::string lastDay = std::min(to, latest).toString();
  const std::string dayBefore = (from - 1).toString();
  const std::string legacyTo = std::min(p.to, (newApiFrom - 1).toString());
  const std::string newFrom = std::max(p.from, split);
  const std::string in = kForAccounts;
  for (auto* w : all.accounts()) w->days_in_period = to - from + 1;

  all.each("SELECT account, count(*) FROM wechat_user_cumulate WHERE " + in +
               " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
           {p.from, p.to},
           [](WeChatFigures& w, Stmt& q) { w.days_with_data = q.getColumn(1).getInt64(); });

  // Article endpoints answered for some day of the period: the article count is known.
  all.each("SELECT DISTINCT account FROM wechat_days WHERE " + in +
               " AND endpoint IN ('getarticletotal', 'getarticletotaldetail') AND ref_date "
               "BETWEEN ?2 AND ?3 AND state IN ('final', 'delayed')",
           {p.from, p.to}, [&](WeChatFigures& w, Stmt&) {
             w.articles = w.articles_notified = 0;
             // Non-notified articles are only visible to the 2025-11 endpoints.
             if (p.to >= split) w.articles_silent = 0;
           });
  // (account, msgid) is the key: count(*) counts distinct articles.
  all.each(
      "SELECT account, count(*), sum(publish_type = 0), sum(publish_type = 1) FROM "
      "wechat_articles WHERE " +
          in + " AND publish_date BETWEEN ?2 AND ?3 GROUP BY account",
      {p.from, p.to}, [](WeChatFigures& w, Stmt& q) {
        if (!w.articles) return;
        w.articles = q.getColumn(1).getInt64();
        w.articles_notified = optInt(q.getColumn(2)).value_or(0);
        if (w.articles_silent) w.articles_silent = optInt(q.getColumn(3)).value_or(0);
      });

  // Page views: legacy days only; read users: legacy days, then getbizsummary.
  std::map<const WeChatFigures*, int64_t> legacyUsers, bizUsers;
  all.each(
      "SELECT account, sum(int_page_read_count), sum(int_page_read_user) FROM "
      "wechat_user_read WHERE " +
          in + " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
      {p.from, legacyTo}, [&](WeChatFigures& w, Stmt& q) {
        w.page_views = q.getColumn(1).getInt64();
        legacyUsers[&w] = q.getColumn(2).getInt64();
      });
  all.each("SELECT account, sum(read_user) FROM wechat_biz_daily WHERE " + in +
               " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
           {newFrom, p.to},
           [&](WeChatFigures& w, Stmt& q) { bizUsers[&w] = q.getColumn(1).getInt64(); });
  // Page views only where the whole period is before the 2025-11 switch.
  const bool allLegacy = p.to < split;
  for (auto* w : all.accounts()) {
    auto l = legacyUsers.find(w), b = bizUsers.find(w);
    if (l != legacyUsers.end() || b != bizUsers.end())
      w->read_users =
          (l != legacyUsers.end() ? l->second : 0) + (b != bizUsers.end() ? b->second : 0);
    if (allLegacy && w->page_views) {
      w->reads = w->page_views;
      w->reads_metric = "page_views";
    } else if (w->read_users) {
      w->reads = w->read_users;
      w->reads_metric = "read_users";
    }
  }

  // Followers: the day before the period, its last day, and Σ new − Σ cancel.
  all.each("SELECT account, ref_date, cumulate_user FROM wechat_user_cumulate WHERE " + in +
               " AND ref_date IN (?2, ?3)",
           {dayBefore, lastDay}, [&](WeChatFigures& w, Stmt& q) {
             const std::string day = q.getColumn(1).getString();
             if (day == dayBefore) w.followers_start = q.getColumn(2).getInt64();
             if (day == lastDay) w.followers_end = q.getColumn(2).getInt64();
           });
  all.each("SELECT account, sum(new_user), sum(cancel_user) FROM wechat_user_summary WHERE " + in +
               " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
           {p.from, p.to}, [](WeChatFigures& w, Stmt& q) {
             w.followers_new = q.getColumn(1).getInt64();
             w.followers_cancel = q.getColumn(2).getInt64();
             w.followers_net = *w.followers_new - *w.followers_cancel;
           });
  for (auto* w : all.accounts())
    if (!w->followers_net && w->days_with_data > 0)
      w->followers_new = w->followers_cancel = w->followers_net = 0;

  if (light) return;
  // Top articles by the account's reads metric (latest cumulative snapshot, kept on the article
  // row): ranked on the covering index, titles read for the ten winners only.
  for (const bool byViews : {true, false}) {
    const std::string r = byViews ? "coalesce(read_count_max, read_user_max)" : "read_user_max";
    all.only([&](const WeChatFigures& w) { return (w.reads_metric == "page_views") == byViews; })
        .eachAlone(
            "SELECT t.msgid, coalesce(a.title, ''), coalesce(a.url, ''), t.publish_date, "
            "t.r FROM (SELECT msgid, publish_date, " +
                r +
                " r FROM wechat_articles WHERE account = ?1 AND publish_date BETWEEN ?2 "
                "AND ?3 AND read_user_max IS NOT NULL ORDER BY r DESC, publish_date, msgid "
                "LIMIT 10) t JOIN wechat_articles a ON a.account = ?1 AND a.msgid = "
                "t.msgid ORDER BY t.r DESC, t.publish_date, t.msgid",
            {p.from, p.to}, [](WeChatFigures& w, Stmt& q) {
              w.top_articles.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                                        q.getColumn(2).getString(), q.getColumn(3).getString(),
                                        q.getColumn(4).getInt64()});
            });
  }

  // By month.
  all.only([](const WeChatFigures& w) { return w.articles.has_value(); })
      .each(
          "SELECT account, substr(publish_date, 1, 7) m, count(*) FROM wechat_articles WHERE " +
              in + " AND publish_date BETWEEN ?2 AND ?3 GROUP BY account, m ORDER BY account, m",
          {p.from, p.to}, [](WeChatFigures& w, Stmt& q) {
            w.articles_by_month.push_back({q.getColumn(1).getString(), q.getColumn(2).getInt64()});
          });
  auto addReads = [](WeChatFigures& w, Stmt& q) {
    w.reads_by_month.push_back({q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  };
  all.only([](const WeChatFigures& w) { return w.reads && w.reads_metric == "page_views"; })
      .each(
          "SELECT account, substr(ref_date, 1, 7) m, sum(int_page_read_count) FROM "
          "wechat_user_read WHERE " +
              in +
              " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 GROUP BY "
              "account, m ORDER BY account, m",
          {p.from, p.to}, addReads);
  all.only([](const WeChatFigures& w) { return w.reads && w.reads_metric != "page_views"; })
      .each(
          "SELECT account, m, sum(v) FROM (SELECT account, substr(ref_date, 1, 7) m, "
          "int_page_read_user v FROM wechat_user_read WHERE " +
              in +
              " AND user_source = 99999999 AND ref_date BETWEEN ?2 AND ?3 AND ref_date < "
              "?4 UNION ALL SELECT account, substr(ref_date, 1, 7), read_user FROM "
              "wechat_biz_daily WHERE " +
              in +
              " AND ref_date BETWEEN ?2 AND ?3 AND ref_date >= ?4) GROUP BY account, m "
              "ORDER BY account, m",
          {p.from, p.to, split}, addReads);
  // SQLite takes the bare column from the row holding max(): the month's last day.
  all.each(
      "SELECT account, substr(ref_date, 1, 7) m, cumulate_user, max(ref_date) FROM "
      "wechat_user_cumulate WHERE " +
          in + " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account, m ORDER BY account, m",
      {p.from, p.to}, [](WeChatFigures& w, Stmt& q) {
        w.followers_by_month.push_back({q.getColumn(1).getString(), q.getColumn(2).getInt64()});
      });
}

void addOpt(std::optional<int64_t>& total, const std::optional<int64_t>& v) {
  if (v) total = total.value_or(0) + *v;
}

void mergeMonths(std::vector<MonthValue>& into, const std::vector<MonthValue>& from) {
  std::map<std::string, int64_t> m;
  for (const auto& v : into) m[v.month] += v.value;
  for (const auto& v : from) m[v.month] += v.value;
  into.clear();
  for (const auto& [k, v] : m) into.push_back({k, v});
}

WeChatFigures totals(const std::vector<WeChatFigures>& accounts) {
  WeChatFigures t;
  t.name = "";
  bool allViews = !accounts.empty();
  for (const auto& a : accounts) {
    addOpt(t.articles, a.articles);
    addOpt(t.articles_notified, a.articles_notified);
    addOpt(t.articles_silent, a.articles_silent);
    addOpt(t.page_views, a.page_views);
    addOpt(t.read_users, a.read_users);
    addOpt(t.followers_start, a.followers_start);
    addOpt(t.followers_end, a.followers_end);
    addOpt(t.followers_net, a.followers_net);
    addOpt(t.followers_new, a.followers_new);
    addOpt(t.followers_cancel, a.followers_cancel);
    // An account without any reads data (not collected yet) does not decide the metric.
    if (a.reads) allViews = allViews && a.reads_metric == "page_views";
    t.top_articles.insert(t.top_articles.end(), a.top_articles.begin(), a.top_articles.end());
    mergeMonths(t.articles_by_month, a.articles_by_month);
    mergeMonths(t.reads_by_month, a.reads_by_month);
    mergeMonths(t.followers_by_month, a.followers_by_month);
    t.days_with_data = std::max(t.days_with_data, a.days_with_data);
    t.days_in_period = std::max(t.days_in_period, a.days_in_period);
  }
  if (allViews && t.page_views) {
    t.reads = t.page_views;
    t.reads_metric = "page_views";
  } else if (t.read_users) {
    t.reads = t.read_users;
    t.reads_metric = "read_users";
  }
  std::stable_sort(t.top_articles.begin(), t.top_articles.end(),
                   [](const TopArticle& x, const TopArticle& y) { return x.reads > y.reads; });
  if (t.top_articles.size() > 10) t.top_articles.resize(10);
  return t;
}

MediaFigures mediaFigures(SQLite::Database& db, const Span& p, bool light) {
  MediaFigures m;
  const char* counted = "same_as IS NULL AND status != 'rejected' AND day BETWEEN ?1 AND ?2";
  Stmt tiers(db, std::string("SELECT tier, count(*), sum(status = 'confirmed') FROM mentions "
                             "WHERE ") +
                     counted + " GROUP BY tier");
  tiers.bind(1, p.from);
  tiers.bind(2, p.to);
  while (tiers.executeStep()) {
    const std::string tier = tiers.getColumn(0).getString();
    const int64_t n = tiers.getColumn(1).getInt64();
    (tier == "central"      ? m.central
     : tier == "provincial" ? m.provincial
     : tier == "municipal"  ? m.municipal
                            : m.other) += n;
    m.confirmed += tiers.getColumn(2).getInt64();
  }
  m.mainstream = m.central + m.provincial + m.municipal;
  m.candidates = m.mainstream + m.other - m.confirmed;
  if (!light) {
    Stmt outlets(db, std::string("SELECT outlet, tier, count(*) c FROM mentions WHERE ") + counted +
                         " GROUP BY outlet, tier ORDER BY c DESC, outlet");
    outlets.bind(1, p.from);
    outlets.bind(2, p.to);
    while (outlets.executeStep())
      m.by_outlet.push_back({outlets.getColumn(0).getString(), outlets.getColumn(1).getString(),
                             outlets.getColumn(2).getInt64()});
    Stmt months(db,
                std::string("SELECT substr(day, 1, 7) mo, tier, count(*) FROM mentions WHERE ") +
                    counted + " AND tier != 'other' GROUP BY mo, tier ORDER BY mo");
    months.bind(1, p.from);
    months.bind(2, p.to);
    std::map<std::string, std::map<std::string, int64_t>> byMonth;
    while (months.executeStep())
      byMonth[months.getColumn(0).getString()][months.getColumn(1).getString()] =
          months.getColumn(2).getInt64();
    for (const auto& [mo, tiersOf] : byMonth) {
      int64_t total = 0;
      for (const auto& [t, n] : tiersOf) total += n;
      m.by_month.push_back({mo, total});
      auto get = [&](const char* t) {
        auto it = tiersOf.find(t);
        return it == tiersOf.end() ? int64_t{0} : it->second;
      };
      m.by_month_central.push_back({mo, get("central")});
      m.by_month_provincial.push_back({mo, get("provincial")});
      m.by_month_municipal.push_back({mo, get("municipal")});
    }
    Stmt stories(db,
                 std::string("SELECT coalesce(duplicate_of, id) root, count(DISTINCT outlet) n, "
                             "group_concat(DISTINCT outlet) FROM mentions WHERE ") +
                     counted + " GROUP BY root ORDER BY n DESC, root LIMIT 10");
    stories.bind(1, p.from);
    stories.bind(2, p.to);
    Stmt root(db, "SELECT title, coalesce(url, ''), day, tier FROM mentions WHERE id = ?");
    while (stories.executeStep()) {
      Story s;
      root.reset();
      root.bind(1, stories.getColumn(0).getInt64());
      if (!root.executeStep()) continue;
      s.title = root.getColumn(0).getString();
      s.url = root.getColumn(1).getString();
      s.day = root.getColumn(2).getString();
      s.tier = root.getColumn(3).getString();
      const std::string list = stories.getColumn(2).getString();
      size_t start = 0;
      while (start <= list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) s.outlets.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
      m.top_stories.push_back(std::move(s));
    }
  }
  // Any mention, or any item published (or, undated, first seen) in the period: index range
  // lookups on UTC instants, never a scan of every item.
  const auto from = *core::Date::parse(p.from), to = *core::Date::parse(p.to);
  const std::string lo = core::formatUtc(core::instantOf(from, 0, 0, 0, core::kChinaTime));
  const std::string hi = core::formatUtc(core::instantOf(to + 1, 0, 0, 0, core::kChinaTime));
  Stmt any(db,
           "SELECT EXISTS (SELECT 1 FROM mentions WHERE day BETWEEN ?1 AND ?2) OR EXISTS (SELECT "
           "1 FROM feed_items WHERE published >= ?3 AND published < ?4) OR EXISTS (SELECT 1 FROM "
           "feed_items WHERE first_seen >= ?3 AND first_seen < ?4 AND published IS NULL)");
  any.bind(1, p.from);
  any.bind(2, p.to);
  any.bind(3, lo);
  any.bind(4, hi);
  m.has_data = scalar(any) > 0;
  return m;
}

std::vector<LedgerFigure> outreachFigures(SQLite::Database& db, const config::Settings& s,
                                          const Span& p) {
  std::vector<LedgerFigure> out;
  Stmt q(db,
         "SELECT kind, coalesce(role, ''), sum(count) FROM ledger WHERE date BETWEEN ? AND ? "
         "GROUP BY kind, role");
  q.bind(1, p.from);
  q.bind(2, p.to);
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> rows;
  while (q.executeStep())
    rows[q.getColumn(0).getString()].emplace_back(q.getColumn(1).getString(),
                                                  q.getColumn(2).getInt64());
  static const std::vector<std::string> kRoleOrder = {"承办", "主办", "会办",
                                                      "协办", "分办", "汇办"};
  for (const auto& k : s.ledger_kinds) {
    auto it = rows.find(k.id);
    if (it == rows.end()) continue;
    LedgerFigure f{k.id, k.name_zh, k.name_en, k.unit_zh, 0, {}, 0};
    for (const auto& [role, n] : it->second) {
      f.count += n;
      if (!role.empty()) {
        f.roles.push_back({role, n});
        f.roles_total += n;
      }
    }
    std::sort(f.roles.begin(), f.roles.end(), [](const LedgerRole& a, const LedgerRole& b) {
      auto ia = std::find(kRoleOrder.begin(), kRoleOrder.end(), a.role);
      auto ib = std::find(kRoleOrder.begin(), kRoleOrder.end(), b.role);
      return ia < ib;
    });
    out.push_back(std::move(f));
  }
  // Records of kinds no longer configured still count, under their id.
  for (const auto& [kind, list] : rows) {
    if (s.ledgerKind(kind)) continue;
    LedgerFigure f{kind, kind, kind, "件", 0, {}, 0};
    for (const auto& [role, n] : list) {
      f.count += n;
      if (!role.empty()) f.roles.push_back({role, n}), f.roles_total += n;
    }
    out.push_back(std::move(f));
  }
  return out;
}

void followersCheck(const WeChatFigures& w, std::vector<Check>& checks) {
  const std::string src = "account." + w.id;
  if (w.followers_start && w.followers_end && w.followers_net &&
      *w.followers_end - *w.followers_start != *w.followers_net)
    checks.push_back({"followers_mismatch", src,
                      "followers_end − followers_start = " +
                          std::to_string(*w.followers_end - *w.followers_start) +
                          " but Σ new − Σ cancel = " + std::to_string(*w.followers_net),
                      "期末关注人数减期初关注人数（" +
                          std::to_string(*w.followers_end - *w.followers_start) +
                          "）与净增关注人数（" + std::to_string(*w.followers_net) + "）不一致"});
}

// The accounts whose every (endpoint, day) of the period up to `to` is stored as final: nothing
// to list for them, so the day-by-day walk of wechatChecks is skipped. Two counting queries for
// all accounts (the legacy and the 2025-11 endpoint sets have their own day ranges).
std::set<const WeChatFigures*> completeAccounts(const AccountQuery& all, core::Date from,
                                                core::Date to, core::Date newApiFrom) {
  struct Seen {
    int64_t rows = 0, not_final = 0;
  };
  std::map<const WeChatFigures*, Seen> seen;
  int64_t expected = 0;
  const core::Date ranges[2][2] = {{from, std::min(to, newApiFrom - 1)},
                                   {std::max(from, newApiFrom), to}};
  for (const auto& [lo, hi] : ranges) {
    if (hi < lo) continue;
    const auto endpoints = store::endpointsForDay(lo, newApiFrom);
    expected += static_cast<int64_t>(endpoints.size()) * (hi - lo + 1);
    all.each(
        std::string("SELECT account, count(*), sum(state != 'final') FROM wechat_days WHERE ") +
            kForAccounts + " AND endpoint IN " + sqlList(endpoints) +
            " AND ref_date BETWEEN ?2 AND ?3 GROUP BY account",
        {lo.toString(), hi.toString()}, [&](WeChatFigures& w, Stmt& q) {
          seen[&w].rows += q.getColumn(1).getInt64();
          seen[&w].not_final += q.getColumn(2).getInt64();
        });
  }
  std::set<const WeChatFigures*> complete;
  for (const auto& [w, n] : seen)
    if (n.rows == expected && n.not_final == 0) complete.insert(w);
  return complete;
}

void wechatChecks(SQLite::Database& db, const config::Settings& s, const WeChatFigures& w,
                  const Span& p, core::Date latest, bool complete, std::vector<Check>& checks) {
  const std::string src = "account." + w.id;
  const auto from = *core::Date::parse(p.from);
  const auto to = std::min(*core::Date::parse(p.to), latest);
  if (to < from) return;
  if (complete) {
    followersCheck(w, checks);
    return;
  }
  Stmt q(db,
         "SELECT ref_date, endpoint, state FROM wechat_days WHERE account = ? AND ref_date "
         "BETWEEN ? AND ?");
  q.bind(1, w.id);
  q.bind(2, p.from);
  q.bind(3, to.toString());
  std::map<std::string, std::map<std::string, std::string>> byDay;
  while (q.executeStep())
    byDay[q.getColumn(0).getString()][q.getColumn(1).getString()] = q.getColumn(2).getString();
  std::vector<std::string> missing, delayed, unavailable;
  for (core::Date d = from; d <= to; ++d) {
    const auto& have = byDay[d.toString()];
    bool isMissing = false, isDelayed = false, isUnavailable = false;
    for (const auto& e : store::endpointsForDay(d, s.wechat.new_api_from)) {
      auto it = have.find(e);
      if (it == have.end() || it->second == "empty" || it->second == "not_ready")
        isMissing = true;
      else if (it->second == "delayed")
        isDelayed = true;
      else if (it->second == "unavailable")
        isUnavailable = true;
    }
    if (isMissing) missing.push_back(d.toString());
    if (isDelayed) delayed.push_back(d.toString());
    if (isUnavailable) unavailable.push_back(d.toString());
  }
  auto list = [](const std::vector<std::string>& days) {
    std::string text;
    for (size_t i = 0; i < days.size() && i < 5; ++i) text += (i ? ", " : "") + days[i];
    if (days.size() > 5) text += " ...";
    return text;
  };
  if (!missing.empty())
    checks.push_back(
        {"wechat_days_missing", src,
         std::to_string(missing.size()) +
             " day(s) of the period have no complete "
             "WeChat data yet: " +
             list(missing),
         "有" + std::to_string(missing.size()) + "天的微信数据尚未采集完整：" + list(missing)});
  if (!delayed.empty())
    checks.push_back({"wechat_delayed", src,
                      std::to_string(delayed.size()) +
                          " day(s) are still marked is_delay by "
                          "WeChat (figures may still change): " +
                          list(delayed),
                      std::to_string(delayed.size()) + "天的微信数据仍为延迟数据（可能变动）：" +
                          list(delayed)});
  if (!unavailable.empty())
    checks.push_back(
        {"wechat_unavailable", src,
         std::to_string(unavailable.size()) +
             " day(s) WeChat refused with 61501 (no data for that day): " + list(unavailable),
         std::to_string(unavailable.size()) + "天微信接口无数据（61501）：" + list(unavailable)});
  followersCheck(w, checks);
}

Figures compute(store::Database& db, const config::Settings& s, const FigureRequest& r,
                core::TimePoint now, bool withChecks) {
  Figures f;
  f.agency = s.report.agency;
  f.period.from = r.from.toString();
  f.period.to = r.to.toString();
  f.period.year = r.year;
  f.generated_at = core::formatUtc(now);
  const Span span{f.period.from, f.period.to};
  const core::Date latest = wechat::latestCollectableDay(now);
  auto& sql = db.sql();
  for (const auto& a : s.accounts) {
    if (!r.accounts.empty() &&
        std::find(r.accounts.begin(), r.accounts.end(), a.id) == r.accounts.end())
      continue;
    WeChatFigures w;
    w.id = a.id;
    w.name = a.name;
    f.accounts.push_back(std::move(w));
  }
  std::vector<WeChatFigures*> accounts;
  for (auto& w : f.accounts) accounts.push_back(&w);
  const AccountQuery all(sql, accounts);
  accountFigures(all, span, s.wechat.new_api_from, latest, !withChecks);
  f.wechat_totals = totals(f.accounts);
  f.media = mediaFigures(sql, span, !withChecks);
  f.outreach = outreachFigures(sql, s, span);
  if (!withChecks) return f;
  const auto complete =
      completeAccounts(all, r.from, std::min(r.to, latest), s.wechat.new_api_from);
  for (const auto& w : f.accounts)
    wechatChecks(sql, s, w, span, latest, complete.count(&w) > 0, f.checks);
  store::RunsRepo runs(db);
  for (const auto& a : s.accounts) {
    auto h = runs.health("account." + a.id);
    if (h && h->last_status == "failed")
      f.checks.push_back({"collection_failed", "account." + a.id,
                          "the last collection failed: " + h->last_error,
                          "最近一次采集失败：" + h->last_error});
  }
  for (const auto& feed : s.feeds) {
    auto h = runs.health("feed." + feed.id);
    if (h && h->last_status == "failed")
      f.checks.push_back({"collection_failed", "feed." + feed.id,
                          "the last fetch failed: " + h->last_error,
                          "最近一次抓取失败：" + h->last_error});
  }
  for (const auto& o : f.outreach)
    if (!o.roles.empty() && o.roles_total != o.count)
      f.checks.push_back({"ledger_breakdown", "ledger." + o.kind,
                          o.kind + ": the breakdown by role adds up to " +
                              std::to_string(o.roles_total) + " but the total is " +
                              std::to_string(o.count),
                          o.name_zh + "分类合计" + std::to_string(o.roles_total) + "件，与总数" +
                              std::to_string(o.count) + "件不一致"});
  if (f.media.has_data) {
    Stmt first(
        sql,
        "SELECT date((SELECT first_seen FROM feed_items ORDER BY first_seen LIMIT 1), '+8 hours')");
    if (first.executeStep() && !first.getColumn(0).isNull()) {
      const std::string since = first.getColumn(0).getString();
      if (since > f.period.from)
        f.checks.push_back(
            {"media_partial", "feeds",
             "feeds have been collected since " + since +
                 ": reports from before then count only if they were still in the feeds (add "
                 "missing ones with `pubtrack mentions import`)",
             "新闻源自" + since +
                 "起采集，此前的报道仅计入采集时仍在新闻源中的部分，"
                 "缺漏可用 mentions import 补录"});
    }
  }
  if (f.media.candidates > 0)
    f.checks.push_back({"mentions_unreviewed", "mentions",
                        std::to_string(f.media.candidates) +
                            " counted mention(s) are still awaiting review (pubtrack mentions "
                            "list --status candidate)",
                        "有" + std::to_string(f.media.candidates) + "篇媒体报道尚未人工确认"});
  return f;
}

// Feeds were being collected during the period (first collection on or before its last day),
// or mentions were recorded by hand for it.
bool mediaWatched(SQLite::Database& db, const Period& p) {
  Stmt q(db,
         "SELECT EXISTS (SELECT 1 FROM mentions WHERE origin = 'manual' AND day BETWEEN ?1 AND "
         "?2) OR coalesce(date((SELECT first_seen FROM feed_items ORDER BY first_seen LIMIT 1), "
         "'+8 hours') <= ?2, 0)");
  q.bind(1, p.from);
  q.bind(2, p.to);
  return scalar(q) != 0;
}

void addChange(Figures& f, const std::string& key, std::optional<int64_t> cur,
               std::optional<int64_t> prev) {
  if (!cur || !prev) return;
  Change c{key, *cur, *prev, *cur - *prev, std::nullopt};
  if (*prev != 0)
    c.percent = static_cast<double>(*cur - *prev) * 100.0 / static_cast<double>(*prev);
  f.changes.push_back(c);
}

}  // namespace

Figures computeFigures(store::Database& db, const config::Settings& settings,
                       const FigureRequest& request, core::TimePoint now) {
  Figures f = compute(db, settings, request, now, true);
  if (!request.with_previous) return f;
  FigureRequest prev = request;
  if (request.year) {
    prev.year = *request.year - 1;
    prev.from = *core::Date::fromYmd(*prev.year, 1, 1);
    prev.to = *core::Date::fromYmd(*prev.year, 12, 31);
  } else {
    const int len = request.to - request.from + 1;
    prev.to = request.from - 1;
    prev.from = prev.to - (len - 1);
  }
  Figures p = compute(db, settings, prev, now, false);
  // Compare only with a previous period that was really collected: WeChat data for nearly every
  // day, and feeds watched during it (or mentions recorded by hand for it).
  const bool wechatData =
      p.wechat_totals.days_in_period > 0 &&
      p.wechat_totals.days_with_data * 100 >= p.wechat_totals.days_in_period * 95;
  const bool mediaData = p.media.has_data && mediaWatched(db.sql(), p.period);
  if (!wechatData && !mediaData && p.outreach.empty()) return f;
  f.previous_period = p.period;
  if (wechatData) {
    addChange(f, "wechat.articles", f.wechat_totals.articles, p.wechat_totals.articles);
    if (f.wechat_totals.reads_metric == p.wechat_totals.reads_metric)
      addChange(f, "wechat.reads", f.wechat_totals.reads, p.wechat_totals.reads);
    addChange(f, "wechat.followers_end", f.wechat_totals.followers_end,
              p.wechat_totals.followers_end);
    addChange(f, "wechat.followers_net", f.wechat_totals.followers_net,
              p.wechat_totals.followers_net);
  }
  if (mediaData) addChange(f, "media.mainstream", f.media.mainstream, p.media.mainstream);
  for (const auto& o : f.outreach)
    for (const auto& po : p.outreach)
      if (po.kind == o.kind) addChange(f, "outreach." + o.kind, o.count, po.count);
  return f;
}

}  // namespace pubtrack::reports
