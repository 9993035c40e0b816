// SPDX-License-Identifier: Apache-2.0
// dashboard::DashboardServer: the team's dashboard (`pubtrack serve`): a JSON API and an HTML page
// over read-only SQLite connections, one per worker thread. Poco stays out of this header.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "config/settings.h"
#include "core/clock.h"
#include "core/result.h"

namespace pubtrack::dashboard {

struct ServeOptions {
  // "host:port" to listen on; "" = settings.server.listen. Port 0 picks a free port (tests).
  std::string listen;
  // Worker threads. Each keep-alive connection holds one while it is open, so this bounds the
  // number of concurrent clients; each worker owns one read-only SQLite connection.
  int max_threads = 48;
  // Answers "now" (this year, the report's latest day). nullptr = the system clock. Must
  // outlive the server.
  const core::Clock* clock = nullptr;
  // With a token on a loopback address, reads (GET) need no token: only this machine can
  // connect. false = every request needs it (tests; a shared machine).
  bool open_loopback_reads = true;
};

// Authentication, as enforced (documented for the README):
// - Listening on a non-loopback address requires [server] auth_token; start() refuses otherwise.
// - With a token, requests carry `Authorization: Bearer <token>` (compared in constant time).
//   Missing -> 401, wrong -> 403. On a loopback address, reads (GET) are open to the machine
//   without the token; writes always need it. Without a token, writes are refused (403).
// - Browsers cannot send a bearer header when navigating, so on a non-loopback address the page
//   offers a sign-in form (/login) that sets an HttpOnly, SameSite=Strict session cookie valid
//   for reads only; writes from the page send the token as a bearer header.
class DashboardServer {
 public:
  // Binds and starts serving. Errors (kind Config) say why: a non-loopback address without a
  // token, an unparsable listen address, a port in use, a missing or old database.
  static core::Result<std::unique_ptr<DashboardServer>> start(const config::Settings& settings,
                                                              ServeOptions options);
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  uint16_t port() const;
  // "http://127.0.0.1:8080"
  std::string url() const;
  // Stops accepting, closes open connections and joins the workers. Idempotent.
  void stop();

  struct Impl;

 private:
  explicit DashboardServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// For `pubtrack serve`: starts the server, writes "pubtrack: serving http://... (Ctrl-C to
// stop)" to `out`, blocks until SIGINT or SIGTERM, stops. Returns 0, or 2 after writing the
// reason to `err` when the server cannot start.
int serveUntilSignal(const config::Settings& settings, ServeOptions options, std::ostream& out,
                     std::ostream& err);

}  // namespace pubtrack::dashboard
