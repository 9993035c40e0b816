// SPDX-License-Identifier: Apache-2.0
// net::CurlGlobal: process-wide libcurl initialisation.
#include "net/curl_global.h"

#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace pubtrack::net {

CurlGlobal::CurlGlobal() {
  if (const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
    throw std::runtime_error(std::string("curl_global_init failed: ") + curl_easy_strerror(rc));
  }
}

CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace pubtrack::net
