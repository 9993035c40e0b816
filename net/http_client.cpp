// SPDX-License-Identifier: Apache-2.0
// net::HttpClient conveniences (fetch, fetchAll) on top of fetchEach, and URL redaction.
#include "net/http_client.h"

#include <optional>

namespace pubtrack::net {

core::Result<HttpResponse> HttpClient::fetch(const HttpRequest& request,
                                             const std::atomic<bool>* stop) {
  auto all = fetchAll({request}, stop);
  return std::move(all.front());
}

std::vector<core::Result<HttpResponse>> HttpClient::fetchAll(
    const std::vector<HttpRequest>& requests, const std::atomic<bool>* stop) {
  std::vector<std::optional<core::Result<HttpResponse>>> slots(requests.size());
  fetchEach(
      requests,
      [&slots](size_t index, core::Result<HttpResponse> response) {
        slots.at(index).emplace(std::move(response));
      },
      stop);
  std::vector<core::Result<HttpResponse>> out;
  out.reserve(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i]) {
      out.push_back(std::move(*slots[i]));
    } else {  // an implementation bug; report it rather than crash a nightly run
      out.emplace_back(core::makeError(core::ErrorKind::Network, requests[i].source,
                                       redactUrl(requests[i].url) + ": no result from fetchEach"));
    }
  }
  return out;
}

std::string redactUrl(std::string_view url) {
  // Any parameter whose name ends in one of these is secret ("access_token",
  // "component_access_token", "secret", "appsecret", "client_secret").
  static constexpr std::string_view kKeys[] = {"access_token=", "secret="};
  std::string out;
  out.reserve(url.size());
  size_t i = 0;
  while (i < url.size()) {
    bool redacted = false;
    for (std::string_view key : kKeys) {
      if (url.substr(i, key.size()) == key) {
        out.append(key);
        out.append("***");
        i += key.size();
        while (i < url.size() && url[i] != '&' && url[i] != '#' && url[i] != ' ' && url[i] != ';' &&
               url[i] != '"' && url[i] != '\'') {
          ++i;
        }
        redacted = true;
        break;
      }
    }
    if (!redacted) out.push_back(url[i++]);
  }
  return out;
}

}  // namespace pubtrack::net
