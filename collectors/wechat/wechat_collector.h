// SPDX-License-Identifier: Apache-2.0
// wechat::WeChatCollector: runs planned datacube calls for several accounts concurrently.
#pragma once

// What a run does (reference §2-5, and the errcode table in error_policy.h):
// - tokens from cgi-bin/stable_token (TokenProvider), one cache per appid kept across runs;
// - `POST {api_base}/datacube/<endpoint>?access_token=...` with {"begin_date","end_date"};
// - freepublish/batchget pages (at most AccountJob::publish_pages, 20 items each): titles and
//   URLs for the datacube's articles, and the posts published without notification (发表),
//   which the statistics endpoints before 2025-11 do not see; paging stops early once a page
//   holds only posts already stored and the stored list is whole;
// - at most WeChatSettings::concurrency API calls in flight in total, accounts interleaved;
// - one account failing never stops the others.
// Nothing here touches the database: the runner stores the AccountBatch.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collectors/wechat/date_plan.h"
#include "collectors/wechat/token_provider.h"
#include "collectors/wechat/wechat_types.h"
#include "config/settings.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/secret.h"
#include "model/wechat_days.h"
#include "net/http_client.h"

namespace pubtrack::wechat {

// freepublish/batchget allows 100 calls a day per account; by default a run uses at most this
// many (1,000 posts), leaving the other half of the quota for a second run the same day.
inline constexpr int kMaxPublishPages = 50;
inline constexpr int kPublishPageSize = 20;

struct AccountJob {
  config::AccountSettings account;
  core::Secret secret;  // the AppSecret (config::resolveSecret)
  std::vector<PlannedCall> calls;
  int publish_pages = kMaxPublishPages;   // freepublish/batchget pages to read; 0: none
  std::set<std::string> known_published;  // article_ids already stored for the account
};

// One response body as received (errcode answers and HTML pages included). Never a token
// response; a body that somehow contains the token or the secret has them replaced by ***.
struct RawResponse {
  std::string request;  // "getusersummary 2024-01-01..2024-01-07", "freepublish/batchget 0..19"
  core::TimePoint fetched_at;  // collector clock, UTC
  long http_status = 0;
  std::string body;
};

// A row of a new-family endpoint with the is_delay flag of the response it came in.
template <class Row>
struct DelayedRow {
  Row row;
  bool is_delay = false;
};

// A freepublish article with the datacube msgid derived from its URL ("" when the URL has no
// mid/idx).
struct PublishedEntry {
  std::string msgid;
  PublishedArticle article;
};

// Everything one run produced for one account. Rows are in ref_date order per endpoint; days
// in (endpoint, day) order.
struct AccountBatch {
  std::string account_id;
  std::string appid;

  std::vector<model::UserSummaryRow> user_summary;
  std::vector<model::UserCumulateRow> user_cumulate;
  std::vector<model::ArticleSummaryRow> article_summary;
  std::vector<model::ArticleTotal> article_total;
  std::vector<model::UserReadRow> user_read;
  std::vector<DelayedRow<model::BizSummaryRow>> biz_summary;
  std::vector<DelayedRow<model::ArticleTotalDetail>> article_total_detail;
  std::vector<DelayedRow<model::ArticleReadRow>> article_read;
  std::vector<PublishedEntry> published;  // titles/URLs only; deduplicated by article_id + index
  // What the run learnt of the list as a whole (unset: not asked, or a transient failure);
  // complete: every post of the list is stored or in `published`.
  std::optional<model::PublishListCheck> publish_list;

  std::vector<model::DayState> days;
  std::vector<RawResponse> raw;
  // Failures that leave data missing: each names account, endpoint and range in `source`,
  // errcode and rid in `message`, and sets `code` (errcode, or HTTP status).
  std::vector<core::Error> errors;
  // Listed but not failures: 61501 single days, 61503, freepublish enrichment skipped.
  std::vector<core::Error> notes;
  // Failed attempts that a retry got past (-1, a token refresh after 40001/42001, a 45011 wait,
  // a timeout, an unreadable body): the run succeeded, but the history should still show them.
  std::vector<core::Error> retried;

  bool stopped = false;
  std::string stop_reason;                         // operator message, e.g. the IP to whitelist
  std::vector<model::Endpoint> stopped_endpoints;  // 45009: no more calls to these today

  int calls = 0;        // business API requests sent (retries included)
  int token_calls = 0;  // stable_token requests this run
  int forced_refreshes = 0;

  // The state of `day` for `endpoint`, or nullptr.
  const model::DayState* dayState(model::Endpoint endpoint, core::Date day) const;
};

struct RetrySettings {
  int retries = 2;           // extra attempts after -1, transport errors, non-200, non-JSON
  long retry_base_ms = 500;  // backoff base: base * 2^attempt, ±25% jitter (net::backoffDelay)
  int max_minute_waits = 3;  // 45011 waits per call before giving up
  static RetrySettings from(const net::HttpSettings& http) {
    return RetrySettings{http.retries, http.retry_base_ms, 3};
  }
};

// Blocks the calling worker for the given time. Injected so tests need not wait.
using SleepFn = std::function<void(std::chrono::milliseconds)>;
// std::this_thread::sleep_for. Passing an empty SleepFn to WeChatCollector selects a sleep
// that also ends early when the run's stop flag turns true.
SleepFn realSleep();

// Thread: collect() runs on the calling thread and starts up to `concurrency` workers, which
// call http.fetch() synchronously and sleep(); it returns when they are done. Do not run two
// collect() calls on one collector at once.
class WeChatCollector {
 public:
  WeChatCollector(config::WeChatSettings settings, RetrySettings retry, net::HttpClient& http,
                  const core::Clock& clock, SleepFn sleep = {}, uint64_t rng_seed = 0);
  ~WeChatCollector();
  WeChatCollector(const WeChatCollector&) = delete;
  WeChatCollector& operator=(const WeChatCollector&) = delete;

  // One AccountBatch per job, in job order. When `stop` turns true nothing new starts, calls
  // in flight finish, and the days of calls never made are Skipped.
  std::vector<AccountBatch> collect(const std::vector<AccountJob>& jobs,
                                    const std::atomic<bool>* stop = nullptr);

  // Called after each finished task (API call with its retries) with (done, planned so far),
  // from a worker thread under the run's lock: keep it short (a progress display).
  void setProgress(std::function<void(size_t done, size_t total)> progress) {
    progress_ = std::move(progress);
  }

 private:
  struct Run;
  TokenProvider& providerFor(const AccountJob& job);

  config::WeChatSettings settings_;
  RetrySettings retry_;
  net::HttpClient& http_;
  const core::Clock& clock_;
  bool default_sleep_;  // no SleepFn was given: Run::pause() sleeps in slices, honouring `stop`
  SleepFn sleep_;
  uint64_t rng_seed_;  // 0: seeded from the clock
  std::mutex providers_mu_;
  std::map<std::string, std::unique_ptr<TokenProvider>> providers_;  // by appid
  std::function<void(size_t, size_t)> progress_;
};

// "<mid>_<idx>" from an article URL's `mid` and `idx` query parameters ("&amp;" tolerated);
// "" when either is missing.
std::string msgidFromUrl(std::string_view url);

// The wait from `now` to the start of the next minute (45011), in (0, 60] seconds.
std::chrono::milliseconds untilNextMinute(core::TimePoint now);

}  // namespace pubtrack::wechat
