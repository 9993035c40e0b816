// SPDX-License-Identifier: Apache-2.0
// Micro-benchmarks of the report's wording: approxCount over a spread of values, the narrative of
// the seed report and of a large one (10 accounts, 100 outlets), and each writer on the large one.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "reports/narrative.h"
#include "reports/phrasing.h"
#include "reports/writers.h"
#include "tests/reports/sample_figures.h"

namespace {

using namespace pubtrack::reports;

std::vector<int64_t> spreadValues() {
  std::vector<int64_t> v;
  for (int64_t x = 1; x < 3'000'000'000LL; x = x * 7 / 5 + 3) v.push_back(x);
  return v;
}

void BM_ApproxCount(benchmark::State& state) {
  const auto values = spreadValues();
  const Lang lang = state.range(0) == 0 ? Lang::Zh : Lang::En;
  for (auto _ : state)
    for (const int64_t x : values)
      benchmark::DoNotOptimize(approxCount(x, 500, Growth::Milestone, lang, "posts"));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_ApproxCount)->Arg(0)->Arg(1)->ArgName("en");

void BM_ChangePhrase(benchmark::State& state) {
  const auto values = spreadValues();
  for (auto _ : state)
    for (size_t i = 1; i < values.size(); ++i)
      benchmark::DoNotOptimize(changePhrase(values[i], values[i - 1], Lang::Zh, "篇", 500));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(values.size() - 1));
}
BENCHMARK(BM_ChangePhrase);

void BM_NarrativeSeed(benchmark::State& state) {
  const Figures f = pubtrack::fakes::seedFigures();
  for (auto _ : state) benchmark::DoNotOptimize(narrative(f, Lang::Zh, 500));
}
BENCHMARK(BM_NarrativeSeed)->Unit(benchmark::kMicrosecond);

void BM_NarrativeLarge(benchmark::State& state) {
  const Figures f = pubtrack::fakes::largeFigures();
  for (auto _ : state) benchmark::DoNotOptimize(narrative(f, Lang::Zh, 500));
}
BENCHMARK(BM_NarrativeLarge)->Unit(benchmark::kMicrosecond);

template <std::string (*Render)(const Figures&, const RenderOptions&)>
void BM_Render(benchmark::State& state) {
  const Figures f = pubtrack::fakes::largeFigures();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = Render(f, RenderOptions{});
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["out_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Render<renderText>)->Name("BM_RenderLarge/text")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Render<renderMarkdown>)
    ->Name("BM_RenderLarge/markdown")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Render<renderJson>)->Name("BM_RenderLarge/json")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Render<renderCsv>)->Name("BM_RenderLarge/csv")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Render<renderHtml>)->Name("BM_RenderLarge/html")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Render<renderDocx>)->Name("BM_RenderLarge/docx")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
