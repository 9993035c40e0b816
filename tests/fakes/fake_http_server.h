// SPDX-License-Identifier: Apache-2.0
// fakes::FakeHttpServer: an in-process HTTP/1.1 server on 127.0.0.1:<random port> for tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pubtrack::fakes {

// What the server received. Header names are as sent; header() looks them up ignoring case.
struct FakeRequest {
  std::string method;
  std::string path;   // decoded, without the query
  std::string query;  // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(std::string_view name) const;  // "" when absent
  bool hasHeader(std::string_view name) const;
  std::string queryParam(std::string_view name) const;  // decoded; "" when absent
};

// What the server answers. The body is sent as is unless `gzip`, `truncated` or
// `stream_bytes` say otherwise.
struct FakeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"ETag", "\"v1\""}
  std::string body;
  std::chrono::milliseconds latency{0};  // waited before the status line is sent
  bool gzip = false;                     // body sent gzip-compressed with Content-Encoding: gzip
  bool truncated = false;   // Content-Length promises 1000 bytes more than the body; then close
  size_t stream_bytes = 0;  // > 0: ignore body, stream this many bytes of 'x' (Content-Length)

  static FakeResponse json(std::string body, int status = 200);
  static FakeResponse text(std::string body, std::string content_type = "text/plain");
  static FakeResponse redirect(std::string location, int status = 302);
  static FakeResponse empty(int status);  // no body

  FakeResponse& header(std::string name, std::string value);
  FakeResponse& delay(std::chrono::milliseconds ms);
};

// For routes that need logic. Called on a server thread; may be called concurrently.
using FakeHandler = std::function<FakeResponse(const FakeRequest&)>;

class FakeHttpServer;
namespace detail {
struct FakeState;
}

// Removes its route when destroyed (or on reset()). Move-only; may outlive the server.
class [[nodiscard]] RouteHandle {
 public:
  RouteHandle() = default;
  RouteHandle(RouteHandle&& other) noexcept;
  RouteHandle& operator=(RouteHandle&& other) noexcept;
  RouteHandle(const RouteHandle&) = delete;
  RouteHandle& operator=(const RouteHandle&) = delete;
  ~RouteHandle();
  void reset();         // remove the route now
  bool active() const;  // the route is still installed (a once-route not yet used)

 private:
  friend class FakeHttpServer;
  RouteHandle(std::weak_ptr<detail::FakeState> state, uint64_t id);
  std::weak_ptr<detail::FakeState> state_;
  uint64_t id_ = 0;
};

// Starts listening on 127.0.0.1:0 in the constructor; stops (aborting open connections and
// waking delayed responses) in the destructor, which takes ~0.25 s, so share one per suite.
// Matching: once-responses first (oldest first), then routes (newest first); a route with an
// empty method matches any method; the path matches exactly, without the query. Anything else
// answers 404 {"errcode":99999}. All members are thread-safe.
class FakeHttpServer {
 public:
  FakeHttpServer();
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  uint16_t port() const;
  std::string baseUrl() const;                   // "http://127.0.0.1:PORT"
  std::string url(std::string_view path) const;  // baseUrl() + path

  RouteHandle route(std::string path, FakeResponse response);
  RouteHandle route(std::string method, std::string path, FakeResponse response);
  RouteHandle route(std::string path, FakeHandler handler);
  RouteHandle route(std::string method, std::string path, FakeHandler handler);
  // Answers the next matching request only, then removes itself.
  RouteHandle respondOnce(std::string path, FakeResponse response);
  RouteHandle respondOnce(std::string method, std::string path, FakeResponse response);

  int hits(std::string_view path) const;            // requests received for the path
  int peakConcurrent(std::string_view path) const;  // most in flight at once for the path
  int peakConcurrent() const;                       // ... over all paths
  std::optional<FakeRequest> lastRequest(std::string_view path) const;
  std::vector<FakeRequest> requests(std::string_view path) const;  // in arrival order
  void resetStats();  // hits, peaks and recorded requests

 private:
  struct Impl;
  RouteHandle add(std::string method, std::string path, FakeHandler handler, bool once);
  std::unique_ptr<Impl> impl_;
};

// A 127.0.0.1 port that nothing listens on (bound, then released): connections are refused.
uint16_t unusedLocalPort();

}  // namespace pubtrack::fakes
