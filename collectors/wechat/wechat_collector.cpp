// SPDX-License-Identifier: Apache-2.0
// The WeChat collector: a small worker pool over planned calls, with the errcode reactions.
#include "collectors/wechat/wechat_collector.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <optional>
#include <set>
#include <thread>

#include "collectors/wechat/datacube_json.h"
#include "collectors/wechat/error_policy.h"
#include "core/strings.h"
#include "net/retry_policy.h"

namespace pubtrack::wechat {

const model::DayState* AccountBatch::dayState(model::Endpoint endpoint, core::Date day) const {
  for (const auto& d : days)
    if (d.endpoint == endpoint && d.day == day) return &d;
  return nullptr;
}

SleepFn realSleep() {
  return [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
}

std::chrono::milliseconds untilNextMinute(core::TimePoint now) {
  const long long ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  long long rem = ms % 60000;
  if (rem < 0) rem += 60000;
  return std::chrono::milliseconds(60000 - rem);
}

std::string msgidFromUrl(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view query = url.substr(q + 1);
  if (const size_t hash = query.find('#'); hash != std::string_view::npos)
    query = query.substr(0, hash);
  std::string mid, idx;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (core::startsWith(part, "amp;")) part.remove_prefix(4);  // "&amp;" from HTML
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    const bool digits = !value.empty() && std::all_of(value.begin(), value.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) continue;
    if (key == "mid" && mid.empty()) mid = value;
    if (key == "idx" && idx.empty()) idx = value;
  }
  if (mid.empty() || idx.empty()) return {};
  return mid + "_" + idx;
}

namespace {

constexpr std::string_view kBatchGetPath = "/cgi-bin/freepublish/batchget";

enum class TaskKind { Datacube, Publish };

struct Task {
  TaskKind kind = TaskKind::Datacube;
  PlannedCall call{};
  int page = 0;  // Publish: 0-based page
};

// The rows of one successful datacube response.
struct Parsed {
  std::vector<model::UserSummaryRow> user_summary;
  std::vector<model::UserCumulateRow> user_cumulate;
  std::vector<model::ArticleSummaryRow> article_summary;
  std::vector<model::ArticleTotal> article_total;
  std::vector<model::UserReadRow> user_read;
  std::vector<model::BizSummaryRow> biz_summary;
  std::vector<model::ArticleTotalDetail> article_total_detail;
  std::vector<model::ArticleReadRow> article_read;
  bool is_delay = false;
  std::set<std::string> ref_dates;  // days with at least one row
};

template <class Row>
void collectDates(const std::vector<Row>& rows, std::set<std::string>& out) {
  for (const auto& r : rows) out.insert(r.ref_date);
}

core::Status parseInto(model::Endpoint e, std::string& body, Parsed& p) {
  auto take = [&p](auto&& result, auto& into) -> core::Status {
    if (!result) return result.error();
    into = std::move(*result);
    collectDates(into, p.ref_dates);
    return core::ok();
  };
  auto takeDelayed = [&p](auto&& result, auto& into) -> core::Status {
    if (!result) return result.error();
    into = std::move(result->list);
    p.is_delay = result->is_delay;
    collectDates(into, p.ref_dates);
    return core::ok();
  };
  switch (e) {
    case model::Endpoint::UserSummary:
      return take(parseUserSummary(body), p.user_summary);
    case model::Endpoint::UserCumulate:
      return take(parseUserCumulate(body), p.user_cumulate);
    case model::Endpoint::ArticleSummary:
      return take(parseArticleSummary(body), p.article_summary);
    case model::Endpoint::ArticleTotal:
      return take(parseArticleTotal(body), p.article_total);
    case model::Endpoint::UserRead:
      return take(parseUserRead(body), p.user_read);
    case model::Endpoint::BizSummary:
      return takeDelayed(parseBizSummary(body), p.biz_summary);
    case model::Endpoint::ArticleTotalDetail:
      return takeDelayed(parseArticleTotalDetail(body), p.article_total_detail);
    case model::Endpoint::ArticleRead:
      return takeDelayed(parseArticleRead(body), p.article_read);
  }
  return core::makeError(core::ErrorKind::BadPayload, "datacube", "unknown endpoint");
}

// Replaces every occurrence of `secret` in `s` by ***.
void scrub(std::string& s, const std::string& secret) {
  if (secret.size() < 4) return;  // too short to be a real token or AppSecret
  for (size_t pos = s.find(secret); pos != std::string::npos; pos = s.find(secret, pos + 3))
    s.replace(pos, secret.size(), core::Secret::kMasked);
}

std::optional<int> errcodeOf(const core::Error& e) {
  using K = core::ErrorKind;
  if (e.kind != K::Api && e.kind != K::AuthExpired && e.kind != K::RateLimited &&
      e.kind != K::Config)
    return std::nullopt;
  long long code = 0;
  if (e.code.empty() || !core::parseInt64(e.code, code)) return std::nullopt;
  return static_cast<int>(code);
}

// How one task ended.
enum class Ending {
  Ok,
  Split,           // 61501 on several days: retry day by day
  Unavailable,     // 61501 on one day
  NotReady,        // 61503
  Failed,          // error, data missing
  Skipped,         // not made (stop flag, account stopped meanwhile)
  StopEndpoint,    // 45009
  StopAccount,     // configuration / whitelist / restricted account / token rejected
  PublishSkipped,  // freepublish failed: enrichment skipped, not an error
};

struct Outcome {
  Ending ending = Ending::Ok;
  Parsed parsed;
  PublishedPage page;
  std::string detail;
  std::optional<core::Error> error;
  std::vector<RawResponse> raw;
  std::vector<core::Error> retried;  // failed attempts followed by another try
  int calls = 0;
  std::string refused;  // freepublish: the permission refusal (48001 ...), "" otherwise
};

}  // namespace

struct WeChatCollector::Run {
  struct Account {
    const AccountJob* job = nullptr;
    TokenProvider* tokens = nullptr;
    int token_calls_before = 0;
    int forced_before = 0;
    AccountBatch batch;
    std::deque<Task> pending;
    std::atomic<bool> stopped{false};
    std::set<model::Endpoint> stopped_endpoints;
    std::set<std::pair<std::string, int>> published_seen;
    std::set<std::string> new_published;  // article_ids listed this run and not stored before
    int publish_reads = 0;                // freepublish pages read this run
  };

  WeChatCollector& self;
  const std::atomic<bool>* stop = nullptr;
  core::Date latest;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<Account>> accounts;
  size_t next = 0;
  int in_flight = 0;
  size_t done = 0, total = 0;  // tasks, for the progress display

  bool stopRequested() const { return stop && stop->load(); }

  // Waits before a retry. The default sleep is cut into slices so that a stop request does
  // not sit out a 45011 minute; an injected one is called as is.
  void pause(std::chrono::milliseconds ms) const {
    if (!self.default_sleep_) return self.sleep_(ms);
    constexpr std::chrono::milliseconds kSlice{100};
    while (ms.count() > 0 && !stopRequested()) {
      const auto step = std::min(ms, kSlice);
      std::this_thread::sleep_for(step);
      ms -= step;
    }
  }

  // Records `status` for every day of `call`.
  static void markDays(Account& a, const PlannedCall& call, model::DayStatus status,
                       const std::string& detail) {
    for (core::Date d = call.range.begin; d <= call.range.end; ++d)
      a.batch.days.push_back(model::DayState{call.endpoint, d, status, detail});
  }
  static void skipTask(Account& a, const Task& t, const std::string& why) {
    if (t.kind == TaskKind::Datacube) markDays(a, t.call, model::DayStatus::Skipped, why);
  }

  // Under mu: the next task, round-robin over accounts; drops tasks that can no longer run.
  std::optional<std::pair<Account*, Task>> pick() {
    const size_t n = accounts.size();
    for (size_t k = 0; k < n; ++k) {
      Account& a = *accounts[(next + k) % n];
      while (!a.pending.empty()) {
        Task t = std::move(a.pending.front());
        a.pending.pop_front();
        if (a.stopped) {
          skipTask(a, t, "account stopped: " + a.batch.stop_reason);
          continue;
        }
        if (t.kind == TaskKind::Datacube && a.stopped_endpoints.count(t.call.endpoint)) {
          skipTask(a, t, "errcode 45009: daily quota of this API used up");
          continue;
        }
        next = (next + k + 1) % n;
        return std::make_pair(&a, std::move(t));
      }
    }
    return std::nullopt;
  }

  void worker(uint64_t seed) {
    uint64_t rng = seed;
    std::unique_lock lock(mu);
    for (;;) {
      if (stopRequested()) break;
      auto picked = pick();
      if (!picked) {
        if (in_flight == 0) break;
        cv.wait_for(lock, std::chrono::milliseconds(100));
        continue;
      }
      ++in_flight;
      lock.unlock();
      Outcome out = execute(*picked->first, picked->second, rng);
      lock.lock();
      merge(*picked->first, picked->second, std::move(out));
      --in_flight;
      cv.notify_all();
    }
    cv.notify_all();
  }

  Outcome execute(Account& a, const Task& task, uint64_t& rng);
  void merge(Account& a, const Task& task, Outcome out);
};

// One task, with every retry and token refresh it needs. Runs without the run's mutex.
Outcome WeChatCollector::Run::execute(Account& a, const Task& task, uint64_t& rng) {
  Outcome out;
  const auto& job = *a.job;
  const RetrySettings& retry = self.retry_;
  const bool publish = task.kind == TaskKind::Publish;
  const int offset = task.page * kPublishPageSize;
  const std::string key = publish ? std::string(kBatchGetSource) + " " + std::to_string(offset) +
                                        ".." + std::to_string(offset + kPublishPageSize - 1)
                                  : task.call.toString();
  const std::string source = "account." + job.account.id + " " + key;
  const int days = publish ? 1 : task.call.range.days();

  int attempt = 0;       // transient failures so far
  int minute_waits = 0;  // 45011 waits so far
  int auth_stage = 0;    // 0: first token, 1: refetched, 2: forced
  std::optional<core::Secret> tok;

  auto finish = [&](Ending ending, std::optional<core::Error> error, std::string detail) {
    out.ending = ending;
    out.error = std::move(error);
    out.detail = std::move(detail);
    return std::move(out);
  };
  auto interrupted = [&] { return finish(Ending::Skipped, std::nullopt, "run interrupted"); };
  // Records a failed attempt that is about to be tried again (before any wait, so that an
  // interruption during the wait keeps the record).
  auto noteRetry = [&](core::Error e) {
    e.source = source;
    e.message = "retried: " + e.message;
    out.retried.push_back(std::move(e));
  };
  // A failure worth another try: records it, waits and returns true, or returns false when
  // spent.
  auto backoff = [&](const core::Error& e) -> bool {
    if (attempt >= retry.retries) return false;
    noteRetry(e);
    pause(net::backoffDelay(attempt, retry.retry_base_ms, rng));
    ++attempt;
    return true;
  };
  auto giveUp = [&](core::Error e) {
    e.source = source;
    if (attempt > 0) e.message += " (after " + std::to_string(attempt + 1) + " attempts)";
    if (publish) return finish(Ending::PublishSkipped, std::move(e), "enrichment skipped");
    return finish(Ending::Failed, std::move(e), "");
  };
  auto stopAccount = [&](core::Error e) { return finish(Ending::StopAccount, std::move(e), ""); };

  for (;;) {
    if (a.stopped) return finish(Ending::Skipped, std::nullopt, "account stopped");
    if (stopRequested()) return interrupted();
    if (!tok) {
      auto t = a.tokens->token(stop);
      if (!t) {
        const core::Error& e = t.error();
        if (e.kind == core::ErrorKind::Interrupted) return interrupted();
        if (TokenProvider::isFatal(e)) return stopAccount(e);
        if (errcodeOf(e) == 45011 && minute_waits < retry.max_minute_waits) {
          ++minute_waits;
          noteRetry(e);
          pause(untilNextMinute(self.clock_.now()));
          continue;
        }
        if (backoff(e)) continue;
        core::Error failed = e;
        failed.message = "no access token: " + e.message;
        return giveUp(std::move(failed));
      }
      tok = std::move(*t);
    }

    net::HttpRequest req;
    req.method = "POST";
    req.headers.emplace_back("Content-Type", "application/json");
    req.source = source;
    if (publish) {
      req.url = self.settings_.api_base + std::string(kBatchGetPath) + "?access_token=";
      req.body = "{\"offset\":" + std::to_string(offset) +
                 ",\"count\":" + std::to_string(kPublishPageSize) + ",\"no_content\":1}";
    } else {
      req.url = self.settings_.api_base + std::string(model::endpointPath(task.call.endpoint)) +
                "?access_token=";
      req.body = "{\"begin_date\":\"" + task.call.range.begin.toString() + "\",\"end_date\":\"" +
                 task.call.range.end.toString() + "\"}";
    }
    req.url += tok->reveal();
    ++out.calls;
    auto resp = self.http_.fetch(req, stop);
    if (!resp) {
      if (resp.error().kind == core::ErrorKind::Interrupted) return interrupted();
      if (backoff(resp.error())) continue;
      return giveUp(resp.error());
    }

    std::string body = std::move(resp->body);
    scrub(body, tok->reveal());
    scrub(body, job.secret.reveal());
    const long status = resp->status;
    const std::string content_type = resp->content_type;

    core::Status parsed = core::ok();
    if (status == 200) {
      if (publish) {
        auto page = parsePublishedPage(body);
        if (page) {
          out.page = std::move(*page);
        } else {
          parsed = page.error();
        }
      } else {
        parsed = parseInto(task.call.endpoint, body, out.parsed);
      }
    }
    out.raw.push_back(RawResponse{key, self.clock_.now(), status, std::move(body)});

    if (status != 200) {
      core::Error e = core::makeError(
          core::ErrorKind::HttpStatus, source,
          "HTTP " + std::to_string(status) + " (" +
              (content_type.empty() ? std::string("no content type") : content_type) + ")");
      e.code = std::to_string(status);
      if (backoff(e)) continue;
      return giveUp(std::move(e));
    }
    if (parsed) return finish(Ending::Ok, std::nullopt, "");

    const core::Error& err = parsed.error();
    const auto api = apiErrorOf(err);
    if (!api) {  // not JSON, truncated, HTML, wrong types
      core::Error e = err;
      e.kind = core::ErrorKind::BadPayload;
      e.message = "unreadable response (HTTP 200, " +
                  (content_type.empty() ? std::string("no content type") : content_type) +
                  "): " + err.message;
      if (backoff(e)) continue;
      return giveUp(std::move(e));
    }
    core::Error e = toError(*api, source);
    const std::string rid_text = api->rid.empty() ? "" : ", rid " + api->rid;
    const std::string code_detail = "errcode " + std::to_string(api->errcode) + rid_text;
    switch (classify(api->errcode, days)) {
      case Reaction::RefreshTokenAndRetryOnce:
        if (auth_stage == 0) {
          noteRetry(e);
          a.tokens->invalidate(*tok);
          tok.reset();
          auth_stage = 1;
          continue;
        }
        if (auth_stage == 1) {
          auth_stage = 2;
          auto forced = a.tokens->forceRefresh(*tok, stop);
          if (!forced) {
            if (forced.error().kind == core::ErrorKind::Interrupted) return interrupted();
            if (TokenProvider::isFatal(forced.error())) return stopAccount(forced.error());
            if (forced.error().kind != core::ErrorKind::AuthExpired) return giveUp(forced.error());
            // The one forced refresh of this run is spent.
          } else {
            noteRetry(e);
            tok = std::move(*forced);
            continue;
          }
        }
        e.kind = core::ErrorKind::AuthExpired;
        e.message =
            "WeChat keeps rejecting fresh access tokens even after a forced refresh "
            "(another system may be forcing refreshes of this AppID's stable token, or "
            "the AppSecret was reset) " +
            std::string("(") + code_detail + ")";
        return stopAccount(std::move(e));
      case Reaction::RetryWithBackoff:
        if (backoff(e)) continue;
        return giveUp(std::move(e));
      case Reaction::WaitNextMinute:
        if (minute_waits < retry.max_minute_waits) {
          ++minute_waits;
          noteRetry(e);
          pause(untilNextMinute(self.clock_.now()));
          continue;
        }
        return giveUp(std::move(e));
      case Reaction::StopApiForToday:
        if (publish) return giveUp(std::move(e));
        e.message = "daily quota of " + std::string(model::endpointName(task.call.endpoint)) +
                    " used up, no more calls to it today: " + e.message;
        return finish(Ending::StopEndpoint, std::move(e), code_detail);
      case Reaction::StopAccountWhitelist:
        e.kind = core::ErrorKind::Config;
        e.message = stopMessage(api->errcode, api->errmsg, api->rid, job.account.id);
        return stopAccount(std::move(e));
      case Reaction::StopAccount:
        if (publish && api->errcode != 50002 && api->errcode != 50007) {
          // An unverified account or a missing permission is not a reason to stop collecting
          // its statistics: its posts published without notification stay uncounted.
          e.message =
              "published-post list (titles, posts without notification) not read, "
              "enrichment skipped: " +
              e.message;
          out.refused = e.code + " " + api->errmsg;
          return finish(Ending::PublishSkipped, std::move(e), "enrichment skipped");
        }
        e.message = stopMessage(api->errcode, api->errmsg, api->rid, job.account.id);
        return stopAccount(std::move(e));
      case Reaction::SplitRange:
        if (publish) return giveUp(std::move(e));
        return finish(Ending::Split, std::nullopt, code_detail);
      case Reaction::DayUnavailable:
        if (publish) return giveUp(std::move(e));
        e.message = "no data for this day: " + e.message;
        return finish(Ending::Unavailable, std::move(e), code_detail);
      case Reaction::RetryLaterRun:
        if (publish) return giveUp(std::move(e));
        e.message = "data not ready, retry on a later run: " + e.message;
        return finish(Ending::NotReady, std::move(e), code_detail);
      case Reaction::GiveUpCall:
        return giveUp(std::move(e));
    }
    return giveUp(std::move(e));
  }
}

// Folds one task's outcome into its account's batch. Runs under the run's mutex.
void WeChatCollector::Run::merge(Account& a, const Task& task, Outcome out) {
  ++done;
  total = std::max(total, done);
  if (self.progress_) self.progress_(done, total);
  AccountBatch& b = a.batch;
  b.calls += out.calls;
  for (auto& r : out.raw) b.raw.push_back(std::move(r));
  for (auto& e : out.retried) b.retried.push_back(std::move(e));
  const PlannedCall& call = task.call;

  if (task.kind == TaskKind::Publish) {
    switch (out.ending) {
      case Ending::Ok: {
        bool allKnown = true;
        for (auto& art : out.page.articles) {
          if (!a.job->known_published.count(art.article_id)) {
            allKnown = false;
            a.new_published.insert(art.article_id);
          }
          if (!a.published_seen.emplace(art.article_id, art.index).second) continue;
          std::string msgid = msgidFromUrl(art.url);
          b.published.push_back(PublishedEntry{std::move(msgid), std::move(art)});
        }
        const long long seen = static_cast<long long>(task.page) * kPublishPageSize +
                               std::max<long long>(out.page.item_count, 0);
        // Whole when every page was read, or when this page holds only stored posts and the
        // stored ones with the new ones number what the list holds (newest come first).
        const auto known =
            static_cast<long long>(a.job->known_published.size() + a.new_published.size());
        const bool whole = seen >= out.page.total_count || out.page.item_count <= 0 ||
                           (allKnown && known >= out.page.total_count);
        b.publish_list = model::PublishListCheck{whole, out.page.total_count, ""};
        ++a.publish_reads;
        if (!whole && a.publish_reads < a.job->publish_pages) {
          // The next page; after a page of stored posts (an earlier run stopped at its page
          // budget), from where the stored posts end (less a page, for posts added meanwhile)
          // instead of reading them again.
          int page = task.page + 1;
          if (allKnown) page = std::max(page, static_cast<int>(known / kPublishPageSize) - 1);
          Task next_page;
          next_page.kind = TaskKind::Publish;
          next_page.page = page;
          a.pending.push_front(std::move(next_page));
        }
        break;
      }
      case Ending::StopAccount:
        break;  // handled below
      default:
        if (!out.refused.empty()) b.publish_list = model::PublishListCheck{false, {}, out.refused};
        if (out.error) b.notes.push_back(std::move(*out.error));
        return;
    }
    if (out.ending == Ending::Ok) return;
  }

  switch (out.ending) {
    case Ending::Ok: {
      Parsed& p = out.parsed;
      auto append = [](auto& into, auto& from) {
        for (auto& row : from) into.push_back(std::move(row));
      };
      auto appendDelayed = [&p](auto& into, auto& from) {
        for (auto& row : from) into.push_back({std::move(row), p.is_delay});
      };
      append(b.user_summary, p.user_summary);
      append(b.user_cumulate, p.user_cumulate);
      append(b.article_summary, p.article_summary);
      append(b.article_total, p.article_total);
      append(b.user_read, p.user_read);
      appendDelayed(b.biz_summary, p.biz_summary);
      appendDelayed(b.article_total_detail, p.article_total_detail);
      appendDelayed(b.article_read, p.article_read);
      const model::Family family = model::familyOf(call.endpoint);
      for (core::Date d = call.range.begin; d <= call.range.end; ++d) {
        model::DayState s{call.endpoint, d, model::DayStatus::Final, {}};
        if (family == model::Family::New && p.is_delay) {
          s.status = model::DayStatus::Delayed;
          s.detail = "is_delay";
        } else if (family == model::Family::Follower && d >= latest - 1 &&
                   !p.ref_dates.count(d.toString())) {
          s.status = model::DayStatus::Empty;
          s.detail = "no row yet: WeChat may not have published this day (pull it again)";
        }
        b.days.push_back(std::move(s));
      }
      break;
    }
    case Ending::Split: {
      // Single days, in order, ahead of everything else of this account.
      for (core::Date d = call.range.end;; d = d - 1) {
        Task t;
        t.call = PlannedCall{call.endpoint, model::DateRange{d, d}};
        a.pending.push_front(std::move(t));
        if (d == call.range.begin) break;
      }
      break;
    }
    case Ending::Unavailable:
      markDays(a, call, model::DayStatus::Unavailable, out.detail);
      if (out.error) b.notes.push_back(std::move(*out.error));
      break;
    case Ending::NotReady:
      markDays(a, call, model::DayStatus::NotReady, out.detail);
      if (out.error) b.notes.push_back(std::move(*out.error));
      break;
    case Ending::Failed:
    case Ending::PublishSkipped:
      markDays(a, call, model::DayStatus::Failed, out.error ? out.error->describe() : out.detail);
      if (out.error) b.errors.push_back(std::move(*out.error));
      break;
    case Ending::Skipped:
      if (task.kind == TaskKind::Datacube) {
        std::string why = out.detail;
        if (a.stopped) why = "account stopped: " + b.stop_reason;
        markDays(a, call, model::DayStatus::Skipped, why);
      }
      break;
    case Ending::StopEndpoint:
      if (a.stopped_endpoints.insert(call.endpoint).second) {
        b.stopped_endpoints.push_back(call.endpoint);
        if (out.error) b.errors.push_back(std::move(*out.error));
      }
      markDays(a, call, model::DayStatus::Failed, out.detail);
      break;
    case Ending::StopAccount:
      if (!a.stopped) {
        a.stopped = true;
        b.stopped = true;
        if (out.error) {
          b.stop_reason = out.error->message;
          if (out.error->source.empty() || !core::startsWith(out.error->source, "account."))
            out.error->source = "account." + a.job->account.id;
          b.errors.push_back(std::move(*out.error));
        }
      }
      if (task.kind == TaskKind::Datacube)
        markDays(a, call, model::DayStatus::Failed, "account stopped: " + b.stop_reason);
      break;
  }
}

WeChatCollector::WeChatCollector(config::WeChatSettings settings, RetrySettings retry,
                                 net::HttpClient& http, const core::Clock& clock, SleepFn sleep,
                                 uint64_t rng_seed)
    : settings_(std::move(settings)),
      retry_(retry),
      http_(http),
      clock_(clock),
      default_sleep_(!sleep),
      sleep_(sleep ? std::move(sleep) : realSleep()),
      rng_seed_(rng_seed) {
  while (!settings_.api_base.empty() && settings_.api_base.back() == '/')
    settings_.api_base.pop_back();
}

WeChatCollector::~WeChatCollector() = default;

TokenProvider& WeChatCollector::providerFor(const AccountJob& job) {
  std::lock_guard lock(providers_mu_);
  auto& slot = providers_[job.account.appid];
  if (!slot || slot->account().secret.reveal() != job.secret.reveal() ||
      slot->account().id != job.account.id) {
    slot = std::make_unique<TokenProvider>(
        settings_.api_base, TokenAccount{job.account.id, job.account.appid, job.secret}, http_,
        clock_);
  }
  return *slot;
}

std::vector<AccountBatch> WeChatCollector::collect(const std::vector<AccountJob>& jobs,
                                                   const std::atomic<bool>* stop) {
  Run run{*this, stop, model::latestCollectableDay(clock_.now()), {}, {}, {}, 0, 0};
  size_t tasks = 0;
  for (const auto& job : jobs) {
    auto a = std::make_unique<Run::Account>();
    a->job = &job;
    a->tokens = &providerFor(job);
    a->tokens->resetRun();
    a->token_calls_before = a->tokens->calls();
    a->forced_before = a->tokens->forcedRefreshes();
    a->batch.account_id = job.account.id;
    a->batch.appid = job.account.appid;
    if (job.publish_pages > 0) a->pending.push_back(Task{TaskKind::Publish, {}, 0});
    for (const auto& call : job.calls) a->pending.push_back(Task{TaskKind::Datacube, call, 0});
    tasks += a->pending.size();
    run.accounts.push_back(std::move(a));
  }
  run.total = tasks;

  // Splits and further freepublish pages add tasks on the way, so the pool is not sized by
  // the initial count; idle workers wait on the condition variable.
  const int workers = tasks == 0 ? 0 : std::max(1, settings_.concurrency);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) {
    uint64_t seed = rng_seed_ + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(i + 1);
    if (rng_seed_ == 0) seed ^= static_cast<uint64_t>(clock_.now().time_since_epoch().count());
    threads.emplace_back([&run, seed] { run.worker(seed); });
  }
  for (auto& t : threads) t.join();

  std::vector<AccountBatch> out;
  out.reserve(run.accounts.size());
  for (auto& a : run.accounts) {
    for (const auto& t : a->pending)
      Run::skipTask(
          *a, t,
          a->stopped ? "account stopped: " + a->batch.stop_reason : std::string("run interrupted"));
    a->pending.clear();
    AccountBatch& b = a->batch;
    b.token_calls = a->tokens->calls() - a->token_calls_before;
    b.forced_refreshes = a->tokens->forcedRefreshes() - a->forced_before;
    auto byDate = [](const auto& x, const auto& y) { return x.ref_date < y.ref_date; };
    auto byRowDate = [](const auto& x, const auto& y) { return x.row.ref_date < y.row.ref_date; };
    std::stable_sort(b.user_summary.begin(), b.user_summary.end(), byDate);
    std::stable_sort(b.user_cumulate.begin(), b.user_cumulate.end(), byDate);
    std::stable_sort(b.article_summary.begin(), b.article_summary.end(), byDate);
    std::stable_sort(b.article_total.begin(), b.article_total.end(), byDate);
    std::stable_sort(b.user_read.begin(), b.user_read.end(), byDate);
    std::stable_sort(b.biz_summary.begin(), b.biz_summary.end(), byRowDate);
    std::stable_sort(b.article_total_detail.begin(), b.article_total_detail.end(), byRowDate);
    std::stable_sort(b.article_read.begin(), b.article_read.end(), byRowDate);
    std::stable_sort(b.days.begin(), b.days.end(),
                     [](const model::DayState& x, const model::DayState& y) {
                       return std::tie(x.endpoint, x.day) < std::tie(y.endpoint, y.day);
                     });
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace pubtrack::wechat
