// SPDX-License-Identifier: Apache-2.0
// Writing feed results: items, mentions, state, raw bodies and run history.
#include "app/jobs/feeds_job.h"

#include <Poco/Logger.h>
#include <SQLiteCpp/Transaction.h>

#include <optional>

#include "collectors/feed_collector.h"
#include "collectors/mentions/mention_matcher.h"
#include "collectors/mentions/text_normalize.h"
#include "core/strings.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"

namespace pubtrack::app {

std::string itemKey(const std::string& guid, const std::string& link,
                    const std::string& published_raw, const std::string& title) {
  if (!guid.empty()) return "guid:" + guid;
  if (!link.empty() && !published_raw.empty()) return "link:" + link + "|" + published_raw;
  if (!link.empty()) return "link:" + link;
  return "title:" + title;
}

bool applyMatching(const config::Settings& settings, const config::FeedSettings& feed,
                   const std::vector<std::string>& found, store::FeedsRepo& repo, int64_t item_id,
                   const store::ItemRecord& item, const std::string& first_seen,
                   const std::string& now) {
  if (found.empty()) {
    repo.dropCandidate(item_id);
    return false;
  }
  const auto outlet =
      mentions::classifyOutlet(settings, feed, item.link, item.source_name, item.source_url);
  store::MentionInput m;
  m.item_id = item_id;
  m.outlet = outlet.name;
  m.outlet_id = outlet.id;
  m.tier = std::string(config::toString(outlet.tier));
  m.title = item.title.empty() ? item.link : item.title;
  m.url = item.link;
  m.norm_url = item.link.empty() ? "" : mentions::normalizeUrl(item.link);
  m.norm_title = mentions::normalizeTitle(item.title);
  m.published = item.published;
  const auto when = core::parseUtc(item.published.empty() ? first_seen : item.published);
  m.day =
      when ? core::dateAt(*when, settings.report.timezone).toString() : first_seen.substr(0, 10);
  m.keywords = core::join(found, ", ");
  return repo.upsertMention(m, now).second;
}

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
  const mentions::MentionMatcher matcher(settings.monitor.keywords, settings.monitor.exclude);
  const auto started = clock.now();
  const std::string startedText = core::formatUtc(started);

  // Every healthy source is asked (conditionally); only failing ones wait out their backoff.
  std::vector<collectors::FeedSource> due;
  std::vector<collectors::Validators> validators;
  std::vector<store::SourceState> previous;
  for (auto& src : collectors::feedSources(settings)) {
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
  std::optional<SQLite::Transaction> tx;
  int inBatch = 0;
  auto commit = [&] {
    if (!tx) return;
    tx->commit();
    tx.reset();
    inBatch = 0;
  };
  collectors::FeedCollector collector(http, clock, &matcher);
  size_t index = 0;
  std::vector<bool> done(due.size(), false);
  collector.collect(
      due, validators,
      [&](collectors::FeedFetch& f) {
        // Find this source's slot (results arrive in completion order).
        size_t slot = 0;
        while (slot < due.size() && (done[slot] || due[slot].source != f.source.source)) ++slot;
        if (slot < done.size()) done[slot] = true;
        store::SourceState st = slot < previous.size() ? previous[slot] : store::SourceState{};
        st.source = f.source.source;
        const auto now = clock.now();
        const std::string nowText = core::formatUtc(now);
        const std::string feedId = f.source.feed->id;
        int64_t itemsNew = 0, itemsUpdated = 0;
        std::string status = "ok", firstError;
        if (!tx) tx.emplace(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        const int64_t runId = runs.start("feeds", f.source.source, started);
        st.last_fetch_at = nowText;
        // Attempts the HTTP client retried past are listed even when the fetch succeeded.
        for (const auto& e : f.response.retried) {
          core::Error r = e;
          r.source = f.source.source;
          runs.addError(runId, r, r.code, now);
        }
        switch (f.outcome) {
          case collectors::FeedFetch::Outcome::Parsed: {
            int64_t position = 0;
            for (const auto& it : f.feed.items) {
              store::ItemRecord rec;
              rec.feed = feedId;
              rec.guid = it.guid;
              rec.title = it.title;
              rec.link = it.link;
              rec.summary = it.summary;
              rec.content = it.content;
              rec.author = it.author;
              rec.published = it.published ? core::formatUtc(*it.published) : "";
              rec.published_raw = it.published_raw;
              rec.source_name = it.source_name;
              rec.source_url = it.source_url;
              rec.position = position++;
              rec.item_key = itemKey(it.guid, it.link, it.published_raw, it.title);
              auto [id, isNew] = repo.upsertItem(rec, nowText);
              (isNew ? itemsNew : itemsUpdated) += 1;
              const auto i = static_cast<size_t>(rec.position);
              if (applyMatching(settings, *f.source.feed, f.matched.at(i), repo, id, rec, nowText,
                                nowText))
                ++summary.mentions_new;
            }
            st.etag = f.response.etag;
            st.last_modified = f.response.last_modified;
            st.last_status = "ok";
            st.last_success_at = nowText;
            st.last_error.clear();
            st.last_warning = joinWarnings(f.feed.warnings);
            if (!st.last_warning.empty()) ++summary.warnings;
            st.error_count = 0;
            st.next_due_at.clear();
            states.replaceRaw({f.source.source, "body", nowText, f.response.content_type,
                               f.response.body, f.response.status});
            ++summary.ok;
            break;
          }
          case collectors::FeedFetch::Outcome::NotModified:
            st.last_status = "not-modified";
            st.last_success_at = nowText;
            st.last_error.clear();
            st.error_count = 0;
            st.next_due_at.clear();
            ++summary.not_modified;
            break;
          case collectors::FeedFetch::Outcome::Failed: {
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
                collectors::nextDueAfterFailure(now, st.error_count, f.response.retry_after_s));
            runs.addError(runId, f.error, f.code, now);
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
        ++index;
        if (status == "failed") log.error(firstError);
      },
      stop, commit);
  return summary;
}

}  // namespace pubtrack::app
