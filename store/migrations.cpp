// SPDX-License-Identifier: Apache-2.0
// Schema migrations. Conventions: days are China-time calendar days as TEXT 'YYYY-MM-DD' (as
// WeChat gives them); instants are UTC TEXT 'YYYY-MM-DDTHH:MM:SSZ'; IDs from APIs are TEXT.
#include "store/migrations.h"

namespace pubtrack::store {
namespace {

constexpr const char* kMigrations[] = {
    // v1: the spine. Run history, raw responses, per-source state.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  collector     TEXT NOT NULL,            -- 'wechat', 'feeds'
  source        TEXT NOT NULL,            -- 'account.main', 'feed.people', or '*' for the run
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
  items_new     INTEGER NOT NULL DEFAULT 0,
  items_updated INTEGER NOT NULL DEFAULT 0,
  errors        INTEGER NOT NULL DEFAULT 0,
  error         TEXT,                     -- the first error, one line
  pid           INTEGER
);
CREATE INDEX runs_by_source ON runs (source, started_at);

CREATE TABLE run_errors (
  id       INTEGER PRIMARY KEY,
  run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source   TEXT NOT NULL,
  kind     TEXT NOT NULL,                 -- core::ErrorKind name
  code     TEXT,                          -- API errcode or HTTP status, when there is one
  message  TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX run_errors_by_run ON run_errors (run_id);

CREATE TABLE raw_responses (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,             -- 'account.main', 'feed.people'
  request_key  TEXT NOT NULL,             -- 'datacube/getusersummary 2024-01-01..2024-01-07'
  fetched_at   TEXT NOT NULL,
  status       INTEGER NOT NULL,          -- HTTP status
  content_type TEXT,
  body         BLOB NOT NULL
);
CREATE INDEX raw_by_key ON raw_responses (source, request_key, fetched_at);

CREATE TABLE source_state (
  source          TEXT PRIMARY KEY,       -- 'account.main', 'feed.people', 'feed.search#深圳国资'
  etag            TEXT,
  last_modified   TEXT,
  last_fetch_at   TEXT,
  last_success_at TEXT,
  last_status     TEXT,                   -- 'ok', 'not-modified', 'failed', ...
  last_error      TEXT,
  last_warning    TEXT,
  error_count     INTEGER NOT NULL DEFAULT 0,  -- consecutive failures
  next_due_at     TEXT                    -- backoff: not asked again before this instant
) WITHOUT ROWID;
)sql",
};

}  // namespace

std::span<const char* const> migrations() { return kMigrations; }

}  // namespace pubtrack::store
