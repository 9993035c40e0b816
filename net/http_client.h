// SPDX-License-Identifier: Apache-2.0
// net::HttpClient: the one interface collectors fetch through. DNS, TLS, timeout and over-size
// failures are an Error; the HTTP status is data, which the collector classifies.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/http_settings.h"
#include "core/result.h"

namespace pubtrack::net {

// The client's settings are config's ([http] in pubtrack.ini): one struct, read by config and
// used here as it is.
using config::HttpSettings;

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
  std::string body;                                          // POST body
  // Conditional GET: sent as If-None-Match / If-Modified-Since when not empty.
  std::string etag;
  std::string last_modified;
  // Names the request in errors ("feed.people", "account.main getusersummary"); never secret.
  std::string source;
};

struct HttpResponse {
  long status = 0;
  std::string body;                      // decoded (gzip/deflate undone)
  std::string content_type;              // as sent, e.g. "application/rss+xml; charset=gb2312"
  std::string etag;                      // response ETag, if any
  std::string last_modified;             // response Last-Modified, if any
  std::optional<long> retry_after_s;     // Retry-After in seconds (delta or HTTP date), if any
  std::string effective_url;             // after redirects
  std::chrono::milliseconds elapsed{0};  // first attempt's start to completion, retries included
  // Attempts that failed (5xx/429, timeout, connection cut) before this response was had; `code`
  // is the HTTP status when there was one. Kept so that the run history shows them.
  std::vector<core::Error> retried;
};

using Completion = std::function<void(size_t index, core::Result<HttpResponse> response)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Runs every request (at most `concurrency` at once) and calls `done` once per request, on
  // the calling thread, as each finishes. Requests not started when `stop` turns true complete
  // with ErrorKind::Interrupted.
  virtual void fetchEach(const std::vector<HttpRequest>& requests, const Completion& done,
                         const std::atomic<bool>* stop = nullptr) = 0;

  // Convenience: one request, synchronously.
  core::Result<HttpResponse> fetch(const HttpRequest& request,
                                   const std::atomic<bool>* stop = nullptr);
  // Convenience: all results in request order.
  std::vector<core::Result<HttpResponse>> fetchAll(const std::vector<HttpRequest>& requests,
                                                   const std::atomic<bool>* stop = nullptr);
};

// Replaces the value of `access_token=` (and `secret=`) query parameters with *** so URLs can
// be logged and stored.
std::string redactUrl(std::string_view url);

}  // namespace pubtrack::net
