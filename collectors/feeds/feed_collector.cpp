// SPDX-License-Identifier: Apache-2.0
// Feed fetching and classification.
#include "collectors/feeds/feed_collector.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "collectors/feeds/item_key.h"
#include "collectors/mentions/mention_candidate.h"
#include "core/strings.h"

namespace pubtrack::feeds {

std::string urlEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<FeedSource> feedSources(const config::Settings& settings) {
  std::vector<FeedSource> out;
  for (const auto& f : settings.feeds) {
    if (f.url.find("{keyword}") == std::string::npos) {
      out.push_back({&f, "feed." + f.id, f.url, ""});
      continue;
    }
    for (const auto& k : settings.monitor.keywords)
      out.push_back(
          {&f, "feed." + f.id + "#" + k, core::replaceAll(f.url, "{keyword}", urlEncode(k)), k});
  }
  return out;
}

namespace {
std::string charsetOf(const std::string& contentType) {
  const std::string lower = core::toLowerAscii(contentType);
  const size_t pos = lower.find("charset=");
  if (pos == std::string::npos) return "";
  std::string cs = lower.substr(pos + 8);
  cs = cs.substr(0, cs.find(';'));
  cs = std::string(core::trim(cs));
  if (cs.size() >= 2 && (cs.front() == '"' || cs.front() == '\'')) cs = cs.substr(1, cs.size() - 2);
  return cs;
}
}  // namespace

FeedCollector::FeedCollector(net::HttpClient& http, const core::Clock& clock,
                             const config::Settings& settings)
    : http_(http), clock_(clock), settings_(settings), matcher_(settings.monitor) {}

model::FeedItemRecord itemRecord(const std::string& feed, const FeedItem& it, std::string key,
                                 int64_t position) {
  model::FeedItemRecord r;
  r.feed = feed;
  r.item_key = std::move(key);
  r.guid = it.guid;
  r.title = it.title;
  r.link = it.link;
  r.summary = it.summary;
  r.content = it.content;
  r.author = it.author;
  r.published = it.published;
  r.published_raw = it.published_raw;
  r.source_name = it.source_name;
  r.source_url = it.source_url;
  r.position = position;
  return r;
}

FeedFetch FeedCollector::classify(const FeedSource& src, core::Result<net::HttpResponse> r,
                                  core::TimePoint now) const {
  FeedFetch f;
  f.source = src;
  if (!r) {
    f.error = r.error();
    f.error.source = src.source;
    return f;
  }
  f.response = std::move(r.value());
  const long status = f.response.status;
  f.code = std::to_string(status);
  if (status == 304) {
    f.outcome = FeedFetch::Outcome::NotModified;
    return f;
  }
  if (status < 200 || status >= 300) {
    f.error = {core::ErrorKind::HttpStatus, src.source,
               "HTTP " + std::to_string(status) + " from " + net::redactUrl(src.url)};
    return f;
  }
  ParseOptions opts;
  opts.http_charset = charsetOf(f.response.content_type);
  opts.default_offset = src.feed->timezone;
  auto parsed = parseFeed(f.response.body, opts);
  if (!parsed) {
    f.error = {core::ErrorKind::BadPayload, src.source, parsed.error().message};
    return f;
  }
  f.warnings = std::move(parsed->warnings);
  auto identity = itemKeys(parsed->items);
  f.identity = std::move(identity.basis);
  f.items.reserve(parsed->items.size());
  for (size_t i = 0; i < parsed->items.size(); ++i) {
    CollectedItem c{itemRecord(src.feed->id, parsed->items[i], std::move(identity.keys[i]),
                               static_cast<int64_t>(i)),
                    std::nullopt};
    c.mention = mentions::mentionCandidate(settings_, *src.feed, matcher_, c.record, now);
    f.items.push_back(std::move(c));
  }
  f.outcome = FeedFetch::Outcome::Parsed;
  return f;
}

void FeedCollector::collect(const std::vector<FeedSource>& sources,
                            const std::vector<Validators>& validators,
                            const std::function<void(FeedFetch&)>& sink,
                            const std::atomic<bool>* stop, const std::function<void()>& caught_up) {
  std::vector<net::HttpRequest> requests;
  requests.reserve(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    net::HttpRequest r;
    r.url = sources[i].url;
    r.source = sources[i].source;
    if (i < validators.size()) {
      r.etag = validators[i].etag;
      r.last_modified = validators[i].last_modified;
    }
    r.headers.emplace_back("Accept",
                           "application/rss+xml, application/atom+xml, application/feed+json, "
                           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
    requests.push_back(std::move(r));
  }
  // Each answer is parsed as it arrives (a feed takes well under a millisecond to parse) and
  // stored on a second thread, so transfers never wait for the database; the queue is bounded,
  // so when the writer falls behind the fetch waits and memory stays flat.
  constexpr size_t kMaxQueued = 16;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<FeedFetch> queue;
  bool finished = false;
  std::exception_ptr failure;
  std::thread writer([&] {
    bool pending = false;  // results handed to `sink` since `caught_up` last ran
    for (;;) {
      std::unique_lock<std::mutex> lock(mu);
      if (queue.empty() && pending && !failure && caught_up) {
        lock.unlock();
        pending = false;
        try {
          caught_up();
        } catch (...) {
          std::lock_guard<std::mutex> relock(mu);
          failure = std::current_exception();
        }
        continue;
      }
      cv.wait(lock, [&] { return !queue.empty() || finished; });
      if (queue.empty()) return;
      FeedFetch f = std::move(queue.front());
      queue.pop_front();
      cv.notify_all();
      const bool skip = failure != nullptr;
      lock.unlock();
      if (skip) continue;  // after a failed write, drain without writing
      try {
        pending = true;
        sink(f);
      } catch (...) {
        std::lock_guard<std::mutex> relock(mu);
        failure = std::current_exception();
      }
    }
  });
  http_.fetchEach(
      requests,
      [&](size_t index, core::Result<net::HttpResponse> response) {
        FeedFetch f = classify(sources[index], std::move(response), clock_.now());
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return queue.size() < kMaxQueued; });
        queue.push_back(std::move(f));
        cv.notify_all();
      },
      stop);
  {
    std::lock_guard<std::mutex> lock(mu);
    finished = true;
  }
  cv.notify_all();
  writer.join();
  if (failure) std::rethrow_exception(failure);
}

core::TimePoint nextDueAfterFailure(core::TimePoint now, int64_t error_count,
                                    std::optional<long> retry_after_s) {
  const int64_t n = std::clamp<int64_t>(error_count, 1, 6);
  auto wait = std::chrono::hours(1) * (int64_t{1} << (n - 1));
  if (wait > std::chrono::hours(24)) wait = std::chrono::hours(24);
  core::TimePoint due = now + wait;
  if (retry_after_s && *retry_after_s > 0) {
    const auto ra = now + std::chrono::seconds(std::min<long>(*retry_after_s, 7 * 86400));
    due = std::max(due, ra);
  }
  return due;
}

}  // namespace pubtrack::feeds
