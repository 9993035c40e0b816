// SPDX-License-Identifier: Apache-2.0
// mention_match_bench: the mention matcher's quality and cost. Prints precision and recall on
// the labeled set (tests/mentions/labeled_mentions.tsv) overall, by rule and by category, then
// the time to match one item: the labeled set's items, and every item of the feed corpus
// (parsed first, matched as the collector does, on one thread). Last line: one JSON object.
//
// Usage: mention_match_bench [corpus_dir] [passes=5]
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
#include "collectors/mentions/mention_matcher.h"
#include "tests/mentions/labeled_set.h"

namespace fs = std::filesystem;

namespace {

double cpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pubtrack;
  const fs::path dir =
      argc > 1 ? fs::path(argv[1]) : fs::path(PUBTRACK_SHARED_DIR) / "corpus" / "feeds";
  const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

  const auto labeled = fakes::loadLabeledSet(std::string(PUBTRACK_SOURCE_DIR) +
                                             "/tests/mentions/labeled_mentions.tsv");
  const mentions::MentionMatcher matcher(fakes::labeledSetMonitor());
  const auto e = fakes::evaluate(matcher, labeled);
  std::printf("labeled set: %zu items\n%s", labeled.size(), fakes::formatEvaluation(e).c_str());

  // The corpus's items, as the collector sees them after parsing.
  std::vector<feeds::FeedItem> items;
  size_t textBytes = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == "MANIFEST.tsv" || name == "README.md" ||
        name == "expected.json")
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    auto r = feeds::parseFeed(ss.str());
    if (!r) continue;
    for (auto& it : r->items) {
      textBytes += it.title.size() + it.summary.size() + it.content.size();
      items.push_back(std::move(it));
    }
  }

  double bestLabeled = 1e30, bestCorpus = 1e30, bestCorpusCpu = 1e30;
  size_t corpusMatches = 0;
  for (int pass = 0; pass < passes; ++pass) {
    auto t0 = std::chrono::steady_clock::now();
    for (int rep = 0; rep < 20; ++rep)
      for (const auto& it : labeled) (void)matcher.match(it.title, it.summary, "", it.local);
    bestLabeled = std::min(
        bestLabeled, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    corpusMatches = 0;
    const double c0 = cpuSeconds();
    t0 = std::chrono::steady_clock::now();
    for (const auto& it : items)
      corpusMatches += matcher.match(it.title, it.summary, it.content, false).matched();
    bestCorpus = std::min(
        bestCorpus, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    bestCorpusCpu = std::min(bestCorpusCpu, cpuSeconds() - c0);
  }
  const double labeledUs = bestLabeled / (20.0 * static_cast<double>(labeled.size())) * 1e6;
  const double corpusUs = items.empty() ? 0 : bestCorpus / static_cast<double>(items.size()) * 1e6;
  const double corpusMBs = static_cast<double>(textBytes) / 1e6 / bestCorpusCpu;
  std::printf("labeled set: %.2f us per item\n", labeledUs);
  std::printf(
      "corpus: %zu items, %.1f MB of title+summary+content, %.2f us per item, %.0f MB/s "
      "(CPU), %zu matched\n",
      items.size(), static_cast<double>(textBytes) / 1e6, corpusUs, corpusMBs, corpusMatches);
  std::printf(
      "{\"precision\": %.4f, \"recall\": %.4f, \"labeled_us_per_item\": %.3f, "
      "\"corpus_items\": %zu, \"corpus_us_per_item\": %.3f, \"corpus_text_mb_per_s\": %.1f}\n",
      e.overall.precision(), e.overall.recall(), labeledUs, items.size(), corpusUs, corpusMBs);
  return e.overall.precision() >= 0.95 && e.overall.recall() >= 0.95 ? 0 : 1;
}
