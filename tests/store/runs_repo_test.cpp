// SPDX-License-Identifier: Apache-2.0
// RunsRepo on ":memory:": a run's row from start to finish, its errors, the listing, each
// source's health, and which rows reapStale marks interrupted.
#include "store/runs_repo.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "store/detail/sql.h"
#include "store/migrations.h"
#include "tests/store/sql_rows.h"

namespace pubtrack::store {
namespace {

using detail::sql;

core::TimePoint at(const char* iso) { return *core::parseUtc(iso); }

// A pid that is certainly gone: a child that has exited and been waited for.
pid_t deadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

class RunsRepoTest : public ::testing::Test {
 protected:
  RunsRepoTest() : db_(Database::openInMemory()), runs_(*db_) {
    migrate(sql(*db_), latestSchemaVersion());  // a second time is a no-op
  }

  std::string rows(const std::string& query) { return fakes::rowsOf(sql(*db_), query); }

  std::unique_ptr<Database> db_;
  RunsRepo runs_;
};

TEST_F(RunsRepoTest, StartThenFinishRoundTripsEveryField) {
  const int64_t id = runs_.start("wechat", "account.a", at("2024-01-01T02:00:00Z"));
  auto list = runs_.list(10);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  EXPECT_EQ(list[0].collector, "wechat");
  EXPECT_EQ(list[0].source, "account.a");
  EXPECT_EQ(list[0].started_at, "2024-01-01T02:00:00Z");
  EXPECT_EQ(list[0].finished_at, "");
  EXPECT_EQ(list[0].status, "running");
  EXPECT_EQ(list[0].items_new, 0);
  EXPECT_EQ(list[0].items_updated, 0);
  EXPECT_EQ(list[0].errors, 0);
  EXPECT_EQ(list[0].error, "");
  EXPECT_EQ(list[0].pid, static_cast<int64_t>(::getpid()));

  runs_.finish(id, "partial", 5, 2, 1, "account.a: HTTP 500", at("2024-01-01T02:03:00Z"));
  list = runs_.list(10);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  EXPECT_EQ(list[0].started_at, "2024-01-01T02:00:00Z");
  EXPECT_EQ(list[0].finished_at, "2024-01-01T02:03:00Z");
  EXPECT_EQ(list[0].status, "partial");
  EXPECT_EQ(list[0].items_new, 5);
  EXPECT_EQ(list[0].items_updated, 2);
  EXPECT_EQ(list[0].errors, 1);
  EXPECT_EQ(list[0].error, "account.a: HTTP 500");
  EXPECT_EQ(list[0].pid, static_cast<int64_t>(::getpid()));
}

TEST_F(RunsRepoTest, FinishingWithoutAnErrorStoresNone) {
  const int64_t id = runs_.start("feeds", "feed.x", at("2024-01-01T00:00:00Z"));
  runs_.finish(id, "ok", 3, 0, 0, "", at("2024-01-01T00:01:00Z"));
  EXPECT_EQ(runs_.list(1)[0].error, "");
  EXPECT_EQ(rows("SELECT status, error FROM runs"), "ok|NULL");  // NULL, not ""
}

TEST_F(RunsRepoTest, FinishingOneRunLeavesTheOthersRunning) {
  const int64_t first = runs_.start("wechat", "account.a", at("2024-01-01T00:00:00Z"));
  const int64_t second = runs_.start("wechat", "account.b", at("2024-01-01T00:00:00Z"));
  runs_.finish(first, "ok", 1, 0, 0, "", at("2024-01-01T00:01:00Z"));
  const auto list = runs_.list(10);  // newest first
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);
  EXPECT_EQ(list[0].status, "running");
  EXPECT_EQ(list[0].finished_at, "");
  EXPECT_EQ(list[1].id, first);
  EXPECT_EQ(list[1].status, "ok");
}

TEST_F(RunsRepoTest, ErrorsKeepKindCodeMessageAndTimeInTheOrderAdded) {
  struct Case {
    const char* name;
    core::Error error;
    const char* code;      // the code argument
    const char* expected;  // the code stored
    const char* kind;      // core::toString of the kind
  };
  const Case cases[] = {
      {"code given",
       {core::ErrorKind::RateLimited, "account.a", "quota", ""},
       "45009",
       "45009",
       "rate-limited"},
      {"code from the error",
       {core::ErrorKind::HttpStatus, "account.a", "HTTP 500", "500"},
       "",
       "500",
       "http-status"},
      {"the argument wins",
       {core::ErrorKind::Api, "account.a", "no data", "500"},
       "61501",
       "61501",
       "api"},
      {"no code at all", {core::ErrorKind::Network, "account.a", "reset", ""}, "", "", "network"},
  };
  const int64_t run = runs_.start("wechat", "account.a", at("2024-01-01T00:00:00Z"));
  const int64_t other = runs_.start("wechat", "account.b", at("2024-01-01T00:00:00Z"));
  runs_.addError(other, {core::ErrorKind::Timeout, "account.b", "slow", ""}, "",
                 at("2024-01-01T00:00:05Z"));
  for (const auto& c : cases) runs_.addError(run, c.error, c.code, at("2024-01-01T00:00:30Z"));

  const auto got = runs_.errors(run);
  ASSERT_EQ(got.size(), std::size(cases));
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(cases[i].name);
    EXPECT_EQ(got[i].run_id, run);
    EXPECT_EQ(got[i].source, "account.a");
    EXPECT_EQ(got[i].kind, cases[i].kind);
    EXPECT_EQ(got[i].code, cases[i].expected);
    EXPECT_EQ(got[i].message, cases[i].error.message);
    EXPECT_EQ(got[i].at, "2024-01-01T00:00:30Z");
  }
  // "no code at all" is stored as NULL, not "".
  EXPECT_EQ(
      rows("SELECT message FROM run_errors WHERE code IS NULL AND run_id = " + std::to_string(run)),
      "reset");
}

TEST_F(RunsRepoTest, AllErrorsListsEveryRunsErrorsInTheOrderAdded) {
  const int64_t a = runs_.start("wechat", "account.a", at("2024-01-01T00:00:00Z"));
  const int64_t b = runs_.start("feeds", "feed.x", at("2024-01-01T00:00:00Z"));
  runs_.addError(a, {core::ErrorKind::Api, "account.a", "first", ""}, "",
                 at("2024-01-01T00:00:01Z"));
  runs_.addError(b, {core::ErrorKind::Io, "feed.x", "second", ""}, "", at("2024-01-01T00:00:02Z"));
  runs_.addError(a, {core::ErrorKind::Api, "account.a", "third", ""}, "",
                 at("2024-01-01T00:00:03Z"));

  const auto all = runs_.allErrors();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].message, "first");
  EXPECT_EQ(all[0].run_id, a);
  EXPECT_EQ(all[1].message, "second");
  EXPECT_EQ(all[1].run_id, b);
  EXPECT_EQ(all[2].message, "third");
  EXPECT_EQ(runs_.errors(b).size(), 1u);
  EXPECT_EQ(runs_.errors(a).size(), 2u);
  EXPECT_EQ(runs_.errors(a + b + 100).size(), 0u);
}

TEST_F(RunsRepoTest, ListIsNewestFirstFilteredBySourceAndLimited) {
  std::vector<int64_t> id;  // id[0] is the oldest
  const char* sources[] = {"account.a", "account.b", "account.a", "feed.x", "account.a"};
  const char* starts[] = {"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z",
                          "2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z"};
  for (int i = 0; i < 5; ++i) id.push_back(runs_.start("wechat", sources[i], at(starts[i])));

  struct Case {
    const char* name;
    int limit;
    const char* source;
    std::vector<int64_t> ids;
  };
  const Case cases[] = {
      {"all", 10, "", {id[4], id[3], id[2], id[1], id[0]}},
      {"limited", 3, "", {id[4], id[3], id[2]}},
      {"one source", 10, "account.a", {id[4], id[2], id[0]}},
      {"one source, limited", 2, "account.a", {id[4], id[2]}},
      {"an unknown source", 10, "feed.none", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<int64_t> got;
    for (const auto& r : runs_.list(c.limit, c.source)) got.push_back(r.id);
    EXPECT_EQ(got, c.ids);
  }
}

TEST(RunsRepoHealthTest, HealthIsTheLatestOutcomeAndTheLastSuccess) {
  struct Run {
    const char* status;  // "running": started, never finished
    const char* started;
    const char* finished;
    const char* error;
  };
  struct Case {
    const char* name;
    std::vector<Run> runs;  // of feed.x, oldest first
    bool known;
    const char *last_run_at, *last_status, *last_error, *last_success_at;
  };
  const Run ok1{"ok", "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z", ""};
  const Run ok2{"ok", "2024-01-02T00:00:00Z", "2024-01-02T00:01:00Z", ""};
  const Run failed3{"failed", "2024-01-03T00:00:00Z", "2024-01-03T00:01:00Z", "feed.x: HTTP 500"};
  const Run partial4{"partial", "2024-01-04T00:00:00Z", "2024-01-04T00:01:00Z", "feed.x: bad item"};
  const Run running5{"running", "2024-01-05T00:00:00Z", "", ""};
  const Run ok6{"ok", "2024-01-06T00:00:00Z", "2024-01-06T00:01:00Z", ""};
  const Case cases[] = {
      {"never ran", {}, false, "", "", "", ""},
      {"only a run in progress", {running5}, false, "", "", "", ""},
      {"a failure keeps the earlier success",
       {ok1, failed3},
       true,
       "2024-01-03T00:00:00Z",
       "failed",
       "feed.x: HTTP 500",
       "2024-01-01T00:01:00Z"},
      {"a success after a failure",
       {failed3, ok6},
       true,
       "2024-01-06T00:00:00Z",
       "ok",
       "",
       "2024-01-06T00:01:00Z"},
      {"never succeeded",
       {failed3, partial4},
       true,
       "2024-01-04T00:00:00Z",
       "partial",
       "feed.x: bad item",
       ""},
      {"the latest of several successes",
       {ok1, ok2, failed3},
       true,
       "2024-01-03T00:00:00Z",
       "failed",
       "feed.x: HTTP 500",
       "2024-01-02T00:01:00Z"},
      {"a run in progress does not hide the last outcome",
       {ok1, running5},
       true,
       "2024-01-01T00:00:00Z",
       "ok",
       "",
       "2024-01-01T00:01:00Z"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto db = Database::openInMemory();
    RunsRepo runs(*db);
    // Another source succeeding later must not count for feed.x.
    const auto y = runs.start("feeds", "feed.y", at("2024-02-01T00:00:00Z"));
    runs.finish(y, "ok", 1, 0, 0, "", at("2024-02-01T00:01:00Z"));
    for (const auto& r : c.runs) {
      const auto id = runs.start("feeds", "feed.x", at(r.started));
      if (std::string(r.status) != "running")
        runs.finish(id, r.status, 0, 0, 0, r.error, at(r.finished));
    }
    const auto h = runs.health("feed.x");
    ASSERT_EQ(h.has_value(), c.known);
    if (!h) continue;
    EXPECT_EQ(h->source, "feed.x");
    EXPECT_EQ(h->last_run_at, c.last_run_at);
    EXPECT_EQ(h->last_status, c.last_status);
    EXPECT_EQ(h->last_error, c.last_error);
    EXPECT_EQ(h->last_success_at, c.last_success_at);
  }
}

// database_test.cpp has the basic case (a dead pid's running row next to this process's); these
// are the rows around it.
TEST_F(RunsRepoTest, ReapingTouchesOnlyRunningRowsOfGoneProcesses) {
  const pid_t dead = deadPid();
  struct Case {
    const char* name;
    std::string pid;  // SQL literal
    const char* status;
    const char* after;
  };
  const Case cases[] = {
      {"running, process gone", std::to_string(dead), "running", "interrupted"},
      {"finished ok, process gone", std::to_string(dead), "ok", "ok"},
      {"failed, process gone", std::to_string(dead), "failed", "failed"},
      {"running, process alive", std::to_string(::getppid()), "running", "running"},
      {"running, no pid recorded", "NULL", "running", "interrupted"},
  };
  for (const auto& c : cases)
    sql(*db_).exec(
        "INSERT INTO runs (collector, source, started_at, finished_at, status, pid) VALUES "
        "('wechat', '" +
        std::string(c.name) + "', '2024-01-01T00:00:00Z', " +
        (std::string(c.status) == "running" ? "NULL" : "'2024-01-01T00:05:00Z'") + ", '" +
        c.status + "', " + c.pid + ")");

  EXPECT_EQ(runs_.reapStale(at("2024-01-02T00:00:00Z")), 2);  // the two "interrupted" below
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto list = runs_.list(1, c.name);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].status, c.after);
    if (std::string(c.after) == "interrupted") {
      EXPECT_EQ(list[0].finished_at, "2024-01-02T00:00:00Z");
      EXPECT_EQ(list[0].error, "the process ended without finishing the run");
    } else if (std::string(c.after) == "running") {
      EXPECT_EQ(list[0].finished_at, "");
    } else {
      EXPECT_EQ(list[0].finished_at, "2024-01-01T00:05:00Z");
      EXPECT_EQ(list[0].error, "");
    }
  }
  // Nothing left to reap.
  EXPECT_EQ(runs_.reapStale(at("2024-01-03T00:00:00Z")), 0);
}

TEST_F(RunsRepoTest, ReapingKeepsTheErrorARunAlreadyRecorded) {
  sql(*db_).exec(
      "INSERT INTO runs (collector, source, started_at, error, pid) VALUES ('wechat', "
      "'account.a', '2024-01-01T00:00:00Z', 'account.a: HTTP 500', " +
      std::to_string(deadPid()) + ")");
  EXPECT_EQ(runs_.reapStale(at("2024-01-02T00:00:00Z")), 1);
  const auto list = runs_.list(1);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].status, "interrupted");
  EXPECT_EQ(list[0].error, "account.a: HTTP 500");
}

}  // namespace
}  // namespace pubtrack::store
