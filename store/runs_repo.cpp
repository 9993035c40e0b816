// SPDX-License-Identifier: Apache-2.0
// Run history queries.
#include "store/runs_repo.h"

#include <SQLiteCpp/Statement.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

namespace {

RunRecord readRun(SQLite::Statement& q) {
  RunRecord r;
  r.id = q.getColumn(0).getInt64();
  r.collector = q.getColumn(1).getString();
  r.source = q.getColumn(2).getString();
  r.started_at = q.getColumn(3).getString();
  r.finished_at = detail::textOrEmpty(q.getColumn(4));
  r.status = q.getColumn(5).getString();
  r.items_new = q.getColumn(6).getInt64();
  r.items_updated = q.getColumn(7).getInt64();
  r.errors = q.getColumn(8).getInt64();
  r.error = detail::textOrEmpty(q.getColumn(9));
  r.pid = q.getColumn(10).isNull() ? 0 : q.getColumn(10).getInt64();
  return r;
}
constexpr const char* kRunColumns =
    "id, collector, source, started_at, finished_at, status, items_new, items_updated, errors, "
    "error, pid";
}  // namespace

int64_t RunsRepo::start(const std::string& collector, const std::string& source,
                        core::TimePoint at) {
  SQLite::Statement q(detail::sql(db_),
                      "INSERT INTO runs (collector, source, started_at, pid) VALUES (?, ?, ?, ?)");
  q.bind(1, collector);
  q.bind(2, source);
  q.bind(3, core::formatUtc(at));
  q.bind(4, static_cast<int64_t>(::getpid()));
  q.exec();
  return detail::sql(db_).getLastInsertRowid();
}

void RunsRepo::addError(int64_t run_id, const core::Error& error, const std::string& code,
                        core::TimePoint at) {
  SQLite::Statement q(detail::sql(db_),
                      "INSERT INTO run_errors (run_id, source, kind, code, message, at) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, run_id);
  q.bind(2, error.source);
  q.bind(3, std::string(core::toString(error.kind)));
  const std::string& c = code.empty() ? error.code : code;
  if (c.empty())
    q.bind(4);
  else
    q.bind(4, c);
  q.bind(5, error.message);
  q.bind(6, core::formatUtc(at));
  q.exec();
}

void RunsRepo::finish(int64_t run_id, const std::string& status, int64_t items_new,
                      int64_t items_updated, int64_t errors, const std::string& first_error,
                      core::TimePoint at) {
  SQLite::Statement q(detail::sql(db_),
                      "UPDATE runs SET finished_at = ?, status = ?, items_new = ?, "
                      "items_updated = ?, errors = ?, error = ? WHERE id = ?");
  q.bind(1, core::formatUtc(at));
  q.bind(2, status);
  q.bind(3, items_new);
  q.bind(4, items_updated);
  q.bind(5, errors);
  if (first_error.empty())
    q.bind(6);
  else
    q.bind(6, first_error);
  q.bind(7, run_id);
  q.exec();
}

std::vector<RunRecord> RunsRepo::list(int limit, const std::string& source) {
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs";
  if (!source.empty()) sql += " WHERE source = ?";
  sql += " ORDER BY id DESC LIMIT ?";
  SQLite::Statement q(detail::sql(db_), sql);
  int i = 1;
  if (!source.empty()) q.bind(i++, source);
  q.bind(i, limit);
  std::vector<RunRecord> out;
  while (q.executeStep()) out.push_back(readRun(q));
  return out;
}

namespace {
std::vector<RunErrorRecord> readErrors(SQLite::Statement& q) {
  std::vector<RunErrorRecord> out;
  while (q.executeStep()) {
    RunErrorRecord e;
    e.run_id = q.getColumn(0).getInt64();
    e.source = q.getColumn(1).getString();
    e.kind = q.getColumn(2).getString();
    e.code = detail::textOrEmpty(q.getColumn(3));
    e.message = q.getColumn(4).getString();
    e.at = q.getColumn(5).getString();
    out.push_back(std::move(e));
  }
  return out;
}
}  // namespace

std::vector<RunErrorRecord> RunsRepo::errors(int64_t run_id) {
  SQLite::Statement q(detail::sql(db_),
                      "SELECT run_id, source, kind, code, message, at FROM run_errors "
                      "WHERE run_id = ? ORDER BY id");
  q.bind(1, run_id);
  return readErrors(q);
}

std::vector<RunErrorRecord> RunsRepo::allErrors() {
  SQLite::Statement q(detail::sql(db_),
                      "SELECT run_id, source, kind, code, message, at FROM run_errors ORDER BY id");
  return readErrors(q);
}

std::optional<model::SourceHealth> RunsRepo::health(const std::string& source) {
  SQLite::Statement last(detail::sql(db_),
                         "SELECT started_at, status, error FROM runs WHERE source = ? AND "
                         "status != 'running' ORDER BY id DESC LIMIT 1");
  last.bind(1, source);
  if (!last.executeStep()) return std::nullopt;
  model::SourceHealth h;
  h.source = source;
  h.last_run_at = last.getColumn(0).getString();
  h.last_status = last.getColumn(1).getString();
  h.last_error = detail::textOrEmpty(last.getColumn(2));
  SQLite::Statement ok(detail::sql(db_),
                       "SELECT max(finished_at) FROM runs WHERE source = ? AND status = 'ok'");
  ok.bind(1, source);
  if (ok.executeStep()) h.last_success_at = detail::textOrEmpty(ok.getColumn(0));
  return h;
}

int RunsRepo::reapStale(core::TimePoint at) {
  SQLite::Statement q(detail::sql(db_), "SELECT id, pid FROM runs WHERE status = 'running'");
  std::vector<int64_t> dead;
  while (q.executeStep()) {
    const auto pid = static_cast<pid_t>(q.getColumn(1).getInt64());
    if (pid == ::getpid()) continue;
    if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH))
      dead.push_back(q.getColumn(0).getInt64());
  }
  for (int64_t id : dead) {
    SQLite::Statement u(detail::sql(db_),
                        "UPDATE runs SET status = 'interrupted', finished_at = ?, "
                        "error = coalesce(error, 'the process ended without finishing the run') "
                        "WHERE id = ?");
    u.bind(1, core::formatUtc(at));
    u.bind(2, id);
    u.exec();
  }
  return static_cast<int>(dead.size());
}

}  // namespace pubtrack::store
