// SPDX-License-Identifier: Apache-2.0
// Soak: 60 simulated nights of the built `pubtrack collect` against pubtrack-sim with random
// faults, kills and a concurrent reader; then the figures, the run history and the database.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/date.h"
#include "sim/scenario.h"
#include "sim/simulator.h"
#include "tests/support/http_call.h"
#include "tests/support/temp_dir.h"

namespace pubtrack {
namespace {

using JsonObject = Poco::JSON::Object::Ptr;

constexpr const char* kScenario = R"(
[sim]
seed = 2025
[account.wxsoak000000000001]
secret = soak-secret-one-value
name = 深圳国资委
from = 2025-01-01
followers_start = 38000
articles_per_year = 795
page_views_per_year = 1523456
read_users_per_year = 1180000
[account.wxsoak000000000002]
secret = soak-secret-two-value
name = 市场监管
from = 2025-01-01
followers_start = 1200
articles_per_year = 200
page_views_per_year = 90000
read_users_per_year = 60000
)";

constexpr const char* kFirstNight = "2025-10-01";  // the nights cross 2025-11-01 (new endpoints)
constexpr const char* kBackfillFrom = "2025-09-01";
constexpr long kTimeoutMs = 1500;  // [http] timeout_ms: some slow faults stay under it, some not
constexpr int kGeneratedFeeds = 3;

const std::map<std::string, std::string> kAccounts = {{"main", "wxsoak000000000001"},
                                                      {"market", "wxsoak000000000002"}};
const std::vector<std::string> kDemoFeeds = {"people.xml",    "xinhua.xml", "central-mix.rdf",
                                             "southcn.xml",   "sznews.xml", "dutenews.json",
                                             "aggregator.xml"};
const std::vector<std::string> kEndpoints = {
    "getusersummary", "getusercumulate", "getarticlesummary",     "getarticletotal",
    "getuserread",    "getbizsummary",   "getarticletotaldetail", "getarticleread"};

// ----- processes -----------------------------------------------------------------------------

const std::vector<std::string> kSecrets = {"SOAK_SECRET_ONE=soak-secret-one-value",
                                           "SOAK_SECRET_TWO=soak-secret-two-value"};

fakes::ProcessResult pubtrack(std::vector<std::string> args, const std::filesystem::path& cwd) {
  args.insert(args.begin(), PUBTRACK_EXE);
  return fakes::runProcess(args, cwd, kSecrets);
}

// ----- HTTP and JSON -------------------------------------------------------------------------

Poco::Dynamic::Var parseJson(const std::string& text) {
  Poco::JSON::Parser p;
  return p.parse(text);
}

std::optional<long long> intField(const JsonObject& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<long long>(key);
}

// ----- the scenario's faults -----------------------------------------------------------------

struct FaultSpec {
  int errcode = 0;
  int http_status = 0;
  std::string kind;  // html, truncated, cut, garbage, slow
  int delay_ms = 0;
  std::string label() const {
    if (errcode) return "errcode " + std::to_string(errcode);
    if (http_status) return "HTTP " + std::to_string(http_status);
    return kind + (delay_ms ? " " + std::to_string(delay_ms) + " ms" : "");
  }
};

struct Injected {
  long long id = 0;
  int night = 0;
  std::string source;    // "account.main", "feed.people"
  std::string endpoint;  // "getusersummary" for WeChat faults, "" for feeds
  std::string path;
  FaultSpec spec;
};

enum class Ending { Normal, Term, Kill };

struct Night {
  core::Date day;
  int64_t runs_before = 0, runs_after = 0;
  Ending ending = Ending::Normal;
  bool signal_sent = false;
  int exit_code = -1;
  std::vector<Injected> faults;
};

// What a served fault must leave in run_errors, as SQL-free predicates on one row.
struct ErrorRow {
  std::string run_source, source, kind, code, message;
};

// Whether `row` records `f`. WeChat: the row's source names the account and the endpoint;
// feeds: the run is the feed's. Errcodes and HTTP statuses match `code` exactly; unreadable
// bodies are bad-payload (html, cut, garbage) or, when the transfer itself broke (truncated),
// network; a response slower than [http] timeout_ms is a timeout.
bool records(const ErrorRow& row, const Injected& f) {
  if (row.run_source != f.source) return false;
  if (!f.endpoint.empty() && row.source.find(" " + f.endpoint + " ") == std::string::npos)
    return false;
  const FaultSpec& s = f.spec;
  if (s.errcode) return row.code == std::to_string(s.errcode);
  if (s.http_status) return row.code == std::to_string(s.http_status);
  if (s.kind == "slow") return row.kind == "timeout";
  if (s.kind == "truncated") return row.kind == "network" || row.kind == "bad-payload";
  return row.kind == "bad-payload";
}

// A fault that needs no trace: an answer slower than usual but inside the timeout.
bool leavesNoTrace(const FaultSpec& s) { return s.kind == "slow" && s.delay_ms < kTimeoutMs; }

// ----- the test ------------------------------------------------------------------------------

class SoakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::SimulatorOptions o;
    auto scenario = sim::parseScenario(kScenario);
    ASSERT_TRUE(scenario) << scenario.error().message;
    o.scenario = *scenario;
    o.feeds_dir = std::string(PUBTRACK_SOURCE_DIR) + "/demo/feeds";
    o.now = sim::parseSimTime(std::string(kFirstNight) + "T08:30");
    sim_ = std::make_unique<sim::Simulator>(o);
    sim_->start();
    base_ = sim_->baseUrl();
  }
  void TearDown() override { sim_.reset(); }

  // demo/pubtrack.ini with two accounts, a low timeout, fast retries and generated feeds.
  std::string config(const std::filesystem::path& db) const {
    std::string ini = fakes::readFile(std::string(PUBTRACK_SOURCE_DIR) + "/demo/pubtrack.ini");
    auto replace = [&ini](const std::string& from, const std::string& to) {
      const auto pos = ini.find(from);
      if (pos == std::string::npos) throw std::runtime_error("demo/pubtrack.ini: no " + from);
      ini.replace(pos, from.size(), to);
    };
    for (size_t pos; (pos = ini.find("@SIM_PORT@")) != std::string::npos;)
      ini.replace(pos, 10, std::to_string(sim_->port()));
    replace("path = pubtrack.db", "path = " + db.string());
    replace("backfill_from = 2019-01-01",
            std::string("backfill_from = ") + kBackfillFrom +
                "\n\n[http]\ntimeout_ms = " + std::to_string(kTimeoutMs) +
                "\nconnect_timeout_ms = 1000\nretries = 2\nretry_base_ms = 10");
    replace(
        "[account.szgz]\nname = 深圳国资\nappid = wxdemo00000000001\nsecret_env = "
        "PUBTRACK_DEMO_SECRET\n",
        "[account.main]\nname = 深圳国资委\nappid = wxsoak000000000001\nsecret_env = "
        "SOAK_SECRET_ONE\n\n[account.market]\nname = 市场监管\nappid = "
        "wxsoak000000000002\nsecret_env = SOAK_SECRET_TWO\n");
    std::string gen;
    for (int n = 1; n <= kGeneratedFeeds; ++n)
      gen += "[feed.gen" + std::to_string(n) + "]\nurl = " + base_ + "/feeds/gen/" +
             std::to_string(n) + ".xml\noutlet = 模拟新闻源" + std::to_string(n) + "\ntier = " +
             (n == 1   ? "central"
              : n == 2 ? "provincial"
                       : "municipal") +
             "\n\n";
    replace("[monitor]", gen + "[monitor]");
    return ini;
  }

  void setClock(core::Date day, int hour, int minute) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d", day.toString().c_str(), hour, minute);
    sim_->setNow(*sim::parseSimTime(buf));
  }

  long long post(const std::string& path, const std::string& body) {
    const std::string r = fakes::httpPost(base_ + path, body);
    auto obj = parseJson(r).extract<JsonObject>();
    return intField(obj, "id").value_or(0);
  }

  std::unique_ptr<sim::Simulator> sim_;
  std::string base_;
  fakes::TempDir dir_;
  fakes::TempDir ref_;
};

uint64_t seedFromEnv() {
  if (const char* s = std::getenv("PUBTRACK_SOAK_SEED"); s && *s)
    return std::strtoull(s, nullptr, 10);
  return 20251001;
}

int nightsFromEnv() {
  if (const char* s = std::getenv("PUBTRACK_SOAK_NIGHTS"); s && *s) return std::atoi(s);
  return 60;
}

int64_t maxRunId(const std::filesystem::path& db) {
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  d.setBusyTimeout(5000);
  return d.execAndGet("SELECT coalesce(max(id), 0) FROM runs").getInt64();
}

// A dashboard-like reader: opens the database read-only again and again while collects run,
// and now and then runs `pubtrack report` and `pubtrack status` as separate processes.
struct Reader {
  std::filesystem::path db, ini, cwd;
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, busy{0}, reports{0};
  std::mutex mu;
  std::vector<std::string> failures;

  void fail(const std::string& what) {
    std::lock_guard lock(mu);
    if (failures.size() < 20) failures.push_back(what);
  }

  void run() {
    for (int i = 0; !stop.load(); ++i) {
      try {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        d.setBusyTimeout(2000);
        for (const char* sql : {
                 "SELECT account, sum(int_page_read_count), sum(int_page_read_user) FROM "
                 "wechat_user_read WHERE user_source = 99999999 GROUP BY account",
                 "SELECT account, count(DISTINCT msgid) FROM wechat_articles GROUP BY account",
                 "SELECT account, max(ref_date), count(*) FROM wechat_user_cumulate GROUP BY "
                 "account",
                 "SELECT tier, count(*) FROM mentions WHERE same_as IS NULL AND status <> "
                 "'rejected' GROUP BY tier",
                 "SELECT source, status, count(*) FROM runs GROUP BY source, status",
             }) {
          SQLite::Statement q(d, sql);
          while (q.executeStep()) {
          }
        }
        ++reads;
      } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED)
          ++busy;
        else
          fail(std::string("read: ") + e.what());
      }
      if (i % 25 == 12) {
        auto r = pubtrack(
            {"--config", ini.string(), "report", "--year", "2025", "--format", "json"}, cwd);
        if (r.exit_code != 0) {
          fail("report exit " + std::to_string(r.exit_code) + ": " + r.err);
        } else {
          try {
            parseJson(r.out);
            ++reports;
          } catch (const std::exception& e) {
            fail(std::string("report JSON: ") + e.what());
          }
        }
        auto s = pubtrack({"--config", ini.string(), "status"}, cwd);
        if (s.exit_code != 0 && s.exit_code != 1)
          fail("status exit " + std::to_string(s.exit_code) + ": " + s.err);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(120));
    }
  }
};

// Regression: failed attempts that a retry got past (WeChat -1 / 40001, a feed's HTTP 500) used
// to leave no trace in run_errors; the run history must show them.
TEST_F(SoakTest, FaultsAbsorbedByARetryAppearInTheRunHistory) {
  const auto db = dir_ / "pubtrack.db";
  fakes::writeFile(dir_ / "pubtrack.ini", config(db));
  ASSERT_EQ(pubtrack({"init"}, dir_.path()).exit_code, 0);
  ASSERT_GT(
      post("/sim/fault",
           R"({"path":"/datacube/getusersummary","appid":"wxsoak000000000001","errcode":-1})"),
      0);
  ASSERT_GT(
      post("/sim/fault",
           R"({"path":"/datacube/getuserread","appid":"wxsoak000000000002","errcode":40001})"),
      0);
  ASSERT_GT(post("/sim/fault", R"({"path":"/feeds/people.xml","http_status":500})"), 0);
  auto r = pubtrack({"collect", "--today", kFirstNight}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  auto count = [&d](const std::string& runSource, const std::string& code) {
    SQLite::Statement q(d,
                        "SELECT count(*) FROM run_errors e JOIN runs r ON r.id = e.run_id WHERE "
                        "r.source = ? AND e.code = ? AND r.status = 'ok' AND e.message LIKE "
                        "'%retried%'");
    q.bind(1, runSource);
    q.bind(2, code);
    q.executeStep();
    return q.getColumn(0).getInt64();
  };
  EXPECT_EQ(count("account.main", "-1"), 1);
  EXPECT_GE(count("account.market", "40001"), 1);
  EXPECT_EQ(count("feed.people", "500"), 1);
}

TEST_F(SoakTest, SixtyFaultyNightsEndWithTheSimulatorsFiguresAndAFullHistory) {
  const uint64_t seed = seedFromEnv();
  const int nights = nightsFromEnv();
  std::cout << "soak: seed " << seed << " (PUBTRACK_SOAK_SEED), " << nights
            << " nights (PUBTRACK_SOAK_NIGHTS)\n";
  std::mt19937_64 rng(seed);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const auto started = std::chrono::steady_clock::now();

  const auto db = dir_ / "pubtrack.db";
  fakes::writeFile(dir_ / "pubtrack.ini", config(db));
  auto init = pubtrack({"init"}, dir_.path());
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;

  Reader reader;
  reader.db = db;
  reader.ini = dir_ / "pubtrack.ini";
  reader.cwd = dir_ / "reader";
  std::filesystem::create_directories(reader.cwd);
  std::thread readerThread([&reader] { reader.run(); });

  const core::Date first = *core::Date::parse(kFirstNight);
  std::vector<Night> log;
  std::map<long long, Injected> byId;
  for (int n = 0; n <= nights; ++n) {
    Night night;
    night.day = first + n;
    setClock(night.day, 8, 30 + pick(31));
    const bool clean = n == 0 || n == nights;  // the first (backfill) and the final night
    if (!clean) {
      // 0-3 faults, each on its own target (an account's endpoint, or a feed).
      const int count = pick(4);
      std::set<std::string> targets;
      for (int k = 0; k < count; ++k) {
        Injected f;
        f.night = n;
        std::string body;
        if (pick(2) == 0) {
          auto acc = kAccounts.begin();
          std::advance(acc, pick(static_cast<int>(kAccounts.size())));
          f.source = "account." + acc->first;
          f.endpoint = kEndpoints[static_cast<size_t>(pick(static_cast<int>(kEndpoints.size())))];
          f.path = "/datacube/" + f.endpoint;
          static const std::vector<FaultSpec> kWeChat = {
              {40001, 0, "", 0},   {-1, 0, "", 0},         {45009, 0, "", 0},
              {0, 0, "slow", 300}, {0, 0, "slow", 2600},   {0, 0, "truncated", 0},
              {0, 0, "cut", 0},    {0, 0, "html", 0},      {40001, 0, "", 0},
              {-1, 0, "", 0},      {0, 0, "truncated", 0}, {45011, 0, "", 0}};
          f.spec = kWeChat[static_cast<size_t>(pick(static_cast<int>(kWeChat.size())))];
          if (f.spec.errcode == 45011 && pick(3) != 0) f.spec = {-1, 0, "", 0};  // rarer
          body = "{\"path\":\"" + f.path + "\",\"appid\":\"" + kAccounts.at(acc->first) + "\"";
        } else {
          const int which = pick(static_cast<int>(kDemoFeeds.size()) + kGeneratedFeeds);
          if (which < static_cast<int>(kDemoFeeds.size())) {
            const std::string& file = kDemoFeeds[static_cast<size_t>(which)];
            f.path = "/feeds/" + file;
            f.source = "feed." + file.substr(0, file.find('.'));
          } else {
            const std::string num = std::to_string(which - static_cast<int>(kDemoFeeds.size()) + 1);
            f.path = "/feeds/gen/" + num + ".xml";
            f.source = "feed.gen" + num;
          }
          static const std::vector<FaultSpec> kFeeds = {
              {0, 500, "", 0},     {0, 0, "html", 0},    {0, 0, "garbage", 0},
              {0, 0, "slow", 300}, {0, 0, "slow", 2600}, {0, 0, "truncated", 0},
              {0, 503, "", 0},     {0, 0, "garbage", 0}};
          f.spec = kFeeds[static_cast<size_t>(pick(static_cast<int>(kFeeds.size())))];
          body = "{\"path\":\"" + f.path + "\"";
        }
        if (!targets.insert(f.source + f.path).second) continue;
        if (f.spec.errcode) body += ",\"errcode\":" + std::to_string(f.spec.errcode);
        if (f.spec.http_status) body += ",\"http_status\":" + std::to_string(f.spec.http_status);
        if (!f.spec.kind.empty()) body += ",\"kind\":\"" + f.spec.kind + "\"";
        if (f.spec.delay_ms) body += ",\"delay_ms\":" + std::to_string(f.spec.delay_ms);
        body += "}";
        f.id = post("/sim/fault", body);
        ASSERT_GT(f.id, 0) << body;
        byId[f.id] = f;
        night.faults.push_back(f);
      }
      const int r = pick(100);
      night.ending = r < 10 ? Ending::Kill : r < 18 ? Ending::Term : Ending::Normal;
      // A 45011 makes pubtrack wait for the next minute (a whole one, under --today's fixed
      // clock): such nights are cut short by a SIGTERM, which the wait honours.
      for (const auto& f : night.faults)
        if (f.spec.errcode == 45011 && night.ending == Ending::Normal) night.ending = Ending::Term;
    }
    night.runs_before = maxRunId(db);
    fakes::Child c = fakes::startProcess({PUBTRACK_EXE, "collect", "--today", night.day.toString()},
                                         dir_.path(), kSecrets);
    ASSERT_GT(c.pid, 0);
    if (night.ending != Ending::Normal) {
      const int waitMs = night.ending == Ending::Kill ? 150 + pick(2500) : 1500 + pick(2500);
      for (int slept = 0; slept < waitMs; slept += 10) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        int st = 0;
        if (::waitpid(c.pid, &st, WNOHANG) == c.pid) {  // done before the signal
          night.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
          c.pid = -1;
          break;
        }
      }
      if (c.pid > 0) {
        ::kill(c.pid, night.ending == Ending::Kill ? SIGKILL : SIGTERM);
        night.signal_sent = true;
      }
    }
    const bool stillRunning = c.pid > 0;  // else the exit code was taken above
    auto result = fakes::waitProcess(c);
    if (stillRunning) night.exit_code = result.exit_code;
    // A SIGKILL sent in the last instant may reach a process that had already exited on its own
    // (a zombie): its status says so (a SIGKILL cannot be caught), and the night counts as a
    // normal one.
    if (night.ending == Ending::Kill && night.signal_sent && night.exit_code != 128 + SIGKILL) {
      night.signal_sent = false;
      night.ending = Ending::Normal;
    }
    fakes::httpPost(base_ + "/sim/fault/clear", "{}");
    night.runs_after = maxRunId(db);
    const bool killed = night.ending == Ending::Kill && night.signal_sent;
    std::string faults;
    for (const auto& f : night.faults)
      faults += " " + f.source + " " + f.path + " " + f.spec.label() + ";";
    std::cout << "night " << night.day.toString() << " exit " << night.exit_code
              << (killed              ? " (SIGKILL)"
                  : night.signal_sent ? " (SIGTERM)"
                                      : "")
              << faults << "\n";
    if (killed) {
      EXPECT_EQ(night.exit_code, 128 + SIGKILL);
    } else if (night.signal_sent && night.exit_code == 128 + SIGTERM) {
      // Default SIGTERM action: only before collect's handler is installed or after it is
      // removed, i.e. with no run of this night left 'running'.
      SQLite::Database x(db.string(), SQLite::OPEN_READONLY);
      SQLite::Statement q(x, "SELECT count(*) FROM runs WHERE id > ? AND status = 'running'");
      q.bind(1, night.runs_before);
      q.executeStep();
      EXPECT_EQ(q.getColumn(0).getInt64(), 0) << night.day.toString() << "\n" << result.err;
    } else if (clean) {
      EXPECT_EQ(night.exit_code, 0) << night.day.toString() << "\n" << result.out << result.err;
    } else {
      // 0 ok, 1 partial or interrupted; never a crash, a usage error or a fatal one.
      EXPECT_TRUE(night.exit_code == 0 || night.exit_code == 1)
          << night.day.toString() << " exit " << night.exit_code << "\n"
          << result.out << result.err;
    }
    log.push_back(std::move(night));
  }
  reader.stop = true;
  readerThread.join();
  const core::Date finalNight = first + nights;
  std::cout << "soak: " << nights + 1 << " nights in "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started)
                   .count()
            << " s; reader: " << reader.reads << " reads, " << reader.busy << " busy, "
            << reader.reports << " reports\n";
  for (const auto& f : reader.failures) ADD_FAILURE() << "reader: " << f;
  EXPECT_GT(reader.reads.load(), 0);

  // 1. The report equals the simulator's figures, from the first backfilled day with a
  // follower count before it to the last day WeChat no longer marks is_delay.
  const std::string from = (*core::Date::parse(kBackfillFrom) + 1).toString();
  const std::string to = (finalNight - 3).toString();
  auto report = pubtrack({"report", "--from", from, "--to", to, "--format", "json"}, dir_.path());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  auto figures = parseJson(report.out).extract<JsonObject>();
  auto accounts = figures->getObject("wechat")->getArray("accounts");
  ASSERT_EQ(accounts->size(), kAccounts.size()) << report.out;
  for (size_t i = 0; i < accounts->size(); ++i) {
    auto a = accounts->getObject(static_cast<unsigned>(i));
    const std::string id = a->getValue<std::string>("id");
    SCOPED_TRACE(id);
    ASSERT_TRUE(kAccounts.count(id));
    auto expected = parseJson(fakes::httpCall(base_ + "/sim/expected?appid=" + kAccounts.at(id) +
                                              "&from=" + from + "&to=" + to))
                        .extract<JsonObject>();
    for (const char* key :
         {"page_views", "read_users", "followers_start", "followers_end", "followers_net"})
      EXPECT_EQ(intField(a, key), intField(expected, key)) << key;
    // Every post published: the statistics endpoints' mass-sent articles and, before the
    // 2025-11 endpoints, the freepublish list's posts without notification (read whole).
    EXPECT_EQ(a->getValue<std::string>("articles_basis"), "datacube+freepublish");
    const auto all = intField(expected, "articles_notified").value_or(0) +
                     intField(expected, "articles_silent").value_or(0);
    EXPECT_EQ(intField(a, "articles"), all);
  }

  // 2. Every fault the simulator served is in the run history of its night.
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  auto served =
      parseJson(fakes::httpCall(base_ + "/sim/faults-served")).extract<Poco::JSON::Array::Ptr>();
  int checked = 0, exempt = 0;
  std::map<std::string, int> byLabel;
  for (size_t i = 0; i < served->size(); ++i) {
    auto s = served->getObject(static_cast<unsigned>(i));
    const long long id = s->getValue<long long>("fault_id");
    ASSERT_TRUE(byId.count(id)) << "served a fault the test did not inject: " << id;
    const Injected& f = byId.at(id);
    const Night& night = log.at(static_cast<size_t>(f.night));
    if (leavesNoTrace(f.spec) || (night.ending == Ending::Kill && night.signal_sent)) {
      ++exempt;
      continue;
    }
    std::vector<ErrorRow> rows;
    SQLite::Statement q(d,
                        "SELECT r.source, e.source, e.kind, coalesce(e.code, ''), e.message FROM "
                        "run_errors e JOIN runs r ON r.id = e.run_id WHERE r.id > ? AND r.id <= ?");
    q.bind(1, night.runs_before);
    q.bind(2, night.runs_after);
    while (q.executeStep())
      rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                      q.getColumn(2).getString(), q.getColumn(3).getString(),
                      q.getColumn(4).getString()});
    bool found = false;
    for (const auto& row : rows) found = found || records(row, f);
    ++checked;
    ++byLabel[f.spec.label()];
    if (!found) {
      std::string all;
      for (const auto& row : rows)
        all += "  [" + row.run_source + "] " + row.source + " " + row.kind + " " + row.code + " " +
               row.message + "\n";
      ADD_FAILURE() << "night " << night.day.toString() << ": fault " << id << " (" << f.source
                    << " " << f.path << " " << f.spec.label()
                    << (night.signal_sent ? ", SIGTERM night" : "")
                    << ") is not in run_errors; that night's rows:\n"
                    << all;
    }
  }
  std::cout << "soak: " << served->size() << " faults served, " << checked
            << " found in run_errors, " << exempt << " exempt (slow within the timeout, or "
            << "served to a SIGKILLed run):";
  for (const auto& [label, k] : byLabel) std::cout << " " << label << " x" << k << ";";
  std::cout << "\n";
  EXPECT_GT(checked, nights / 2);

  // 3. The database is sound and no run is left 'running'.
  EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs WHERE status = 'running'").getInt64(), 0);
  // Every SIGKILLed collect that had started its run leaves a run the next collect marks
  // interrupted. A kill that lands before the run's first row (process start, config, opening
  // the store: longer under ASan on a loaded machine) leaves nothing to mark.
  int kills = 0;
  for (const auto& night : log)
    kills +=
        night.ending == Ending::Kill && night.signal_sent && night.runs_after > night.runs_before;
  if (kills > 0) {
    EXPECT_GE(
        d.execAndGet("SELECT count(*) FROM runs WHERE status = 'interrupted' AND source = '*'")
            .getInt64(),
        kills);
  }

  // 4. Mentions: a clean collection in a fresh database, night by night without faults. The
  // demo feeds serve the same files every night, so everything about them must be equal. A
  // generated feed serves 20 new items a day, so a night it failed is lost for good; for those
  // the soak must hold exactly the items of the nights its run succeeded, all of them also in
  // the clean database, and no report may be counted twice.
  const auto refDb = ref_ / "pubtrack.db";
  fakes::writeFile(ref_ / "pubtrack.ini", config(refDb));
  ASSERT_EQ(pubtrack({"init"}, ref_.path()).exit_code, 0);
  for (int n = 0; n <= nights; ++n) {
    setClock(first + n, 8, 45);
    auto r =
        pubtrack({"collect", "--source", "feeds", "--today", (first + n).toString()}, ref_.path());
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  auto media = [&](const std::filesystem::path& cwd) {
    auto r = pubtrack(
        {"report", "--from", "2019-01-01", "--to", (finalNight - 1).toString(), "--format", "json"},
        cwd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto m = parseJson(r.out).extract<JsonObject>()->getObject("media");
    std::map<std::string, long long> out;
    auto outlets = m->getArray("by_outlet");
    for (size_t i = 0; i < outlets->size(); ++i) {
      auto o = outlets->getObject(static_cast<unsigned>(i));
      const std::string name = o->getValue<std::string>("outlet");
      if (name.rfind("模拟新闻源", 0) == 0) continue;  // generated feeds: below
      out[name] = o->getValue<long long>("count");
    }
    return out;
  };
  const auto soakMedia = media(dir_.path());
  EXPECT_FALSE(soakMedia.empty());
  EXPECT_EQ(soakMedia, media(ref_.path()));
  auto demoCounts = [](const std::filesystem::path& path) {
    SQLite::Database x(path.string(), SQLite::OPEN_READONLY);
    std::map<std::string, long long> out;
    out["feed_items"] =
        x.execAndGet("SELECT count(*) FROM feed_items WHERE feed NOT LIKE 'gen%'").getInt64();
    out["mentions"] = x.execAndGet(
                           "SELECT count(*) FROM mentions m JOIN feed_items i ON i.id = m.item_id "
                           "WHERE i.feed NOT LIKE 'gen%'")
                          .getInt64();
    out["mentions counted"] =
        x.execAndGet(
             "SELECT count(*) FROM mentions m JOIN feed_items i ON i.id = m.item_id WHERE i.feed "
             "NOT LIKE 'gen%' AND m.same_as IS NULL")
            .getInt64();
    return out;
  };
  EXPECT_EQ(demoCounts(db), demoCounts(refDb));
  {
    SQLite::Database x(db.string(), SQLite::OPEN_READONLY);
    x.exec("ATTACH DATABASE '" + refDb.string() + "' AS ref");
    for (int g = 1; g <= kGeneratedFeeds; ++g) {
      const std::string feed = "gen" + std::to_string(g);
      SCOPED_TRACE(feed);
      const long long items =
          x.execAndGet("SELECT count(*) FROM main.feed_items WHERE feed = '" + feed + "'")
              .getInt64();
      const long long okNights = x.execAndGet(
                                      "SELECT count(*) FROM main.runs WHERE source = "
                                      "'feed." +
                                      feed + "' AND status = 'ok'")
                                     .getInt64();
      EXPECT_EQ(items, 20 * okNights);
      EXPECT_EQ(x.execAndGet("SELECT count(*) FROM main.feed_items s WHERE s.feed = '" + feed +
                             "' AND NOT EXISTS (SELECT 1 FROM ref.feed_items r WHERE r.feed = "
                             "s.feed AND r.item_key = s.item_key)")
                    .getInt64(),
                0);
    }
    for (const char* schema : {"main", "ref"}) {
      SCOPED_TRACE(schema);
      EXPECT_EQ(x.execAndGet(std::string("SELECT count(*) FROM (SELECT 1 FROM ") + schema +
                             ".mentions WHERE same_as IS NULL AND status <> 'rejected' GROUP BY "
                             "outlet, norm_title, day HAVING count(*) > 1)")
                    .getInt64(),
                0);
    }
  }
  std::cout << "soak: done in "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started)
                   .count()
            << " s\n";
}

}  // namespace
}  // namespace pubtrack
