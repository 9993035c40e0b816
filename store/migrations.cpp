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
    // v3: WeChat. Rows as the API gives them, per account (the [account.<id>] id); days are
    // China calendar days. Cumulative snapshots and per-day values live in separate tables
    // because they must never be added together.
    R"sql(
CREATE TABLE wechat_user_summary (
  account     TEXT NOT NULL,
  ref_date    TEXT NOT NULL,
  user_source INTEGER NOT NULL,           -- follow channel; every row of a day adds up
  new_user    INTEGER NOT NULL,
  cancel_user INTEGER NOT NULL,
  PRIMARY KEY (account, ref_date, user_source)
) WITHOUT ROWID;

CREATE TABLE wechat_user_cumulate (
  account       TEXT NOT NULL,
  ref_date      TEXT NOT NULL,
  cumulate_user INTEGER NOT NULL,         -- followers at the end of the day
  PRIMARY KEY (account, ref_date)
) WITHOUT ROWID;

CREATE TABLE wechat_user_read (
  account             TEXT NOT NULL,
  ref_date            TEXT NOT NULL,
  user_source         INTEGER NOT NULL,   -- 99999999 = the day's total (channels do not add up)
  int_page_read_user  INTEGER NOT NULL,
  int_page_read_count INTEGER NOT NULL,
  ori_page_read_user  INTEGER NOT NULL,
  ori_page_read_count INTEGER NOT NULL,
  share_user          INTEGER NOT NULL,
  share_count         INTEGER NOT NULL,
  add_to_fav_user     INTEGER NOT NULL,
  add_to_fav_count    INTEGER NOT NULL,
  PRIMARY KEY (account, ref_date, user_source)
) WITHOUT ROWID;

CREATE TABLE wechat_biz_daily (
  account         TEXT NOT NULL,
  ref_date        TEXT NOT NULL,
  read_user       INTEGER NOT NULL,
  share_user      INTEGER NOT NULL,
  zaikan_user     INTEGER NOT NULL,
  like_user       INTEGER NOT NULL,
  comment_count   INTEGER NOT NULL,
  collection_user INTEGER NOT NULL,
  send_page_count INTEGER NOT NULL,
  is_delay        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account, ref_date)
) WITHOUT ROWID;

CREATE TABLE wechat_articles (
  account      TEXT NOT NULL,
  msgid        TEXT NOT NULL,               -- "<msg_data_id>_<index>"
  publish_date TEXT NOT NULL,
  title        TEXT,
  url          TEXT,
  publish_type INTEGER,                     -- 0 notified (mass-sent), 1 not notified, NULL unknown
  family       TEXT NOT NULL CHECK (family IN ('legacy', 'new')),
  PRIMARY KEY (account, msgid)
) WITHOUT ROWID;
CREATE INDEX wechat_articles_by_date ON wechat_articles (account, publish_date);

CREATE TABLE wechat_article_stats (         -- cumulative snapshots: never add them up
  account    TEXT NOT NULL,
  msgid      TEXT NOT NULL,
  stat_date  TEXT NOT NULL,
  read_user  INTEGER NOT NULL,
  read_count INTEGER,                       -- page views (legacy only)
  share_user INTEGER NOT NULL,
  fav_user   INTEGER NOT NULL,
  is_delay   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account, msgid, stat_date)
) WITHOUT ROWID;

CREATE TABLE wechat_article_daily (         -- per-day values (getarticlesummary, getarticleread)
  account    TEXT NOT NULL,
  msgid      TEXT NOT NULL,
  ref_date   TEXT NOT NULL,
  read_user  INTEGER NOT NULL,
  read_count INTEGER,
  share_user INTEGER NOT NULL,
  is_delay   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account, msgid, ref_date)
) WITHOUT ROWID;

CREATE TABLE wechat_days (                  -- what each endpoint has given for each day
  account    TEXT NOT NULL,
  endpoint   TEXT NOT NULL,
  ref_date   TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('final', 'delayed', 'empty', 'unavailable',
                                            'not_ready')),
  detail     TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (account, endpoint, ref_date)
) WITHOUT ROWID;
)sql",
    // v4: the outreach ledger: facts no feed knows, recorded by the team.
    R"sql(
CREATE TABLE ledger (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,                -- interview, consultation, npc_suggestion, ...
  date       TEXT NOT NULL,                -- China-time day
  title      TEXT,
  count      INTEGER NOT NULL DEFAULT 1 CHECK (count >= 0),
  role       TEXT,                         -- 主办, 会办, 协办, 承办, 分办, 汇办
  origin     TEXT NOT NULL,                -- 'cli' or 'import:<file name>'
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_by_date ON ledger (date, kind);
)sql",
    // v5: indexes the yearly report needs on a large store (a million feed items).
    R"sql(
CREATE INDEX feed_items_by_first_seen ON feed_items (first_seen);
CREATE INDEX wechat_user_summary_by_day ON wechat_user_summary (account, ref_date);
CREATE INDEX mentions_counted ON mentions (day, tier, outlet, status, duplicate_of)
  WHERE same_as IS NULL AND status != 'rejected';
)sql",
    // v6: each article's latest cumulative reads (the largest snapshot), kept by triggers so
    // every writer (collector, import, bench generator) maintains them; the report ranks and
    // counts a year of articles from one covering index instead of a join per article.
    R"sql(
ALTER TABLE wechat_articles ADD COLUMN read_user_max INTEGER;
ALTER TABLE wechat_articles ADD COLUMN read_count_max INTEGER;
UPDATE wechat_articles SET
  read_user_max = (SELECT max(s.read_user) FROM wechat_article_stats s
                   WHERE s.account = wechat_articles.account AND s.msgid = wechat_articles.msgid),
  read_count_max = (SELECT max(s.read_count) FROM wechat_article_stats s
                    WHERE s.account = wechat_articles.account AND s.msgid = wechat_articles.msgid);
CREATE TRIGGER wechat_articles_reads_on_insert AFTER INSERT ON wechat_articles BEGIN
  UPDATE wechat_articles SET
    read_user_max = (SELECT max(read_user) FROM wechat_article_stats
                     WHERE account = NEW.account AND msgid = NEW.msgid),
    read_count_max = (SELECT max(read_count) FROM wechat_article_stats
                      WHERE account = NEW.account AND msgid = NEW.msgid)
  WHERE account = NEW.account AND msgid = NEW.msgid;
END;
CREATE TRIGGER wechat_article_stats_on_insert AFTER INSERT ON wechat_article_stats BEGIN
  UPDATE wechat_articles SET
    read_user_max = max(coalesce(read_user_max, NEW.read_user), NEW.read_user),
    read_count_max = CASE WHEN NEW.read_count IS NULL THEN read_count_max
                          ELSE max(coalesce(read_count_max, NEW.read_count), NEW.read_count) END
  WHERE account = NEW.account AND msgid = NEW.msgid;
END;
CREATE TRIGGER wechat_article_stats_on_update AFTER UPDATE ON wechat_article_stats BEGIN
  UPDATE wechat_articles SET
    read_user_max = (SELECT max(read_user) FROM wechat_article_stats
                     WHERE account = NEW.account AND msgid = NEW.msgid),
    read_count_max = (SELECT max(read_count) FROM wechat_article_stats
                      WHERE account = NEW.account AND msgid = NEW.msgid)
  WHERE account = NEW.account AND msgid = NEW.msgid;
END;
CREATE TRIGGER wechat_article_stats_on_delete AFTER DELETE ON wechat_article_stats BEGIN
  UPDATE wechat_articles SET
    read_user_max = (SELECT max(read_user) FROM wechat_article_stats
                     WHERE account = OLD.account AND msgid = OLD.msgid),
    read_count_max = (SELECT max(read_count) FROM wechat_article_stats
                      WHERE account = OLD.account AND msgid = OLD.msgid)
  WHERE account = OLD.account AND msgid = OLD.msgid;
END;
DROP INDEX wechat_articles_by_date;
CREATE INDEX wechat_articles_by_date ON wechat_articles
  (account, publish_date, publish_type, read_user_max, read_count_max);
)sql",
    // v7: the daily WeChat figures of an account (followers, and reads from the legacy
    // all-channels row or getbizsummary) written once, as a view: `wechat daily`, the dashboard
    // and `export` read it.
    R"sql(
CREATE VIEW wechat_daily AS
SELECT c.account, c.ref_date,
       (SELECT sum(new_user) FROM wechat_user_summary s
        WHERE s.account = c.account AND s.ref_date = c.ref_date) AS new_user,
       (SELECT sum(cancel_user) FROM wechat_user_summary s
        WHERE s.account = c.account AND s.ref_date = c.ref_date) AS cancel_user,
       c.cumulate_user,
       r.int_page_read_count AS page_views,
       coalesce(r.int_page_read_user, b.read_user) AS read_users,
       b.is_delay
FROM wechat_user_cumulate c
LEFT JOIN wechat_user_read r
  ON r.account = c.account AND r.ref_date = c.ref_date AND r.user_source = 99999999
LEFT JOIN wechat_biz_daily b ON b.account = c.account AND b.ref_date = c.ref_date;
)sql",
    // v8: how a feed's items are known (their own ids, or their link, title or content), so
    // `feeds list` can say when a feed gives its items no id of their own.
    R"sql(
ALTER TABLE source_state ADD COLUMN item_identity TEXT;
)sql",
    // v9: the registers behind the annual report's 表二-表四: one row per disclosure request
    // (依申请公开), and the year's 表二/表四 figures under the keys of model/annual_tables.h.
    R"sql(
CREATE TABLE disclosure_requests (
  id         INTEGER PRIMARY KEY,
  ref        TEXT,                        -- the agency's own number for the request
  received   TEXT NOT NULL,               -- China-time day
  applicant  TEXT NOT NULL,               -- model::Applicant code
  subject    TEXT,                        -- what was asked, briefly
  outcome    TEXT,                        -- model::Outcome code; NULL while open
  closed     TEXT,                        -- the day it was answered; NULL while open
  origin     TEXT NOT NULL,               -- 'cli' or 'import:<file name>'
  note       TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((outcome IS NULL) = (closed IS NULL)),
  CHECK (closed IS NULL OR closed >= received)
);
CREATE UNIQUE INDEX disclosure_requests_by_ref ON disclosure_requests (ref) WHERE ref IS NOT NULL;
CREATE INDEX disclosure_requests_by_received ON disclosure_requests (received);

CREATE TABLE table_figures (
  year       INTEGER NOT NULL,
  key        TEXT NOT NULL,               -- 't2.rules.issued', 't4.review.total' ...
  value      INTEGER NOT NULL,            -- counts; money in fen
  origin     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, key)
) WITHOUT ROWID;
)sql",
    // v10: what freepublish/batchget lists (posts published through 发布, deleted ones
    // included), for the inspection checks: posts deleted after publication.
    R"sql(
CREATE TABLE wechat_published (
  account     TEXT NOT NULL,
  article_id  TEXT NOT NULL,
  idx         INTEGER NOT NULL,             -- 1-based position inside the published item
  msgid       TEXT,                         -- the datacube msgid, when its URL gives it
  title       TEXT,
  url         TEXT,
  update_time TEXT NOT NULL,                -- UTC instant
  is_deleted  INTEGER NOT NULL DEFAULT 0,
  fetched_at  TEXT NOT NULL,
  PRIMARY KEY (account, article_id, idx)
) WITHOUT ROWID;
)sql",
    // v11: why each mention is one (where the matching hit was, by which rule) and how its
    // outlet's tier was decided, so a reviewer can trust or correct it.
    R"sql(
ALTER TABLE mentions ADD COLUMN match_where TEXT;
ALTER TABLE mentions ADD COLUMN match_rule TEXT;
ALTER TABLE mentions ADD COLUMN tier_basis TEXT;
)sql",
    // v12: how far each account's freepublish list was read, so posts published without
    // notification (发表) are counted only for the days a complete list covers.
    R"sql(
CREATE TABLE wechat_publish_lists (
  account     TEXT PRIMARY KEY,
  checked_at  TEXT NOT NULL,                -- UTC instant of the last run that asked
  complete_at TEXT,                         -- UTC instant of the last run that read every page
  total_count INTEGER,                      -- as the API last said
  refused     TEXT                          -- the last refusal (48001 ...); NULL once read again
) WITHOUT ROWID;
)sql",
};

}  // namespace

std::span<const char* const> migrations() { return kMigrations; }

}  // namespace pubtrack::store
