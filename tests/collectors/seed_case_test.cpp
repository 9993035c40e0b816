// SPDX-License-Identifier: Apache-2.0
// The seed case: the Shenzhen SASAC 2019 outreach paragraph, built through the real pipeline —
// the bundled demo's simulator scenario for WeChat, its served feeds (79 mainstream reports with
// duplicates and noise) and its ledger — and rendered by `pubtrack report`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/scenario.h"
#include "sim/simulator.h"
#include "tests/support/temp_dir.h"

namespace pubtrack {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SeedCaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string demo = std::string(PUBTRACK_SOURCE_DIR) + "/demo";
    sim::SimulatorOptions o;
    auto scenario = sim::loadScenario(demo + "/scenario.ini");
    ASSERT_TRUE(scenario) << scenario.error().message;
    o.scenario = *scenario;
    o.feeds_dir = demo + "/feeds";
    o.now = sim::parseSimTime("2020-01-15T09:00");
    sim_ = new sim::Simulator(o);
    sim_->start();
    dir_ = new fakes::TempDir();
    std::string ini = fakes::readFile(demo + "/pubtrack.ini");
    const std::string port = std::to_string(sim_->port());
    for (size_t p; (p = ini.find("@SIM_PORT@")) != std::string::npos;) ini.replace(p, 10, port);
    fakes::writeFile(*dir_ / "pubtrack.ini", ini);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"init"},
                                               {"collect", "--today", "2020-01-15"},
                                               {"record", "import", demo + "/ledger.csv"}}) {
      auto r = run(args);
      ASSERT_EQ(r.exit_code, 0) << args[0] << ": " << r.out << r.err;
    }
  }
  static void TearDownTestSuite() {
    delete sim_;
    delete dir_;
  }
  static fakes::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), PUBTRACK_EXE);
    return fakes::runProcess(args, dir_->path(), {"PUBTRACK_DEMO_SECRET=demo-secret-not-real"});
  }
  static sim::Simulator* sim_;
  static fakes::TempDir* dir_;
};
sim::Simulator* SeedCaseTest::sim_ = nullptr;
fakes::TempDir* SeedCaseTest::dir_ = nullptr;

TEST_F(SeedCaseTest, NarrativeSaysWhatTheReportSaid) {
  auto r = run({"report", "--year", "2019", "--today", "2020-01-15"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& t = r.out;
  EXPECT_THAT(t, HasSubstr("全年共推送新闻信息近800条"));
  EXPECT_THAT(t, HasSubstr("阅读量突破150万人次"));
  EXPECT_THAT(t, HasSubstr("关注人数近5万人"));
  EXPECT_THAT(t, HasSubstr("共获各级主流媒体报道79篇（其中中央级12篇、省级21篇、市级46篇）"));
  EXPECT_THAT(t, HasSubstr("在线访谈2期"));
  EXPECT_THAT(t, HasSubstr("民意征集3期"));
  EXPECT_THAT(t, HasSubstr("人大代表建议25件（承办件2件、主办件3件、分办件1件、汇办件19件）"));
  EXPECT_THAT(t, HasSubstr("政协提案7件（主办件1件、会办件6件）"));
  // The 2018 and 2020 reports in the aggregator and the excluded 招聘启事 do not count.
  EXPECT_THAT(t, Not(HasSubstr("80篇")));
}

TEST_F(SeedCaseTest, JsonCarriesExactFiguresAndChecks) {
  auto r = run({"report", "--year", "2019", "--today", "2020-01-15", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"\"articles\": 795", "\"page_views\": 1523456", "\"followers_end\": 49210",
                        "\"mainstream\": 79", "\"reads_metric\": \"page_views\""})
    EXPECT_THAT(r.out, HasSubstr(s));
  EXPECT_THAT(r.out, HasSubstr("\"checks\""));
  EXPECT_THAT(r.out, HasSubstr("mentions_unreviewed"));
}

TEST_F(SeedCaseTest, EnglishAndEveryFileFormat) {
  auto en = run({"report", "--year", "2019", "--today", "2020-01-15", "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0);
  EXPECT_THAT(en.out, HasSubstr("nearly 800"));
  EXPECT_THAT(en.out, HasSubstr("79"));
  for (const char* fmt : {"markdown", "csv", "html", "docx"}) {
    SCOPED_TRACE(fmt);
    const std::string out = std::string("report.") + fmt;
    auto r =
        run({"report", "--year", "2019", "--today", "2020-01-15", "--format", fmt, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string body = fakes::readFile(*dir_ / out);
    EXPECT_GT(body.size(), 1000u);
    EXPECT_LT(body.size(), 1u << 20);
  }
  EXPECT_THAT(fakes::readFile(*dir_ / "report.csv"), HasSubstr("media.mainstream,79,"));
  EXPECT_THAT(fakes::readFile(*dir_ / "report.html"), HasSubstr("Content-Security-Policy"));
  EXPECT_EQ(fakes::readFile(*dir_ / "report.docx").substr(0, 2), "PK");
  auto noOut = run({"report", "--year", "2019", "--format", "docx"});
  EXPECT_EQ(noOut.exit_code, 2);
  EXPECT_THAT(noOut.err, HasSubstr("--out"));
}

TEST_F(SeedCaseTest, ConfirmingAndRejectingChangesTheCount) {
  auto list = run({"mentions", "list", "--from", "2019-01-01", "--to", "2019-12-31", "--tier",
                   "central", "--format", "csv"});
  ASSERT_EQ(list.exit_code, 0);
  const std::string firstId = list.out.substr(
      list.out.find('\n') + 1, list.out.find(',', list.out.find('\n')) - list.out.find('\n') - 1);
  auto reject = run({"mentions", "reject", firstId});
  ASSERT_EQ(reject.exit_code, 0) << reject.err;
  auto r = run({"report", "--year", "2019", "--today", "2020-01-15"});
  EXPECT_THAT(r.out, HasSubstr("78篇（其中中央级11篇"));
  ASSERT_EQ(run({"mentions", "confirm", firstId}).exit_code, 0);
  r = run({"report", "--year", "2019", "--today", "2020-01-15"});
  EXPECT_THAT(r.out, HasSubstr("79篇（其中中央级12篇"));
  auto bad = run({"mentions", "confirm", "999999"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("no mention with id 999999"));
}

}  // namespace
}  // namespace pubtrack
