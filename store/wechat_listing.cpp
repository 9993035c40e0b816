// SPDX-License-Identifier: Apache-2.0
// The WeChat listings: the wechat_daily view (migration v7) and the articles table.
#include "store/wechat_listing.h"

#include <SQLiteCpp/Statement.h>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

namespace {

// " AND <day> >= ? AND <day> <= ? AND <account> IN (...) ORDER BY <order> LIMIT ?" for the
// parts the filter sets, and the binding of them in the same order.
std::string filterClause(const ListFilter& f, const std::string& day, const std::string& account,
                         const std::string& order) {
  std::string s;
  if (f.from) s += " AND " + day + " >= ?";
  if (f.to) s += " AND " + day + " <= ?";
  if (!f.accounts.empty()) {
    s += " AND " + account + " IN (";
    for (size_t i = 0; i < f.accounts.size(); ++i) s += i ? ", ?" : "?";
    s += ")";
  }
  s += " ORDER BY " + order;
  if (f.limit > 0) s += " LIMIT ?";
  return s;
}

void bindFilter(SQLite::Statement& q, const ListFilter& f) {
  int i = 0;
  if (f.from) q.bind(++i, f.from->toString());
  if (f.to) q.bind(++i, f.to->toString());
  for (const auto& a : f.accounts) q.bind(++i, a);
  if (f.limit > 0) q.bind(++i, f.limit);
}

core::Date dayOf(const SQLite::Column& c) {
  return core::Date::parse(c.getText()).value_or(core::Date{});
}

}  // namespace

std::optional<int64_t> WeChatDayRow::net() const {
  if (!new_users || !cancel_users) return std::nullopt;
  return *new_users - *cancel_users;
}

std::vector<WeChatDayRow> WeChatListing::daily(const ListFilter& f) {
  SQLite::Statement q(detail::sql(db_),
                      "SELECT account, ref_date, new_user, cancel_user, cumulate_user, page_views, "
                      "read_users, is_delay FROM wechat_daily WHERE 1" +
                          filterClause(f, "ref_date", "account", "account, ref_date"));
  bindFilter(q, f);
  std::vector<WeChatDayRow> out;
  while (q.executeStep()) {
    WeChatDayRow r;
    r.account = q.getColumn(0).getString();
    r.day = dayOf(q.getColumn(1));
    r.new_users = detail::optInt(q.getColumn(2));
    r.cancel_users = detail::optInt(q.getColumn(3));
    r.followers = detail::optInt(q.getColumn(4));
    r.page_views = detail::optInt(q.getColumn(5));
    r.read_users = detail::optInt(q.getColumn(6));
    if (const auto d = detail::optInt(q.getColumn(7))) r.is_delay = *d != 0;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<WeChatArticleRow> WeChatListing::articles(const ListFilter& f) {
  SQLite::Statement q(
      detail::sql(db_),
      "SELECT account, msgid, coalesce(title, ''), coalesce(url, ''), publish_date, "
      "publish_type, read_user_max, read_count_max FROM wechat_articles WHERE 1" +
          filterClause(f, "publish_date", "account", "publish_date, msgid, account"));
  bindFilter(q, f);
  std::vector<WeChatArticleRow> out;
  while (q.executeStep()) {
    WeChatArticleRow r;
    r.account = q.getColumn(0).getString();
    r.msgid = q.getColumn(1).getString();
    r.title = q.getColumn(2).getString();
    r.url = q.getColumn(3).getString();
    r.publish_date = dayOf(q.getColumn(4));
    r.publish_type = detail::optInt(q.getColumn(5));
    r.read_users = detail::optInt(q.getColumn(6));
    r.page_views = detail::optInt(q.getColumn(7));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pubtrack::store
