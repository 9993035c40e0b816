// SPDX-License-Identifier: Apache-2.0
// Ledger rows.
#include "store/ledger_repo.h"

#include <SQLiteCpp/Statement.h>

namespace pubtrack::store {

int64_t LedgerRepo::add(const LedgerEntry& e) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO ledger (kind, date, title, count, role, origin, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, e.kind);
  q.bind(2, e.date);
  if (e.title.empty())
    q.bind(3);
  else
    q.bind(3, e.title);
  q.bind(4, e.count);
  if (e.role.empty())
    q.bind(5);
  else
    q.bind(5, e.role);
  q.bind(6, e.origin);
  q.bind(7, e.created_at);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

bool LedgerRepo::remove(int64_t id) {
  SQLite::Statement q(db_.sql(), "DELETE FROM ledger WHERE id = ?");
  q.bind(1, id);
  return q.exec() > 0;
}

std::vector<LedgerEntry> LedgerRepo::list(const std::string& from, const std::string& to,
                                          const std::string& kind) {
  std::string sql =
      "SELECT id, kind, date, coalesce(title, ''), count, coalesce(role, ''), origin, created_at "
      "FROM ledger WHERE 1";
  if (!from.empty()) sql += " AND date >= :from";
  if (!to.empty()) sql += " AND date <= :to";
  if (!kind.empty()) sql += " AND kind = :kind";
  sql += " ORDER BY date, id";
  SQLite::Statement q(db_.sql(), sql);
  if (!from.empty()) q.bind(":from", from);
  if (!to.empty()) q.bind(":to", to);
  if (!kind.empty()) q.bind(":kind", kind);
  std::vector<LedgerEntry> out;
  while (q.executeStep()) {
    LedgerEntry e;
    e.id = q.getColumn(0).getInt64();
    e.kind = q.getColumn(1).getString();
    e.date = q.getColumn(2).getString();
    e.title = q.getColumn(3).getString();
    e.count = q.getColumn(4).getInt64();
    e.role = q.getColumn(5).getString();
    e.origin = q.getColumn(6).getString();
    e.created_at = q.getColumn(7).getString();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace pubtrack::store
