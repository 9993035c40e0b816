// SPDX-License-Identifier: Apache-2.0
// feed_parse_throughput: parseFeed over every corpus file (read into memory first) on one thread;
// prints one JSON line with the best pass's MB/s (wall and thread CPU time), items, files parsed
// and peak RSS.
//
// Usage: feed_parse_throughput [corpus_dir] [passes=30]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "collectors/feeds/feed_parser.h"

namespace fs = std::filesystem;

namespace {

double cpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool isCorpusFile(const std::string& name) {
  return name != "expected.json" && name != "MANIFEST.tsv" && name != "README.md";
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir =
      argc > 1 ? fs::path(argv[1]) : fs::path(PUBTRACK_SHARED_DIR) / "corpus" / "feeds";
  const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 30;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && isCorpusFile(e.path().filename().string()))
      paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> files;
  size_t bytes = 0;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back(ss.str());
    bytes += files.back().size();
  }
  if (files.empty()) {
    std::fprintf(stderr, "feed_parse_throughput: no corpus files in %s\n", dir.c_str());
    return 2;
  }

  double best = 1e30, best_cpu = 1e30, total = 0;
  size_t items = 0, parsed = 0, with_items = 0;
  for (int pass = 0; pass < passes; ++pass) {
    items = parsed = with_items = 0;
    const double c0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& f : files) {
      const auto r = pubtrack::feeds::parseFeed(f);
      if (!r) continue;
      ++parsed;
      items += r->items.size();
      if (!r->items.empty()) ++with_items;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, wall);
    best_cpu = std::min(best_cpu, cpuSeconds() - c0);
    total += wall;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf(
      "{\"peer\":\"pubtrack\",\"files\":%zu,\"parsed\":%zu,\"with_items\":%zu,\"items\":%zu,"
      "\"bytes\":%zu,\"passes\":%d,\"best_s\":%.6f,\"mean_s\":%.6f,\"best_cpu_s\":%.6f,"
      "\"mbps\":%.2f,\"cpu_mbps\":%.2f,\"mbps_mean\":%.2f,\"items_per_s\":%.0f,\"peak_rss_mb\":%."
      "1f}\n",
      files.size(), parsed, with_items, items, bytes, passes, best, total / passes, best_cpu,
      mb / best, mb / best_cpu, mb / (total / passes), static_cast<double>(items) / best,
      static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
