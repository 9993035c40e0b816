// SPDX-License-Identifier: Apache-2.0
// Test support: one blocking HTTP call over loopback (the simulator's admin API, the dashboard),
// for the end-to-end tests. A transfer that fails is a test failure naming the URL.
#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <string>

namespace pubtrack::fakes {

// GET `url`, or POST `post_body` to it; returns the answer's body ("" when the transfer failed).
inline std::string httpCall(const std::string& url, const std::string* post_body = nullptr) {
  std::string body;
  CURL* h = curl_easy_init();
  auto onBody = +[](char* p, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, size * n);
    return size * n;
  };
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  if (post_body) curl_easy_setopt(h, CURLOPT_POSTFIELDS, post_body->c_str());
  const CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  EXPECT_EQ(rc, CURLE_OK) << url << ": " << curl_easy_strerror(rc);
  return body;
}

// POST `json` to `url`.
inline std::string httpPost(const std::string& url, const std::string& json) {
  return httpCall(url, &json);
}

}  // namespace pubtrack::fakes
