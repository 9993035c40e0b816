// SPDX-License-Identifier: Apache-2.0
// Internal to store/: small helpers shared by the repos and queries: NULL <-> "" for optional
// text columns, optional integers, a use of a cached statement.
#pragma once

#ifndef PUBTRACK_STORE_INTERNAL
#error "store/detail/ is internal to store/: use the repos and queries declared in store/*.h"
#endif

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

namespace pubtrack::store::detail {

// A TEXT column that may be NULL, as a string ("" for NULL).
inline std::string textOrEmpty(const SQLite::Column& c) {
  return c.isNull() ? std::string() : c.getString();
}

// An INTEGER column that may be NULL.
inline std::optional<int64_t> optInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

// Binds "" as NULL: optional text is stored as NULL, never as an empty string.
inline void bindOptional(SQLite::Statement& q, int index, const std::string& value) {
  if (value.empty())
    q.bind(index);
  else
    q.bind(index, value);
}

// The same without copying the text (long summaries and bodies): `value` must outlive the
// statement's next exec or reset.
inline void bindOptionalNoCopy(SQLite::Statement& q, int index, const std::string& value) {
  if (value.empty())
    q.bind(index);
  else
    q.bindNoCopy(index, value);
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

}  // namespace pubtrack::store::detail
