// SPDX-License-Identifier: Apache-2.0
// Benchmarks WeChat datacube parsing on large synthetic bodies (seconds per row and bytes/s).
#include <benchmark/benchmark.h>

#include <string>

#include "collectors/wechat/datacube_json.h"
#include "core/date.h"

namespace {

using pubtrack::wechat::parseArticleTotal;
using pubtrack::wechat::parseUserSummary;

// `articles` getarticletotal rows, each with 7 cumulative details carrying every known field.
std::string articleTotalBody(int articles) {
  std::string body = R"({"list":[)";
  for (int a = 0; a < articles; ++a) {
    if (a) body += ',';
    body += R"({"ref_date":"2024-03-01","user_source":0,"msgid":")" +
            std::to_string(2247483904 + a) + R"(_1","title":"关于做好2024年政务公开工作的通知 )" +
            std::to_string(a) +
            R"(","url":"http://mp.weixin.qq.com/s?__biz=MzA5&mid=2247483904&idx=1","details":[)";
    for (int d = 0; d < 7; ++d) {
      if (d) body += ',';
      const std::string n = std::to_string(1000 + a + d);
      body += R"({"stat_date":"2024-03-0)" + std::to_string(d + 1) + R"(","target_user":261917)";
      for (const char* f : {"int_page_read_user",
                            "int_page_read_count",
                            "ori_page_read_user",
                            "ori_page_read_count",
                            "share_user",
                            "share_count",
                            "add_to_fav_user",
                            "add_to_fav_count",
                            "int_page_from_session_read_user",
                            "int_page_from_session_read_count",
                            "int_page_from_hist_msg_read_user",
                            "int_page_from_hist_msg_read_count",
                            "int_page_from_feed_read_user",
                            "int_page_from_feed_read_count",
                            "int_page_from_friends_read_user",
                            "int_page_from_friends_read_count",
                            "int_page_from_other_read_user",
                            "int_page_from_other_read_count",
                            "feed_share_from_session_user",
                            "feed_share_from_session_cnt",
                            "feed_share_from_feed_user",
                            "feed_share_from_feed_cnt",
                            "feed_share_from_other_user",
                            "feed_share_from_other_cnt"})
        body += std::string(",\"") + f + "\":" + n;
      body += '}';
    }
    body += "]}";
  }
  body += "]}";
  return body;
}

// `days` × 10 follow channels of getusersummary rows.
std::string userSummaryBody(int days) {
  static constexpr int kSources[] = {0, 1, 17, 30, 57, 100, 149, 161, 200, 201};
  std::string body = R"({"list":[)";
  bool first = true;
  for (int d = 0; d < days; ++d) {
    const std::string day =
        pubtrack::core::Date::fromDays(pubtrack::core::daysFromCivil(2024, 1, 1) + d).toString();
    for (int s : kSources) {
      if (!first) body += ',';
      first = false;
      body += R"({"ref_date":")" + day + R"(","user_source":)" + std::to_string(s) +
              R"(,"new_user":)" + std::to_string(d * 3 + s) + R"(,"cancel_user":)" +
              std::to_string(d + s / 10) + "}";
    }
  }
  body += "]}";
  return body;
}

void BM_ParseArticleTotal(benchmark::State& state) {
  const int articles = static_cast<int>(state.range(0));
  std::string body = articleTotalBody(articles);
  const auto size = static_cast<int64_t>(body.size());
  for (auto _ : state) {
    auto r = parseArticleTotal(body);
    if (!r) state.SkipWithError(r.error().describe().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * size);
  // Rows = articles × 7 details.
  state.counters["time_per_row"] = benchmark::Counter(
      static_cast<double>(articles) * 7,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ParseArticleTotal)->Arg(100)->Arg(2000);

void BM_ParseUserSummary(benchmark::State& state) {
  const int days = static_cast<int>(state.range(0));
  std::string body = userSummaryBody(days);
  const auto size = static_cast<int64_t>(body.size());
  for (auto _ : state) {
    auto r = parseUserSummary(body);
    if (!r) state.SkipWithError(r.error().describe().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * size);
  state.counters["time_per_row"] = benchmark::Counter(
      static_cast<double>(days) * 10,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ParseUserSummary)->Arg(7)->Arg(366);

}  // namespace

BENCHMARK_MAIN();
