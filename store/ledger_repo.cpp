// SPDX-License-Identifier: Apache-2.0
// Ledger rows.
#include "store/ledger_repo.h"

#include <SQLiteCpp/Statement.h>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

using detail::sql;

int64_t LedgerRepo::add(const LedgerEntry& e) {
  SQLite::Statement q(sql(db_),
                      "INSERT INTO ledger (kind, date, title, count, role, origin, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, e.kind);
  q.bind(2, e.date.toString());
  detail::bindOptional(q, 3, e.title);
  q.bind(4, e.count);
  detail::bindOptional(q, 5, e.role);
  q.bind(6, e.origin);
  q.bind(7, e.created_at);
  q.exec();
  return sql(db_).getLastInsertRowid();
}

std::pair<int64_t, bool> LedgerRepo::upsertImported(const LedgerEntry& e) {
  SQLite::Statement find(
      sql(db_),
      "SELECT id FROM ledger WHERE kind = ? AND date = ? AND coalesce(title, '') "
      "= ? AND coalesce(role, '') = ? ORDER BY id LIMIT 1");
  find.bind(1, e.kind);
  find.bind(2, e.date.toString());
  find.bind(3, e.title);
  find.bind(4, e.role);
  if (!find.executeStep()) return {add(e), true};
  const int64_t id = find.getColumn(0).getInt64();
  SQLite::Statement u(sql(db_), "UPDATE ledger SET count = ?, origin = ? WHERE id = ?");
  u.bind(1, e.count);
  u.bind(2, e.origin);
  u.bind(3, id);
  u.exec();
  return {id, false};
}

bool LedgerRepo::remove(int64_t id) {
  SQLite::Statement q(sql(db_), "DELETE FROM ledger WHERE id = ?");
  q.bind(1, id);
  return q.exec() > 0;
}

std::vector<LedgerEntry> LedgerRepo::list(std::optional<core::Date> from,
                                          std::optional<core::Date> to, const std::string& kind) {
  std::string text =
      "SELECT id, kind, date, coalesce(title, ''), count, coalesce(role, ''), origin, created_at "
      "FROM ledger WHERE 1";
  if (from) text += " AND date >= :from";
  if (to) text += " AND date <= :to";
  if (!kind.empty()) text += " AND kind = :kind";
  text += " ORDER BY date, id";
  SQLite::Statement q(sql(db_), text);
  if (from) q.bind(":from", from->toString());
  if (to) q.bind(":to", to->toString());
  if (!kind.empty()) q.bind(":kind", kind);
  std::vector<LedgerEntry> out;
  while (q.executeStep()) {
    LedgerEntry e;
    e.id = q.getColumn(0).getInt64();
    e.kind = q.getColumn(1).getString();
    e.date = core::Date::parse(q.getColumn(2).getText()).value_or(core::Date{});
    e.title = q.getColumn(3).getString();
    e.count = q.getColumn(4).getInt64();
    e.role = q.getColumn(5).getString();
    e.origin = q.getColumn(6).getString();
    e.created_at = q.getColumn(7).getString();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<LedgerSum> LedgerRepo::sums(core::Date from, core::Date to) {
  SQLite::Statement q(sql(db_),
                      "SELECT kind, coalesce(role, ''), sum(count) FROM ledger WHERE date BETWEEN "
                      "? AND ? GROUP BY kind, role");
  q.bind(1, from.toString());
  q.bind(2, to.toString());
  std::vector<LedgerSum> out;
  while (q.executeStep())
    out.push_back(
        {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  return out;
}

}  // namespace pubtrack::store
