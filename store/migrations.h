// SPDX-License-Identifier: Apache-2.0
// The schema, as an append-only list of migrations: never edit a released entry, only append.
#pragma once

#include <span>

namespace SQLite {
class Database;
}

namespace pubtrack::store {

// kMigrations[i] takes the schema from version i to version i + 1.
std::span<const char* const> migrations();

// Applies migrations up to `target`, each in its own transaction (store::Database::open does;
// tests build older schemas with it).
void migrate(SQLite::Database& db, int target);

}  // namespace pubtrack::store
