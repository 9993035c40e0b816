// SPDX-License-Identifier: Apache-2.0
// The figures, from the store's figure queries (store/figure_queries.h). Definitions (README
// "What each figure means"): articles = distinct msgid published in the period; page_views = Σ
// daily page views of the getuserread 99999999 row; read_users = Σ daily read users (legacy
// 99999999 row before new_api_from, getbizsummary from it); followers_start = cumulate of the day
// before the period; followers_end = cumulate of its last day; followers_net = Σ new − Σ cancel.
// Mentions count once per outlet report (same_as IS NULL), rejected ones never.
#include "reports/annual_figures.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/strings.h"
#include "model/wechat_calendar.h"
#include "model/wechat_days.h"
#include "reports/inspection.h"
#include "reports/labels.h"
#include "store/figure_queries.h"
#include "store/ledger_repo.h"
#include "store/registers_repo.h"
#include "store/runs_repo.h"
#include "store/wechat_repo.h"

namespace pubtrack::reports {

namespace {

using Queries = store::WeChatFigureQueries;

struct Span {
  core::Date from, to;  // inclusive
};

std::vector<MonthValue> monthValues(const std::vector<store::MonthTotal>& rows) {
  std::vector<MonthValue> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.month, r.value});
  return out;
}

// The accounts of `all` that `keep` accepts, as a query's account set.
template <class Pred>
store::AccountSet accountsWhere(const std::vector<WeChatFigures*>& all, Pred keep) {
  std::vector<std::string> ids;
  for (const auto* w : all)
    if (keep(*w)) ids.push_back(w->id);
  return store::AccountSet(std::move(ids));
}

// Calls `fn(figures, value)` for each account of `all` that has an entry in `rows`.
template <class Rows, class Fn>
void forEach(const std::vector<WeChatFigures*>& all, const Rows& rows, Fn fn) {
  for (auto* w : all) {
    auto it = rows.find(w->id);
    if (it != rows.end()) fn(*w, it->second);
  }
}

void mergeMonths(std::vector<MonthValue>& into, const std::vector<MonthValue>& from) {
  std::map<std::string, int64_t> m;
  for (const auto& v : into) m[v.month] += v.value;
  for (const auto& v : from) m[v.month] += v.value;
  into.clear();
  for (const auto& [k, v] : m) into.push_back({k, v});
}

// Posts published without notification (发表) on the days before new_api_from: the statistics
// endpoints of those days see mass-sent articles only. freepublish lists the others; they are
// added to an account's count only when its list was read whole after those days, and the
// account's articles_basis says which way it was counted. Returns the days of the posts added.
std::map<WeChatFigures*, std::vector<core::Date>> publishedWithoutNotification(
    Queries& q, const std::vector<WeChatFigures*>& all, const store::AccountSet& every,
    const Span& p, core::Date newApiFrom, core::Date latest) {
  std::map<WeChatFigures*, std::vector<core::Date>> added;
  if (p.from >= newApiFrom) {
    for (auto* w : all)
      if (w->articles) w->articles_basis = "datacube";
    return added;
  }
  const core::Date legacyTo = std::min(p.to, newApiFrom - 1);
  // A list read after the last day there can be data for covers the period so far.
  const auto needed = core::instantOf(std::min(legacyTo, latest) + 1, 0, 0, 0, core::kChinaTime);
  const auto lists = q.publishLists(every);
  auto posts = q.publishedOnlyDays(every, p.from, legacyTo);
  for (auto* w : all) {
    if (!w->articles && !w->articles_notified) continue;
    const auto l = lists.find(w->id);
    if (l == lists.end() || !l->second.complete_at || *l->second.complete_at < needed) {
      w->articles_basis = "mass_sent_only";
      w->articles_basis_why = l == lists.end()             ? "never"
                              : !l->second.refused.empty() ? "refused"
                                                           : "incomplete";
      if (l != lists.end()) w->articles_basis_refusal = l->second.refused;
      continue;
    }
    w->articles_basis = "datacube+freepublish";
    auto d = posts.find(w->id);
    const auto n = d == posts.end() ? int64_t{0} : static_cast<int64_t>(d->second.size());
    w->articles_silent = w->articles_silent.value_or(0) + n;
    *w->articles += n;
    if (d != posts.end()) added[w] = std::move(d->second);
  }
  return added;
}

// `light`: only what the 同比 comparison needs (no top articles, no monthly series).
void accountFigures(Queries& q, const std::vector<WeChatFigures*>& all, const Span& p,
                    core::Date newApiFrom, core::Date latest, bool light) {
  if (all.empty()) return;
  const store::AccountSet every = accountsWhere(all, [](const WeChatFigures&) { return true; });
  const core::Date lastDay = std::min(p.to, latest);
  const core::Date dayBefore = p.from - 1;
  for (auto* w : all) w->days_in_period = p.to - p.from + 1;

  forEach(all, q.followerDays(every, p.from, p.to),
          [](WeChatFigures& w, int64_t n) { w.days_with_data = n; });

  // Article endpoints answered for some day of the period: the article count is known.
  const auto answered = q.articlesAnswered(every, p.from, p.to);
  for (auto* w : all) {
    if (!answered.count(w->id)) continue;
    w->articles = w->articles_notified = 0;
    // Non-notified articles are only visible to the 2025-11 endpoints.
    if (p.to >= newApiFrom) w->articles_silent = 0;
  }
  forEach(all, q.articleCounts(every, p.from, p.to),
          [](WeChatFigures& w, const Queries::ArticleCount& c) {
            if (!w.articles) return;
            w.articles = c.all;
            w.articles_notified = c.notified;
            if (w.articles_silent) w.articles_silent = c.silent;
          });
  const auto silentDays = publishedWithoutNotification(q, all, every, p, newApiFrom, latest);

  // Page views: legacy days only; read users: legacy days, then getbizsummary.
  std::map<const WeChatFigures*, int64_t> legacyUsers, bizUsers;
  forEach(all, q.legacyReads(every, p.from, std::min(p.to, newApiFrom - 1)),
          [&](WeChatFigures& w, const Queries::LegacyReads& r) {
            w.page_views = r.page_views;
            legacyUsers[&w] = r.read_users;
          });
  forEach(all, q.bizReadUsers(every, std::max(p.from, newApiFrom), p.to),
          [&](WeChatFigures& w, int64_t n) { bizUsers[&w] = n; });
  // Page views only where the whole period is before the 2025-11 switch.
  const bool allLegacy = p.to < newApiFrom;
  for (auto* w : all) {
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
  forEach(all, q.followersOn(every, {dayBefore, lastDay}),
          [&](WeChatFigures& w, const std::map<core::Date, int64_t>& on) {
            if (auto it = on.find(dayBefore); it != on.end()) w.followers_start = it->second;
            if (auto it = on.find(lastDay); it != on.end()) w.followers_end = it->second;
          });
  forEach(all, q.followerChanges(every, p.from, p.to),
          [](WeChatFigures& w, const Queries::FollowerChange& c) {
            w.followers_new = c.new_users;
            w.followers_cancel = c.cancel_users;
            w.followers_net = c.new_users - c.cancel_users;
          });
  for (auto* w : all)
    if (!w->followers_net && w->days_with_data > 0)
      w->followers_new = w->followers_cancel = w->followers_net = 0;

  if (light) return;
  // Top articles by the account's reads metric (latest cumulative snapshot).
  for (const bool byViews : {true, false}) {
    const auto accounts = accountsWhere(
        all, [&](const WeChatFigures& w) { return (w.reads_metric == "page_views") == byViews; });
    const auto metric =
        byViews ? Queries::ArticleMetric::PageViews : Queries::ArticleMetric::ReadUsers;
    forEach(all, q.topArticles(accounts, p.from, p.to, metric, 10),
            [](WeChatFigures& w, const std::vector<Queries::TopArticle>& top) {
              for (const auto& t : top)
                w.top_articles.push_back({t.msgid, t.title, t.url, t.publish_date, t.reads});
            });
  }

  // By month.
  const auto known =
      accountsWhere(all, [](const WeChatFigures& w) { return w.articles.has_value(); });
  forEach(all, q.articlesByMonth(known, p.from, p.to),
          [](WeChatFigures& w, const auto& rows) { w.articles_by_month = monthValues(rows); });
  for (const auto& [w, days] : silentDays) {
    if (!w->articles) continue;
    std::vector<MonthValue> months;
    for (const auto& d : days) {
      const std::string m = d.toString().substr(0, 7);
      if (months.empty() || months.back().month != m) months.push_back({m, 0});
      ++months.back().value;
    }
    mergeMonths(w->articles_by_month, months);
  }
  const auto byViews = accountsWhere(
      all, [](const WeChatFigures& w) { return w.reads && w.reads_metric == "page_views"; });
  forEach(all, q.pageViewsByMonth(byViews, p.from, p.to),
          [](WeChatFigures& w, const auto& rows) { w.reads_by_month = monthValues(rows); });
  const auto byUsers = accountsWhere(
      all, [](const WeChatFigures& w) { return w.reads && w.reads_metric != "page_views"; });
  forEach(all, q.readUsersByMonth(byUsers, p.from, p.to, newApiFrom),
          [](WeChatFigures& w, const auto& rows) { w.reads_by_month = monthValues(rows); });
  forEach(all, q.followersByMonth(every, p.from, p.to),
          [](WeChatFigures& w, const auto& rows) { w.followers_by_month = monthValues(rows); });
}

void addOpt(std::optional<int64_t>& total, const std::optional<int64_t>& v) {
  if (v) total = total.value_or(0) + *v;
}

// How weak a post count's basis is: none, datacube, datacube+freepublish, mass_sent_only.
int basisRank(std::string_view basis) {
  if (basis == "mass_sent_only") return 3;
  if (basis == "datacube+freepublish") return 2;
  return basis.empty() ? 0 : 1;
}

WeChatFigures totals(const std::vector<WeChatFigures>& accounts) {
  WeChatFigures t;
  t.name = "";
  bool allViews = !accounts.empty();
  for (const auto& a : accounts) {
    addOpt(t.articles, a.articles);
    addOpt(t.articles_notified, a.articles_notified);
    addOpt(t.articles_silent, a.articles_silent);
    // The totals' basis is the weakest of the accounts'.
    if (basisRank(a.articles_basis) > basisRank(t.articles_basis))
      t.articles_basis = a.articles_basis;
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

MediaFigures mediaFigures(store::MediaFigureQueries& q, const Span& p, bool light) {
  MediaFigures m;
  for (const auto& t : q.byTier(p.from, p.to)) {
    (t.tier == model::Tier::Central      ? m.central
     : t.tier == model::Tier::Provincial ? m.provincial
     : t.tier == model::Tier::Municipal  ? m.municipal
                                         : m.other) += t.count;
    m.confirmed += t.confirmed;
  }
  m.mainstream = m.central + m.provincial + m.municipal;
  m.candidates = m.mainstream + m.other - m.confirmed;
  if (!light) {
    for (const auto& o : q.byOutlet(p.from, p.to))
      m.by_outlet.push_back({o.outlet, std::string(model::toString(o.tier)), o.count});
    std::map<std::string, std::map<model::Tier, int64_t>> byMonth;
    for (const auto& r : q.mainstreamByMonth(p.from, p.to)) byMonth[r.month][r.tier] = r.count;
    for (const auto& [mo, tiersOf] : byMonth) {
      int64_t total = 0;
      for (const auto& [t, n] : tiersOf) total += n;
      m.by_month.push_back({mo, total});
      auto get = [&](model::Tier t) {
        auto it = tiersOf.find(t);
        return it == tiersOf.end() ? int64_t{0} : it->second;
      };
      m.by_month_central.push_back({mo, get(model::Tier::Central)});
      m.by_month_provincial.push_back({mo, get(model::Tier::Provincial)});
      m.by_month_municipal.push_back({mo, get(model::Tier::Municipal)});
    }
    for (auto& s : q.topStories(p.from, p.to, 10))
      m.top_stories.push_back(
          {s.title, s.url, s.day, std::string(model::toString(s.tier)), std::move(s.outlets)});
  }
  m.has_data = q.anyData(p.from, p.to);
  return m;
}

// The count and the breakdown by role of one kind's records. A ledger often holds both a total
// line (no role) and the role lines it sums up: when the role lines add up exactly to the total
// lines, they are one figure with its breakdown, counted once (total_line).
void addLedgerRows(LedgerFigure& f, const std::vector<std::pair<std::string, int64_t>>& rows) {
  int64_t unroled = 0;
  for (const auto& [role, n] : rows) {
    if (role.empty()) {
      unroled += n;
      continue;
    }
    f.roles.push_back({role, n});
    f.roles_total += n;
  }
  f.total_line = unroled > 0 && f.roles_total > 0 && unroled == f.roles_total;
  f.count = f.total_line ? f.roles_total : unroled + f.roles_total;
}

std::vector<LedgerFigure> outreachFigures(store::LedgerRepo& ledger, const config::Settings& s,
                                          const Span& p) {
  std::vector<LedgerFigure> out;
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> rows;
  for (const auto& r : ledger.sums(p.from, p.to)) rows[r.kind].emplace_back(r.role, r.count);
  static const std::vector<std::string> kRoleOrder = {"承办", "主办", "会办",
                                                      "协办", "分办", "汇办"};
  for (const auto& k : s.ledger_kinds) {
    auto it = rows.find(k.id);
    if (it == rows.end()) continue;
    LedgerFigure f{k.id, k.name_zh, k.name_en, k.unit_zh, 0, {}, 0};
    addLedgerRows(f, it->second);
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
    addLedgerRows(f, list);
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

// An account whose post count rests on mass-sent articles only (articles_basis).
void postBasisCheck(const WeChatFigures& w, const Span& p, core::Date newApiFrom,
                    std::vector<Check>& checks) {
  if (w.articles_basis != "mass_sent_only") return;
  const core::Date to = std::min(p.to, newApiFrom - 1);
  const std::string n = w.articles ? std::to_string(*w.articles) : "?";
  const std::string why =
      w.articles_basis_why == "refused"
          ? "was refused (" + w.articles_basis_refusal + "; a verified account is needed)"
      : w.articles_basis_why == "incomplete" ? "has not been read whole since " + to.toString()
                                             : "was never read";
  const std::string whyZh = w.articles_basis_why == "refused"
                                ? "接口拒绝读取（" + w.articles_basis_refusal + "，需认证账号）"
                            : w.articles_basis_why == "incomplete"
                                ? "在" + zhDate(to) + "之后尚未完整读取"
                                : "从未读取";
  checks.push_back(
      {"wechat_posts_mass_sent_only", "account." + w.id,
       "the post count (" + n + ") of " + p.from.toString() + ".." + to.toString() +
           " rests on mass-sent (群发) articles only: before " + newApiFrom.toString() +
           " the statistics API does not see posts published without notification (发表), "
           "and the account's published-post list (freepublish) " +
           why + "; the real count may be higher",
       zhDate(p.from) + "至" + zhDate(to) + "的推送篇数（" + n + "条）仅含群发文章：" +
           zhDate(newApiFrom) +
           "前的统计接口不含“发表”（不通知粉丝）的文章，该账号的已发布消息列表" + whyZh +
           "，实际推送数可能更多"});
}

// The first five days, ISO in English ("2024-01-02, 2024-01-05 ..."), else 2024年1月2日、……
std::string listDays(const std::vector<core::Date>& days, bool zh = false) {
  std::string text;
  for (size_t i = 0; i < days.size() && i < 5; ++i)
    text += (i ? (zh ? "、" : ", ") : "") + (zh ? zhDate(days[i]) : days[i].toString());
  if (days.size() > 5) text += zh ? "等" : " ...";
  return text;
}

// The day checks of one account over [from, min(to, latest)]; `complete` (every endpoint of
// every day stored final, store::WeChatFigureQueries::allFinal) skips the day-by-day walk.
void wechatChecks(store::WeChatRepo& repo, const config::Settings& s, const WeChatFigures& w,
                  const Span& p, core::Date latest, bool complete, std::vector<Check>& checks) {
  const std::string src = "account." + w.id;
  const core::Date to = std::min(p.to, latest);
  if (to < p.from) return;
  if (complete) {
    followersCheck(w, checks);
    return;
  }
  const auto gaps = model::gapsIn(model::byDay(repo.dayStates(w.id, p.from, to)), p.from, to,
                                  s.wechat.new_api_from);
  if (!gaps.missing.empty())
    checks.push_back({"wechat_days_missing", src,
                      std::to_string(gaps.missing.size()) +
                          " day(s) of the period have no complete "
                          "WeChat data yet: " +
                          listDays(gaps.missing),
                      "有" + std::to_string(gaps.missing.size()) + "天的微信数据尚未采集完整：" +
                          listDays(gaps.missing, true)});
  if (!gaps.delayed.empty())
    checks.push_back({"wechat_delayed", src,
                      std::to_string(gaps.delayed.size()) +
                          " day(s) are still marked is_delay by "
                          "WeChat (figures may still change): " +
                          listDays(gaps.delayed),
                      std::to_string(gaps.delayed.size()) +
                          "天的微信数据仍为延迟数据（可能变动）：" + listDays(gaps.delayed, true)});
  if (!gaps.unavailable.empty())
    checks.push_back({"wechat_unavailable", src,
                      std::to_string(gaps.unavailable.size()) +
                          " day(s) WeChat refused with 61501 (no data for that day): " +
                          listDays(gaps.unavailable),
                      std::to_string(gaps.unavailable.size()) + "天微信接口无数据（61501）：" +
                          listDays(gaps.unavailable, true)});
  followersCheck(w, checks);
}

// 表三 of a year from the register's counts: every cell, the totals by row and by column.
std::map<std::string, int64_t> table3(store::RegistersRepo& registers, int year,
                                      model::Layout layout) {
  std::map<std::string, int64_t> t;
  const auto rows = model::table3Rows(layout);
  std::vector<std::string> columns;
  for (auto a : model::kApplicants) columns.emplace_back(model::toString(a));
  for (const auto& r : rows)
    for (const auto& c : columns) t["t3." + r.key + "." + c] = 0;
  for (const auto& n : registers.requestCounts(year)) {
    std::string row = n.row;
    if (const auto* o = model::outcomeByCode(n.row)) row = std::string(model::rowOf(*o, layout));
    t["t3." + row + "." + n.applicant] += n.count;
  }
  for (const auto& c : columns) {
    int64_t results = 0;
    for (const auto& r : rows)
      if (r.result && r.key != "total") results += t["t3." + r.key + "." + c];
    t["t3.total." + c] = results;
  }
  for (const auto& r : rows) {
    int64_t sum = 0;
    for (const auto& c : columns) sum += t["t3." + r.key + "." + c];
    t["t3." + r.key + ".total"] = sum;
  }
  return t;
}

void addCheck(std::vector<Check>& checks, std::string kind, std::string source, std::string message,
              std::string message_zh) {
  checks.push_back({std::move(kind), std::move(source), std::move(message), std::move(message_zh)});
}

}  // namespace

AnnualTables annualTables(store::Database& db, int year, model::Layout layout,
                          std::vector<Check>& checks) {
  AnnualTables t;
  t.layout = layout;
  store::RegistersRepo registers(db);
  const std::string y = std::to_string(year);
  for (const auto& [key, value] : registers.figures(year)) {
    if (!model::keyInLayout(key, layout)) continue;
    (key.rfind("t2.", 0) == 0 ? t.t2 : t.t4)[key] = value;
  }
  // 表四: a total given is checked against its parts, a total not given is their sum.
  if (t.t4_has_data()) {
    for (const auto& b : model::table4Blocks()) {
      const std::string base = "t4." + std::string(b.key) + ".";
      int64_t parts = 0;
      bool any = false;
      for (const char* part : {"upheld", "corrected", "other", "pending"}) {
        auto it = t.t4.find(base + part);
        if (it != t.t4.end()) parts += it->second, any = true;
      }
      auto total = t.t4.find(base + "total");
      if (total == t.t4.end()) {
        for (const char* part : {"upheld", "corrected", "other", "pending"})
          t.t4.emplace(base + part, 0);
        t.t4[base + "total"] = parts;
        t.computed.push_back(base + "total");
      } else if (any && total->second != parts) {
        addCheck(checks, "table_total", base + "total",
                 "表四 " + std::string(b.label_en) + ": the total given is " +
                     std::to_string(total->second) +
                     " but upheld + corrected + other + pending = " + std::to_string(parts),
                 "表四" + std::string(b.label_zh) + "总计为" + std::to_string(total->second) +
                     "，但结果维持、结果纠正、其他结果、尚未审结之和为" + std::to_string(parts));
      } else {
        for (const char* part : {"upheld", "corrected", "other", "pending"})
          t.t4.emplace(base + part, 0);
      }
    }
  }
  // 表三, from the request register.
  if (registers.hasRequests()) {
    t.t3 = table3(registers, year, layout);
    std::vector<std::string> columns;
    for (auto a : model::kApplicants) columns.emplace_back(model::toString(a));
    columns.emplace_back("total");
    for (const auto& c : columns) {
      const int64_t in = t.t3["t3.new." + c] + t.t3["t3.carried." + c];
      const int64_t out = t.t3["t3.total." + c] + t.t3["t3.pending." + c];
      if (in != out)
        addCheck(checks, "table_balance", "t3." + c,
                 "表三 column " + c + ": new + carried over = " + std::to_string(in) +
                     " but total handled + pending = " + std::to_string(out),
                 "表三" + c + "列：本年新收加上年结转为" + std::to_string(in) +
                     "，但办理结果总计加结转下年度为" + std::to_string(out));
    }
    // Last year's pending requests are this year's carried-over ones.
    const auto last = table3(registers, year - 1, layout);
    const int64_t lastPending = last.at("t3.pending.total");
    if (lastPending != t.t3["t3.carried.total"])
      addCheck(checks, "table_carried", "t3.carried.total",
               "表三: " + std::to_string(t.t3["t3.carried.total"]) +
                   " requests carried over from " + std::to_string(year - 1) + " but " +
                   std::to_string(lastPending) + " were pending at its end",
               "表三上年结转" + std::to_string(t.t3["t3.carried.total"]) + "件，但" +
                   std::to_string(year - 1) + "年底结转下年度为" + std::to_string(lastPending) +
                   "件");
  }
  auto empty = [&](bool has, const char* table, const char* zh, const char* how) {
    if (!has)
      addCheck(checks, "table_empty", table,
               std::string(zh) + " (" + table + ") has no figures for " + y + ": " + how +
                   "; it is left empty in the report, not filled with zeros",
               std::string(zh) + "尚无" + y + "年数据，报告中留空（不以0代替）");
  };
  empty(t.t2_has_data(), "table2", "表二", "enter them with `pubtrack figures set|import`");
  empty(t.t3_has_data(), "table3", "表三", "record requests with `pubtrack requests add|import`");
  empty(t.t4_has_data(), "table4", "表四", "enter them with `pubtrack figures set|import`");
  return t;
}

namespace {

Figures compute(store::Database& db, const config::Settings& s, const FigureRequest& r,
                core::TimePoint now, bool withChecks) {
  Figures f;
  f.agency = s.report.agency;
  f.period.from = r.from.toString();
  f.period.to = r.to.toString();
  f.period.year = r.year;
  f.generated_at = core::formatUtc(now);
  const Span span{r.from, r.to};
  const core::Date latest = model::latestCollectableDay(now);
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
  store::WeChatFigureQueries wechat(db);
  accountFigures(wechat, accounts, span, s.wechat.new_api_from, latest, !withChecks);
  f.wechat_totals = totals(f.accounts);
  store::MediaFigureQueries media(db);
  f.media = mediaFigures(media, span, !withChecks);
  store::LedgerRepo ledger(db);
  f.outreach = outreachFigures(ledger, s, span);
  if (!withChecks) return f;
  const auto complete =
      wechat.allFinal(accountsWhere(accounts, [](const WeChatFigures&) { return true; }), r.from,
                      std::min(r.to, latest), s.wechat.new_api_from);
  store::WeChatRepo days(db);
  for (const auto& w : f.accounts)
    wechatChecks(days, s, w, span, latest, complete.count(w.id) > 0, f.checks);
  for (const auto& w : f.accounts) postBasisCheck(w, span, s.wechat.new_api_from, f.checks);
  {
    std::vector<std::string> ids;
    for (const auto& w : f.accounts) ids.push_back(w.id);
    addInspectionChecks(inspect(db, s, ids, r.from, r.to, now), s.monitor.max_silent_days,
                        f.checks);
  }
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
    if (const auto since = media.feedsCollectedSince(); since && *since > r.from) {
      f.checks.push_back(
          {"media_partial", "feeds",
           "feeds have been collected since " + since->toString() +
               ": reports from before then count only if they were still in the feeds (add "
               "missing ones with `pubtrack mentions import`)",
           "新闻源自" + zhDate(*since) +
               "起采集，此前的报道仅计入采集时仍在新闻源中的部分，"
               "缺漏可用 mentions import 补录"});
    }
  }
  if (r.year) {
    f.tables =
        annualTables(db, *r.year, r.layout.value_or(model::defaultLayout(*r.year)), f.checks);
    // The narrative quotes the tables where they hold a figure: a different ledger count for
    // the same thing is flagged, never added to it.
    for (const char* kind : {"disclosure_request", "admin_review", "lawsuit"}) {
      const auto quoted = f.disclosureCount(kind);
      for (const auto& o : f.outreach)
        if (o.kind == kind && quoted && o.count != *quoted)
          f.checks.push_back({"ledger_vs_tables", "ledger." + o.kind,
                              o.kind + ": the ledger records " + std::to_string(o.count) +
                                  " for the year but the tables give " + std::to_string(*quoted) +
                                  "; the report quotes the tables",
                              o.name_zh + "：台账记录" + std::to_string(o.count) + "件，表格为" +
                                  std::to_string(*quoted) + "件，报告以表格为准"});
    }
  }
  if (const auto guessed = media.guessedTiers(r.from, r.to); !guessed.empty()) {
    int64_t n = 0;
    std::string list;
    for (size_t i = 0; i < guessed.size(); ++i) {
      n += guessed[i].count;
      if (i < 5)
        list += (i ? ", " : "") + guessed[i].outlet + " (" +
                std::string(model::toString(guessed[i].tier)) + ", " +
                std::to_string(guessed[i].count) + ")";
    }
    if (guessed.size() > 5) list += " ...";
    f.checks.push_back({"mentions_tier_guessed", "mentions",
                        std::to_string(n) +
                            " counted mention(s) took their outlet's tier from a host below a "
                            "registry domain (a local channel may not be the outlet itself): " +
                            list,
                        "有" + std::to_string(n) +
                            "篇媒体报道的媒体级别由所属域名推定（子域名可能是地方频道），请核实：" +
                            list});
  }
  if (const auto alias = media.aliasUnreviewed(r.from, r.to); !alias.empty()) {
    int64_t n = 0;
    std::string by;
    for (const auto& [rule, count] : alias) {
      n += count;
      by += (by.empty() ? "" : ", ") + rule + " " + std::to_string(count);
    }
    f.checks.push_back(
        {"mentions_alias_unreviewed", "mentions",
         std::to_string(n) +
             " counted mention(s) rest on an alias of the agency alone (no full name in the "
             "item) and are still awaiting review (" +
             by + "): review them before publishing (pubtrack mentions list --status candidate)",
         "有" + std::to_string(n) +
             "篇媒体报道仅凭机构简称匹配（标题和摘要中没有机构全称）且尚未人工确认，发布前请审核"});
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
bool mediaWatched(store::Database& db, core::Date from, core::Date to) {
  store::MediaFigureQueries media(db);
  if (media.anyManual(from, to)) return true;
  const auto since = media.feedsCollectedSince();
  return since && *since <= to;
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
                       const FigureRequest& asked, core::TimePoint now) {
  // A year not over yet covers the days collected so far, and is compared with the same days
  // of the previous year, never with a whole one.
  FigureRequest request = asked;
  const core::Date latest = model::latestCollectableDay(now);
  const bool inProgress = request.year && latest < request.to;
  if (inProgress) request.to = std::max(request.from, latest);
  Figures f = compute(db, settings, request, now, true);
  if (inProgress) {
    f.period.in_progress = true;
    const int days = request.to - request.from + 1;
    f.checks.push_back({"period_in_progress", "period",
                        std::to_string(*request.year) + " is not over: the figures cover " +
                            f.period.from + ".." + f.period.to + " (" + std::to_string(days) +
                            " day(s)); changes compare with the same days of " +
                            std::to_string(*request.year - 1),
                        std::to_string(*request.year) + "年尚未结束：数据截至" +
                            zhDate(request.to) + "（共" + std::to_string(days) + "天），同比为与" +
                            std::to_string(*request.year - 1) + "年同期相比"});
  }
  if (!request.with_previous) return f;
  FigureRequest prev = request;
  if (request.year && inProgress) {
    // The same days of the previous year (29 February falls back to the 28th).
    prev.year.reset();
    prev.from = *core::Date::fromYmd(*request.year - 1, 1, 1);
    prev.to = core::Date::fromYmd(*request.year - 1, request.to.month(), request.to.day())
                  .value_or(*core::Date::fromYmd(*request.year - 1, 2, 28));
  } else if (request.year) {
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
  const bool mediaData = p.media.has_data && mediaWatched(db, prev.from, prev.to);
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
