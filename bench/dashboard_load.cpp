// SPDX-License-Identifier: Apache-2.0
// Loopback load generator for the dashboard's JSON API: a fixture database, the server on
// 127.0.0.1:0, N keep-alive libcurl connections for a fixed time; prints requests/s and p50/p99
// latency per endpoint and overall. `--serve SECONDS` only serves the fixture (for a browser).
// `--url BASE` loads a running `pubtrack serve` instead (bench/run.sh: the report store of 100
// accounts), with `--year Y --accounts A,B` naming what to ask for there.
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "dashboard/server.h"
#include "tests/dashboard/dashboard_fixture.h"
#include "tests/support/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;

// The mix of JSON requests, for a year and two accounts of the store served.
std::vector<std::string> requestPaths(const std::string& year, const std::string& a,
                                      const std::string& b) {
  return {
      "/api/wechat/daily?from=" + year + "-06-01&to=" + year + "-06-14",
      "/api/wechat/daily?year=" + year + "&account=" + a,
      "/api/wechat/articles?year=" + year + "&account=" + b,
      "/api/mentions?limit=50",
      "/api/mentions?tier=central&status=candidate",
      "/api/status",
      "/api/report?year=" + year,
  };
}

size_t discard(char*, size_t size, size_t n, void* counter) {
  *static_cast<size_t*>(counter) += size * n;
  return size * n;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  int connections = 32, seconds = 10, serve = 0, threads = 48, warmup = 1;
  std::string url, year = "2025", accounts = "main,second";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (a == "--connections")
      connections = std::clamp(v, 1, 256);
    else if (a == "--seconds")
      seconds = std::clamp(v, 1, 120);
    else if (a == "--serve")
      serve = std::clamp(v, 1, 3600);
    else if (a == "--warmup")
      warmup = std::clamp(v, 0, 60);
    else if (a == "--threads")
      threads = std::clamp(v, 2, 512);
    else if (a == "--url")
      url = argv[i + 1];
    else if (a == "--year")
      year = argv[i + 1];
    else if (a == "--accounts")
      accounts = argv[i + 1];
    else {
      std::cerr << "dashboard_load: unknown option " << a << "\n";
      return 2;
    }
  }
  const size_t comma = accounts.find(',');
  const auto kPaths =
      requestPaths(year, accounts.substr(0, comma),
                   comma == std::string::npos ? accounts : accounts.substr(comma + 1));
  curl_global_init(CURL_GLOBAL_DEFAULT);
  pubtrack::fakes::TempDir dir;
  std::unique_ptr<pubtrack::core::FixedClock> clock;
  std::unique_ptr<pubtrack::dashboard::DashboardServer> server;
  pubtrack::dashboard::ServeOptions options;
  options.max_threads = std::max(threads, connections + 4);
  std::string base = url;
  if (url.empty()) {
    const auto db = dir.path() / "pubtrack.db";
    const auto data = pubtrack::fakes::fillDashboardDatabase(db);
    clock = std::make_unique<pubtrack::core::FixedClock>(data.now());
    options.listen = "127.0.0.1:0";
    options.clock = clock.get();
    auto started = pubtrack::dashboard::DashboardServer::start(
        pubtrack::fakes::dashboardSettings(db, serve ? "demo-token" : ""), options);
    if (!started) {
      std::cerr << "dashboard_load: " << started.error().describe() << "\n";
      return 2;
    }
    server = std::move(*started);
    base = server->url();
  }
  if (serve && server) {
    std::cout << "serving " << base << " for " << serve << " s (review token: demo-token)"
              << std::endl;
    std::this_thread::sleep_for(std::chrono::seconds(serve));
    return 0;
  }

  struct Sample {
    size_t path;
    double ms;
  };
  std::vector<std::vector<Sample>> samples(static_cast<size_t>(connections));
  std::atomic<long> errors{0};
  std::atomic<size_t> bytes{0};
  // Samples count from the end of the warm-up (first computations fill the answer cache).
  const auto measureFrom = Clock::now() + std::chrono::seconds(warmup);
  const auto deadline = measureFrom + std::chrono::seconds(seconds);
  std::vector<std::thread> pool;
  for (int c = 0; c < connections; ++c) {
    pool.emplace_back([&, c] {
      CURL* h = curl_easy_init();
      size_t got = 0;
      curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
      curl_easy_setopt(h, CURLOPT_WRITEDATA, &got);
      curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
      curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
      // Ask for gzip as browsers do; the bytes are counted, not inflated (the browsers' work).
      curl_slist* accept = curl_slist_append(nullptr, "Accept-Encoding: gzip, deflate");
      curl_easy_setopt(h, CURLOPT_HTTPHEADER, accept);
      auto& mine = samples[static_cast<size_t>(c)];
      for (size_t i = static_cast<size_t>(c); Clock::now() < deadline; ++i) {
        const size_t p = i % kPaths.size();
        const std::string target = base + kPaths[p];
        curl_easy_setopt(h, CURLOPT_URL, target.c_str());
        const auto t0 = Clock::now();
        const CURLcode rc = curl_easy_perform(h);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) ++errors;
        if (t0 >= measureFrom) mine.push_back({p, ms});
      }
      bytes += got;
      curl_easy_cleanup(h);
      curl_slist_free_all(accept);
    });
  }
  for (auto& t : pool) t.join();

  std::vector<double> all;
  std::vector<std::vector<double>> per(kPaths.size());
  for (const auto& v : samples)
    for (const auto& s : v) {
      all.push_back(s.ms);
      per[s.path].push_back(s.ms);
    }
  if (url.empty())
    std::printf("dashboard_load: %d connections, %d s after %d s warm-up, %d server threads\n",
                connections, seconds, warmup, options.max_threads);
  else
    std::printf("dashboard_load: %d connections, %d s after %d s warm-up, against %s\n",
                connections, seconds, warmup, url.c_str());
  std::printf("%-50s %9s %9s %9s\n", "endpoint", "req/s", "p50 ms", "p99 ms");
  for (size_t p = 0; p < kPaths.size(); ++p) {
    const double rps = static_cast<double>(per[p].size()) / seconds;
    const double p50 = percentile(per[p], 0.50), p99 = percentile(per[p], 0.99);
    std::printf("%-50s %9.0f %9.2f %9.2f\n", kPaths[p].c_str(), rps, p50, p99);
  }
  const double rps = static_cast<double>(all.size()) / seconds;
  const double p50 = percentile(all, 0.50), p99 = percentile(all, 0.99);
  std::printf("%-50s %9.0f %9.2f %9.2f\n", "all", rps, p50, p99);
  std::printf("requests %zu, errors %ld, %.1f MB received\n", all.size(), errors.load(),
              static_cast<double>(bytes.load()) / 1e6);
  if (server) server->stop();
  curl_global_cleanup();
  return errors.load() == 0 ? 0 : 1;
}
