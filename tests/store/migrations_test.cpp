// SPDX-License-Identifier: Apache-2.0
// The migrations: each applies in turn to the schema of all at once, a second run changes
// nothing, an older file upgrades keeping its rows, and the v7 wechat_daily view's sums.
#include "store/migrations.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/detail/sql.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"
#include "store/wechat_listing.h"
#include "tests/store/sql_rows.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::store {
namespace {

using detail::sql;

// Every schema object as "type name: sql", by type then name.
std::vector<std::string> schemaOf(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, "
                      "name");
  std::vector<std::string> out;
  while (q.executeStep())
    out.push_back(q.getColumn(0).getString() + ' ' + q.getColumn(1).getString() + ": " +
                  q.getColumn(2).getString());
  return out;
}

int userVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

SQLite::Database memory() {
  return SQLite::Database(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
}

TEST(MigrationsTest, TheLatestVersionIsTheNumberOfMigrations) {
  EXPECT_EQ(latestSchemaVersion(), static_cast<int>(migrations().size()));
  auto db = Database::openInMemory();
  EXPECT_EQ(db->schemaVersion(), latestSchemaVersion());
  EXPECT_EQ(userVersion(sql(*db)), latestSchemaVersion());
}

TEST(MigrationsTest, OneVersionAtATimeEndsAtTheSchemaOfAllAtOnce) {
  auto stepwise = memory();
  std::vector<std::string> before = schemaOf(stepwise);
  for (int v = 1; v <= latestSchemaVersion(); ++v) {
    SCOPED_TRACE("to version " + std::to_string(v));
    migrate(stepwise, v);
    EXPECT_EQ(userVersion(stepwise), v);
    const auto after = schemaOf(stepwise);
    EXPECT_NE(after, before);  // each migration changes the schema
    before = after;
  }

  auto atOnce = memory();
  migrate(atOnce, latestSchemaVersion());
  EXPECT_EQ(userVersion(atOnce), latestSchemaVersion());
  EXPECT_EQ(schemaOf(stepwise), schemaOf(atOnce));
  auto db = Database::openInMemory();  // what the program opens
  EXPECT_EQ(schemaOf(sql(*db)), schemaOf(atOnce));
}

TEST(MigrationsTest, MigratingAgainChangesNothing) {
  auto db = memory();
  migrate(db, latestSchemaVersion());
  db.exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
  const auto schema = schemaOf(db);
  const int changes = db.getTotalChanges();

  migrate(db, latestSchemaVersion());
  migrate(db, 3);  // an older target never goes back
  EXPECT_EQ(userVersion(db), latestSchemaVersion());
  EXPECT_EQ(schemaOf(db), schema);
  EXPECT_EQ(db.getTotalChanges(), changes);  // no row written
  EXPECT_EQ(fakes::rowsOf(db, "SELECT key, value FROM meta"), "k|v");
}

TEST(MigrationsTest, OpeningTheVersionBeforeUpgradesItAndKeepsItsRows) {
  fakes::TempDir dir;
  const auto path = dir / "previous.db";
  const int previous = latestSchemaVersion() - 1;
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(raw, previous);
    raw.exec(
        "INSERT INTO wechat_user_summary (account, ref_date, user_source, new_user, cancel_user) "
        "VALUES ('a', '2019-03-01', 0, 5, 1), ('a', '2019-03-01', 30, 3, 2);"
        "INSERT INTO wechat_user_cumulate (account, ref_date, cumulate_user) VALUES "
        "('a', '2019-03-01', 1005);"
        "INSERT INTO wechat_user_read (account, ref_date, user_source, int_page_read_user, "
        "int_page_read_count, ori_page_read_user, ori_page_read_count, share_user, share_count, "
        "add_to_fav_user, add_to_fav_count) VALUES ('a', '2019-03-01', 99999999, 120, 300, 0, 0, "
        "0, 0, 0, 0);"
        "INSERT INTO wechat_articles (account, msgid, publish_date, title, family) VALUES ('a', "
        "'1000_1', '2019-03-01', '标题', 'legacy');"
        "INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, read_count, "
        "share_user, fav_user) VALUES ('a', '1000_1', '2019-03-01', 40, 60, 0, 0), ('a', "
        "'1000_1', '2019-03-02', 70, 95, 0, 0);"
        "INSERT INTO source_state (source, etag, error_count) VALUES ('feed.x', '\"e\"', 2);"
        "INSERT INTO runs (collector, source, started_at, status) VALUES ('feeds', 'feed.x', "
        "'2024-01-01T00:00:00Z', 'ok');");
    ASSERT_EQ(userVersion(raw), previous);
  }

  auto db = Database::open(path);
  ASSERT_TRUE(db) << db.error().describe();
  EXPECT_EQ((*db)->schemaVersion(), latestSchemaVersion());

  // The old rows, through the readers of the new schema: followers 5 + 3 = 8 new, 1 + 2 = 3
  // cancelled, 1005 in all; the total read row's 300 views by 120 readers.
  const auto daily = WeChatListing(**db).daily({});
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].day, *core::Date::parse("2019-03-01"));
  EXPECT_EQ(daily[0].new_users, 8);
  EXPECT_EQ(daily[0].cancel_users, 3);
  EXPECT_EQ(daily[0].followers, 1005);
  EXPECT_EQ(daily[0].page_views, 300);
  EXPECT_EQ(daily[0].read_users, 120);
  const auto articles = WeChatListing(**db).articles({});
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "标题");
  EXPECT_EQ(articles[0].read_users, 70);  // max(40, 70)
  EXPECT_EQ(articles[0].page_views, 95);  // max(60, 95)
  const auto state = StateRepo(**db).get("feed.x");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->etag, "\"e\"");
  EXPECT_EQ(state->error_count, 2);
  const auto runs = RunsRepo(**db).list(10);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].status, "ok");
}

// A new file gets 16 KB pages (fewer writes for raw feed bodies); a file made with SQLite's
// 4 KB pages keeps them and works as before.
TEST(MigrationsTest, NewFilesGetLargePagesAndOldFilesKeepTheirs) {
  fakes::TempDir dir;
  const auto pageSize = [](const std::filesystem::path& p) {
    SQLite::Database raw(p.string(), SQLite::OPEN_READONLY);
    return raw.execAndGet("PRAGMA page_size").getInt();
  };
  ASSERT_TRUE(Database::open(dir / "new.db"));
  EXPECT_EQ(pageSize(dir / "new.db"), 16384);
  {
    SQLite::Database raw((dir / "old.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(raw, 1);
  }
  EXPECT_EQ(pageSize(dir / "old.db"), 4096);
  auto db = Database::open(dir / "old.db");
  ASSERT_TRUE(db) << db.error().describe();
  EXPECT_EQ((*db)->schemaVersion(), latestSchemaVersion());
  EXPECT_EQ(pageSize(dir / "old.db"), 4096);
}

TEST(MigrationsTest, AnOlderFileOpenedReadOnlyIsRefusedAndLeftAtItsVersion) {
  fakes::TempDir dir;
  const auto path = dir / "previous.db";
  const int previous = latestSchemaVersion() - 1;
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(raw, previous);
  }
  auto db = Database::open(path, Database::Mode::ReadOnly);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("is older than this pubtrack"), std::string::npos);
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(userVersion(raw), previous);
}

// Newer schemas: DatabaseTest.NewerDatabaseIsRefusedAndNotModified (database_test.cpp).

// v7: one row per account-day of the followers' total, with the sums of the follow channels.
TEST(MigrationsTest, DailyViewGivesOneRowPerAccountDayWithTheChannelSums) {
  auto db = Database::openInMemory();
  sql(*db).exec(
      // a, 2019-03-01 (legacy): three channels, a total read row and a channel read row.
      "INSERT INTO wechat_user_summary (account, ref_date, user_source, new_user, cancel_user) "
      "VALUES ('a', '2019-03-01', 0, 5, 1), ('a', '2019-03-01', 1, 7, 0), "
      "('a', '2019-03-01', 30, 2, 4),"
      // a, 2025-11-02 (new family): one channel, getbizsummary delayed.
      "('a', '2025-11-02', 0, 3, 3),"
      // b, 2019-03-01: two channels, no reads.
      "('b', '2019-03-01', 0, 1, 0), ('b', '2019-03-01', 3, 2, 1);"
      "INSERT INTO wechat_user_cumulate (account, ref_date, cumulate_user) VALUES "
      "('a', '2019-03-01', 1009), ('a', '2025-11-02', 1009), ('a', '2025-11-03', 1010), "
      "('b', '2019-03-01', 50);"
      "INSERT INTO wechat_user_read (account, ref_date, user_source, int_page_read_user, "
      "int_page_read_count, ori_page_read_user, ori_page_read_count, share_user, share_count, "
      "add_to_fav_user, add_to_fav_count) VALUES "
      "('a', '2019-03-01', 99999999, 120, 300, 0, 0, 0, 0, 0, 0), "
      "('a', '2019-03-01', 1, 90, 200, 0, 0, 0, 0, 0, 0);"
      "INSERT INTO wechat_biz_daily (account, ref_date, read_user, share_user, zaikan_user, "
      "like_user, comment_count, collection_user, send_page_count, is_delay) VALUES "
      "('a', '2025-11-02', 80, 0, 0, 0, 0, 0, 1, 1);");

  // account|day|new|cancelled|followers|page views|read users|is_delay:
  // a 2019-03-01: new 5 + 7 + 2 = 14, cancelled 1 + 0 + 4 = 5; views and readers from the total
  //               row only (300, 120: channel 1's 200 and 90 are not added); no getbizsummary.
  // a 2025-11-02: 3 and 3; no legacy row, readers from getbizsummary (80), delayed.
  // a 2025-11-03: the followers' total only.
  // b 2019-03-01: new 1 + 2 = 3, cancelled 0 + 1 = 1.
  EXPECT_EQ(fakes::rowsOf(sql(*db),
                          "SELECT account, ref_date, new_user, cancel_user, cumulate_user, "
                          "page_views, read_users, is_delay FROM wechat_daily ORDER BY account, "
                          "ref_date"),
            "a|2019-03-01|14|5|1009|300|120|NULL;"
            "a|2025-11-02|3|3|1009|NULL|80|1;"
            "a|2025-11-03|NULL|NULL|1010|NULL|NULL|NULL;"
            "b|2019-03-01|3|1|50|NULL|NULL|NULL");
}

}  // namespace
}  // namespace pubtrack::store
