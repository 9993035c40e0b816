// SPDX-License-Identifier: Apache-2.0
// Micro-benchmarks of the store: feed item and mention upserts, WeChat row upserts (in-memory
// database, batched transactions), and the report's figure queries over a store filled by
// bench/gen_store.sql (10 accounts x 3 years of daily rows, 100,000 feed items, 5,000 mentions).
#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/clock.h"
#include "core/date.h"
#include "reports/annual_figures.h"
#include "store/database.h"
#include "store/feeds_repo.h"
#include "store/wechat_repo.h"

namespace {

using namespace pubtrack;

std::unique_ptr<store::Database> memoryDb() { return store::Database::openInMemory(); }

const core::TimePoint kAt = *core::parseUtc("2024-05-17T09:00:00Z");

model::FeedItemRecord item(int64_t i) {
  model::FeedItemRecord r;
  r.feed = "gen" + std::to_string(i % 100);
  r.link = "https://news.example.cn/a/" + std::to_string(i) + ".html";
  r.item_key = r.link;
  r.guid = r.link;
  r.title = "本市新闻第" + std::to_string(i) + "条 城市建设与民生";
  r.summary = "摘要：一条用于性能测试的新闻摘要，长度与真实的新闻摘要相近。";
  r.published = core::parseUtc("2024-05-17T08:30:00Z");
  r.published_raw = "Fri, 17 May 2024 16:30:00 +0800";
  return r;
}

constexpr int kBatch = 1000;

// New items: each iteration inserts kBatch fresh rows in one transaction.
void BM_UpsertItemInsert(benchmark::State& state) {
  auto db = memoryDb();
  store::FeedsRepo repo(*db);
  int64_t next = 0;
  for (auto _ : state) {
    store::Transaction tx(*db);
    for (int k = 0; k < kBatch; ++k) benchmark::DoNotOptimize(repo.upsertItem(item(next++), kAt));
    tx.commit();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kBatch);
}
BENCHMARK(BM_UpsertItemInsert)->Unit(benchmark::kMillisecond);

// Items seen again (the nightly case): kBatch updates of existing rows per transaction.
void BM_UpsertItemUpdate(benchmark::State& state) {
  auto db = memoryDb();
  store::FeedsRepo repo(*db);
  const int64_t existing = 50000;
  {
    store::Transaction tx(*db);
    for (int64_t i = 0; i < existing; ++i) repo.upsertItem(item(i), kAt);
    tx.commit();
  }
  int64_t next = 0;
  for (auto _ : state) {
    store::Transaction tx(*db);
    for (int k = 0; k < kBatch; ++k)
      benchmark::DoNotOptimize(repo.upsertItem(item(next++ % existing), kAt));
    tx.commit();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kBatch);
}
BENCHMARK(BM_UpsertItemUpdate)->Unit(benchmark::kMillisecond);

// Mentions with de-duplication lookups (URL and title), one per new item.
void BM_UpsertMention(benchmark::State& state) {
  auto db = memoryDb();
  store::FeedsRepo repo(*db);
  int64_t next = 0;
  for (auto _ : state) {
    store::Transaction tx(*db);
    for (int k = 0; k < kBatch; ++k) {
      const auto it = item(next++);
      model::Mention m;
      m.item_id = repo.upsertItem(it, kAt).first;
      m.outlet = "媒体" + std::to_string(next % 50);
      m.tier = model::Tier::Municipal;
      m.title = it.title;
      m.url = it.link;
      m.norm_url = it.link;
      m.norm_title = it.title;
      m.published = it.published;
      m.day = *core::Date::fromYmd(2024, 5, 17);
      m.keywords = "深圳市国资委";
      benchmark::DoNotOptimize(repo.upsertMention(m, kAt));
    }
    tx.commit();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kBatch);
}
BENCHMARK(BM_UpsertMention)->Unit(benchmark::kMillisecond);

// One account-year of follower rows (getusersummary + getusercumulate), replaced as a backfill
// stores them.
void BM_WeChatYearUpsert(benchmark::State& state) {
  auto db = memoryDb();
  store::WeChatRepo repo(*db);
  const core::Date first = *core::Date::fromYmd(2024, 1, 1);
  std::vector<model::UserSummaryRow> summary;
  std::vector<model::UserCumulateRow> cumulate;
  std::set<core::Date> days;
  for (int d = 0; d < 366; ++d) {
    const std::string day = (first + d).toString();
    days.insert(first + d);
    model::UserSummaryRow s;
    s.ref_date = day;
    s.user_source = 0;
    s.new_user = 40 + d % 7;
    s.cancel_user = 3;
    summary.push_back(s);
    model::UserCumulateRow c;
    c.ref_date = day;
    c.cumulate_user = 10000 + d * 37;
    cumulate.push_back(c);
  }
  int64_t n = 0;
  for (auto _ : state) {
    const std::string account = "acct" + std::to_string(n++ % 10);
    store::Transaction tx(*db);
    repo.replaceUserSummary(account, days, summary);
    repo.upsertCumulate(account, cumulate);
    tx.commit();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 2 * 366);
}
BENCHMARK(BM_WeChatYearUpsert)->Unit(benchmark::kMillisecond);

// The report's figures for 2024 over the generated store, with and without the previous year.
// The store is a file in a temporary folder: created and migrated by the store, filled by the
// generator script through a connection of the benchmark's own.
struct ReportStore {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  config::Settings settings;
  ~ReportStore() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

const ReportStore& reportStore() {
  static const std::unique_ptr<ReportStore> rs = [] {
    auto owned = std::make_unique<ReportStore>();
    ReportStore& out = *owned;
    char dir[] = "/tmp/pubtrack-store-bench-XXXXXX";
    if (!::mkdtemp(dir)) std::abort();
    out.dir = dir;
    const auto path = out.dir / "bench.db";
    if (!store::Database::open(path)) std::abort();
    std::ifstream in(std::string(PUBTRACK_BENCH_DIR) + "/gen_store.sql");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string sql = ss.str();
    const std::vector<std::pair<std::string, std::string>> params = {{"@accounts", "10"},
                                                                     {"@items", "100000"},
                                                                     {"@feeds", "100"},
                                                                     {"@years", "3"},
                                                                     {"@last_year", "2024"}};
    for (const auto& [k, v] : params)
      for (size_t p = sql.find(k); p != std::string::npos; p = sql.find(k, p + v.size()))
        sql.replace(p, k.size(), v);
    // The data part only: the PRAGMAs and the closing summary line are for the sqlite3 shell.
    const size_t begin = sql.find("BEGIN;"), end = sql.find("COMMIT;");
    const std::string kept = sql.substr(begin, end + 7 - begin);
    {
      SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
      raw.exec(kept);
    }
    auto opened = store::Database::open(path);
    if (!opened) std::abort();
    out.db = std::move(opened.value());
    std::string ini = "[database]\npath = :memory:\n[monitor]\nkeywords = 深圳市国资委\n";
    for (int i = 1; i <= 10; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "acct%03d", i);
      ini += std::string("[account.") + id + "]\nname = " + id + "\nappid = wxbench" + id +
             "\nsecret_env = PUBTRACK_BENCH_SECRET\n";
    }
    auto loaded = config::loadSettingsFromString(ini, "/tmp/pubtrack-store-bench.ini");
    if (!loaded.settings) {
      for (const auto& p : loaded.problems) std::fprintf(stderr, "store_bench: %s\n", p.c_str());
      std::abort();
    }
    out.settings = *loaded.settings;
    return owned;
  }();
  return *rs;
}

void BM_ComputeFigures(benchmark::State& state) {
  const ReportStore& rs = reportStore();
  reports::FigureRequest req;
  req.year = 2024;
  req.from = *core::Date::fromYmd(2024, 1, 1);
  req.to = *core::Date::fromYmd(2024, 12, 31);
  req.with_previous = state.range(0) != 0;
  const auto now = core::instantOf(*core::Date::fromYmd(2025, 1, 10), 10, 0, 0, core::kChinaTime);
  for (auto _ : state)
    benchmark::DoNotOptimize(reports::computeFigures(*rs.db, rs.settings, req, now));
}
BENCHMARK(BM_ComputeFigures)->Arg(0)->Arg(1)->ArgName("previous")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
