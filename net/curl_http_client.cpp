// SPDX-License-Identifier: Apache-2.0
// net::CurlHttpClient: a libcurl multi loop with a bounded, per-host-fair queue and retries.
#include "net/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <list>
#include <mutex>
#include <new>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/strings.h"
#include "net/retry_policy.h"

namespace pubtrack::net {
namespace {

using core::ErrorKind;
using Steady = std::chrono::steady_clock;

struct EasyDeleter {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const noexcept { curl_multi_cleanup(m); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
struct UrlDeleter {
  void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using SlistHandle = std::unique_ptr<curl_slist, SlistDeleter>;
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

constexpr long kMaxRedirects = 5;
constexpr char kProtocols[] = "http,https";

MultiHandle makeMulti(const HttpSettings& settings) {
  MultiHandle multi(curl_multi_init());
  if (!multi) throw std::bad_alloc();
  // Our own queue already keeps per_host per host:port; this is the backstop for redirects.
  curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(settings.per_host));
  return multi;
}

// "host:port" as libcurl groups connections; "" when the URL does not parse (the transfer
// then fails on its own).
std::string hostKey(const std::string& url) {
  UrlHandle u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
  std::string key;
  char* part = nullptr;
  if (curl_url_get(u.get(), CURLUPART_HOST, &part, 0) == CURLUE_OK) key = core::toLowerAscii(part);
  curl_free(part);
  part = nullptr;
  if (curl_url_get(u.get(), CURLUPART_PORT, &part, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    key += ':';
    key += part;
  }
  curl_free(part);
  return key;
}

// One request across all its attempts; owns the easy handle, headers and body.
struct Transfer {
  size_t index = 0;
  const HttpRequest* request = nullptr;
  std::string host;
  int attempt = 0;  // attempts already finished
  EasyHandle easy;
  SlistHandle headers;
  std::string body;
  size_t max_body = 0;
  bool too_large = false;
  char errbuf[CURL_ERROR_SIZE] = {};
  Steady::time_point first_start{};
  Steady::time_point due{};          // when a waiting retry may start
  std::vector<core::Error> retried;  // failed attempts, for HttpResponse::retried
};

size_t onWrite(char* data, size_t size, size_t count, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const size_t n = size * count;
  if (n > t->max_body - t->body.size()) {  // body.size() <= max_body always holds
    t->too_large = true;
    return 0;  // libcurl aborts with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

bool isRetryableCode(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_AGAIN:
      return true;
    default:  // bad URL, protocol, redirect loop, certificate, over-size: the same next time
      return false;
  }
}

std::string stripLineBreaks(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n'; }),
          s.end());
  return s;
}

std::string responseHeader(CURL* easy, const char* name) {
  struct curl_header* h = nullptr;
  // request -1: the last response, i.e. the one after any redirects.
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h && h->value) {
    return h->value;
  }
  return {};
}

// Drives one fetchEach() call on a multi handle it does not own.
class BatchRun {
 public:
  BatchRun(CURLM* multi, const HttpSettings& settings, const core::Clock& clock, uint64_t seed,
           const std::vector<HttpRequest>& requests, const Completion& done,
           const std::atomic<bool>* stop)
      : multi_(multi),
        s_(settings),
        clock_(clock),
        rng_(seed),
        requests_(requests),
        done_(done),
        stop_(stop) {
    hosts_.reserve(requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      hosts_.push_back(hostKey(requests[i].url));
      pending_.push_back(i);
    }
  }

  ~BatchRun() {
    for (auto& [raw, t] : active_) curl_multi_remove_handle(multi_, t->easy.get());
  }
  BatchRun(const BatchRun&) = delete;
  BatchRun& operator=(const BatchRun&) = delete;

  void run() {
    for (;;) {
      if (stopped()) interruptWaiting();
      startReady();
      if (active_.empty() && pending_.empty() && delayed_.empty()) return;
      int running = 0;
      if (const CURLMcode mc = curl_multi_perform(multi_, &running); mc != CURLM_OK) {
        failAll(std::string("curl_multi_perform: ") + curl_multi_strerror(mc));
        return;
      }
      if (drainMessages()) continue;  // slots were freed: start more before waiting
      if (const CURLMcode mc = curl_multi_poll(multi_, nullptr, 0, waitMs(), nullptr);
          mc != CURLM_OK) {
        failAll(std::string("curl_multi_poll: ") + curl_multi_strerror(mc));
        return;
      }
    }
  }

 private:
  bool stopped() const { return stop_ && stop_->load(std::memory_order_relaxed); }
  size_t limit() const { return static_cast<size_t>(std::max(1, s_.concurrency)); }
  bool hostFree(const std::string& host) {
    const auto it = per_host_.find(host);
    return it == per_host_.end() || it->second < std::max(1, s_.per_host);
  }

  std::string where(const HttpRequest& r) const { return r.method + " " + redactUrl(r.url); }
  std::string sourceOf(const HttpRequest& r) const {
    return r.source.empty() ? redactUrl(r.url) : r.source;
  }
  core::Error error(ErrorKind kind, const HttpRequest& r, const std::string& detail) const {
    return core::makeError(kind, sourceOf(r), where(r) + ": " + detail);
  }

  void startReady() {
    const auto now = Steady::now();
    // Waiting retries first: they were admitted earlier than anything still pending.
    for (auto it = delayed_.begin(); it != delayed_.end() && active_.size() < limit();) {
      if ((*it)->due <= now && hostFree((*it)->host)) {
        auto t = std::move(*it);
        it = delayed_.erase(it);
        add(std::move(t));
      } else {
        ++it;
      }
    }
    for (auto it = pending_.begin(); it != pending_.end() && active_.size() < limit();) {
      if (!hostFree(hosts_[*it])) {
        ++it;
        continue;
      }
      const size_t index = *it;
      it = pending_.erase(it);
      if (auto t = prepare(index)) add(std::move(t));
    }
  }

  // A transfer with its easy handle configured, or nullptr after reporting why it could not be.
  std::unique_ptr<Transfer> prepare(size_t index) {
    const HttpRequest& req = requests_[index];
    auto t = std::make_unique<Transfer>();
    t->index = index;
    t->request = &req;
    t->host = hosts_[index];
    t->max_body = s_.max_body_bytes;
    t->easy.reset(curl_easy_init());
    if (!t->easy) {
      done_(index, error(ErrorKind::Network, req, "curl_easy_init failed"));
      return nullptr;
    }
    CURL* h = t->easy.get();
    CURLcode rc = CURLE_OK;
    auto check = [&rc](CURLcode c) {
      if (rc == CURLE_OK) rc = c;
    };
    check(curl_easy_setopt(h, CURLOPT_URL, req.url.c_str()));
    check(curl_easy_setopt(h, CURLOPT_PRIVATE, static_cast<void*>(t.get())));
    check(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->errbuf));
    check(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
    check(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, kProtocols));
    check(curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, kProtocols));
    check(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
    check(curl_easy_setopt(h, CURLOPT_MAXREDIRS, kMaxRedirects));
    check(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, s_.connect_timeout_ms));
    check(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, s_.timeout_ms));
    check(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""));  // every decoder curl has
    check(curl_easy_setopt(h, CURLOPT_USERAGENT, s_.user_agent.c_str()));
    check(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onWrite));
    check(curl_easy_setopt(h, CURLOPT_WRITEDATA, static_cast<void*>(t.get())));
    // Rejects early on a declared Content-Length; onWrite enforces the decoded size.
    check(
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s_.max_body_bytes)));
    if (!s_.proxy.empty()) check(curl_easy_setopt(h, CURLOPT_PROXY, s_.proxy.c_str()));
    // Loopback never goes through a proxy, unless the operator's no_proxy says otherwise.
    if (!std::getenv("no_proxy") && !std::getenv("NO_PROXY"))
      check(curl_easy_setopt(h, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1"));

    auto append = [&t, &rc](const std::string& line) {
      curl_slist* old = t->headers.release();
      curl_slist* grown = curl_slist_append(old, stripLineBreaks(line).c_str());
      t->headers.reset(grown ? grown : old);
      if (!grown && rc == CURLE_OK) rc = CURLE_OUT_OF_MEMORY;
    };
    for (const auto& [name, value] : req.headers) append(name + ": " + value);
    if (!req.etag.empty()) append("If-None-Match: " + req.etag);
    if (!req.last_modified.empty()) append("If-Modified-Since: " + req.last_modified);
    append("Expect:");  // no 100-continue round trip for POST bodies

    if (req.method == "GET" || req.method.empty()) {
      check(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
    } else if (req.method == "HEAD") {
      check(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
    } else {
      if (req.method == "POST" || !req.body.empty()) {
        check(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                               static_cast<curl_off_t>(req.body.size())));
        check(curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data()));
      }
      if (req.method != "POST") {
        check(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str()));
      }
    }
    check(curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers.get()));
    if (rc != CURLE_OK) {
      done_(index, error(ErrorKind::Network, req,
                         std::string("cannot set up transfer: ") + curl_easy_strerror(rc)));
      return nullptr;
    }
    return t;
  }

  void add(std::unique_ptr<Transfer> t) {
    if (t->attempt == 0) t->first_start = Steady::now();
    t->body.clear();
    t->too_large = false;
    t->errbuf[0] = '\0';
    if (const CURLMcode mc = curl_multi_add_handle(multi_, t->easy.get()); mc != CURLM_OK) {
      done_(t->index, error(ErrorKind::Network, *t->request,
                            std::string("curl_multi_add_handle: ") + curl_multi_strerror(mc)));
      return;
    }
    ++per_host_[t->host];
    Transfer* raw = t.get();
    active_.emplace(raw, std::move(t));
  }

  bool drainMessages() {
    bool any = false;
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi_, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      CURL* easy = m->easy_handle;  // copy both: *m dies with curl_multi_remove_handle
      const CURLcode code = m->data.result;
      char* priv = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
      curl_multi_remove_handle(multi_, easy);
      auto node = active_.extract(reinterpret_cast<Transfer*>(priv));
      if (node.empty()) continue;  // not ours: cannot happen, the multi is exclusive to a run
      --per_host_[node.mapped()->host];
      finish(std::move(node.mapped()), code);
      any = true;
    }
    return any;
  }

  void finish(std::unique_ptr<Transfer> t, CURLcode code) {
    const bool may_retry = t->attempt < s_.retries && !stopped();
    if (code == CURLE_OK) {
      HttpResponse r = response(*t);
      if (may_retry && isRetryableStatus(r.status)) {
        core::Error e = error(ErrorKind::HttpStatus, *t->request,
                              "HTTP " + std::to_string(r.status) + " (retried)");
        e.code = std::to_string(r.status);
        t->retried.push_back(std::move(e));
        return retryLater(std::move(t), r.retry_after_s);
      }
      r.retried = std::move(t->retried);
      r.elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - t->first_start);
      done_(t->index, std::move(r));
      return;
    }
    const bool too_large = t->too_large || code == CURLE_FILESIZE_EXCEEDED;
    if (may_retry && !too_large && isRetryableCode(code)) {
      const std::string what =
          t->errbuf[0] != '\0' ? std::string(core::trim(t->errbuf)) : curl_easy_strerror(code);
      t->retried.push_back(error(
          code == CURLE_OPERATION_TIMEDOUT ? ErrorKind::Timeout : ErrorKind::Network, *t->request,
          redactUrl(what) + " (curl " + std::to_string(static_cast<int>(code)) + ", retried)"));
      return retryLater(std::move(t), {});
    }
    const ErrorKind kind = too_large                          ? ErrorKind::TooLarge
                           : code == CURLE_OPERATION_TIMEDOUT ? ErrorKind::Timeout
                                                              : ErrorKind::Network;
    std::string detail;
    if (too_large) {
      detail = "response body exceeds max_body_bytes (" + std::to_string(s_.max_body_bytes) + ")";
    } else {
      detail = t->errbuf[0] != '\0' ? std::string(core::trim(t->errbuf)) : curl_easy_strerror(code);
      detail = redactUrl(detail) + " (curl " + std::to_string(static_cast<int>(code)) + ")";
    }
    if (t->attempt > 0) detail += " after " + std::to_string(t->attempt + 1) + " attempts";
    done_(t->index, error(kind, *t->request, detail));
  }

  HttpResponse response(Transfer& t) {
    CURL* h = t.easy.get();
    HttpResponse r;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    char* text = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &text) == CURLE_OK && text) {
      r.content_type = text;
    }
    text = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK && text) {
      r.effective_url = text;
    }
    r.etag = responseHeader(h, "ETag");
    r.last_modified = responseHeader(h, "Last-Modified");
    if (const std::string ra = responseHeader(h, "Retry-After"); !ra.empty()) {
      r.retry_after_s = parseRetryAfter(ra, clock_.now());
    }
    r.body = std::move(t.body);
    t.body.clear();
    return r;
  }

  void retryLater(std::unique_ptr<Transfer> t, std::optional<long> retry_after_s) {
    t->due = Steady::now() + retryDelay(t->attempt, s_.retry_base_ms, retry_after_s, rng_);
    ++t->attempt;
    delayed_.push_back(std::move(t));
  }

  // How long curl_multi_poll may sleep: until the next retry is due, and briefly when a stop
  // flag must be watched (libcurl wakes earlier for its own timeouts and socket activity).
  int waitMs() const {
    const auto now = Steady::now();
    auto wait = std::chrono::milliseconds(stop_ ? 100 : 1000);
    for (const auto& t : delayed_) {
      if (t->due > now) {
        wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(t->due - now));
      }
    }
    return static_cast<int>(wait.count());
  }

  void interruptWaiting() {
    auto pending = std::move(pending_);
    pending_.clear();
    auto delayed = std::move(delayed_);
    delayed_.clear();
    for (const size_t index : pending) {
      done_(index, error(ErrorKind::Interrupted, requests_[index], "not started: interrupted"));
    }
    for (auto& t : delayed) {
      done_(t->index, error(ErrorKind::Interrupted, *t->request,
                            "retry not started: interrupted after " + std::to_string(t->attempt) +
                                " attempts"));
    }
  }

  void failAll(const std::string& why) {
    auto active = std::move(active_);
    active_.clear();
    for (auto& [raw, t] : active) curl_multi_remove_handle(multi_, t->easy.get());
    for (auto& [raw, t] : active) done_(t->index, error(ErrorKind::Network, *t->request, why));
    for (const size_t index : pending_)
      done_(index, error(ErrorKind::Network, requests_[index], why));
    pending_.clear();
    for (auto& t : delayed_) done_(t->index, error(ErrorKind::Network, *t->request, why));
    delayed_.clear();
  }

  CURLM* multi_;
  const HttpSettings& s_;
  const core::Clock& clock_;
  uint64_t rng_;
  const std::vector<HttpRequest>& requests_;
  const Completion& done_;
  const std::atomic<bool>* stop_;
  std::vector<std::string> hosts_;                  // host:port per request
  std::list<size_t> pending_;                       // not started yet, in request order
  std::vector<std::unique_ptr<Transfer>> delayed_;  // waiting to retry
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> active_;  // added to the multi
  std::unordered_map<std::string, int> per_host_;                    // active per host:port
};

}  // namespace

// Idle multi handles, each keeping its connections alive between calls. A call takes one (or
// makes one when all are in use: another thread, or a nested call from a completion) and puts
// it back, so concurrent callers each reuse their own connections.
struct CurlHttpClient::Multi {
  std::mutex mu;
  std::vector<MultiHandle> idle;
};

CurlHttpClient::CurlHttpClient(HttpSettings settings, const core::Clock* clock)
    : settings_(std::move(settings)),
      clock_(clock ? clock : &system_clock_),
      multi_(std::make_unique<Multi>()),
      rng_state_(std::random_device{}()) {
  settings_.concurrency = std::max(1, settings_.concurrency);
  settings_.per_host = std::max(1, settings_.per_host);
  settings_.retries = std::max(0, settings_.retries);
  multi_->idle.push_back(makeMulti(settings_));
}

CurlHttpClient::~CurlHttpClient() = default;

void CurlHttpClient::fetchEach(const std::vector<HttpRequest>& requests, const Completion& done,
                               const std::atomic<bool>* stop) {
  if (requests.empty()) return;
  MultiHandle handle;
  {
    std::lock_guard<std::mutex> lock(multi_->mu);
    if (!multi_->idle.empty()) {
      handle = std::move(multi_->idle.back());
      multi_->idle.pop_back();
    }
  }
  if (!handle) handle = makeMulti(settings_);
  struct Return {
    Multi* pool;
    MultiHandle* h;
    ~Return() {
      std::lock_guard<std::mutex> lock(pool->mu);
      pool->idle.push_back(std::move(*h));
    }
  } giveBack{multi_.get(), &handle};
  const uint64_t seed = rng_state_.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed);
  BatchRun run(handle.get(), settings_, *clock_, seed, requests, done, stop);
  run.run();
}

}  // namespace pubtrack::net
