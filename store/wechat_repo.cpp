// SPDX-License-Identifier: Apache-2.0
// WeChat rows: replaces per covered day, upserts per key.
#include "store/wechat_repo.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace pubtrack::store {

namespace {
constexpr int64_t kTotalRow = wechat::kAllReadSources;
}

std::vector<std::string> endpointsForDay(core::Date day, core::Date new_api_from) {
  if (day < new_api_from)
    return {"getusersummary", "getusercumulate", "getarticlesummary", "getarticletotal",
            "getuserread"};
  return {"getusersummary", "getusercumulate", "getbizsummary", "getarticletotaldetail",
          "getarticleread"};
}

struct WeChatRepo::Statements {
  explicit Statements(SQLite::Database& db)
      : delSummary(db, "DELETE FROM wechat_user_summary WHERE account = ? AND ref_date = ?"),
        insSummary(db,
                   "INSERT INTO wechat_user_summary (account, ref_date, user_source, new_user, "
                   "cancel_user) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET new_user = "
                   "excluded.new_user, cancel_user = excluded.cancel_user"),
        delRead(db, "DELETE FROM wechat_user_read WHERE account = ? AND ref_date = ?"),
        insRead(db,
                "INSERT OR REPLACE INTO wechat_user_read (account, ref_date, user_source, "
                "int_page_read_user, int_page_read_count, ori_page_read_user, ori_page_read_count, "
                "share_user, share_count, add_to_fav_user, add_to_fav_count) VALUES (?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?)"),
        cumulate(db,
                 "INSERT INTO wechat_user_cumulate (account, ref_date, cumulate_user) VALUES (?, "
                 "?, ?) ON CONFLICT DO UPDATE SET cumulate_user = excluded.cumulate_user"),
        biz(db,
            "INSERT INTO wechat_biz_daily (account, ref_date, read_user, share_user, zaikan_user, "
            "like_user, comment_count, collection_user, send_page_count, is_delay) VALUES (?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET read_user = excluded.read_user, "
            "share_user = excluded.share_user, zaikan_user = excluded.zaikan_user, like_user = "
            "excluded.like_user, comment_count = excluded.comment_count, collection_user = "
            "excluded.collection_user, send_page_count = excluded.send_page_count, is_delay = "
            "excluded.is_delay"),
        article(
            db,
            "INSERT INTO wechat_articles (account, msgid, publish_date, title, url, "
            "publish_type, family) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "publish_date = excluded.publish_date, title = coalesce(nullif(excluded.title, ''), "
            "title), url = coalesce(nullif(excluded.url, ''), url), publish_type = "
            "coalesce(excluded.publish_type, publish_type), family = excluded.family"),
        stat(
            db,
            "INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, read_count, "
            "share_user, fav_user, is_delay) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
            "SET read_user = excluded.read_user, read_count = excluded.read_count, share_user = "
            "excluded.share_user, fav_user = excluded.fav_user, is_delay = excluded.is_delay"),
        daily(db,
              "INSERT INTO wechat_article_daily (account, msgid, ref_date, read_user, read_count, "
              "share_user, is_delay) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
              "read_user = excluded.read_user, read_count = excluded.read_count, share_user = "
              "excluded.share_user, is_delay = excluded.is_delay"),
        enrich(db,
               "UPDATE wechat_articles SET title = CASE WHEN coalesce(title, '') = '' THEN ? ELSE "
               "title END, url = CASE WHEN coalesce(url, '') = '' THEN ? ELSE url END WHERE "
               "account = ? AND msgid = ?"),
        day(db,
            "INSERT INTO wechat_days (account, endpoint, ref_date, state, detail, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET state = excluded.state, detail "
            "= excluded.detail, fetched_at = excluded.fetched_at") {}
  SQLite::Statement delSummary, insSummary, delRead, insRead, cumulate, biz, article, stat, daily,
      enrich, day;
};

WeChatRepo::WeChatRepo(Database& db) : db_(db), st_(std::make_unique<Statements>(db.sql())) {}
WeChatRepo::~WeChatRepo() = default;

void WeChatRepo::replaceUserSummary(const std::string& account, const std::set<std::string>& days,
                                    const std::vector<wechat::UserSummaryRow>& rows) {
  for (const auto& d : days) {
    st_->delSummary.reset();
    st_->delSummary.bind(1, account);
    st_->delSummary.bind(2, d);
    st_->delSummary.exec();
  }
  for (const auto& r : rows) {
    auto& q = st_->insSummary;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.ref_date);
    q.bind(3, r.user_source);
    q.bind(4, r.new_user);
    q.bind(5, r.cancel_user);
    q.exec();
  }
}

void WeChatRepo::replaceUserRead(const std::string& account, const std::set<std::string>& days,
                                 const std::vector<wechat::UserReadRow>& rows) {
  for (const auto& d : days) {
    st_->delRead.reset();
    st_->delRead.bind(1, account);
    st_->delRead.bind(2, d);
    st_->delRead.exec();
  }
  std::map<std::string, int> perDay;
  for (const auto& r : rows) ++perDay[r.ref_date];
  for (const auto& r : rows) {
    int64_t source;
    if (r.user_source)
      source = *r.user_source;
    else if (perDay[r.ref_date] == 1)
      source = kTotalRow;  // older days: the single row is the total
    else
      continue;  // rows without a channel on a day with several rows cannot be placed
    auto& q = st_->insRead;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.ref_date);
    q.bind(3, source);
    q.bind(4, r.int_page_read_user);
    q.bind(5, r.int_page_read_count);
    q.bind(6, r.ori_page_read_user);
    q.bind(7, r.ori_page_read_count);
    q.bind(8, r.share_user);
    q.bind(9, r.share_count);
    q.bind(10, r.add_to_fav_user);
    q.bind(11, r.add_to_fav_count);
    q.exec();
  }
}

void WeChatRepo::upsertCumulate(const std::string& account,
                                const std::vector<wechat::UserCumulateRow>& rows) {
  for (const auto& r : rows) {
    auto& q = st_->cumulate;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.ref_date);
    q.bind(3, r.cumulate_user);
    q.exec();
  }
}

void WeChatRepo::upsertBiz(const std::string& account,
                           const std::vector<wechat::BizSummaryRow>& rows, bool is_delay) {
  for (const auto& r : rows) {
    auto& q = st_->biz;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.ref_date);
    q.bind(3, r.read_user);
    q.bind(4, r.share_user);
    q.bind(5, r.zaikan_user);
    q.bind(6, r.like_user);
    q.bind(7, r.comment_count);
    q.bind(8, r.collection_user);
    q.bind(9, r.send_page_count);
    q.bind(10, is_delay ? 1 : 0);
    q.exec();
  }
}

namespace {
void bindArticle(SQLite::Statement& q, const std::string& account, const std::string& msgid,
                 const std::string& date, const std::string& title, const std::string& url,
                 int publishType, const char* family) {
  q.reset();
  q.bind(1, account);
  q.bind(2, msgid);
  q.bind(3, date);
  q.bind(4, title);
  q.bind(5, url);
  if (publishType < 0)
    q.bind(6);
  else
    q.bind(6, publishType);
  q.bind(7, family);
  q.exec();
}
}  // namespace

void WeChatRepo::upsertArticleTotal(const std::string& account, const wechat::ArticleTotal& a) {
  // getarticletotal lists mass-sent (notified) articles only.
  bindArticle(st_->article, account, a.msgid, a.ref_date, a.title, a.url, 0, "legacy");
  for (const auto& d : a.details) {
    auto& q = st_->stat;
    q.reset();
    q.bind(1, account);
    q.bind(2, a.msgid);
    q.bind(3, d.stat_date);
    q.bind(4, d.int_page_read_user);
    q.bind(5, d.int_page_read_count);
    q.bind(6, d.share_user);
    q.bind(7, d.add_to_fav_user);
    q.bind(8, 0);
    q.exec();
  }
}

void WeChatRepo::upsertArticleSummary(const std::string& account,
                                      const std::vector<wechat::ArticleSummaryRow>& rows) {
  for (const auto& r : rows) {
    auto& q = st_->daily;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.msgid);
    q.bind(3, r.ref_date);
    q.bind(4, r.int_page_read_user);
    q.bind(5, r.int_page_read_count);
    q.bind(6, r.share_user);
    q.bind(7, 0);
    q.exec();
    enrichArticle(account, r.msgid, r.title, "");
  }
}

void WeChatRepo::upsertArticleDetail(const std::string& account,
                                     const wechat::ArticleTotalDetail& a, bool is_delay) {
  bindArticle(st_->article, account, a.msgid, a.ref_date, a.title, a.content_url, a.publish_type,
              "new");
  for (const auto& d : a.detail_list) {
    auto& q = st_->stat;
    q.reset();
    q.bind(1, account);
    q.bind(2, a.msgid);
    q.bind(3, d.stat_date);
    q.bind(4, d.read_user);
    q.bind(5);
    q.bind(6, d.share_user);
    q.bind(7, d.collection_user);
    q.bind(8, is_delay ? 1 : 0);
    q.exec();
  }
}

void WeChatRepo::upsertArticleRead(const std::string& account,
                                   const std::vector<wechat::ArticleReadRow>& rows, bool is_delay) {
  for (const auto& r : rows) {
    auto& q = st_->daily;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.msgid);
    q.bind(3, r.ref_date);
    q.bind(4, r.read_user);
    q.bind(5);
    q.bind(6, 0);
    q.bind(7, is_delay ? 1 : 0);
    q.exec();
  }
}

bool WeChatRepo::enrichArticle(const std::string& account, const std::string& msgid,
                               const std::string& title, const std::string& url) {
  auto& q = st_->enrich;
  q.reset();
  q.bind(1, title);
  q.bind(2, url);
  q.bind(3, account);
  q.bind(4, msgid);
  return q.exec() > 0;
}

void WeChatRepo::setDayState(const std::string& account, const WeChatDayState& s,
                             const std::string& fetched_at) {
  auto& q = st_->day;
  q.reset();
  q.bind(1, account);
  q.bind(2, s.endpoint);
  q.bind(3, s.day);
  q.bind(4, s.state);
  if (s.detail.empty())
    q.bind(5);
  else
    q.bind(5, s.detail);
  q.bind(6, fetched_at);
  q.exec();
}

std::vector<WeChatDayState> WeChatRepo::dayStates(const std::string& account) {
  SQLite::Statement q(db_.sql(),
                      "SELECT endpoint, ref_date, state, coalesce(detail, '') FROM wechat_days "
                      "WHERE account = ? ORDER BY ref_date, endpoint");
  q.bind(1, account);
  std::vector<WeChatDayState> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString()});
  return out;
}

namespace {
bool terminal(const std::string& state) { return state == "final" || state == "unavailable"; }

// The walk of lastCompleteDay over states already read (coverage reads them once for both).
std::optional<core::Date> lastCompleteOf(const std::vector<WeChatDayState>& states,
                                         core::Date new_api_from) {
  if (states.empty()) return std::nullopt;
  std::map<std::string, std::set<std::string>> done;  // day -> endpoints with a terminal answer
  std::string first = states.front().day;
  for (const auto& s : states)
    if (terminal(s.state)) done[s.day].insert(s.endpoint);
  // The day before the first collected day is fetched for followers only: start at the first
  // day that has article endpoints too, else at the first day.
  auto day = core::Date::parse(first);
  if (!day) return std::nullopt;
  std::optional<core::Date> last;
  const auto lastDay = core::Date::parse(states.back().day);
  for (core::Date d = *day; lastDay && d <= *lastDay; ++d) {
    const auto& have = done[d.toString()];
    bool complete = true;
    for (const auto& e : endpointsForDay(d, new_api_from)) complete = complete && have.count(e);
    // The extra follower-only day before a backfill counts as complete with followers alone.
    if (!complete && d == *day && have.count("getusercumulate") && have.count("getusersummary"))
      complete = true;
    if (!complete) break;
    last = d;
  }
  return last;
}

}  // namespace

std::optional<core::Date> WeChatRepo::lastCompleteDay(const std::string& account,
                                                      core::Date new_api_from) {
  return lastCompleteOf(dayStates(account), new_api_from);
}

std::vector<WeChatDayState> WeChatRepo::repullDays(const std::string& account,
                                                   const std::string& recent_from) {
  SQLite::Statement q(db_.sql(),
                      "SELECT endpoint, ref_date, state, coalesce(detail, '') FROM wechat_days "
                      "WHERE account = ? AND (state IN ('delayed', 'empty', 'not_ready') OR "
                      "(state = 'unavailable' AND ref_date >= ?)) ORDER BY ref_date");
  q.bind(1, account);
  q.bind(2, recent_from);
  std::vector<WeChatDayState> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString()});
  return out;
}

WeChatCoverage WeChatRepo::coverage(const std::string& account, core::Date new_api_from,
                                    std::optional<core::Date> latest) {
  WeChatCoverage c;
  const auto states = dayStates(account);
  if (states.empty()) return c;
  c.first_day = states.front().day;
  if (auto l = lastCompleteOf(states, new_api_from)) c.last_complete_day = l->toString();
  std::map<std::string, std::map<std::string, std::string>> byDay;
  for (const auto& s : states) byDay[s.day][s.endpoint] = s.state;
  const auto first = core::Date::parse(c.first_day);
  const auto end = latest ? latest : core::Date::parse(states.back().day);
  for (core::Date d = *first; end && d <= *end; ++d) {
    const auto& have = byDay[d.toString()];
    bool delayed = false, unavailable = false, missing = false;
    for (const auto& e : endpointsForDay(d, new_api_from)) {
      auto it = have.find(e);
      if (it == have.end() || it->second == "empty" || it->second == "not_ready")
        missing = true;
      else if (it->second == "delayed")
        delayed = true;
      else if (it->second == "unavailable")
        unavailable = true;
    }
    if (d == *first && missing && have.count("getusercumulate")) missing = false;
    c.days_missing += missing;
    c.days_delayed += delayed && !missing;
    c.days_unavailable += unavailable;
  }
  return c;
}

}  // namespace pubtrack::store
