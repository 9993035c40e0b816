// SPDX-License-Identifier: Apache-2.0
// Planning, running and storing the WeChat collection.
#include "app/jobs/wechat_job.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <set>

#include "collectors/wechat/date_plan.h"
#include "collectors/wechat/wechat_collector.h"
#include "core/strings.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"
#include "store/wechat_repo.h"

namespace pubtrack::app {

core::Date defaultBackfillFrom(const config::Settings& settings, core::TimePoint now) {
  if (settings.wechat.backfill_from) return *settings.wechat.backfill_from;
  const int year = core::dateAt(now, core::kChinaTime).year();
  return *core::Date::fromYmd(year - 1, 1, 1);
}

namespace {

// The days an endpoint answered (with rows or without): their stored rows are replaced.
std::set<core::Date> answeredDays(const wechat::AccountBatch& b, model::Endpoint e) {
  std::set<core::Date> days;
  for (const auto& d : b.days)
    if (d.endpoint == e &&
        (d.status == model::DayStatus::Final || d.status == model::DayStatus::Delayed ||
         d.status == model::DayStatus::Empty))
      days.insert(d.day);
  return days;
}

// Writes one account's batch; returns the number of (endpoint, day) states written.
int64_t storeBatch(store::Database& db, const wechat::AccountBatch& b, core::TimePoint now) {
  store::WeChatRepo repo(db);
  store::StateRepo raw(db);
  const std::string& acc = b.account_id;
  repo.replaceUserSummary(acc, answeredDays(b, model::Endpoint::UserSummary), b.user_summary);
  repo.replaceUserRead(acc, answeredDays(b, model::Endpoint::UserRead), b.user_read);
  repo.upsertCumulate(acc, b.user_cumulate);
  for (const auto& r : b.biz_summary) repo.upsertBiz(acc, {r.row}, r.is_delay);
  for (const auto& a : b.article_total) repo.upsertArticleTotal(acc, a);
  repo.upsertArticleSummary(acc, b.article_summary);
  for (const auto& a : b.article_total_detail) repo.upsertArticleDetail(acc, a.row, a.is_delay);
  for (const auto& r : b.article_read) repo.upsertArticleRead(acc, {r.row}, r.is_delay);
  std::vector<model::PublishedPost> posts;
  for (const auto& p : b.published)
    posts.push_back({p.article.article_id, p.article.index, p.msgid, p.article.title, p.article.url,
                     p.article.update_time, p.article.is_deleted});
  repo.upsertPublished(acc, posts, now);
  if (b.publish_list) repo.setPublishList(acc, *b.publish_list, now);
  for (const auto& p : b.published)
    if (!p.msgid.empty()) repo.enrichArticle(acc, p.msgid, p.article.title, p.article.url);
  const int64_t written = repo.setDayStates(acc, b.days, now);
  for (const auto& r : b.raw)
    raw.addRaw({"account." + acc, r.request, core::formatUtc(r.fetched_at), "application/json",
                r.body, r.http_status});
  return written;
}

}  // namespace

WeChatJobSummary runWeChatJob(const config::Settings& settings, store::Database& db,
                              net::HttpClient& http, const core::Clock& clock,
                              const std::atomic<bool>* stop, Poco::Logger& log,
                              const BackfillRange* backfill, const ProgressFn& progress) {
  WeChatJobSummary summary;
  const auto now = clock.now();
  store::RunsRepo runs(db);
  store::WeChatRepo repo(db);

  wechat::PlanSettings plan;
  plan.new_api_from = settings.wechat.new_api_from;
  plan.backfill_from = defaultBackfillFrom(settings, now);
  const core::Date latest = model::latestCollectableDay(now);

  std::vector<wechat::AccountJob> jobs;
  std::vector<const config::AccountSettings*> failedEarly;
  std::vector<core::Error> earlyErrors;
  for (const auto& a : settings.accounts) {
    if (backfill && !backfill->accounts.empty() &&
        std::find(backfill->accounts.begin(), backfill->accounts.end(), a.id) ==
            backfill->accounts.end())
      continue;
    ++summary.accounts;
    auto secret = config::resolveSecret(a);
    if (!secret) {
      failedEarly.push_back(&a);
      earlyErrors.push_back(secret.error());
      continue;
    }
    std::vector<wechat::RepullDay> extra;
    // 61501 for one of the last days usually means "not published yet": ask again for a week.
    for (const auto& d : repo.repullDays(a.id, latest - 7)) extra.push_back({d.day, d.endpoint});
    std::vector<wechat::PlannedCall> calls;
    if (backfill) {
      model::DateRange range{backfill->from, std::min(backfill->to, latest)};
      calls = wechat::planCalls(plan, latest, range, extra);
    } else {
      wechat::AccountProgress progress_;
      progress_.last_complete_day = repo.lastCompleteDay(a.id, settings.wechat.new_api_from);
      progress_.repull = extra;
      calls = wechat::planCollection(now, plan, progress_).calls;
    }
    jobs.push_back({a, std::move(secret.value()), std::move(calls), settings.wechat.publish_pages,
                    repo.publishedIds(a.id)});
  }

  // Accounts whose secret cannot be read fail alone, with a run record saying why.
  for (size_t i = 0; i < failedEarly.size(); ++i) {
    store::Transaction tx(db);
    const std::string source = "account." + failedEarly[i]->id;
    const int64_t run = runs.start("wechat", source, now);
    runs.addError(run, earlyErrors[i], "", now);
    runs.finish(run, "failed", 0, 0, 1, earlyErrors[i].describe(), now);
    tx.commit();
    summary.errors.push_back(earlyErrors[i].describe());
    ++summary.failed;
  }

  int total = 0;
  for (const auto& j : jobs) total += static_cast<int>(j.calls.size());
  if (progress) progress(0, total);
  wechat::WeChatCollector collector(settings.wechat, wechat::RetrySettings::from(settings.http),
                                    http, clock);
  if (progress)
    collector.setProgress(
        [&](size_t done, size_t all) { progress(static_cast<int>(done), static_cast<int>(all)); });
  auto batches = collector.collect(jobs, stop);

  for (const auto& b : batches) {
    const std::string source = "account." + b.account_id;
    store::Transaction tx(db);
    const int64_t run = runs.start("wechat", source, now);
    const int64_t written = storeBatch(db, b, clock.now());
    for (const auto& e : b.errors) runs.addError(run, e, e.code, clock.now());
    for (const auto& n : b.notes) runs.addError(run, n, n.code, clock.now());
    for (const auto& r : b.retried) runs.addError(run, r, r.code, clock.now());
    bool skipped = false;
    for (const auto& d : b.days) {
      summary.days_unavailable += d.status == model::DayStatus::Unavailable;
      summary.days_delayed += d.status == model::DayStatus::Delayed;
      skipped = skipped || d.status == model::DayStatus::Skipped;
    }
    std::string status = "ok", first;
    if (b.stopped || !b.errors.empty()) {
      status = "failed";
      first = b.stopped && !b.stop_reason.empty() ? source + ": " + b.stop_reason
                                                  : b.errors.front().describe();
    } else if (skipped && stop && stop->load()) {
      status = "interrupted";
      first = "interrupted before every call was made";
      summary.interrupted = true;
    }
    runs.finish(run, status, written, 0, static_cast<int64_t>(b.errors.size()), first, clock.now());
    tx.commit();
    summary.calls += b.calls;
    summary.days_written += written;
    if (status == "failed") {
      ++summary.failed;
      summary.errors.push_back(first);
      for (size_t i = b.stopped ? 0 : 1; i < b.errors.size() && i < 5; ++i)
        log.warning(b.errors[i].describe());
    } else if (status == "ok") {
      ++summary.ok;
    }
  }
  if (progress) progress(total, total);
  return summary;
}

}  // namespace pubtrack::app
