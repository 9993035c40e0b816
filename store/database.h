// SPDX-License-Identifier: Apache-2.0
// store::Database: the one SQLite file (WAL, synchronous=NORMAL, foreign keys, busy timeout),
// created with mode 0640 and migrated on open. One writer connection per process (the runner);
// read-only connections for the dashboard, one per thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

namespace pubtrack::store {

// The schema version this binary writes (the number of migrations it knows).
int latestSchemaVersion();

class Database {
 public:
  enum class Mode { ReadWrite, ReadOnly };

  // Opens (creating when ReadWrite and missing) and migrates. Refuses, without modifying it, a
  // database whose schema is newer than this binary knows.
  static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                      Mode mode = Mode::ReadWrite);

  SQLite::Database& sql() { return db_; }
  const std::filesystem::path& path() const { return path_; }
  int schemaVersion();
  // "ok" when PRAGMA integrity_check finds nothing wrong, else its first line.
  std::string integrityCheck();
  // SQLite online backup to `target` (safe while readers are active).
  core::Status backupTo(const std::filesystem::path& target);

  explicit Database(const std::filesystem::path& path, int flags);

 private:
  std::filesystem::path path_;
  SQLite::Database db_;
};

// Applies migrations up to `target` (tests build older schemas with it).
void migrate(SQLite::Database& db, int target);

}  // namespace pubtrack::store
