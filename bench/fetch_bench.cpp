// SPDX-License-Identifier: Apache-2.0
// fetch_bench: wall time of N loopback requests with fixed server latency versus the ideal.
// Usage: fetch_bench [requests=1000] [latency_ms=100] [concurrency=32]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "net/curl_global.h"
#include "net/curl_http_client.h"
#include "tests/fakes/fake_http_server.h"

int main(int argc, char** argv) {
  using namespace pubtrack;
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int latency_ms = argc > 2 ? std::atoi(argv[2]) : 100;
  const int concurrency = argc > 3 ? std::atoi(argv[3]) : 32;

  net::CurlGlobal curl;
  fakes::FakeHttpServer server;
  auto route = server.route("/item", fakes::FakeResponse::json(R"({"errcode":0,"list":[]})")
                                         .delay(std::chrono::milliseconds(latency_ms)));
  net::HttpSettings settings;
  settings.concurrency = concurrency;
  settings.per_host = concurrency;
  settings.retries = 0;
  net::CurlHttpClient http(settings);

  std::vector<net::HttpRequest> requests(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    requests[static_cast<size_t>(i)].url = server.url("/item?i=" + std::to_string(i));
    requests[static_cast<size_t>(i)].source = "bench";
  }
  int failed = 0;
  const auto start = std::chrono::steady_clock::now();
  http.fetchEach(requests, [&failed](size_t, core::Result<net::HttpResponse> r) {
    if (!r || r->status != 200) ++failed;
  });
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double ideal = n * (latency_ms / 1000.0) / concurrency;
  std::printf(
      "requests=%d latency=%dms concurrency=%d wall=%.3fs ideal=%.3fs ratio=%.3f "
      "failed=%d peak_in_flight=%d\n",
      n, latency_ms, concurrency, wall, ideal, wall / ideal, failed,
      server.peakConcurrent("/item"));
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
