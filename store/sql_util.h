// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the repos: NULL <-> "" for optional text columns, a use of a cached
// statement.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <string>

namespace pubtrack::store {

// A TEXT column that may be NULL, as a string ("" for NULL).
inline std::string textOrEmpty(const SQLite::Column& c) {
  return c.isNull() ? std::string() : c.getString();
}

// Binds "" as NULL: optional text is stored as NULL, never as an empty string.
inline void bindOptional(SQLite::Statement& q, int index, const std::string& value) {
  if (value.empty())
    q.bind(index);
  else
    q.bind(index, value);
}

// One use of a cached (prepared once) statement: reset when the use starts and when it ends. A
// statement left on a row keeps its read transaction open past COMMIT; in WAL mode the
// connection's next BEGIN IMMEDIATE then fails at once with "database is locked"
// (SQLITE_BUSY_SNAPSHOT, no busy wait) as soon as another process has written meanwhile, e.g. a
// confirm from the dashboard during a collect.
class StatementUse {
 public:
  explicit StatementUse(SQLite::Statement& q) : q_(q) { q_.reset(); }
  ~StatementUse() { q_.tryReset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  SQLite::Statement& q_;
};

}  // namespace pubtrack::store
