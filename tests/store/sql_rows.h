// SPDX-License-Identifier: Apache-2.0
// Test support for the store's white-box tests: the rows of a query as one short string, so a
// table without a public reader can be compared with hand-written rows.
#pragma once

#ifndef PUBTRACK_STORE_INTERNAL
#error "tests/store/sql_rows.h is for the store's white-box tests (PUBTRACK_STORE_INTERNAL)"
#endif

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <string>

namespace pubtrack::fakes {

// Every row of `query`, columns joined by '|', rows by ';', NULL written as "NULL":
// "2024-01-01|99999999|300;2024-01-02|0|12". "" when there is no row.
inline std::string rowsOf(SQLite::Database& db, const std::string& query) {
  SQLite::Statement q(db, query);
  std::string out;
  while (q.executeStep()) {
    if (!out.empty()) out += ';';
    for (int i = 0; i < q.getColumnCount(); ++i) {
      if (i) out += '|';
      const auto c = q.getColumn(i);
      out += c.isNull() ? std::string("NULL") : c.getString();
    }
  }
  return out;
}

}  // namespace pubtrack::fakes
