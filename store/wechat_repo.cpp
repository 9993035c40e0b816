// SPDX-License-Identifier: Apache-2.0
// WeChat rows: replaces per covered day, upserts per key.
#include "store/wechat_repo.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

using detail::sql;
using detail::StatementUse;

namespace {
constexpr int64_t kTotalRow = model::kAllReadSources;
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

WeChatRepo::WeChatRepo(Database& db) : db_(db), st_(std::make_unique<Statements>(sql(db))) {}
WeChatRepo::~WeChatRepo() = default;

void WeChatRepo::replaceUserSummary(const std::string& account, const std::set<core::Date>& days,
                                    const std::vector<model::UserSummaryRow>& rows) {
  for (const auto& d : days) {
    st_->delSummary.reset();
    st_->delSummary.bind(1, account);
    st_->delSummary.bind(2, d.toString());
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

void WeChatRepo::replaceUserRead(const std::string& account, const std::set<core::Date>& days,
                                 const std::vector<model::UserReadRow>& rows) {
  for (const auto& d : days) {
    st_->delRead.reset();
    st_->delRead.bind(1, account);
    st_->delRead.bind(2, d.toString());
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
    q.bind(4, r.reads.int_page_read_user);
    q.bind(5, r.reads.int_page_read_count);
    q.bind(6, r.reads.ori_page_read_user);
    q.bind(7, r.reads.ori_page_read_count);
    q.bind(8, r.reads.share_user);
    q.bind(9, r.reads.share_count);
    q.bind(10, r.reads.add_to_fav_user);
    q.bind(11, r.reads.add_to_fav_count);
    q.exec();
  }
}

void WeChatRepo::upsertCumulate(const std::string& account,
                                const std::vector<model::UserCumulateRow>& rows) {
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
                           const std::vector<model::BizSummaryRow>& rows, bool is_delay) {
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

void WeChatRepo::upsertArticleTotal(const std::string& account, const model::ArticleTotal& a) {
  // getarticletotal lists mass-sent (notified) articles only.
  bindArticle(st_->article, account, a.msgid, a.ref_date, a.title, a.url, 0, "legacy");
  for (const auto& d : a.details) {
    auto& q = st_->stat;
    q.reset();
    q.bind(1, account);
    q.bind(2, a.msgid);
    q.bind(3, d.stat_date);
    q.bind(4, d.reads.int_page_read_user);
    q.bind(5, d.reads.int_page_read_count);
    q.bind(6, d.reads.share_user);
    q.bind(7, d.reads.add_to_fav_user);
    q.bind(8, 0);
    q.exec();
  }
}

void WeChatRepo::upsertArticleSummary(const std::string& account,
                                      const std::vector<model::ArticleSummaryRow>& rows) {
  for (const auto& r : rows) {
    auto& q = st_->daily;
    q.reset();
    q.bind(1, account);
    q.bind(2, r.msgid);
    q.bind(3, r.ref_date);
    q.bind(4, r.reads.int_page_read_user);
    q.bind(5, r.reads.int_page_read_count);
    q.bind(6, r.reads.share_user);
    q.bind(7, 0);
    q.exec();
    enrichArticle(account, r.msgid, r.title, "");
  }
}

void WeChatRepo::upsertArticleDetail(const std::string& account, const model::ArticleTotalDetail& a,
                                     bool is_delay) {
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
                                   const std::vector<model::ArticleReadRow>& rows, bool is_delay) {
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

void WeChatRepo::upsertPublished(const std::string& account,
                                 const std::vector<model::PublishedPost>& posts,
                                 core::TimePoint fetched_at) {
  if (posts.empty()) return;
  SQLite::Statement q(sql(db_),
                      "INSERT INTO wechat_published (account, article_id, idx, msgid, title, url, "
                      "update_time, is_deleted, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
                      "CONFLICT DO UPDATE SET msgid = excluded.msgid, title = excluded.title, url "
                      "= excluded.url, update_time = excluded.update_time, is_deleted = "
                      "excluded.is_deleted, fetched_at = excluded.fetched_at");
  const std::string at = core::formatUtc(fetched_at);
  for (const auto& p : posts) {
    q.reset();
    q.bind(1, account);
    q.bind(2, p.article_id);
    q.bind(3, p.index);
    detail::bindOptional(q, 4, p.msgid);
    detail::bindOptional(q, 5, p.title);
    detail::bindOptional(q, 6, p.url);
    q.bind(7, core::formatUtc(core::TimePoint(std::chrono::seconds(p.update_time))));
    q.bind(8, p.is_deleted ? 1 : 0);
    q.bind(9, at);
    q.exec();
  }
}

void WeChatRepo::setPublishList(const std::string& account, const model::PublishListCheck& check,
                                core::TimePoint at) {
  SQLite::Statement q(sql(db_),
                      "INSERT INTO wechat_publish_lists (account, checked_at, complete_at, "
                      "total_count, refused) VALUES (?1, ?2, CASE WHEN ?3 THEN ?2 END, ?4, ?5) "
                      "ON CONFLICT DO UPDATE SET checked_at = excluded.checked_at, complete_at = "
                      "coalesce(excluded.complete_at, complete_at), total_count = "
                      "coalesce(excluded.total_count, total_count), refused = excluded.refused");
  q.bind(1, account);
  q.bind(2, core::formatUtc(at));
  q.bind(3, check.complete ? 1 : 0);
  if (check.total_count)
    q.bind(4, *check.total_count);
  else
    q.bind(4);
  detail::bindOptional(q, 5, check.refused);
  q.exec();
}

std::set<std::string> WeChatRepo::publishedIds(const std::string& account) {
  SQLite::Statement q(sql(db_),
                      "SELECT DISTINCT article_id FROM wechat_published WHERE account = ?");
  q.bind(1, account);
  std::set<std::string> out;
  while (q.executeStep()) out.insert(q.getColumn(0).getString());
  return out;
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

int64_t WeChatRepo::setDayStates(const std::string& account,
                                 const std::vector<model::DayState>& states,
                                 core::TimePoint fetched_at) {
  const std::string at = core::formatUtc(fetched_at);
  int64_t kept = 0;
  auto& q = st_->day;
  for (const auto& s : states) {
    if (!model::isStored(s.status)) continue;
    q.reset();
    q.bind(1, account);
    q.bind(2, std::string(model::endpointName(s.endpoint)));
    q.bind(3, s.day.toString());
    q.bind(4, std::string(model::toString(s.status)));
    detail::bindOptional(q, 5, s.detail);
    q.bind(6, at);
    q.exec();
    ++kept;
  }
  return kept;
}

namespace {

// Rows of (endpoint, ref_date, state, detail); rows this binary cannot read (an endpoint or
// state it does not know) are skipped.
std::vector<model::DayState> readDayStates(SQLite::Statement& q) {
  std::vector<model::DayState> out;
  while (q.executeStep()) {
    const auto endpoint = model::endpointFromName(q.getColumn(0).getText());
    const auto day = core::Date::parse(q.getColumn(1).getText());
    const auto status = model::parseDayStatus(q.getColumn(2).getText());
    if (!endpoint || !day || !status) continue;
    out.push_back({*endpoint, *day, *status, detail::textOrEmpty(q.getColumn(3))});
  }
  return out;
}

}  // namespace

std::vector<model::DayState> WeChatRepo::dayStates(const std::string& account) {
  SQLite::Statement q(sql(db_),
                      "SELECT endpoint, ref_date, state, detail FROM wechat_days WHERE account = ? "
                      "ORDER BY ref_date, endpoint");
  q.bind(1, account);
  return readDayStates(q);
}

std::vector<model::DayState> WeChatRepo::dayStates(const std::string& account, core::Date from,
                                                   core::Date to) {
  SQLite::Statement q(sql(db_),
                      "SELECT endpoint, ref_date, state, detail FROM wechat_days WHERE account = ? "
                      "AND ref_date BETWEEN ? AND ? ORDER BY ref_date, endpoint");
  q.bind(1, account);
  q.bind(2, from.toString());
  q.bind(3, to.toString());
  return readDayStates(q);
}

std::optional<core::Date> WeChatRepo::lastCompleteDay(const std::string& account,
                                                      core::Date new_api_from) {
  return model::lastCompleteDay(model::byDay(dayStates(account)), new_api_from);
}

std::vector<model::DayState> WeChatRepo::repullDays(const std::string& account,
                                                    std::optional<core::Date> recent_from) {
  SQLite::Statement q(sql(db_),
                      "SELECT endpoint, ref_date, state, detail FROM wechat_days WHERE account = ? "
                      "AND (state IN ('delayed', 'empty', 'not_ready') OR (state = 'unavailable' "
                      "AND ref_date >= ?)) ORDER BY ref_date");
  q.bind(1, account);
  q.bind(2, recent_from ? recent_from->toString() : std::string("9999-12-31"));
  return readDayStates(q);
}

model::Coverage WeChatRepo::coverage(const std::string& account, core::Date new_api_from,
                                     std::optional<core::Date> latest) {
  return model::coverageOf(model::byDay(dayStates(account)), new_api_from, latest);
}

}  // namespace pubtrack::store
