// SPDX-License-Identifier: Apache-2.0
// store::Database: the one SQLite file (WAL, synchronous=NORMAL, foreign keys, busy timeout),
// created with mode 0640 and migrated on open. One writer connection per process (the runner);
// read-only connections for the dashboard, one per thread.
//
// Every SQL statement of pubtrack lives in store/: the other stages use the repos and queries
// declared in store/*.h, never a connection. The connection itself is reachable only through
// store/detail/, which refuses to compile outside store/ (and the store's own tests).
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

namespace SQLite {
class Database;
class Transaction;
}  // namespace SQLite

namespace pubtrack::store {

namespace detail {
struct Access;
}

// The schema version this binary writes (the number of migrations it knows).
int latestSchemaVersion();

class Database {
 public:
  enum class Mode { ReadWrite, ReadOnly };

  // Opens (creating when ReadWrite and missing) and migrates. Refuses, without modifying it, a
  // database whose schema is newer than this binary knows.
  static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                      Mode mode = Mode::ReadWrite);
  // A private in-memory database at the latest schema (tests and benchmarks).
  static std::unique_ptr<Database> openInMemory();

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::filesystem::path& path() const { return path_; }
  int schemaVersion();
  // "ok" when PRAGMA integrity_check finds nothing wrong, else its first line.
  std::string integrityCheck();
  // SQLite online backup to `target` (safe while readers are active).
  core::Status backupTo(const std::filesystem::path& target);
  // PRAGMA data_version: changes whenever another connection has committed since this one last
  // looked (the dashboard's caches). Ends any read transaction it starts.
  int64_t dataVersion();

 private:
  Database(const std::filesystem::path& path, int flags);
  friend struct detail::Access;
  friend class Transaction;

  std::filesystem::path path_;
  std::unique_ptr<SQLite::Database> db_;
};

// One write transaction (BEGIN IMMEDIATE, so it waits for other writers up front): everything
// written through the database's repos until commit() lands at once, or not at all when the
// transaction is destroyed first (an exception, a killed process).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  std::unique_ptr<SQLite::Transaction> tx_;
};

// What an exception thrown by the store means to its caller (SQLite's exception type stays
// inside store/): another connection holds the lock past the busy timeout, the file cannot be
// opened, another database error, or not the store's at all.
enum class Failure { Busy, CannotOpen, Other, NotStore };
Failure failureOf(const std::exception& e);

}  // namespace pubtrack::store
