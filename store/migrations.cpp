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
    // v2: feeds. Every item of every feed is kept (so keywords can be re-applied to the whole
    // year); mentions are the items that matched, plus ones recorded by hand.
    R"sql(
CREATE TABLE feed_items (
  id            INTEGER PRIMARY KEY,
  feed          TEXT NOT NULL,            -- the [feed.<id>] id
  item_key      TEXT NOT NULL,            -- guid, else link + published, else link, else title
  guid          TEXT,
  title         TEXT NOT NULL DEFAULT '',
  link          TEXT,
  summary       TEXT,
  content       TEXT,
  author        TEXT,
  published     TEXT,                     -- UTC instant, NULL when the feed gave none we could read
  published_raw TEXT,                     -- as written in the feed
  source_name   TEXT,
  source_url    TEXT,
  position      INTEGER NOT NULL DEFAULT 0,  -- document order in the latest fetch
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  UNIQUE (feed, item_key)
);
CREATE INDEX feed_items_by_published ON feed_items (published);

CREATE TABLE mentions (
  id           INTEGER PRIMARY KEY,
  item_id      INTEGER UNIQUE REFERENCES feed_items (id) ON DELETE CASCADE,  -- NULL: by hand
  origin       TEXT NOT NULL DEFAULT 'feed' CHECK (origin IN ('feed', 'manual')),
  outlet       TEXT NOT NULL,
  outlet_id    TEXT,
  tier         TEXT NOT NULL CHECK (tier IN ('central', 'provincial', 'municipal', 'other')),
  title        TEXT NOT NULL,
  url          TEXT,
  norm_url     TEXT,
  norm_title   TEXT NOT NULL,
  published    TEXT,                      -- UTC instant
  day          TEXT NOT NULL,             -- report day (China time) of published, else first seen
  keywords     TEXT,                      -- matched keywords, comma-separated
  status       TEXT NOT NULL DEFAULT 'candidate'
               CHECK (status IN ('candidate', 'confirmed', 'rejected')),
  same_as      INTEGER REFERENCES mentions (id),  -- the same report seen again: not counted
  duplicate_of INTEGER REFERENCES mentions (id),  -- a syndicated copy in another outlet: counted
                                                  -- for its outlet, shown once as a story
  note         TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX mentions_by_url ON mentions (norm_url);
CREATE INDEX mentions_by_title ON mentions (norm_title, day);
CREATE INDEX mentions_by_day ON mentions (day);
)sql",
};

}  // namespace

std::span<const char* const> migrations() { return kMigrations; }

}  // namespace pubtrack::store
