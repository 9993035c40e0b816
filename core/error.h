// SPDX-License-Identifier: Apache-2.0
// core::Error: the closed set of ways the outside world fails. Bugs are exceptions instead.
#pragma once

#include <string>
#include <string_view>

namespace pubtrack::core {

enum class ErrorKind {
  Network,      // DNS, connect, TLS, reset
  Timeout,      // connect or total timeout
  HttpStatus,   // a non-success HTTP status the caller did not expect
  TooLarge,     // body over max_body_bytes
  RateLimited,  // quota or per-minute limit (WeChat 45009/45011)
  AuthExpired,  // token invalid or expired (WeChat 40001/40014/42001)
  Api,          // any other API-level error code
  BadPayload,   // a body that cannot be parsed
  Config,       // configuration problem (names the file and key)
  Io,           // local file system
  Database,     // SQLite
  Interrupted,  // SIGTERM/SIGINT
};

std::string_view toString(ErrorKind kind) noexcept;

struct Error {
  ErrorKind kind;
  std::string source;   // what failed: "feed.people", "account.main getusersummary 2024-01-01..07"
  std::string message;  // one line, no secrets
  std::string code{};   // API errcode or HTTP status when there is one ("45009", "500")

  // "source: message" (or just the message when the source is empty): the one-line form
  // written to stderr and stored in last_error.
  std::string describe() const;
};

}  // namespace pubtrack::core
