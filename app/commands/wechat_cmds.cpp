// SPDX-License-Identifier: Apache-2.0
// backfill, wechat articles, wechat daily.
#include <Poco/Logger.h>
#include <SQLiteCpp/Statement.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "app/collect_lock.h"
#include "app/commands/commands.h"
#include "app/jobs/wechat_job.h"
#include "app/progress.h"
#include "collectors/wechat/date_plan.h"
#include "net/curl_http_client.h"
#include "store/database.h"

namespace pubtrack::app::cmd {

namespace {

std::vector<std::string> accountFilter(const config::Settings& s, const Args& args) {
  auto ids = args.values("account");
  for (const auto& id : ids)
    if (!s.account(id)) throw ExitError{kUsage, "--account: no [account." + id + "] configured"};
  return ids;
}

}  // namespace

int backfill(Context& ctx, const Args& args) {
  applyToday(ctx, args);
  const auto from = args.date("from"), to = args.date("to");
  if (!from || !to) throw ExitError{kUsage, "--from and --to are required"};
  if (*to < *from) throw ExitError{kUsage, "--to is before --from"};
  if (*from < wechat::datacubeStart())
    throw ExitError{kUsage, "--from: WeChat keeps statistics from " +
                                wechat::datacubeStart().toString() + " on"};
  const auto& s = ctx.settings();
  BackfillRange range{*from, *to, accountFilter(s, args)};
  auto& db = ctx.database();
  const core::Clock& clock = ctx.clock();
  std::string holder;
  auto lock = CollectLock::tryAcquire(db.path(), core::formatUtc(clock.now()), holder);
  if (!lock) throw ExitError{kFatal, "another collect is running (" + holder + ")"};
  net::HttpSettings httpSettings = s.http;
  httpSettings.retries = 0;  // the WeChat collector retries itself
  net::CurlHttpClient http(httpSettings, &clock);
  Progress display("backfill", stderr);
  ProgressFn progress = [&](int done, int total) {
    display.update(static_cast<size_t>(done), static_cast<size_t>(total));
  };
  auto sum = runWeChatJob(s, db, http, clock, nullptr, ctx.log, &range, progress);
  display.finish();
  ctx.out << "backfill " << from->toString() << ".." << to->toString() << ": " << sum.accounts
          << " account(s), " << sum.ok << " ok, " << sum.failed << " failed; " << sum.calls
          << " API calls, " << sum.days_written << " account-days written\n";
  for (const auto& e : sum.errors) ctx.err << "pubtrack: " << e << "\n";
  return sum.failed ? kPartial : kOk;
}

int wechatArticles(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto& s = ctx.settings();
  const auto ids = accountFilter(s, args);
  const auto from = args.date("from"), to = args.date("to");
  auto& db = ctx.database();
  std::string sql =
      "SELECT a.account, a.msgid, coalesce(a.title, ''), coalesce(a.url, ''), a.publish_date, "
      "a.publish_type, max(s.read_user), max(s.read_count) FROM wechat_articles a LEFT JOIN "
      "wechat_article_stats s ON s.account = a.account AND s.msgid = a.msgid WHERE 1";
  if (from) sql += " AND a.publish_date >= :from";
  if (to) sql += " AND a.publish_date <= :to";
  sql += " GROUP BY a.account, a.msgid ORDER BY a.publish_date, a.msgid";
  SQLite::Statement q(db.sql(), sql);
  if (from) q.bind(":from", from->toString());
  if (to) q.bind(":to", to->toString());
  Table t;
  t.columns = {"account",      "msgid",        "title",      "url",
               "publish_date", "publish_type", "read_users", "page_views"};
  while (q.executeStep()) {
    const std::string acc = q.getColumn(0).getString();
    if (!ids.empty() && std::find(ids.begin(), ids.end(), acc) == ids.end()) continue;
    auto num = [&](int i) {
      return q.getColumn(i).isNull() ? Cell::none() : Cell::num(q.getColumn(i).getInt64());
    };
    t.rows.push_back({Cell::str(acc), Cell::str(q.getColumn(1).getString()),
                      Cell::str(q.getColumn(2).getString()),
                      Cell::optStr(q.getColumn(3).getString()),
                      Cell::str(q.getColumn(4).getString()), num(5), num(6), num(7)});
  }
  render(t, format, ctx.out);
  return kOk;
}

int wechatDaily(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto& s = ctx.settings();
  const auto ids = accountFilter(s, args);
  const auto from = args.date("from"), to = args.date("to");
  auto& db = ctx.database();
  // One row per account and day: followers from the follower endpoints, reads from the legacy
  // 99999999 row or getbizsummary.
  std::string sql = R"sql(
SELECT c.account, c.ref_date, s.new_user, s.cancel_user, c.cumulate_user,
       r.int_page_read_count, coalesce(r.int_page_read_user, b.read_user), b.is_delay
FROM wechat_user_cumulate c
LEFT JOIN (SELECT account, ref_date, sum(new_user) new_user, sum(cancel_user) cancel_user
           FROM wechat_user_summary GROUP BY account, ref_date) s
  ON s.account = c.account AND s.ref_date = c.ref_date
LEFT JOIN wechat_user_read r
  ON r.account = c.account AND r.ref_date = c.ref_date AND r.user_source = 99999999
LEFT JOIN wechat_biz_daily b ON b.account = c.account AND b.ref_date = c.ref_date
WHERE 1)sql";
  if (from) sql += " AND c.ref_date >= :from";
  if (to) sql += " AND c.ref_date <= :to";
  sql += " ORDER BY c.account, c.ref_date";
  SQLite::Statement q(db.sql(), sql);
  if (from) q.bind(":from", from->toString());
  if (to) q.bind(":to", to->toString());
  Table t;
  t.columns = {"account",  "date",       "new",        "cancel",  "net",
               "cumulate", "page_views", "read_users", "is_delay"};
  while (q.executeStep()) {
    const std::string acc = q.getColumn(0).getString();
    if (!ids.empty() && std::find(ids.begin(), ids.end(), acc) == ids.end()) continue;
    auto num = [&](int i) {
      return q.getColumn(i).isNull() ? Cell::none() : Cell::num(q.getColumn(i).getInt64());
    };
    Cell net = (q.getColumn(2).isNull() || q.getColumn(3).isNull())
                   ? Cell::none()
                   : Cell::num(q.getColumn(2).getInt64() - q.getColumn(3).getInt64());
    t.rows.push_back({Cell::str(acc), Cell::str(q.getColumn(1).getString()), num(2), num(3), net,
                      num(4), num(5), num(6),
                      q.getColumn(7).isNull()
                          ? Cell::none()
                          : Cell{q.getColumn(7).getInt() ? "true" : "false", true, false}});
  }
  render(t, format, ctx.out);
  return kOk;
}

}  // namespace pubtrack::app::cmd
