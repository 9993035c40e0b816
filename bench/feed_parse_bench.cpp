// SPDX-License-Identifier: Apache-2.0
// Throughput of parseFeed over the shared feed corpus, read into memory first: the whole corpus,
// the largest file, and one case per format and per encoding family (MANIFEST.tsv columns).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
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

// Corpus files grouped by MANIFEST.tsv's format column and by encoding family (feedparser's
// detected encoding, else the declared one).
struct Groups {
  std::map<std::string, std::vector<std::string>> by_format, by_encoding;
};

std::string formatFamily(const std::string& f) {
  if (f == "rss2.0") return "rss2.0";
  if (f.rfind("rss0.9", 0) == 0 && f.find("rdf") == std::string::npos) return "rss0.9x";
  if (f.find("rdf") != std::string::npos) return "rdf";
  if (f == "rss?") return "rss_noversion";
  if (f == "atom1.0") return "atom1.0";
  if (f.rfind("atom", 0) == 0) return "atom0.3_other";
  if (f.rfind("jsonfeed", 0) == 0) return "jsonfeed";
  return "not_a_feed";
}

std::string encodingFamily(std::string e) {
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (e.empty() || e == "-" || e.rfind("utf-8", 0) == 0 || e == "utf8" || e == "ascii" ||
      e == "us-ascii")
    return "utf8";
  if (e.find("16") != std::string::npos || e.find("32") != std::string::npos) return "utf16_32";
  if (e.find("gb") != std::string::npos || e.find("big5") != std::string::npos) return "chinese";
  if (e.find("euc") != std::string::npos || e.find("shift") != std::string::npos ||
      e.find("sjis") != std::string::npos || e.find("949") != std::string::npos)
    return "japanese_korean";
  return "single_byte";
}

const Groups& groups() {
  static const Groups g = [] {
    Groups out;
    const fs::path dir = fs::path(PUBTRACK_SHARED_DIR) / "corpus" / "feeds";
    std::ifstream in(dir / "MANIFEST.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> cols;
      std::istringstream ls(line);
      for (std::string c; std::getline(ls, c, '\t');) cols.push_back(c);
      if (cols.size() < 10) continue;
      std::ifstream f(dir / cols[0], std::ios::binary);
      if (!f) continue;
      std::ostringstream ss;
      ss << f.rdbuf();
      const std::string enc = cols[9].empty() ? cols[4] : cols[9];
      out.by_format[formatFamily(cols[3])].push_back(ss.str());
      out.by_encoding[encodingFamily(enc)].push_back(ss.str());
    }
    return out;
  }();
  return g;
}

void parseGroup(benchmark::State& state, const std::vector<std::string>& files) {
  size_t bytes = 0, items = 0;
  for (const auto& f : files) bytes += f.size();
  for (auto _ : state) {
    for (const auto& f : files) {
      auto r = pubtrack::feeds::parseFeed(f);
      if (r) items += r->items.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["items/s"] =
      benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsRate);
}

// One benchmark per group, registered at start-up (names: BM_Format/rss2.0, BM_Encoding/chinese).
const bool kGroupsRegistered = [] {
  for (const auto& [name, files] : groups().by_format)
    benchmark::RegisterBenchmark(("BM_Format/" + name).c_str(), [&files](benchmark::State& s) {
      parseGroup(s, files);
    })->Unit(benchmark::kMicrosecond);
  for (const auto& [name, files] : groups().by_encoding)
    benchmark::RegisterBenchmark(("BM_Encoding/" + name).c_str(), [&files](benchmark::State& s) {
      parseGroup(s, files);
    })->Unit(benchmark::kMicrosecond);
  return true;
}();

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
