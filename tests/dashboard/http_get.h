// SPDX-License-Identifier: Apache-2.0
// A blocking libcurl request for the dashboard tests: status, lower-cased headers and body.
#pragma once

#include <curl/curl.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace pubtrack::fakes {

struct HttpAnswer {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline HttpAnswer httpRequest(const std::string& method, const std::string& url,
                              const std::vector<std::string>& headers = {},
                              const std::string& body = "") {
  HttpAnswer a;
  CURL* h = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& x : headers) list = curl_slist_append(list, x.c_str());
  auto onBody = +[](char* p, size_t s, size_t n, void* u) {
    static_cast<std::string*>(u)->append(p, s * n);
    return s * n;
  };
  auto onHeader = +[](char* p, size_t s, size_t n, void* u) {
    std::string line(p, s * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon), value = line.substr(colon + 1);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      (*static_cast<std::map<std::string, std::string>*>(u))[name] = value;
    }
    return s * n;
  };
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &a.headers);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(h);
  return a;
}

inline HttpAnswer httpGet(const std::string& url, const std::vector<std::string>& headers = {}) {
  return httpRequest("GET", url, headers);
}

}  // namespace pubtrack::fakes
