// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the repos: NULL <-> "" for optional text columns.
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

}  // namespace pubtrack::store
