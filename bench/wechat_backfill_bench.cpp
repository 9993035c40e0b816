// SPDX-License-Identifier: Apache-2.0
// Full-year WeChat backfill against an in-process pubtrack-sim with added latency: wall time vs.
// the ideal (calls x latency / concurrency) and the CPU cost of parsing one response.
//
// Usage: wechat_backfill_bench [accounts=10] [latency_ms=20] [concurrency=4] [year=2024]
// Build in Release; nothing leaves 127.0.0.1.
#include <curl/curl.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "collectors/wechat/datacube_json.h"
#include "collectors/wechat/date_plan.h"
#include "collectors/wechat/wechat_collector.h"
#include "core/clock.h"
#include "net/curl_http_client.h"
#include "sim/simulator.h"

using namespace pubtrack;

namespace {

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string appidOf(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "wxbe0c0000000000%02d", i);
  return buf;
}

sim::Scenario benchScenario(int accounts) {
  std::string ini = "[sim]\nseed = 3\ntoken_ttl_s = 7200\ndelay_days = 2\n";
  for (int i = 0; i < accounts; ++i) {
    ini += "[account." + appidOf(i) + "]\nsecret = bench-secret-" + std::to_string(i) +
           "\nname = bench" + std::to_string(i) +
           "\nfrom = 2023-01-01\nfollowers_start = " + std::to_string(10000 + 1000 * i) +
           "\narticles_per_year = " + std::to_string(300 + 60 * i) +
           "\npage_views_per_year = 900000\nread_users_per_year = 600000\n"
           "followers_net_per_year = 2000\n";
  }
  auto sc = sim::parseScenario(ini);
  if (!sc) {
    std::fprintf(stderr, "scenario: %s\n", sc.error().describe().c_str());
    std::exit(1);
  }
  return sc.value();
}

// Parses one stored body again, as the collector did; returns false on a parse error.
bool reparse(const std::string& request, std::string body) {
  const std::string name = request.substr(0, request.find(' '));
  const auto e = model::endpointFromName(name);
  if (!e) return true;
  switch (*e) {
    case model::Endpoint::UserSummary:
      return static_cast<bool>(wechat::parseUserSummary(body));
    case model::Endpoint::UserCumulate:
      return static_cast<bool>(wechat::parseUserCumulate(body));
    case model::Endpoint::ArticleSummary:
      return static_cast<bool>(wechat::parseArticleSummary(body));
    case model::Endpoint::ArticleTotal:
      return static_cast<bool>(wechat::parseArticleTotal(body));
    case model::Endpoint::UserRead:
      return static_cast<bool>(wechat::parseUserRead(body));
    case model::Endpoint::BizSummary:
      return static_cast<bool>(wechat::parseBizSummary(body));
    case model::Endpoint::ArticleTotalDetail:
      return static_cast<bool>(wechat::parseArticleTotalDetail(body));
    case model::Endpoint::ArticleRead:
      return static_cast<bool>(wechat::parseArticleRead(body));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int accounts = argc > 1 ? std::atoi(argv[1]) : 10;
  const int latency_ms = argc > 2 ? std::atoi(argv[2]) : 20;
  const int concurrency = argc > 3 ? std::atoi(argv[3]) : 4;
  const int year = argc > 4 ? std::atoi(argv[4]) : 2024;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  {
    const core::Date first = *core::Date::fromYmd(year, 1, 1);
    const core::Date last = *core::Date::fromYmd(year, 12, 31);
    const core::TimePoint now = core::instantOf(last + 10, 10, 0, 0, core::kChinaTime);

    sim::SimulatorOptions opts;
    opts.scenario = benchScenario(accounts);
    opts.latency_ms = latency_ms;
    opts.now = now;
    sim::Simulator simulator(std::move(opts));
    simulator.start();

    net::HttpSettings hs;
    hs.retries = 0;
    net::CurlHttpClient http(hs);
    core::FixedClock clock(now);
    config::WeChatSettings ws;
    ws.api_base = simulator.baseUrl();
    ws.concurrency = concurrency;
    wechat::WeChatCollector collector(ws, wechat::RetrySettings{2, 200, 3}, http, clock);

    wechat::PlanSettings ps;
    ps.backfill_from = first;
    ps.legacy_repull_days = 0;
    ps.new_repull_days = 0;
    const auto calls = wechat::planCalls(ps, last, model::DateRange{first, last});
    std::vector<wechat::AccountJob> jobs;
    for (int i = 0; i < accounts; ++i) {
      wechat::AccountJob j;
      j.account.id = "bench" + std::to_string(i);
      j.account.appid = appidOf(i);
      j.secret = core::Secret("bench-secret-" + std::to_string(i));
      j.calls = calls;
      j.publish_pages = 0;  // datacube only: the figure the target is about
      jobs.push_back(std::move(j));
    }

    const auto t0 = std::chrono::steady_clock::now();
    const auto batches = collector.collect(jobs);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    long long api_calls = 0, token_calls = 0, errors = 0, rows = 0, days = 0;
    for (const auto& b : batches) {
      api_calls += b.calls;
      token_calls += b.token_calls;
      errors += static_cast<long long>(b.errors.size());
      rows += static_cast<long long>(b.user_summary.size() + b.user_cumulate.size() +
                                     b.article_summary.size() + b.article_total.size() +
                                     b.user_read.size());
      days += static_cast<long long>(b.days.size());
    }
    const long long http_calls = api_calls + token_calls;
    const double ideal = static_cast<double>(http_calls) * latency_ms / 1000.0 / concurrency;
    std::printf("accounts %d, planned calls per account %zu, concurrency %d, latency %d ms\n",
                accounts, calls.size(), concurrency, latency_ms);
    std::printf("datacube calls %lld + token calls %lld, errors %lld, rows %lld, day states %lld\n",
                api_calls, token_calls, errors, rows, days);
    std::printf("wall %.2f s, ideal %.2f s, ratio %.3f\n", wall, ideal, wall / ideal);

    // Parse cost: every stored body parsed again on this thread, best of 3 passes.
    std::map<std::string, std::pair<double, long long>> per_endpoint;
    double best = 1e30;
    long long parsed = 0, bytes = 0;
    for (int pass = 0; pass < 3; ++pass) {
      parsed = 0;
      bytes = 0;
      const double c0 = threadCpuSeconds();
      for (const auto& b : batches) {
        for (const auto& r : b.raw) {
          const double e0 = threadCpuSeconds();
          if (!reparse(r.request, r.body))
            std::fprintf(stderr, "parse failed: %s\n", r.request.c_str());
          if (pass == 2) {
            auto& slot = per_endpoint[r.request.substr(0, r.request.find(' '))];
            slot.first += threadCpuSeconds() - e0;
            slot.second += 1;
          }
          ++parsed;
          bytes += static_cast<long long>(r.body.size());
        }
      }
      best = std::min(best, threadCpuSeconds() - c0);
    }
    std::printf("parse: %lld bodies, %.1f KiB avg, %.1f us CPU per body (incl. body copy)\n",
                parsed, static_cast<double>(bytes) / static_cast<double>(parsed) / 1024.0,
                best * 1e6 / static_cast<double>(parsed));
    for (const auto& [name, v] : per_endpoint)
      std::printf("  %-22s %6lld bodies %8.1f us each\n", name.c_str(), v.second,
                  v.first * 1e6 / static_cast<double>(v.second));
  }
  curl_global_cleanup();
  return 0;
}
