// SPDX-License-Identifier: Apache-2.0
// The years the store holds data for. Tables whose day column leads an index are walked one
// year at a time (each step is an index seek, so a million mentions cost a few seeks); the
// WeChat tables, keyed by account first, are read once each with DISTINCT.
#include "store/data_years.h"

#include <SQLiteCpp/Statement.h>

#include <set>
#include <string>

#include "store/detail/sql.h"

namespace pubtrack::store {

namespace {

using detail::sql;
using Stmt = SQLite::Statement;

int yearOf(const std::string& day) {
  if (day.size() < 4) return 0;
  int y = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (day[i] < '0' || day[i] > '9') return 0;
    y = y * 10 + (day[i] - '0');
  }
  return y;
}

// `column` of `table` leads an index: the first day of each year found by one seek per year.
void seekYears(Database& db, const std::string& table, const std::string& column,
               std::set<int>& out) {
  Stmt q(sql(db), "SELECT MIN(" + column + ") FROM " + table + " WHERE " + column + " >= ?1");
  std::string from = "0000";
  while (true) {
    q.reset();
    q.bind(1, from);
    if (!q.executeStep() || q.getColumn(0).isNull()) return;
    const int y = yearOf(q.getColumn(0).getString());
    if (y <= 0 || y >= 9999) return;
    out.insert(y);
    from = std::to_string(y + 1);  // "2025" sorts before every day of 2025
  }
}

void distinctYears(Database& db, const std::string& table, const std::string& column,
                   std::set<int>& out) {
  Stmt q(sql(db), "SELECT DISTINCT substr(" + column + ", 1, 4) FROM " + table);
  while (q.executeStep()) {
    const int y = yearOf(q.getColumn(0).getString());
    if (y > 0) out.insert(y);
  }
}

}  // namespace

std::vector<int> yearsWithData(Database& db) {
  std::set<int> years;
  seekYears(db, "mentions", "day", years);
  seekYears(db, "ledger", "date", years);
  seekYears(db, "disclosure_requests", "received", years);
  for (const char* table :
       {"wechat_user_summary", "wechat_user_cumulate", "wechat_user_read", "wechat_biz_daily"})
    distinctYears(db, table, "ref_date", years);
  distinctYears(db, "wechat_articles", "publish_date", years);
  {
    Stmt q(sql(db), "SELECT DISTINCT year FROM table_figures");
    while (q.executeStep()) years.insert(q.getColumn(0).getInt());
  }
  return {years.begin(), years.end()};
}

}  // namespace pubtrack::store
