// SPDX-License-Identifier: Apache-2.0
// Source state and raw responses, through statements prepared once per repo.
#include "store/state_repo.h"

#include <SQLiteCpp/Statement.h>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

namespace {}  // namespace

struct StateRepo::Statements {
  explicit Statements(SQLite::Database& db)
      : upsert(db,
               "INSERT INTO source_state (source, etag, last_modified, last_fetch_at, "
               "last_success_at, last_status, last_error, last_warning, error_count, next_due_at, "
               "item_identity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO "
               "UPDATE SET "
               "etag = excluded.etag, last_modified = excluded.last_modified, "
               "last_fetch_at = excluded.last_fetch_at, last_success_at = "
               "excluded.last_success_at, last_status = excluded.last_status, last_error = "
               "excluded.last_error, last_warning = excluded.last_warning, error_count = "
               "excluded.error_count, next_due_at = excluded.next_due_at, item_identity = "
               "excluded.item_identity"),
        addRaw(db,
               "INSERT INTO raw_responses (source, request_key, fetched_at, status, content_type, "
               "body) VALUES (?, ?, ?, ?, ?, ?)"),
        deleteRaw(db, "DELETE FROM raw_responses WHERE source = ? AND request_key = ?") {}
  SQLite::Statement upsert, addRaw, deleteRaw;
};

StateRepo::StateRepo(Database& db) : db_(db), st_(std::make_unique<Statements>(detail::sql(db))) {}
StateRepo::~StateRepo() = default;

namespace {
constexpr const char* kColumns =
    "source, etag, last_modified, last_fetch_at, last_success_at, last_status, last_error, "
    "last_warning, error_count, next_due_at, item_identity";
SourceState readState(SQLite::Statement& q) {
  SourceState s;
  s.source = q.getColumn(0).getString();
  s.etag = detail::textOrEmpty(q.getColumn(1));
  s.last_modified = detail::textOrEmpty(q.getColumn(2));
  s.last_fetch_at = detail::textOrEmpty(q.getColumn(3));
  s.last_success_at = detail::textOrEmpty(q.getColumn(4));
  s.last_status = detail::textOrEmpty(q.getColumn(5));
  s.last_error = detail::textOrEmpty(q.getColumn(6));
  s.last_warning = detail::textOrEmpty(q.getColumn(7));
  s.error_count = q.getColumn(8).getInt64();
  s.next_due_at = detail::textOrEmpty(q.getColumn(9));
  s.item_identity = detail::textOrEmpty(q.getColumn(10));
  return s;
}
}  // namespace

std::optional<SourceState> StateRepo::get(const std::string& source) {
  SQLite::Statement q(detail::sql(db_),
                      std::string("SELECT ") + kColumns + " FROM source_state WHERE source = ?");
  q.bind(1, source);
  if (!q.executeStep()) return std::nullopt;
  return readState(q);
}

std::vector<SourceState> StateRepo::all() {
  SQLite::Statement q(detail::sql(db_),
                      std::string("SELECT ") + kColumns + " FROM source_state ORDER BY source");
  std::vector<SourceState> out;
  while (q.executeStep()) out.push_back(readState(q));
  return out;
}

void StateRepo::upsert(const SourceState& s) {
  auto& q = st_->upsert;
  q.reset();
  q.bind(1, s.source);
  detail::bindOptional(q, 2, s.etag);
  detail::bindOptional(q, 3, s.last_modified);
  detail::bindOptional(q, 4, s.last_fetch_at);
  detail::bindOptional(q, 5, s.last_success_at);
  detail::bindOptional(q, 6, s.last_status);
  detail::bindOptional(q, 7, s.last_error);
  detail::bindOptional(q, 8, s.last_warning);
  q.bind(9, s.error_count);
  detail::bindOptional(q, 10, s.next_due_at);
  detail::bindOptional(q, 11, s.item_identity);
  q.exec();
}

void StateRepo::addRaw(const RawResponse& r) {
  auto& q = st_->addRaw;
  q.reset();
  q.bind(1, r.source);
  q.bind(2, r.request_key);
  q.bind(3, r.fetched_at);
  q.bind(4, r.status);
  detail::bindOptional(q, 5, r.content_type);
  // The body (up to max_body_bytes) is bound without a copy: it outlives the exec below.
  q.bindNoCopy(6, r.body.data(), static_cast<int>(r.body.size()));
  q.exec();
}

void StateRepo::replaceRaw(const RawResponse& r) {
  dropRaw(r.source, r.request_key);
  addRaw(r);
}

void StateRepo::dropRaw(const std::string& source, const std::string& request_key) {
  auto& d = st_->deleteRaw;
  d.reset();
  d.bind(1, source);
  d.bind(2, request_key);
  d.exec();
}

std::vector<RawResponse> StateRepo::latestRaw(const std::string& source) {
  SQLite::Statement q(detail::sql(db_),
                      "SELECT source, request_key, fetched_at, status, content_type, body "
                      "FROM raw_responses r WHERE source = ? AND id = (SELECT max(id) FROM "
                      "raw_responses WHERE source = r.source AND request_key = r.request_key) "
                      "ORDER BY request_key");
  q.bind(1, source);
  std::vector<RawResponse> out;
  while (q.executeStep()) {
    RawResponse r;
    r.source = q.getColumn(0).getString();
    r.request_key = q.getColumn(1).getString();
    r.fetched_at = q.getColumn(2).getString();
    r.status = q.getColumn(3).getInt64();
    r.content_type = detail::textOrEmpty(q.getColumn(4));
    const auto body = q.getColumn(5);
    r.body.assign(static_cast<const char*>(body.getBlob()), static_cast<size_t>(body.getBytes()));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pubtrack::store
