// SPDX-License-Identifier: Apache-2.0
// collect: the nightly job. Takes the collect lock, runs the WeChat and feed collectors, records
// the run, and stops cleanly on SIGTERM/SIGINT (nothing new is started; what was fetched is
// written; the run is recorded as interrupted).
#include <Poco/Logger.h>
#include <signal.h>

#include <atomic>

#include "app/collect_lock.h"
#include "app/commands/commands.h"
#include "app/jobs/feeds_job.h"
#include "app/jobs/wechat_job.h"
#include "app/progress.h"
#include "net/curl_http_client.h"
#include "store/database.h"
#include "store/runs_repo.h"

namespace pubtrack::app::cmd {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onStopSignal(int) { g_stop.store(true); }

class StopSignals {
 public:
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGTERM, &sa, &oldTerm_);
    ::sigaction(SIGINT, &sa, &oldInt_);
  }
  ~StopSignals() {
    ::sigaction(SIGTERM, &oldTerm_, nullptr);
    ::sigaction(SIGINT, &oldInt_, nullptr);
  }

 private:
  struct sigaction oldTerm_ {};
  struct sigaction oldInt_ {};
};

}  // namespace

void applyToday(Context& ctx, const Args& args) {
  if (auto today = args.date("today")) {
    // As if run on that day after 08:00 China time: the day before is the last collectable one.
    ctx.fixed_clock =
        std::make_unique<core::FixedClock>(core::instantOf(*today, 9, 0, 0, core::kChinaTime));
  }
}

int collect(Context& ctx, const Args& args) {
  const std::string source = args.value("source").value_or("all");
  if (source != "all" && source != "wechat" && source != "feeds")
    throw ExitError{kUsage, "--source: expected wechat, feeds or all, got '" + source + "'"};
  applyToday(ctx, args);
  const auto& settings = ctx.settings();
  auto& db = ctx.database();
  const core::Clock& clock = ctx.clock();
  std::string holder;
  auto lock = CollectLock::tryAcquire(db.path(), core::formatUtc(clock.now()), holder);
  if (!lock) throw ExitError{kFatal, "another collect is running (" + holder + ")"};

  g_stop.store(false);
  StopSignals signals;
  store::RunsRepo runs(db);
  if (int reaped = runs.reapStale(clock.now()))
    ctx.log.warning("%d run(s) left by a killed process marked interrupted", reaped);
  const int64_t runId = runs.start("collect", "*", clock.now());
  net::CurlHttpClient http(settings.http, &clock);
  // The WeChat collector retries -1, transport errors and bad bodies itself (with the same
  // [http] retries); its client must not retry again underneath.
  net::HttpSettings wechatHttp = settings.http;
  wechatHttp.retries = 0;
  net::CurlHttpClient wechatClient(wechatHttp, &clock);

  int failedSources = 0;
  bool interrupted = false;
  std::string firstError;
  int64_t itemsNew = 0, itemsUpdated = 0;

  if (source == "all" || source == "wechat") {
    // A first night (a backfill) can take a while: show progress for long runs.
    Progress display("wechat", stderr);
    ProgressFn progress = [&](int done, int total) {
      if (total >= 200) display.update(static_cast<size_t>(done), static_cast<size_t>(total));
    };
    auto s = runWeChatJob(settings, db, wechatClient, clock, &g_stop, ctx.log, nullptr, progress);
    display.finish();
    ctx.out << "wechat: " << s.accounts << " account" << (s.accounts == 1 ? "" : "s") << ", "
            << s.ok << " ok, " << s.failed << " failed; " << s.calls << " API calls, "
            << s.days_written << " account-days written";
    if (s.days_unavailable) ctx.out << ", " << s.days_unavailable << " days unavailable";
    if (s.days_delayed) ctx.out << ", " << s.days_delayed << " days still delayed";
    ctx.out << "\n";
    for (const auto& e : s.errors) ctx.err << "pubtrack: " << e << "\n";
    failedSources += s.failed;
    interrupted = interrupted || s.interrupted;
    if (firstError.empty() && !s.errors.empty()) firstError = s.errors.front();
    itemsNew += s.days_written;
  }
  if ((source == "all" || source == "feeds") && !g_stop.load()) {
    auto s = runFeedsJob(settings, db, http, clock, &g_stop, ctx.log);
    ctx.out << "feeds: " << s.sources << " source" << (s.sources == 1 ? "" : "s") << ", " << s.ok
            << " ok, " << s.not_modified << " not modified, " << s.failed << " failed";
    if (s.backed_off) ctx.out << ", " << s.backed_off << " backed off";
    if (s.warnings) ctx.out << ", " << s.warnings << " with warnings";
    ctx.out << "; " << s.items_new << " new items, " << s.mentions_new << " new mentions\n";
    for (const auto& e : s.errors) ctx.err << "pubtrack: " << e << "\n";
    failedSources += s.failed;
    interrupted = interrupted || s.interrupted;
    if (firstError.empty() && !s.errors.empty()) firstError = s.errors.front();
    itemsNew += s.items_new;
    itemsUpdated += s.items_updated;
  }
  interrupted = interrupted || g_stop.load();
  const std::string status = interrupted ? "interrupted" : failedSources ? "partial" : "ok";
  runs.finish(runId, status, itemsNew, itemsUpdated, failedSources,
              interrupted ? "interrupted by a signal" : firstError, clock.now());
  if (interrupted) {
    ctx.err << "pubtrack: interrupted; what was fetched is saved, the next run completes it\n";
    return kPartial;
  }
  return failedSources ? kPartial : kOk;
}

}  // namespace pubtrack::app::cmd
