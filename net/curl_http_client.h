// SPDX-License-Identifier: Apache-2.0
// net::CurlHttpClient: HttpClient on one libcurl multi handle, driven by the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/clock.h"
#include "net/http_client.h"

namespace pubtrack::net {

// Runs a batch with at most `concurrency` transfers in flight and at most `per_host` per
// host:port; the rest wait in a queue, in request order. Transport errors (Network, Timeout)
// and HTTP 5xx/429 are retried `retries` times with jittered exponential backoff (or the
// server's Retry-After, capped at kMaxRetryDelay); a waiting retry does not hold up other
// transfers. Redirects: http/https only, at most 5. HttpResponse::elapsed covers every attempt.
//
// Thread: fetchEach() runs on, and calls `done` on, the calling thread. One client may be
// used from several threads, and re-entered from `done`: each concurrent call runs on its own
// multi handle from a pool, so every caller keeps reusing its connections between calls.
// CurlGlobal must outlive every client.
class CurlHttpClient : public HttpClient {
 public:
  // `clock` (not owned; nullptr = the system clock) turns Retry-After dates into seconds.
  explicit CurlHttpClient(HttpSettings settings, const core::Clock* clock = nullptr);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  void fetchEach(const std::vector<HttpRequest>& requests, const Completion& done,
                 const std::atomic<bool>* stop = nullptr) override;

  const HttpSettings& settings() const { return settings_; }

 private:
  struct Multi;
  HttpSettings settings_;
  core::SystemClock system_clock_;
  const core::Clock* clock_;
  std::unique_ptr<Multi> multi_;  // a pool of multi handles, so connections are reused
  std::atomic<uint64_t> rng_state_;
};

}  // namespace pubtrack::net
