// SPDX-License-Identifier: Apache-2.0
// The SQLite file: creation mode, pragmas, migrations (fresh, upgrade, newer refused), upserts,
// two processes writing at once.
#include "store/database.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/detail/sql.h"
#include "store/migrations.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::store {
namespace {

using detail::sql;

core::TimePoint at(const char* iso) { return *core::parseUtc(iso); }

TEST(DatabaseTest, FreshFileIsMigratedWithModeAndPragmas) {
  fakes::TempDir dir;
  const auto path = dir / "sub" / "p.db";
  auto db = Database::open(path);
  ASSERT_TRUE(db) << db.error().describe();
  EXPECT_EQ((*db)->schemaVersion(), latestSchemaVersion());
  EXPECT_EQ(sql(**db).execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(sql(**db).execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ(sql(**db).execAndGet("PRAGMA synchronous").getInt(), 1);  // NORMAL
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ((*db)->integrityCheck(), "ok");
}

TEST(DatabaseTest, UpgradesFromEveryEarlierVersionKeepingData) {
  for (int from = 0; from < latestSchemaVersion(); ++from) {
    SCOPED_TRACE("from version " + std::to_string(from));
    fakes::TempDir dir;
    const auto path = dir / "old.db";
    {
      SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      migrate(raw, from);
      raw.exec("CREATE TABLE IF NOT EXISTS test_marker (v TEXT)");
      raw.exec("INSERT INTO test_marker VALUES ('kept')");
      EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), from);
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().describe();
    EXPECT_EQ((*db)->schemaVersion(), latestSchemaVersion());
    EXPECT_EQ(sql(**db).execAndGet("SELECT v FROM test_marker").getString(), "kept");
    // Opening again is a no-op.
    db = Database::open(path);
    ASSERT_TRUE(db);
    EXPECT_EQ((*db)->schemaVersion(), latestSchemaVersion());
  }
}

TEST(DatabaseTest, NewerDatabaseIsRefusedAndNotModified) {
  fakes::TempDir dir;
  const auto path = dir / "newer.db";
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE future (x)");
    raw.exec("PRAGMA user_version = " + std::to_string(latestSchemaVersion() + 5));
  }
  const std::string before = fakes::readFile(path);
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("is newer than this pubtrack"), std::string::npos);
  EXPECT_NE(db.error().message.find("was not modified"), std::string::npos);
  EXPECT_EQ(fakes::readFile(path), before);
  EXPECT_FALSE(std::filesystem::exists(dir / "newer.db-wal"));
}

TEST(DatabaseTest, ReadOnlyOpenRefusesMissingFile) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "none.db", Database::Mode::ReadOnly);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("does not exist"), std::string::npos);
}

TEST(StateRepoTest, UpsertIsIdempotent) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "s.db");
  ASSERT_TRUE(db);
  StateRepo repo(**db);
  SourceState s;
  s.source = "feed.people";
  s.etag = "\"abc\"";
  s.last_status = "ok";
  repo.upsert(s);
  repo.upsert(s);
  s.error_count = 2;
  s.last_error = "timeout";
  repo.upsert(s);
  repo.upsert(s);
  EXPECT_EQ(sql(**db).execAndGet("SELECT count(*) FROM source_state").getInt(), 1);
  auto got = repo.get("feed.people");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->etag, "\"abc\"");
  EXPECT_EQ(got->error_count, 2);
  EXPECT_EQ(got->last_error, "timeout");
  EXPECT_FALSE(repo.get("feed.other"));
}

TEST(StateRepoTest, RawResponsesKeepEveryBodyAndGiveTheLatest) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "r.db");
  ASSERT_TRUE(db);
  StateRepo repo(**db);
  repo.addRaw(
      {"account.a", "getusersummary 2024-01-01..07", "2024-01-08T01:00:00Z", "", "{1}", 200});
  repo.addRaw(
      {"account.a", "getusersummary 2024-01-01..07", "2024-01-09T01:00:00Z", "", "{2}", 200});
  repo.replaceRaw({"feed.x", "body", "2024-01-09T01:00:00Z", "text/xml", "<a/>", 200});
  repo.replaceRaw({"feed.x", "body", "2024-01-10T01:00:00Z", "text/xml", "<b/>", 200});
  auto a = repo.latestRaw("account.a");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].body, "{2}");
  EXPECT_EQ(sql(**db).execAndGet("SELECT count(*) FROM raw_responses").getInt(), 3);
  auto f = repo.latestRaw("feed.x");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].body, "<b/>");
}

TEST(RunsRepoTest, RecordsRunsErrorsAndHealth) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "runs.db");
  ASSERT_TRUE(db);
  RunsRepo runs(**db);
  auto r1 = runs.start("feeds", "feed.x", at("2024-01-01T00:00:00Z"));
  runs.finish(r1, "ok", 5, 0, 0, "", at("2024-01-01T00:01:00Z"));
  auto r2 = runs.start("feeds", "feed.x", at("2024-01-02T00:00:00Z"));
  runs.addError(r2, core::Error{core::ErrorKind::HttpStatus, "feed.x", "HTTP 500"}, "500",
                at("2024-01-02T00:00:30Z"));
  runs.finish(r2, "failed", 0, 0, 1, "feed.x: HTTP 500", at("2024-01-02T00:01:00Z"));
  auto h = runs.health("feed.x");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->last_status, "failed");
  EXPECT_EQ(h->last_success_at, "2024-01-01T00:01:00Z");
  EXPECT_EQ(runs.errors(r2).size(), 1u);
  EXPECT_EQ(runs.errors(r2)[0].code, "500");
  EXPECT_EQ(runs.list(10).size(), 2u);
  EXPECT_EQ(runs.list(10)[0].id, r2);  // newest first
}

TEST(RunsRepoTest, StaleRunningRowsOfDeadProcessesBecomeInterrupted) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "stale.db");
  ASSERT_TRUE(db);
  RunsRepo runs(**db);
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // a pid that is certainly gone
  sql(**db).exec(
      "INSERT INTO runs (collector, source, started_at, pid) VALUES ('wechat', "
      "'account.a', '2024-01-01T00:00:00Z', " +
      std::to_string(child) + ")");
  auto mine = runs.start("wechat", "account.b", at("2024-01-01T00:00:00Z"));
  EXPECT_EQ(runs.reapStale(at("2024-01-02T00:00:00Z")), 1);
  auto list = runs.list(10);
  for (const auto& r : list) {
    if (r.id == mine)
      EXPECT_EQ(r.status, "running");
    else
      EXPECT_EQ(r.status, "interrupted");
  }
}

TEST(DatabaseTest, TwoProcessesWriteTheSameFileConcurrently) {
  fakes::TempDir dir;
  const auto path = dir / "shared.db";
  ASSERT_TRUE(Database::open(path));
  constexpr int kRows = 300;
  auto writer = [&](const char* source) {
    auto db = Database::open(path);
    if (!db) ::_exit(10);
    try {
      StateRepo repo(**db);
      RunsRepo runs(**db);
      for (int i = 0; i < kRows; ++i) {
        SQLite::Transaction tx(sql(**db), SQLite::TransactionBehavior::IMMEDIATE);
        runs.start("test", source, at("2024-01-01T00:00:00Z"));
        SourceState s;
        s.source = source;
        s.error_count = i;
        repo.upsert(s);
        tx.commit();
      }
    } catch (const std::exception&) {
      ::_exit(11);
    }
    ::_exit(0);
  };
  pid_t a = ::fork();
  if (a == 0) writer("proc.a");
  pid_t b = ::fork();
  if (b == 0) writer("proc.b");
  int sa = 0, sb = 0;
  ::waitpid(a, &sa, 0);
  ::waitpid(b, &sb, 0);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << sa;
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << sb;
  auto db = Database::open(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(sql(**db).execAndGet("SELECT count(*) FROM runs").getInt(), 2 * kRows);
  EXPECT_EQ(sql(**db).execAndGet("SELECT count(*) FROM source_state").getInt(), 2);
  EXPECT_EQ((*db)->integrityCheck(), "ok");
}

TEST(DatabaseTest, OnlineBackupIsAConsistentCopy) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "live.db");
  ASSERT_TRUE(db);
  RunsRepo runs(**db);
  runs.start("wechat", "account.a", at("2024-01-01T00:00:00Z"));
  ASSERT_TRUE((*db)->backupTo(dir / "copy.db"));
  auto copy = Database::open(dir / "copy.db");
  ASSERT_TRUE(copy);
  EXPECT_EQ(sql(**copy).execAndGet("SELECT count(*) FROM runs").getInt(), 1);
  struct stat st {};
  ::stat((dir / "copy.db").c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

// v6 keeps each article's largest snapshot on the article row (the report ranks and counts from
// it): whatever order articles and snapshots arrive in, and when a snapshot is corrected or
// removed.
TEST(DatabaseTest, ArticleRowsFollowTheirReadSnapshots) {
  fakes::TempDir dir;
  auto db = Database::open(dir / "p.db");
  ASSERT_TRUE(db) << db.error().describe();
  auto& raw = sql(**db);
  auto reads = [&](const char* msgid) {
    SQLite::Statement q(raw,
                        "SELECT coalesce(read_user_max, -1), coalesce(read_count_max, -1) FROM "
                        "wechat_articles WHERE account = 'a' AND msgid = ?");
    q.bind(1, msgid);
    EXPECT_TRUE(q.executeStep());
    return std::make_pair(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
  };
  auto stat = [&](const char* msgid, const char* day, int users, const char* views) {
    raw.exec(std::string("INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, "
                         "read_count, share_user, fav_user) VALUES ('a', '") +
             msgid + "', '" + day + "', " + std::to_string(users) + ", " + views +
             ", 0, 0) ON CONFLICT DO UPDATE SET read_user = excluded.read_user, read_count = "
             "excluded.read_count");
  };
  auto article = [&](const char* msgid) {
    raw.exec(std::string("INSERT INTO wechat_articles (account, msgid, publish_date, family) "
                         "VALUES ('a', '") +
             msgid + "', '2024-03-01', 'legacy') ON CONFLICT DO UPDATE SET title = 't'");
  };
  article("1_1");
  EXPECT_EQ(reads("1_1"), std::make_pair(int64_t{-1}, int64_t{-1}));  // no snapshot yet
  stat("1_1", "2024-03-01", 100, "150");
  stat("1_1", "2024-03-02", 180, "260");
  stat("1_1", "2024-03-03", 170, "NULL");  // a smaller, later snapshot never lowers the max
  EXPECT_EQ(reads("1_1"), std::make_pair(int64_t{180}, int64_t{260}));
  article("1_1");  // the article re-pulled: its reads stay
  EXPECT_EQ(reads("1_1"), std::make_pair(int64_t{180}, int64_t{260}));
  stat("1_1", "2024-03-02", 120, "130");  // a corrected day: recomputed from every snapshot
  EXPECT_EQ(reads("1_1"), std::make_pair(int64_t{170}, int64_t{150}));
  raw.exec("DELETE FROM wechat_article_stats WHERE msgid = '1_1' AND stat_date = '2024-03-03'");
  EXPECT_EQ(reads("1_1"), std::make_pair(int64_t{120}, int64_t{150}));
  stat("2_1", "2024-03-01", 40, "55");  // the snapshot before its article
  article("2_1");
  EXPECT_EQ(reads("2_1"), std::make_pair(int64_t{40}, int64_t{55}));
}

TEST(DatabaseTest, UpgradeToV6FillsArticleReadsFromStoredSnapshots) {
  fakes::TempDir dir;
  const auto path = dir / "v5.db";
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(raw, 5);
    raw.exec(
        "INSERT INTO wechat_articles (account, msgid, publish_date, family) VALUES ('a', '1_1', "
        "'2024-03-01', 'legacy'), ('a', '2_1', '2024-03-01', 'new');"
        "INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, read_count, "
        "share_user, fav_user) VALUES ('a', '1_1', '2024-03-01', 10, 20, 0, 0), ('a', '1_1', "
        "'2024-03-02', 30, 45, 0, 0), ('a', '2_1', '2024-03-01', 7, NULL, 0, 0)");
  }
  auto db = Database::open(path);
  ASSERT_TRUE(db) << db.error().describe();
  auto& raw = sql(**db);
  EXPECT_EQ(raw.execAndGet("SELECT read_user_max || '/' || read_count_max FROM wechat_articles "
                           "WHERE msgid = '1_1'")
                .getString(),
            "30/45");
  EXPECT_EQ(raw.execAndGet("SELECT read_user_max || '/' || coalesce(read_count_max, '-') FROM "
                           "wechat_articles WHERE msgid = '2_1'")
                .getString(),
            "7/-");
}

}  // namespace
}  // namespace pubtrack::store
