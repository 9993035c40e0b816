// SPDX-License-Identifier: Apache-2.0
// store_upsert_throughput: rows/s of store::FeedsRepo::upsertItem into a fresh database, in
// batched transactions (as the feeds job writes), then a second pass over the same keys (every
// row an update). Optionally writes the same rows as CSV for the sqlite3 `.import` comparison.
//
// Usage: store_upsert_throughput DB_PATH [rows=1000000] [batch=10000] [CSV_PATH]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/date.h"
#include "store/database.h"
#include "store/feeds_repo.h"

namespace {

using pubtrack::model::FeedItemRecord;
namespace core = pubtrack::core;

// The i-th synthetic item: 1000 feeds, sizes close to real news items (title ~40 bytes UTF-8,
// summary ~90, link ~40).
FeedItemRecord makeItem(long i, const std::string& day) {
  FeedItemRecord r;
  r.feed = "gen" + std::to_string(i % 1000);
  r.link =
      "https://news" + std::to_string(i % 1000) + ".example.cn/a/" + std::to_string(i) + ".html";
  r.item_key = r.link;
  r.guid = r.link;
  r.title = "本市新闻第" + std::to_string(i) + "条 城市建设与民生";
  r.summary = "摘要：一条用于性能测试的新闻摘要，长度与真实的新闻摘要相近。";
  r.author = "记者";
  r.published = core::parseUtc(day + "T08:30:00Z");
  r.published_raw = day;
  r.position = i % 20;
  return r;
}

std::string csvField(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

double pass(pubtrack::store::Database& db, pubtrack::store::FeedsRepo& repo, long rows, long batch,
            core::TimePoint now, long& inserted) {
  inserted = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (long start = 0; start < rows; start += batch) {
    pubtrack::store::Transaction tx(db);
    for (long i = start; i < std::min(rows, start + batch); ++i)
      if (repo.upsertItem(makeItem(i, "2024-05-17"), now).second) ++inserted;
    tx.commit();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_upsert_throughput DB [rows] [batch] [CSV]\n");
    return 2;
  }
  const std::filesystem::path path = argv[1];
  const long rows = argc > 2 ? std::atol(argv[2]) : 1000000;
  const long batch = argc > 3 ? std::max(1L, std::atol(argv[3])) : 10000;
  const std::string nowText = "2024-05-18T02:00:00Z";
  const core::TimePoint now = *core::parseUtc(nowText);
  if (argc > 4) {
    std::ofstream csv(argv[4], std::ios::binary | std::ios::trunc);
    for (long i = 0; i < rows; ++i) {
      const FeedItemRecord r = makeItem(i, "2024-05-17");
      csv << csvField(r.feed) << ',' << csvField(r.item_key) << ',' << csvField(r.guid) << ','
          << csvField(r.title) << ',' << csvField(r.link) << ',' << csvField(r.summary) << ",,"
          << csvField(r.author) << ',' << csvField(core::formatUtc(*r.published)) << ','
          << csvField(r.published_raw) << ",,," << r.position << ',' << nowText << ',' << nowText
          << '\n';
    }
  }
  std::filesystem::remove(path);
  auto db = pubtrack::store::Database::open(path);
  if (!db) {
    std::fprintf(stderr, "store_upsert_throughput: %s\n", db.error().describe().c_str());
    return 1;
  }
  pubtrack::store::FeedsRepo repo(**db);
  long inserted = 0, inserted2 = 0;
  const double first = pass(**db, repo, rows, batch, now, inserted);
  const double second =
      pass(**db, repo, rows, batch, *core::parseUtc("2024-05-19T02:00:00Z"), inserted2);
  std::printf(
      "{\"rows\":%ld,\"batch\":%ld,\"insert_s\":%.3f,\"insert_rows_per_s\":%.0f,"
      "\"inserted\":%ld,\"update_s\":%.3f,\"update_rows_per_s\":%.0f,\"inserted_again\":%ld}\n",
      rows, batch, first, static_cast<double>(rows) / first, inserted, second,
      static_cast<double>(rows) / second, inserted2);
  return inserted == rows && inserted2 == 0 ? 0 : 1;
}
