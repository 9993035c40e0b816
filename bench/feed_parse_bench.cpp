// SPDX-License-Identifier: Apache-2.0
// Throughput of parseFeed over the whole shared feed corpus, read into memory first.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "collectors/feeds/feed_parser.h"

namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> files;
  size_t bytes = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    const fs::path dir = fs::path(PUBTRACK_SHARED_DIR) / "corpus" / "feeds";
    std::vector<fs::path> paths;
    if (fs::exists(dir))
      for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name == "expected.json" || name == "MANIFEST.tsv" || name == "README.md") continue;
        paths.push_back(e.path());
      }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      out.bytes += ss.str().size();
      out.files.push_back(ss.str());
    }
    return out;
  }();
  return c;
}

void BM_ParseWholeCorpus(benchmark::State& state) {
  const Corpus& c = corpus();
  if (c.files.empty()) {
    state.SkipWithError("corpus not found");
    return;
  }
  size_t items = 0;
  for (auto _ : state) {
    for (const auto& f : c.files) {
      auto r = pubtrack::feeds::parseFeed(f);
      if (r) items += r->items.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
  state.counters["files"] = static_cast<double>(c.files.size());
  state.counters["items/s"] =
      benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseWholeCorpus)->Unit(benchmark::kMillisecond);

// The largest file alone (a 1.6 MB podcast feed): the steady-state tokenizer speed.
void BM_ParseLargestFile(benchmark::State& state) {
  const Corpus& c = corpus();
  if (c.files.empty()) {
    state.SkipWithError("corpus not found");
    return;
  }
  const auto& largest = *std::max_element(
      c.files.begin(), c.files.end(),
      [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  for (auto _ : state) {
    auto r = pubtrack::feeds::parseFeed(largest);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(largest.size()));
}
BENCHMARK(BM_ParseLargestFile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
