// SPDX-License-Identifier: Apache-2.0
// `pubtrack collect --source wechat` end to end: the built binary against pubtrack-sim on
// 127.0.0.1. Figures equal the simulator's own, re-running changes nothing, one account failing
// does not stop the other, and no secret or token reaches the database or the logs.
#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "sim/scenario.h"
#include "sim/simulator.h"
#include "tests/support/http_call.h"
#include "tests/support/temp_dir.h"

namespace pubtrack {
namespace {

using ::testing::HasSubstr;

constexpr const char* kScenario = R"(
[sim]
seed = 11
[account.wxe2e0000000000001]
secret = e2e-secret-one-value
name = 深圳国资
from = 2023-12-01
followers_start = 30000
articles_per_year = 795
page_views_per_year = 1523456
read_users_per_year = 1100000
[account.wxe2e0000000000002]
secret = e2e-secret-two-value
name = 市场监管
from = 2023-12-01
followers_start = 1200
articles_per_year = 200
page_views_per_year = 90000
read_users_per_year = 60000
)";

// The integer value of "key": N in a flat JSON object (enough for /sim/expected).
long long jsonInt(const std::string& json, const std::string& key) {
  const auto pos = json.find("\"" + key + "\":");
  if (pos == std::string::npos) return -1;
  return std::stoll(json.substr(pos + key.size() + 3));
}

class WeChatE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim::SimulatorOptions o;
    auto scenario = sim::parseScenario(kScenario);
    ASSERT_TRUE(scenario) << scenario.error().message;
    o.scenario = *scenario;
    o.now = sim::parseSimTime("2024-03-10T09:00");
    sim_ = new sim::Simulator(o);
    sim_->start();
  }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }
  void SetUp() override {
    fakes::httpPost(sim_->baseUrl() + "/sim/reset", "{}");
    fakes::writeFile(dir_ / "pubtrack.ini",
                     "[wechat]\napi_base = " + sim_->baseUrl() +
                         "\nbackfill_from = 2024-01-01\n"
                         "[http]\nretry_base_ms = 10\n"
                         "[account.main]\nname = 深圳国资\nappid = wxe2e0000000000001\n"
                         "secret_env = E2E_SECRET_ONE\n"
                         "[account.market]\nname = 市场监管\nappid = wxe2e0000000000002\n"
                         "secret_env = E2E_SECRET_TWO\n");
  }
  fakes::ProcessResult run(std::vector<std::string> args, bool goodSecrets = true) {
    args.insert(args.begin(), PUBTRACK_EXE);
    return fakes::runProcess(
        args, dir_.path(),
        {"E2E_SECRET_ONE=e2e-secret-one-value", goodSecrets ? "E2E_SECRET_TWO=e2e-secret-two-value"
                                                            : "E2E_SECRET_TWO=wrong-secret-value"});
  }
  // Figures straight from the tables, as the report defines them.
  std::map<std::string, long long> figures(const std::string& account, const std::string& from,
                                           const std::string& to) {
    SQLite::Database db((dir_ / "pubtrack.db").string(), SQLite::OPEN_READONLY);
    auto one = [&](const std::string& sql) {
      SQLite::Statement q(db, sql);
      q.bind(1, account);
      q.bind(2, from);
      q.bind(3, to);
      q.executeStep();
      return q.getColumn(0).isNull() ? -1LL : q.getColumn(0).getInt64();
    };
    std::map<std::string, long long> f;
    f["articles"] =
        one("SELECT count(DISTINCT msgid) FROM wechat_articles WHERE account = ? AND publish_date "
            "BETWEEN ? AND ?");
    f["page_views"] =
        one("SELECT sum(int_page_read_count) FROM wechat_user_read WHERE account = ? AND "
            "user_source = 99999999 AND ref_date BETWEEN ? AND ?");
    f["read_users"] =
        one("SELECT sum(int_page_read_user) FROM wechat_user_read WHERE account = ? AND "
            "user_source = 99999999 AND ref_date BETWEEN ? AND ?");
    f["new_user"] = one(
        "SELECT sum(new_user) FROM wechat_user_summary WHERE account = ? AND ref_date BETWEEN ? "
        "AND ?");
    f["cancel_user"] =
        one("SELECT sum(cancel_user) FROM wechat_user_summary WHERE account = ? AND ref_date "
            "BETWEEN ? AND ?");
    f["followers_end"] = one(
        "SELECT cumulate_user FROM wechat_user_cumulate WHERE account = ? AND ref_date = ?3 AND "
        "?2 IS NOT NULL");
    f["followers_start"] =
        one("SELECT cumulate_user FROM wechat_user_cumulate WHERE account = ?1 AND ref_date = "
            "date(?2, '-1 day') AND ?3 IS NOT NULL");
    return f;
  }
  static sim::Simulator* sim_;
  fakes::TempDir dir_;
};
sim::Simulator* WeChatE2eTest::sim_ = nullptr;

TEST_F(WeChatE2eTest, FiguresEqualTheSimulatorsAndRerunsChangeNothing) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto first = run({"collect", "--source", "wechat", "--today", "2024-03-10"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_THAT(first.out, HasSubstr("wechat: 2 accounts, 2 ok, 0 failed"));
  for (const auto& [account, appid] : std::map<std::string, std::string>{
           {"main", "wxe2e0000000000001"}, {"market", "wxe2e0000000000002"}}) {
    SCOPED_TRACE(account);
    const std::string expected = fakes::httpCall(sim_->baseUrl() + "/sim/expected?appid=" + appid +
                                                 "&from=2024-01-01&to=2024-03-09");
    auto got = figures(account, "2024-01-01", "2024-03-09");
    for (const char* key : {"articles", "page_views", "read_users", "new_user", "cancel_user",
                            "followers_end", "followers_start"})
      EXPECT_EQ(got[key], jsonInt(expected, key)) << key << " in " << expected;
  }
  const auto before = figures("main", "2024-01-01", "2024-03-09");
  auto second = run({"collect", "--source", "wechat", "--today", "2024-03-10"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(figures("main", "2024-01-01", "2024-03-09"), before);
  // The second night asks only the re-pull windows, not the whole range again.
  const std::string hits = fakes::httpCall(sim_->baseUrl() + "/sim/hits");
  EXPECT_EQ(hits.find("/cgi-bin/token\""), std::string::npos) << hits;
  // A night whose clock runs ahead of WeChat's: the newest day is refused (61501). That is no
  // failure, and the day is asked again once WeChat has published it.
  auto early = run({"collect", "--source", "wechat", "--today", "2024-03-11"});
  EXPECT_EQ(early.exit_code, 0) << early.err;
  sim_->setNow(*sim::parseSimTime("2024-03-11T09:00"));
  auto next = run({"collect", "--source", "wechat", "--today", "2024-03-11"});
  sim_->setNow(*sim::parseSimTime("2024-03-10T09:00"));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const std::string expected =
      fakes::httpCall(sim_->baseUrl() +
                      "/sim/expected?appid=wxe2e0000000000001&from=2024-01-01&"
                      "to=2024-03-10");
  auto got = figures("main", "2024-01-01", "2024-03-10");
  for (const char* key : {"articles", "page_views", "read_users", "new_user", "followers_end"})
    EXPECT_EQ(got[key], jsonInt(expected, key)) << key;
}

// Issue 14.2: before 2025-11 the statistics endpoints list mass-sent articles only; the posts
// published without notification come from the freepublish list, read whole, once each.
TEST_F(WeChatE2eTest, PostsPublishedWithoutNotificationComeFromTheList) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto first = run({"collect", "--source", "wechat", "--today", "2024-03-10"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string expected = fakes::httpCall(
      sim_->baseUrl() + "/sim/expected?appid=wxe2e0000000000001&from=2024-01-01&to=2024-03-09");
  const long long notified = jsonInt(expected, "articles_notified");
  const long long silent = jsonInt(expected, "articles_silent");
  ASSERT_GT(silent, 0) << expected;
  auto report = [&] {
    auto r = run({"report", "--from", "2024-01-01", "--to", "2024-03-09", "--account", "main",
                  "--format", "json", "--today", "2024-03-10"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  std::string json = report();
  EXPECT_THAT(json, HasSubstr("\"articles_basis\": \"datacube+freepublish\""));
  EXPECT_EQ(jsonInt(json, "articles"), notified + silent) << json.substr(0, 600);
  EXPECT_EQ(json.find("wechat_posts_mass_sent_only"), std::string::npos);
  // The next night reads one page per account: every post on it is held, the list is whole.
  fakes::httpPost(sim_->baseUrl() + "/sim/reset", "{}");
  auto second = run({"collect", "--source", "wechat", "--today", "2024-03-10"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const std::string hits = fakes::httpCall(sim_->baseUrl() + "/sim/hits");
  EXPECT_THAT(hits, HasSubstr("\"/cgi-bin/freepublish/batchget\":2")) << hits;
  json = report();
  EXPECT_EQ(jsonInt(json, "articles"), notified + silent);  // never twice
}

TEST_F(WeChatE2eTest, BackfillShowsPlainProgressLinesWithoutATerminal) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto r = run({"backfill", "--from", "2024-01-01", "--to", "2024-02-29", "--account", "main",
                "--today", "2024-03-10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Under cron (no terminal) progress is plain lines at every tenth, ending at 100%.
  EXPECT_THAT(r.err, HasSubstr("backfill: "));
  EXPECT_THAT(r.err, HasSubstr("calls (100%)"));
  EXPECT_THAT(r.err, HasSubstr("s elapsed, about "));
  EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no terminal redraws in a log
  EXPECT_THAT(r.out, HasSubstr("backfill 2024-01-01..2024-02-29: 1 account(s), 1 ok, 0 failed"));
  const std::string expected =
      fakes::httpCall(sim_->baseUrl() +
                      "/sim/expected?appid=wxe2e0000000000001&from=2024-01-01&"
                      "to=2024-02-29");
  EXPECT_EQ(figures("main", "2024-01-01", "2024-02-29")["articles"], jsonInt(expected, "articles"));
}

TEST_F(WeChatE2eTest, OneAccountFailingDoesNotStopTheOther) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto r = run({"collect", "--source", "wechat", "--today", "2024-03-10"}, false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("1 ok, 1 failed"));
  EXPECT_THAT(r.err, HasSubstr("account.market"));
  EXPECT_THAT(r.err, HasSubstr("40125"));
  EXPECT_EQ(r.err.find("wrong-secret-value"), std::string::npos);
  EXPECT_GT(figures("main", "2024-01-01", "2024-03-09")["articles"], 0);
  auto status = run({"status", "--today", "2024-03-10"});
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_THAT(status.out, HasSubstr("failing"));
}

TEST_F(WeChatE2eTest, SecretsAndTokensNeverReachTheDatabaseOrTheLogs) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto r = run({"--verbose", "--log-file", "pubtrack.log", "collect", "--source", "wechat",
                "--today", "2024-03-10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // stable_token in normal mode returns the token pubtrack is using.
  const std::string tokenJson = fakes::httpPost(
      sim_->baseUrl() + "/cgi-bin/stable_token",
      R"({"grant_type":"client_credential","appid":"wxe2e0000000000001","secret":"e2e-secret-one-value","force_refresh":false})");
  const auto start = tokenJson.find("\"access_token\":\"");
  ASSERT_NE(start, std::string::npos) << tokenJson;
  const std::string token =
      tokenJson.substr(start + 16, tokenJson.find('"', start + 16) - (start + 16));
  ASSERT_GT(token.size(), 20u);
  auto backup = run({"backup", "copy.db"});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  auto exported = run({"export", "--dir", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::string everything = r.out + r.err + backup.out + exported.out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path()))
    if (entry.is_regular_file()) everything += fakes::readFile(entry.path());
  EXPECT_EQ(everything.find("e2e-secret-one-value"), std::string::npos);
  EXPECT_EQ(everything.find("e2e-secret-two-value"), std::string::npos);
  EXPECT_EQ(everything.find(token), std::string::npos);
  EXPECT_THAT(fakes::readFile(dir_ / "pubtrack.db"), HasSubstr("getusersummary"));  // raw kept
}

}  // namespace
}  // namespace pubtrack
