// SPDX-License-Identifier: Apache-2.0
// backfill, wechat articles, wechat daily.
#include <Poco/Logger.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "app/collect_lock.h"
#include "app/commands/commands.h"
#include "app/jobs/wechat_job.h"
#include "app/progress.h"
#include "collectors/wechat/date_plan.h"
#include "model/wechat_calendar.h"
#include "net/curl_http_client.h"
#include "store/database.h"
#include "store/wechat_listing.h"

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
  if (*from < model::datacubeStart())
    throw ExitError{kUsage, "--from: WeChat keeps statistics from " +
                                model::datacubeStart().toString() + " on"};
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

namespace {

store::ListFilter listFilter(const config::Settings& s, const Args& args) {
  store::ListFilter f;
  f.from = args.date("from");
  f.to = args.date("to");
  f.accounts = accountFilter(s, args);
  return f;
}

Cell optNum(const std::optional<int64_t>& v) { return v ? Cell::num(*v) : Cell::none(); }

}  // namespace

int wechatArticles(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto filter = listFilter(ctx.settings(), args);
  store::WeChatListing listing(ctx.database());
  Table t;
  t.columns = {"account",      "msgid",        "title",      "url",
               "publish_date", "publish_type", "read_users", "page_views"};
  for (const auto& r : listing.articles(filter))
    t.rows.push_back({Cell::str(r.account), Cell::str(r.msgid), Cell::str(r.title),
                      Cell::optStr(r.url), Cell::str(r.publish_date.toString()),
                      optNum(r.publish_type), optNum(r.read_users), optNum(r.page_views)});
  render(t, format, ctx.out);
  return kOk;
}

int wechatDaily(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto filter = listFilter(ctx.settings(), args);
  store::WeChatListing listing(ctx.database());
  Table t;
  t.columns = {"account",  "date",       "new",        "cancel",  "net",
               "cumulate", "page_views", "read_users", "is_delay"};
  for (const auto& r : listing.daily(filter))
    t.rows.push_back(
        {Cell::str(r.account), Cell::str(r.day.toString()), optNum(r.new_users),
         optNum(r.cancel_users), optNum(r.net()), optNum(r.followers), optNum(r.page_views),
         optNum(r.read_users),
         r.is_delay ? Cell{*r.is_delay ? "true" : "false", true, false} : Cell::none()});
  render(t, format, ctx.out);
  return kOk;
}

}  // namespace pubtrack::app::cmd
