// SPDX-License-Identifier: Apache-2.0
// StateRepo on ":memory:": per-source state written and read back as it was, and the raw
// responses (every one kept, or only the newest per request key).
#include "store/state_repo.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/detail/sql.h"
#include "store/migrations.h"
#include "tests/store/sql_rows.h"

namespace pubtrack::store {
namespace {

using detail::sql;
using namespace std::string_literals;

void expectSame(const SourceState& got, const SourceState& want) {
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.etag, want.etag);
  EXPECT_EQ(got.last_modified, want.last_modified);
  EXPECT_EQ(got.last_fetch_at, want.last_fetch_at);
  EXPECT_EQ(got.last_success_at, want.last_success_at);
  EXPECT_EQ(got.last_status, want.last_status);
  EXPECT_EQ(got.last_error, want.last_error);
  EXPECT_EQ(got.last_warning, want.last_warning);
  EXPECT_EQ(got.error_count, want.error_count);
  EXPECT_EQ(got.next_due_at, want.next_due_at);
}

SourceState fullState(const std::string& source) {
  SourceState s;
  s.source = source;
  s.etag = "\"abc\"";
  s.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
  s.last_fetch_at = "2024-01-02T00:00:00Z";
  s.last_success_at = "2024-01-01T00:00:00Z";
  s.last_status = "failed";
  s.last_error = "feed.people: HTTP 500";
  s.last_warning = "2 items without a date";
  s.error_count = 3;
  s.next_due_at = "2024-01-02T06:00:00Z";
  return s;
}

RawResponse raw(const std::string& source, const std::string& key, const std::string& fetched_at,
                const std::string& body, const std::string& content_type = "application/json",
                int64_t status = 200) {
  return {source, key, fetched_at, content_type, body, status};
}

class StateRepoTest : public ::testing::Test {
 protected:
  StateRepoTest() : db_(Database::openInMemory()), repo_(*db_) {
    migrate(sql(*db_), latestSchemaVersion());  // a second time is a no-op
  }

  std::string rows(const std::string& query) { return fakes::rowsOf(sql(*db_), query); }

  std::unique_ptr<Database> db_;
  StateRepo repo_;
};

TEST_F(StateRepoTest, TheRowEqualsTheStateWrittenLast) {
  const SourceState full = fullState("feed.people");
  repo_.upsert(full);
  repo_.upsert(full);
  auto got = repo_.get("feed.people");
  ASSERT_TRUE(got);
  expectSame(*got, full);

  // The next success clears what the failure left: every empty field comes back empty.
  SourceState cleared;
  cleared.source = "feed.people";
  cleared.last_status = "ok";
  repo_.upsert(cleared);
  repo_.upsert(cleared);
  got = repo_.get("feed.people");
  ASSERT_TRUE(got);
  expectSame(*got, cleared);
  EXPECT_EQ(rows("SELECT count(*) FROM source_state"), "1");
  // Stored as NULL, never as "".
  EXPECT_EQ(rows("SELECT etag, last_modified, last_fetch_at, last_success_at, last_status, "
                 "last_error, last_warning, error_count, next_due_at FROM source_state"),
            "NULL|NULL|NULL|NULL|ok|NULL|NULL|0|NULL");
}

TEST_F(StateRepoTest, AnUnknownSourceHasNoState) {
  repo_.upsert(fullState("feed.people"));
  EXPECT_FALSE(repo_.get("feed.other"));
  EXPECT_FALSE(repo_.get("feed.peopl"));
}

TEST_F(StateRepoTest, AllListsEverySourceOnceInSourceOrder) {
  for (const char* s : {"feed.b", "account.a", "feed.a", "feed.b"}) repo_.upsert(fullState(s));
  SourceState changed = fullState("feed.a");
  changed.error_count = 0;
  repo_.upsert(changed);

  const auto all = repo_.all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].source, "account.a");
  EXPECT_EQ(all[1].source, "feed.a");
  EXPECT_EQ(all[2].source, "feed.b");
  expectSame(all[1], changed);
  expectSame(all[2], fullState("feed.b"));
}

TEST_F(StateRepoTest, AddRawKeepsEveryResponse) {
  const std::string key = "datacube/getusersummary 2024-01-01..2024-01-07";
  repo_.addRaw(raw("account.a", key, "2024-01-08T01:00:00Z", "{1}"));
  repo_.addRaw(raw("account.a", key, "2024-01-09T01:00:00Z", "{2}"));
  repo_.addRaw(raw("account.a", key, "2024-01-09T01:00:00Z", "{2}"));  // the same answer again

  EXPECT_EQ(rows("SELECT fetched_at, body FROM raw_responses ORDER BY id"),
            "2024-01-08T01:00:00Z|{1};2024-01-09T01:00:00Z|{2};2024-01-09T01:00:00Z|{2}");
  const auto latest = repo_.latestRaw("account.a");
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].body, "{2}");
}

TEST_F(StateRepoTest, ARawResponseRoundTripsEveryField) {
  // A body is bytes: NULs and invalid UTF-8 come back as they were.
  const std::string body = "gz\0\x1f\x8b\xff end"s;
  repo_.addRaw(raw("feed.x", "body", "2024-01-09T01:00:00Z", body, "text/xml; charset=GBK", 203));
  repo_.addRaw(raw("feed.x", "empty", "2024-01-09T02:00:00Z", "", "", 304));

  const auto got = repo_.latestRaw("feed.x");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].source, "feed.x");
  EXPECT_EQ(got[0].request_key, "body");
  EXPECT_EQ(got[0].fetched_at, "2024-01-09T01:00:00Z");
  EXPECT_EQ(got[0].content_type, "text/xml; charset=GBK");
  EXPECT_EQ(got[0].status, 203);
  EXPECT_EQ(got[0].body, body);
  EXPECT_EQ(got[0].body.size(), 10u);  // g z \0 1f 8b ff, then " end"
  EXPECT_EQ(got[1].request_key, "empty");
  EXPECT_EQ(got[1].status, 304);
  EXPECT_EQ(got[1].content_type, "");
  EXPECT_EQ(got[1].body, "");
}

TEST_F(StateRepoTest, ReplaceRawKeepsOnlyTheNewestOfItsSourceAndKey) {
  repo_.addRaw(raw("feed.x", "body", "2024-01-01T00:00:00Z", "<x1/>"));
  repo_.addRaw(raw("feed.x", "body", "2024-01-02T00:00:00Z", "<x2/>"));
  repo_.addRaw(raw("feed.x", "other", "2024-01-02T00:00:00Z", "<o/>"));
  repo_.addRaw(raw("feed.y", "body", "2024-01-02T00:00:00Z", "<y/>"));

  repo_.replaceRaw(raw("feed.x", "body", "2024-01-03T00:00:00Z", "<x3/>"));
  repo_.replaceRaw(raw("feed.x", "body", "2024-01-04T00:00:00Z", "<x4/>"));

  // feed.x/body: x1, x2, x3 gone, x4 kept; feed.x/other and feed.y/body untouched.
  EXPECT_EQ(rows("SELECT source, request_key, body FROM raw_responses ORDER BY source, "
                 "request_key, id"),
            "feed.x|body|<x4/>;feed.x|other|<o/>;feed.y|body|<y/>");
}

TEST_F(StateRepoTest, DropRawForgetsOnlyItsSourceAndKey) {
  repo_.addRaw(raw("feed.x", "body", "2024-01-01T00:00:00Z", "<x1/>"));
  repo_.addRaw(raw("feed.x", "body", "2024-01-02T00:00:00Z", "<x2/>"));
  repo_.addRaw(raw("feed.x", "other", "2024-01-02T00:00:00Z", "<o/>"));
  repo_.addRaw(raw("feed.y", "body", "2024-01-02T00:00:00Z", "<y/>"));

  repo_.dropRaw("feed.x", "body");
  repo_.dropRaw("feed.z", "body");  // nothing kept: nothing happens

  EXPECT_EQ(rows("SELECT source, request_key, body FROM raw_responses ORDER BY source, "
                 "request_key, id"),
            "feed.x|other|<o/>;feed.y|body|<y/>");
}

TEST_F(StateRepoTest, LatestRawIsTheNewestOfEachKeyInKeyOrder) {
  repo_.addRaw(raw("account.a", "k2", "2024-01-01T00:00:00Z", "k2 old"));
  repo_.addRaw(raw("account.a", "k1", "2024-01-01T00:00:00Z", "k1 only"));
  repo_.addRaw(raw("account.a", "k3", "2024-01-01T00:00:00Z", "k3 old"));
  repo_.addRaw(raw("account.a", "k2", "2024-01-02T00:00:00Z", "k2 new"));
  repo_.addRaw(raw("account.b", "k1", "2024-01-03T00:00:00Z", "b's"));
  repo_.addRaw(raw("account.a", "k3", "2024-01-02T00:00:00Z", "k3 new"));

  std::vector<std::string> got;
  for (const auto& r : repo_.latestRaw("account.a")) got.push_back(r.request_key + ": " + r.body);
  EXPECT_EQ(got, (std::vector<std::string>{"k1: k1 only", "k2: k2 new", "k3: k3 new"}));
  EXPECT_EQ(repo_.latestRaw("account.c").size(), 0u);
}

}  // namespace
}  // namespace pubtrack::store
