// SPDX-License-Identifier: Apache-2.0
// Internal to store/: the SQLite connection behind a store::Database. Only the store's own
// sources (and its white-box tests) define PUBTRACK_STORE_INTERNAL, so any other stage that
// reaches for SQL fails to compile: the rule "every SQL string lives in store/" is kept by the
// compiler.
#pragma once

#ifndef PUBTRACK_STORE_INTERNAL
#error "store/detail/ is internal to store/: use the repos and queries declared in store/*.h"
#endif

#include <SQLiteCpp/Database.h>

#include "store/database.h"

namespace pubtrack::store::detail {

struct Access {
  static SQLite::Database& sql(Database& db) { return *db.db_; }
};

inline SQLite::Database& sql(Database& db) { return Access::sql(db); }

}  // namespace pubtrack::store::detail
