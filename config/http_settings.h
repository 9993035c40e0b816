// SPDX-License-Identifier: Apache-2.0
// config::HttpSettings: the [http] section, which net::CurlHttpClient takes as it is. Plain data
// with no dependency, so net/ can use it without the rest of config.
#pragma once

#include <cstddef>
#include <string>

namespace pubtrack::config {

struct HttpSettings {
  long timeout_ms = 30000;            // whole transfer
  long connect_timeout_ms = 10000;    // TCP + TLS handshake
  size_t max_body_bytes = 16u << 20;  // bodies over this fail with ErrorKind::TooLarge
  int concurrency = 8;                // transfers in flight at once
  int per_host = 2;                   // transfers in flight per host
  int retries = 2;                    // extra attempts after a transport error or 5xx/429
  long retry_base_ms = 500;           // backoff base: base * 2^attempt, with jitter
  std::string user_agent = "pubtrack/0.1 (+government information disclosure report)";
  std::string proxy;  // "" = libcurl's default (the *_proxy environment variables)
};

}  // namespace pubtrack::config
