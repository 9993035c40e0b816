// SPDX-License-Identifier: Apache-2.0
// feeds::FeedCollector: the feed pipeline up to the store. It asks every due feed (conditional
// GET), parses each answer as it arrives, turns every item into the record the store keeps and,
// when the item names the agency, its mention candidate; it hands one FeedFetch per source to a
// sink, so memory stays bounded by the feeds in flight. It never touches the database: the job
// writes the FeedFetches, a batch of them per transaction.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "collectors/feeds/feed_parser.h"
#include "collectors/mentions/mention_matcher.h"
#include "config/settings.h"
#include "core/clock.h"
#include "model/mention.h"
#include "net/http_client.h"

namespace pubtrack::feeds {

// One URL to fetch: a [feed.<id>], or one {keyword} expansion of it.
struct FeedSource {
  const config::FeedSettings* feed = nullptr;
  std::string source;  // "feed.<id>" or "feed.<id>#<keyword>": the state and run-history key
  std::string url;
  std::string keyword;  // the expansion, or ""
};

// Every source the configuration names, {keyword} URLs expanded (URL-encoded) per keyword.
std::vector<FeedSource> feedSources(const config::Settings& settings);

// Percent-encodes a keyword for a query string (UTF-8 bytes, RFC 3986 unreserved kept).
std::string urlEncode(std::string_view text);

// One item ready to store: its record and, when it names the agency, its mention candidate
// (mentions::mentionCandidate).
struct CollectedItem {
  model::FeedItemRecord record;
  std::optional<model::Mention> mention;
};

struct FeedFetch {
  enum class Outcome { Parsed, NotModified, Failed };
  FeedSource source;
  Outcome outcome = Outcome::Failed;
  // When Parsed: every item in document order, and what the parser recovered from.
  std::vector<CollectedItem> items;
  std::vector<std::string> warnings;
  std::string identity;        // how its items are known (feeds::ItemKeys::basis)
  core::Error error{};         // when Failed: names the source and what went wrong
  std::string code;            // HTTP status when there was one
  net::HttpResponse response;  // status, validators, Retry-After, body
};

struct Validators {
  std::string etag, last_modified;
};

class FeedCollector {
 public:
  // Items are matched against settings.monitor on the fetching thread, so the writer thread
  // only stores. `settings` must outlive the collector.
  FeedCollector(net::HttpClient& http, const core::Clock& clock, const config::Settings& settings);

  // Fetches the sources (with their validators, same order) and calls `sink` once per source
  // as each completes, in completion order, on one writer thread (not the calling one) while
  // the transfers go on; an exception from `sink` is rethrown here after the fetch ends.
  // `caught_up` (optional) runs on the writer thread each time it has handed over everything
  // that arrived, and once at the end, never after a `sink` exception: a runner that writes
  // several results per transaction commits there, so a batch never waits for the network.
  void collect(const std::vector<FeedSource>& sources, const std::vector<Validators>& validators,
               const std::function<void(FeedFetch&)>& sink, const std::atomic<bool>* stop,
               const std::function<void()>& caught_up = {});

  // Classifies one response: HTTP status, then the body (parse or "no feed"); a parsed body's
  // items become records and candidates, first seen at `now`.
  FeedFetch classify(const FeedSource& source, core::Result<net::HttpResponse> response,
                     core::TimePoint now) const;

 private:
  net::HttpClient& http_;
  const core::Clock& clock_;
  const config::Settings& settings_;
  const mentions::MentionMatcher matcher_;
};

// The record the store keeps of one parsed item of `feed`, known by `key` (feeds::itemKeys), at
// `position` in the document.
model::FeedItemRecord itemRecord(const std::string& feed, const FeedItem& item, std::string key,
                                 int64_t position);

// When a source that failed `error_count` times in a row is next asked: 1 h, 2 h, 4 h ... up to
// 24 h, or the server's Retry-After when that is later.
core::TimePoint nextDueAfterFailure(core::TimePoint now, int64_t error_count,
                                    std::optional<long> retry_after_s);

}  // namespace pubtrack::feeds
