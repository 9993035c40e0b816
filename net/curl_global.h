// SPDX-License-Identifier: Apache-2.0
// net::CurlGlobal: RAII for curl_global_init/curl_global_cleanup; one lives in main().
#pragma once

namespace pubtrack::net {

// Create exactly one, in main(), before any thread starts and before any CurlHttpClient exists;
// it must outlive them all. Throws std::runtime_error when libcurl cannot initialise.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace pubtrack::net
