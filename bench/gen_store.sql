-- SPDX-License-Identifier: Apache-2.0
-- Fills a database made by `pubtrack init` with synthetic data for the report/dashboard benchmarks:
-- @accounts WeChat accounts (ids acct001...) with daily rows for every day of the @years years
-- ending with @last_year (followers, reads, 2 articles a day with a stats snapshot, every endpoint 'final'),
-- @items feed items over @feeds feeds (ids gen0001...) spread over the same days, a mention for
-- every 20th item (tiers and outlets mixed, every 5th a syndicated copy), and a few ledger rows.
-- Run: sqlite3 DB -cmd ".parameter set @accounts 100" ... < gen_store.sql  (see bench/run.sh)
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
BEGIN;

CREATE TEMP TABLE days AS
  WITH RECURSIVE d(n, day) AS (
    SELECT 0, printf('%d-01-01', @last_year - @years + 1)
    UNION ALL SELECT n + 1, date(day, '+1 day') FROM d WHERE day < printf('%d-12-31', @last_year))
  SELECT n, day FROM d;
CREATE TEMP TABLE accts AS
  WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < @accounts)
  SELECT i, printf('acct%03d', i) AS id FROM a;

INSERT INTO wechat_user_summary (account, ref_date, user_source, new_user, cancel_user)
  SELECT a.id, d.day, 0, 40 + (a.i * 7 + d.n * 13) % 60, 5 + (a.i + d.n) % 20
  FROM accts a, days d;
INSERT INTO wechat_user_cumulate (account, ref_date, cumulate_user)
  SELECT a.id, d.day, 10000 * a.i + 30 * d.n FROM accts a, days d;
INSERT INTO wechat_user_read (account, ref_date, user_source, int_page_read_user,
    int_page_read_count, ori_page_read_user, ori_page_read_count, share_user, share_count,
    add_to_fav_user, add_to_fav_count)
  SELECT a.id, d.day, 99999999, 800 + (a.i * 31 + d.n * 17) % 900,
    1500 + (a.i * 37 + d.n * 19) % 1500, 0, 0, 20, 25, 3, 3
  FROM accts a, days d;
INSERT INTO wechat_articles (account, msgid, publish_date, title, url, publish_type, family)
  SELECT a.id, printf('%d_%d', 2247483904 + a.i * 1000000 + d.n * 100, k.k), d.day,
    printf('账号%d 第%d天 第%d篇 推文标题', a.i, d.n, k.k),
    printf('https://mp.weixin.qq.com/s/a%03d-%d-%d', a.i, d.n, k.k), 0, 'legacy'
  FROM accts a, days d, (SELECT 1 AS k UNION ALL SELECT 2) k;
INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, read_count, share_user,
    fav_user, is_delay)
  SELECT account, msgid, publish_date, 300 + abs(random() % 5000), 500 + abs(random() % 8000),
    10, 2, 0
  FROM wechat_articles;
INSERT INTO wechat_days (account, endpoint, ref_date, state, detail, fetched_at)
  SELECT a.id, e.endpoint, d.day, 'final', NULL, d.day || 'T02:00:00Z'
  FROM accts a, days d,
    (SELECT 'getusersummary' AS endpoint UNION ALL SELECT 'getusercumulate'
     UNION ALL SELECT 'getarticlesummary' UNION ALL SELECT 'getarticletotal'
     UNION ALL SELECT 'getuserread') e;

-- Feed items: item n belongs to feed n % @feeds and day n % days.
CREATE TEMP TABLE ndays AS SELECT count(*) AS c FROM days;
INSERT INTO feed_items (id, feed, item_key, guid, title, link, summary, content, author, published,
    published_raw, source_name, source_url, position, first_seen, last_seen)
  WITH RECURSIVE it(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM it WHERE n < @items)
  SELECT it.n, printf('gen%04d', it.n % @feeds), printf('https://news%d.example.cn/a/%d.html',
      it.n % @feeds, it.n), printf('https://news%d.example.cn/a/%d.html', it.n % @feeds, it.n),
    CASE WHEN it.n % 20 = 0 THEN printf('深圳市国资委召开第%d次工作会议', it.n / 20)
         ELSE printf('本市新闻第%d条 城市建设与民生', it.n) END,
    printf('https://news%d.example.cn/a/%d.html', it.n % @feeds, it.n),
    '摘要：一条用于性能测试的新闻摘要，长度与真实的新闻摘要相近。', NULL, '记者',
    d.day || 'T0' || (it.n % 10) || ':30:00Z', d.day, NULL, NULL, it.n % 20,
    d.day || 'T03:00:00Z', d.day || 'T03:00:00Z'
  FROM it JOIN days d ON d.n = it.n % (SELECT c FROM ndays);

INSERT INTO mentions (id, item_id, origin, outlet, outlet_id, tier, title, url, norm_url,
    norm_title, published, day, keywords, status, same_as, duplicate_of, note, created_at)
  SELECT f.id / 20, f.id, 'feed', printf('媒体%d', f.id % 97),
    printf('outlet%d', f.id % 97),
    CASE f.id % 7 WHEN 0 THEN 'central' WHEN 1 THEN 'central' WHEN 2 THEN 'provincial'
      WHEN 3 THEN 'provincial' WHEN 4 THEN 'municipal' WHEN 5 THEN 'municipal' ELSE 'other' END,
    f.title, f.link, f.link, f.title, f.published, substr(f.published, 1, 10), '深圳市国资委',
    CASE WHEN f.id % 3 = 0 THEN 'confirmed' ELSE 'candidate' END, NULL,
    CASE WHEN (f.id / 20) % 5 = 0 AND f.id > 100 THEN f.id / 20 - 1 END, NULL, f.first_seen
  FROM feed_items f WHERE f.id % 20 = 0;

INSERT INTO ledger (kind, date, title, count, role, origin, created_at)
  SELECT k.kind, d.day, '性能测试台账', 1 + d.n % 3, NULL, 'cli', d.day || 'T08:00:00Z'
  FROM days d, (SELECT 'interview' AS kind UNION ALL SELECT 'consultation') k
  WHERE d.n % 30 = 0;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT printf('gen_store: %d accounts, %d days, %d feed items, %d mentions, %d articles',
  (SELECT count(*) FROM accts), (SELECT count(*) FROM days), (SELECT count(*) FROM feed_items),
  (SELECT count(*) FROM mentions), (SELECT count(*) FROM wechat_articles));
