// SPDX-License-Identifier: Apache-2.0
// Opening, configuring and migrating the SQLite file.
#include "store/database.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/migrations.h"

namespace pubtrack::store {

namespace fs = std::filesystem;

int latestSchemaVersion() { return static_cast<int>(migrations().size()); }

Database::Database(const fs::path& path, int flags)
    : path_(path), db_(std::make_unique<SQLite::Database>(path.string(), flags)) {
  db_->setBusyTimeout(10000);
}

Database::~Database() = default;

void migrate(SQLite::Database& db, int target) {
  const auto all = migrations();
  for (int v = db.execAndGet("PRAGMA user_version").getInt(); v < target; ++v) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    if (db.execAndGet("PRAGMA user_version").getInt() > v) continue;
    db.exec(all[static_cast<size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

core::Result<std::unique_ptr<Database>> Database::open(const fs::path& path, Mode mode) {
  const std::string src = path.string();
  try {
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (mode == Mode::ReadOnly && !exists)
      return core::makeError(core::ErrorKind::Database, src,
                             "database does not exist (run `pubtrack init`)");
    if (mode == Mode::ReadWrite && !exists) {
      if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
      // Create it ourselves so the mode is 0640 whatever the umask; SQLite gives the -wal and
      // -shm files the same mode.
      const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0640);
      if (fd < 0 && errno != EEXIST)
        return core::makeError(core::ErrorKind::Database, src,
                               std::string("cannot create database: ") + std::strerror(errno));
      if (fd >= 0) {
        ::fchmod(fd, 0640);
        ::close(fd);
      }
    }
    const int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    std::unique_ptr<Database> db(new Database(path, flags));
    auto& sql = *db->db_;
    // Check the version before touching anything: a newer schema is never modified.
    const int version = sql.execAndGet("PRAGMA user_version").getInt();
    if (version > latestSchemaVersion())
      return core::makeError(core::ErrorKind::Database, src,
                             "database schema version " + std::to_string(version) +
                                 " is newer than this pubtrack (" +
                                 std::to_string(latestSchemaVersion()) +
                                 "); upgrade pubtrack. The database was not modified.");
    // Reports scan years of rows: read pages through a memory map and keep more of them cached
    // than SQLite's 2 MB default.
    sql.exec("PRAGMA mmap_size = 268435456");
    sql.exec("PRAGMA cache_size = -32768");
    if (mode == Mode::ReadOnly) {
      if (version < latestSchemaVersion())
        return core::makeError(core::ErrorKind::Database, src,
                               "database schema version " + std::to_string(version) +
                                   " is older than this pubtrack's; run any writing command "
                                   "(e.g. `pubtrack init`) to migrate it");
      sql.exec("PRAGMA foreign_keys = ON");
      return db;
    }
    // A new file gets 16 KB pages: feed items' content and kept bodies (often tens of KB)
    // span a quarter of the pages they would at SQLite's 4 KB, and so a quarter of the writes
    // to the WAL and back.
    if (version == 0 && sql.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0)
      sql.exec("PRAGMA page_size = 16384");
    sql.exec("PRAGMA journal_mode = WAL");
    sql.exec("PRAGMA synchronous = NORMAL");
    sql.exec("PRAGMA foreign_keys = ON");
    migrate(sql, latestSchemaVersion());
    return db;
  } catch (const SQLite::Exception& e) {
    return core::makeError(core::ErrorKind::Database, src, e.what());
  } catch (const fs::filesystem_error& e) {
    return core::makeError(core::ErrorKind::Database, src, e.what());
  }
}

std::unique_ptr<Database> Database::openInMemory() {
  std::unique_ptr<Database> db(
      new Database(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE));
  db->db_->exec("PRAGMA foreign_keys = ON");
  migrate(*db->db_, latestSchemaVersion());
  return db;
}

int Database::schemaVersion() { return db_->execAndGet("PRAGMA user_version").getInt(); }

std::string Database::integrityCheck() {
  return db_->execAndGet("PRAGMA integrity_check").getString();
}

int64_t Database::dataVersion() {
  // A statement of its own each time: a cached one left on its row would hold a read
  // transaction open (see detail::StatementUse).
  return db_->execAndGet("PRAGMA data_version").getInt64();
}

Transaction::Transaction(Database& db)
    : tx_(std::make_unique<SQLite::Transaction>(*db.db_, SQLite::TransactionBehavior::IMMEDIATE)) {}
Transaction::~Transaction() = default;
void Transaction::commit() { tx_->commit(); }

Failure failureOf(const std::exception& e) {
  const auto* s = dynamic_cast<const SQLite::Exception*>(&e);
  if (!s) return Failure::NotStore;
  switch (s->getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Failure::Busy;
    case SQLITE_CANTOPEN:
      return Failure::CannotOpen;
    default:
      return Failure::Other;
  }
}

core::Status Database::backupTo(const fs::path& target) {
  try {
    std::error_code ec;
    fs::remove(target, ec);
    {
      const int fd = ::open(target.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0640);
      if (fd < 0)
        return core::makeError(core::ErrorKind::Io, target.string(),
                               std::string("cannot create backup: ") + std::strerror(errno));
      ::close(fd);
    }
    SQLite::Database out(target.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(out, *db_);
    backup.executeStep();  // all pages in one step
    return core::ok();
  } catch (const SQLite::Exception& e) {
    return core::makeError(core::ErrorKind::Database, target.string(), e.what());
  }
}

}  // namespace pubtrack::store
