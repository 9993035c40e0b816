// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: the server's request and response, free of Poco, so the routing,
// validation and rendering are plain functions of data.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/settings.h"
#include "core/clock.h"

namespace pubtrack::dashboard::detail {

using Params = std::vector<std::pair<std::string, std::string>>;  // decoded, in order

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  Params query;
  Params form;                // POST application/x-www-form-urlencoded body (login)
  std::string authorization;  // the Authorization header, "" when absent
  std::string cookie;         // the Cookie header
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  Params headers;  // extra headers (Location, Set-Cookie, WWW-Authenticate, Allow)
  // The body gzip-compressed, for clients that accept it: set on cached answers (compressed
  // once per computation, not per request).
  std::shared_ptr<const std::string> gzip;
};

// Shared by every worker; immutable after start except for the write mutex.
struct ServerContext {
  config::Settings settings;
  const core::Clock* clock = nullptr;
  bool loopback = true;             // the listen address is a loopback address
  bool open_loopback_reads = true;  // reads without the token on loopback
  std::string session_key;          // random; the read-only browser session cookie's value
  std::mutex write_mutex;           // one confirm/reject at a time

  // Answers to GET requests, shared by the workers. An answer is current while `epoch` is
  // unchanged and within the hour it was computed in: a worker that sees its connection's
  // PRAGMA data_version change (some other connection committed) bumps the epoch.
  // An answer that is no longer current is still given while it is younger than kFreshFor, and
  // while another request recomputes it: a collect committing every few hundred milliseconds
  // then costs one recomputation per answer every few seconds, not one per request. Answers
  // older than `servable_epoch` are never given: this server's own writes (confirm/reject)
  // raise it, so a click is always followed by answers that show it.
  struct Cached {
    uint64_t epoch = 0;
    int64_t hour = 0;
    std::chrono::steady_clock::time_point at;
    Response response;
  };
  static constexpr std::chrono::seconds kFreshFor{3};
  std::atomic<uint64_t> epoch{1};
  std::mutex cache_mutex;
  uint64_t servable_epoch = 1;  // guarded by cache_mutex
  std::unordered_map<std::string, std::shared_ptr<const Cached>> cache;
  // Answers being computed, by key: a request for the same answer waits for that computation
  // (or, when a servable older answer exists, gets that one) instead of computing it again.
  struct Computing {
    uint64_t epoch = 0;
    std::shared_future<Response> answer;
  };
  std::unordered_map<std::string, Computing> computing;  // guarded by cache_mutex
  static constexpr size_t kMaxCached = 512;
};

}  // namespace pubtrack::dashboard::detail
