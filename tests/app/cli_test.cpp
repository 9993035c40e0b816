// SPDX-License-Identifier: Apache-2.0
// The built `pubtrack` binary end to end in a temporary folder: exit codes, output, files.
#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/temp_dir.h"

namespace pubtrack {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliTest : public ::testing::Test {
 protected:
  fakes::ProcessResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), PUBTRACK_EXE);
    return fakes::runProcess(args, dir_.path(), env);
  }
  fakes::TempDir dir_;
};

TEST_F(CliTest, InitWritesTemplateAndDatabaseThenLeavesThemAlone) {
  auto first = run({"init"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("wrote a commented configuration template"));
  EXPECT_THAT(first.out, HasSubstr("created database"));
  fakes::writeFile(dir_ / "pubtrack.ini",
                   fakes::readFile(dir_ / "pubtrack.ini") + "\n; my own edit\n");
  auto second = run({"init"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("already exists; left untouched"));
  EXPECT_THAT(second.out, HasSubstr("already exists (schema version"));
  EXPECT_THAT(fakes::readFile(dir_ / "pubtrack.ini"), HasSubstr("; my own edit"));
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "pubtrack.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(CliTest, InitCreatesAMissingDatabaseForAnExistingConfig) {
  fakes::writeFile(dir_ / "mine.ini", "[database]\npath = data/mine.db\n");
  auto r = run({"--config", "mine.ini", "init"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("left untouched"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "data" / "mine.db"));
}

TEST_F(CliTest, ConfigFromEnvironmentVariable) {
  fakes::writeFile(dir_ / "env.ini", "[database]\npath = env.db\n");
  auto r = run({"init"}, {"PUBTRACK_CONFIG=" + (dir_ / "env.ini").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "env.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "pubtrack.ini"));
}

TEST_F(CliTest, BrokenConfigGetsOneLinePerProblemAndExit2) {
  fakes::writeFile(dir_ / "pubtrack.ini",
                   "[htp]\n[http]\ntimout_ms = 5\nconcurrency = many\n[report]\nlang = fr\n");
  auto r = run({"config", "check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("pubtrack.ini: unknown section [htp] (did you mean [http]?)\n"));
  EXPECT_THAT(r.err, HasSubstr("pubtrack.ini: [http]: unknown key 'timout_ms' (did you mean "
                               "'timeout_ms'?)\n"));
  EXPECT_THAT(r.err, HasSubstr("pubtrack.ini: [http] concurrency: expected an integer"));
  EXPECT_THAT(r.err, HasSubstr("pubtrack.ini: [report] lang: expected zh or en, got 'fr'\n"));
  EXPECT_THAT(r.err, HasSubstr("4 problems"));
  // Every other command refuses the same way.
  auto status = run({"status"});
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_THAT(status.err, HasSubstr("unknown section [htp]"));
}

TEST_F(CliTest, ConfigCheckMasksSecretsAndRefusesAnOpenSecretFile) {
  fakes::writeFile(dir_ / "main.secret", "app-secret-value-123\n");
  ::chmod((dir_ / "main.secret").c_str(), 0644);
  fakes::writeFile(dir_ / "pubtrack.ini",
                   "[account.main]\nappid = wx1\nsecret_file = main.secret\n"
                   "[account.env]\nappid = wx2\nsecret_env = PUBTRACK_TEST_SECRET\n");
  auto open = run({"config", "check"}, {"PUBTRACK_TEST_SECRET=env-secret-value-456"});
  EXPECT_EQ(open.exit_code, 2);
  EXPECT_THAT(open.err, HasSubstr("[account.main] secret_file "));
  EXPECT_THAT(open.err, HasSubstr("mode 0644: group or others can access it; run chmod 600"));
  ::chmod((dir_ / "main.secret").c_str(), 0600);
  auto ok = run({"config", "check"}, {"PUBTRACK_TEST_SECRET=env-secret-value-456"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("[account.main]"));
  EXPECT_THAT(ok.out, HasSubstr("; value ***"));
  EXPECT_THAT(ok.out + ok.err, Not(HasSubstr("app-secret-value")));
  EXPECT_THAT(ok.out + ok.err, Not(HasSubstr("env-secret-value")));
}

TEST_F(CliTest, UsageErrorsExit2WithSuggestions) {
  auto unknown = run({"stauts"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown command 'stauts' (did you mean 'status'?)"));
  auto badOpt = run({"status", "--fromat", "json"});
  EXPECT_EQ(badOpt.exit_code, 2);
  EXPECT_THAT(badOpt.err, HasSubstr("unknown option --fromat for `pubtrack status` (did you mean "
                                    "--format?)"));
  auto badFormat = run({"status", "--format", "xml"});
  EXPECT_EQ(badFormat.exit_code, 2);
  EXPECT_THAT(badFormat.err, HasSubstr("--format: expected table, json or csv, got 'xml'"));
  auto noArgs = run({});
  EXPECT_EQ(noArgs.exit_code, 2);
  EXPECT_THAT(noArgs.err, HasSubstr("usage: pubtrack"));
}

TEST_F(CliTest, HelpAndVersion) {
  auto help = run({"help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("config check"));
  auto one = run({"help", "runs", "list"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_THAT(one.out, HasSubstr("usage: pubtrack runs list"));
  auto v = run({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, HasSubstr("pubtrack 0."));
}

TEST_F(CliTest, StatusListsSourcesAsTableJsonAndCsv) {
  fakes::writeFile(dir_ / "pubtrack.ini",
                   "[account.main]\nname = 深圳国资\nappid = wx1\nsecret_env = X\n"
                   "[feed.people]\nurl = http://www.people.com.cn/rss/politics.xml\n"
                   "[monitor]\nkeywords = 国资委\n");
  ASSERT_EQ(run({"init"}).exit_code, 0);
  auto table = run({"status"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("account.main"));
  EXPECT_THAT(table.out, HasSubstr("never collected"));
  auto json = run({"status", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"source\": \"feed.people\""));
  EXPECT_THAT(json.out, HasSubstr("\"name\": \"人民网\""));
  auto csv = run({"status", "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr("source,kind,name,last_run"));
}

TEST_F(CliTest, StatusExits1WhenASourceFailedItsLastRun) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[account.main]\nappid = wx1\nsecret_env = X\n");
  ASSERT_EQ(run({"init"}).exit_code, 0);
  {
    SQLite::Database db((dir_ / "pubtrack.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO runs (collector, source, started_at, finished_at, status, error) VALUES "
        "('wechat', 'account.main', strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now'), 'failed', 'errcode 40164: invalid ip')");
  }
  auto r = run({"status"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("failing"));
  EXPECT_THAT(r.err, HasSubstr("1 source is failing or stale"));
}

TEST_F(CliTest, NewerDatabaseIsFatalExit3) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n");
  {
    SQLite::Database db((dir_ / "p.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 999");
  }
  auto r = run({"status"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("is newer than this pubtrack"));
}

}  // namespace
}  // namespace pubtrack
