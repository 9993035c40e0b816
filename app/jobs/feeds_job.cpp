// SPDX-License-Identifier: Apache-2.0
// Writing feed results: items, mentions, state, raw bodies and run history.
#include "app/jobs/feeds_job.h"

#include <Poco/Logger.h>

#include <optional>

#include "collectors/feeds/feed_collector.h"
#include "core/strings.h"
#include "store/feeds_repo.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"

namespace pubtrack::app {

namespace {

std::string joinWarnings(const std::vector<std::string>& w) {
  std::string s;
  for (size_t i = 0; i < w.size() && i < 5; ++i) s += (i ? "; " : "") + w[i];
  if (w.size() > 5) s += "; and " + std::to_string(w.size() - 5) + " more";
  return s;
}

}  // namespace

FeedsJobSummary runFeedsJob(const config::Settings& settings, store::Database& db,
                            net::HttpClient& http, const core::Clock& clock,
                            const std::atomic<bool>* stop, Poco::Logger& log) {
  FeedsJobSummary summary;
  store::StateRepo states(db);
  store::RunsRepo runs(db);
  store::FeedsRepo repo(db);
  const auto started = clock.now();
  const std::string startedText = core::formatUtc(started);

  // Every healthy source is asked (conditionally); only failing ones wait out their backoff.
  std::vector<feeds::FeedSource> due;
  std::vector<feeds::Validators> validators;
  std::vector<store::SourceState> previous;
  for (auto& src : feeds::feedSources(settings)) {
    ++summary.sources;
    store::SourceState st = states.get(src.source).value_or(store::SourceState{});
    st.source = src.source;
    if (st.error_count > 0 && !st.next_due_at.empty()) {
      const auto dueAt = core::parseUtc(st.next_due_at);
      if (dueAt && *dueAt > started) {
        ++summary.backed_off;
        log.information("%s: backed off after %d failures until %s", src.source,
                        static_cast<int>(st.error_count), st.next_due_at);
        continue;
      }
    }
    validators.push_back({st.etag, st.last_modified});
    previous.push_back(st);
    due.push_back(std::move(src));
  }

  // Results are written in batches: one transaction for what arrived while the previous batch
  // was being written (at most kMaxBatch sources), committed as soon as the writer has caught
  // up, so a slow network still commits each feed at once. A run killed mid-batch loses only
  // that batch; its feeds keep their old validators and are fetched again by the next run.
  constexpr int kMaxBatch = 64;
  std::optional<store::Transaction> tx;
  int inBatch = 0;
  auto commit = [&] {
    if (!tx) return;
    tx->commit();
    tx.reset();
    inBatch = 0;
  };
  // The latest body of a feed, for whoever has to find out what the feed sent.
  auto keepBody = [&](feeds::FeedFetch& f, const std::string& at) {
    states.replaceRaw({f.source.source, "body", at, f.response.content_type,
                       std::move(f.response.body), f.response.status});
  };
  feeds::FeedCollector collector(http, clock, settings);
  std::vector<bool> done(due.size(), false);
  collector.collect(
      due, validators,
      [&](feeds::FeedFetch& f) {
        // Find this source's slot (results arrive in completion order).
        size_t slot = 0;
        while (slot < due.size() && (done[slot] || due[slot].source != f.source.source)) ++slot;
        if (slot < done.size()) done[slot] = true;
        store::SourceState st = slot < previous.size() ? previous[slot] : store::SourceState{};
        st.source = f.source.source;
        const auto now = clock.now();
        const std::string nowText = core::formatUtc(now);
        int64_t itemsNew = 0, itemsUpdated = 0;
        std::string status = "ok", firstError;
        if (!tx) tx.emplace(db);
        const int64_t runId = runs.start("feeds", f.source.source, started);
        st.last_fetch_at = nowText;
        // Attempts the HTTP client retried past are listed even when the fetch succeeded.
        for (const auto& e : f.response.retried) {
          core::Error r = e;
          r.source = f.source.source;
          runs.addError(runId, r, r.code, now);
        }
        switch (f.outcome) {
          case feeds::FeedFetch::Outcome::Parsed: {
            for (auto& it : f.items) {
              auto [id, isNew] = repo.upsertItem(it.record, now);
              (isNew ? itemsNew : itemsUpdated) += 1;
              // A new item has no mention yet: only a match can give it one.
              if (isNew && !it.mention) continue;
              if (repo.setItemMention(id, std::move(it.mention), now)) ++summary.mentions_new;
            }
            st.etag = f.response.etag;
            st.last_modified = f.response.last_modified;
            st.last_status = "ok";
            st.last_success_at = nowText;
            st.last_error.clear();
            st.last_warning = joinWarnings(f.warnings);
            st.item_identity = f.identity;
            if (!st.last_warning.empty()) ++summary.warnings;
            st.error_count = 0;
            st.next_due_at.clear();
            // The body is kept where it explains something (warnings, no items); a clean
            // feed's items are its record, and an older body would no longer describe it.
            if (!f.warnings.empty() || f.items.empty())
              keepBody(f, nowText);
            else
              states.dropRaw(f.source.source, "body");
            ++summary.ok;
            break;
          }
          case feeds::FeedFetch::Outcome::NotModified:
            st.last_status = "not-modified";
            st.last_success_at = nowText;
            st.last_error.clear();
            st.error_count = 0;
            st.next_due_at.clear();
            ++summary.not_modified;
            break;
          case feeds::FeedFetch::Outcome::Failed: {
            if (f.error.kind == core::ErrorKind::Interrupted) {
              status = "interrupted";
              summary.interrupted = true;
              firstError = "interrupted before it was fetched";
              break;
            }
            status = "failed";
            firstError = f.error.describe();
            st.last_status = "failed";
            st.last_error = f.error.message;
            st.error_count += 1;
            st.next_due_at = core::formatUtc(
                feeds::nextDueAfterFailure(now, st.error_count, f.response.retry_after_s));
            runs.addError(runId, f.error, f.code, now);
            if (f.response.status != 0) keepBody(f, nowText);  // the page that was not a feed
            summary.errors.push_back(firstError);
            ++summary.failed;
            break;
          }
        }
        if (status != "interrupted") states.upsert(st);
        runs.finish(runId, status, itemsNew, itemsUpdated, status == "failed" ? 1 : 0, firstError,
                    now);
        if (++inBatch >= kMaxBatch) commit();
        summary.items_new += itemsNew;
        summary.items_updated += itemsUpdated;
        if (status == "failed") log.error(firstError);
      },
      stop, commit);
  return summary;
}

}  // namespace pubtrack::app
