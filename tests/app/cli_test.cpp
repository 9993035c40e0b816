// SPDX-License-Identifier: Apache-2.0
// The built `pubtrack` binary end to end in a temporary folder: exit codes, output, files.
#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <sstream>

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

// --help works however it is asked for, lists every command of the registry, and exits 0.
TEST_F(CliTest, HelpIsAskedForEveryWayAndExitsZero) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"-h"}, {"help"}, {"--config", "x.ini", "--help"}}) {
    SCOPED_TRACE(args.back());
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_THAT(r.out, HasSubstr("usage: pubtrack"));
    for (const char* name : {"init", "report", "record add", "mentions import", "serve"})
      EXPECT_THAT(r.out, HasSubstr("  " + std::string(name) + " "));
  }
  for (const std::vector<std::string>& args : {std::vector<std::string>{"report", "--help"},
                                               {"report", "-h"},
                                               {"help", "report"},
                                               {"--help", "report"},
                                               {"report", "--year", "2024", "--help"}}) {
    SCOPED_TRACE(args.front() + " " + args.back());
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("usage: pubtrack report"));
    EXPECT_THAT(r.out, HasSubstr("--format F"));
  }
  // A command group: its subcommands.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"record", "--help"}, {"help", "record"}, {"--help", "record"}}) {
    SCOPED_TRACE(args.front() + " " + args.back());
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("record add"));
    EXPECT_THAT(r.out, HasSubstr("record import"));
    EXPECT_THAT(r.out, Not(HasSubstr("mentions import")));
  }
  auto version = run({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, HasSubstr("pubtrack 0."));
  auto unknown = run({"help", "nosuch"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no such command: nosuch"));
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

// Tables are read by people in China: times in China time with the offset; JSON and CSV keep the
// stored UTC instants.
TEST_F(CliTest, StatusAndRunsShowChinaTimeInTablesAndUtcInData) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[account.main]\nappid = wx1\nsecret_env = X\n");
  ASSERT_EQ(run({"init"}).exit_code, 0);
  {
    SQLite::Database db((dir_ / "pubtrack.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO runs (collector, source, started_at, finished_at, status) VALUES "
        "('wechat', 'account.main', '2024-06-14T23:59:00Z', '2024-06-15T00:30:20Z', 'ok')");
  }
  auto table = run({"status", "--today", "2024-06-15"});
  EXPECT_THAT(table.out, HasSubstr("2024-06-15 08:30:20 +08:00"));
  EXPECT_THAT(table.out, Not(HasSubstr("2024-06-15T00:30:20Z")));
  auto json = run({"status", "--today", "2024-06-15", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"last_success\": \"2024-06-15T00:30:20Z\""));
  auto runs = run({"runs", "list"});
  ASSERT_EQ(runs.exit_code, 0) << runs.err;
  EXPECT_THAT(runs.out, HasSubstr("2024-06-15 07:59:00 +08:00"));
  EXPECT_THAT(runs.out, HasSubstr("2024-06-15 08:30:20 +08:00"));
  EXPECT_THAT(run({"runs", "list", "--format", "csv"}).out,
              HasSubstr(",2024-06-14T23:59:00Z,2024-06-15T00:30:20Z,ok,"));
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

// The request register: bad lines name the line and the field, store nothing, and leave what
// was recorded before untouched; a file imported again updates its requests.
TEST_F(CliTest, RequestsImportIsAllOrNothingAndIdempotent) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n");
  fakes::writeFile(dir_ / "good.csv",
                   "编号,收到日期,申请人类型,办理结果,办结日期\n"
                   "R1,2024-03-01,自然人,予以公开,2024-03-10\n"
                   "R2,2024-04-01,商业企业,,\n");
  auto first = run({"requests", "import", "good.csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("2 new, 0 updated"));
  auto again = run({"requests", "import", "good.csv"});
  EXPECT_THAT(again.out, HasSubstr("0 new, 2 updated"));
  fakes::writeFile(dir_ / "bad.csv",
                   "ref,received,applicant,outcome,closed\n"
                   "R3,2024-05-01,natural,maybe,2024-05-02\n"
                   "R4,2024-05-10,natural,disclosed,2024-05-01\n"
                   "R5,2024-05-10,robot,,\n"
                   "R6,2024-05-12,natural,disclosed,2024-05-13\n");
  auto bad = run({"requests", "import", "bad.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.csv: line 2: outcome: unknown outcome 'maybe'"));
  EXPECT_THAT(bad.err, HasSubstr("bad.csv: line 3: closed: 2024-05-01 is before the request was "
                                 "received (2024-05-10)"));
  EXPECT_THAT(bad.err, HasSubstr("bad.csv: line 4: applicant: expected natural"));
  EXPECT_THAT(bad.err, HasSubstr("(nothing of bad.csv was stored)"));
  auto list = run({"requests", "list", "--format", "csv"});
  EXPECT_THAT(list.out, HasSubstr("R1,2024-03-01,natural"));
  EXPECT_THAT(list.out, Not(HasSubstr("R6")));
  // Closing the open one by its ref.
  auto close = run({"requests", "close", "R2", "--outcome", "重复申请", "--closed", "2024-04-20"});
  ASSERT_EQ(close.exit_code, 0) << close.err;
  EXPECT_THAT(run({"requests", "list", "--open"}).out, Not(HasSubstr("R2")));
}

TEST_F(CliTest, FiguresAreCheckedAgainstTheYearsLayout) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n");
  auto ok = run({"figures", "set", "--year", "2021", "t2.fees.amount=12.35", "t4.review.total=3"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto list = run({"figures", "list", "--year", "2021", "--format", "csv"});
  EXPECT_THAT(list.out, HasSubstr("t2.fees.amount,12.35,"));
  auto negative = run({"figures", "set", "--year", "2021", "t4.review.upheld=-1"});
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_THAT(negative.err, HasSubstr("value: must not be negative"));
  auto wrongLayout = run({"figures", "set", "--year", "2021", "t2.rules.made=1"});
  EXPECT_EQ(wrongLayout.exit_code, 2);
  EXPECT_THAT(wrongLayout.err, HasSubstr("is not a cell of the 2021 layout"));
  fakes::writeFile(dir_ / "f.csv", "年度,项目,数值\n2019,t2.rules.made,2\n2019,t2.nope,1\n");
  auto bad = run({"figures", "import", "f.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("f.csv: line 3: key: unknown key 't2.nope'"));
  const auto list2019 = run({"figures", "list", "--year", "2019", "--format", "csv"}).out;
  EXPECT_THAT(list2019, Not(HasSubstr("t2.rules.made,2")));
  // A key both layouts keep is labelled in the year's own layout.
  EXPECT_THAT(list2019, HasSubstr("处理决定数量"));
  EXPECT_THAT(list2019, Not(HasSubstr("本年处理决定数量")));
  EXPECT_THAT(list.out, HasSubstr("本年处理决定数量"));
}

// Issue 14: review in bulk: ids, ranges, and every candidate of one outlet.
TEST_F(CliTest, MentionsAreReviewedByRangeAndByOutlet) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n");
  fakes::writeFile(dir_ / "m.csv",
                   "date,outlet,tier,title,url,status,note\n"
                   "2024-03-01,深圳特区报,municipal,报道一,,candidate,\n"
                   "2024-03-02,深圳特区报,municipal,报道二,,candidate,\n"
                   "2024-03-03,深圳特区报,municipal,报道三,,candidate,\n"
                   "2024-03-04,南方日报,provincial,报道四,,candidate,\n"
                   "2024-03-05,南方日报,provincial,报道五,,candidate,\n"
                   "2024-03-06,人民日报,central,报道六,,candidate,\n");
  auto r = run({"mentions", "import", "m.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto statusOf = [&] {
    std::map<std::string, std::string> out;  // title -> status
    std::istringstream in(run({"mentions", "list", "--format", "csv"}).out);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto title = line.find("报道");
      if (title == std::string::npos) continue;
      const std::string t = line.substr(title, line.find(',', title) - title);
      for (const char* st : {"candidate", "confirmed", "rejected"})
        if (line.find(std::string(",") + st + ",") != std::string::npos) out[t] = st;
    }
    return out;
  };
  ASSERT_EQ(statusOf().size(), 6u);
  const auto listed = run({"mentions", "list", "--format", "csv"}).out;
  // Ids in import order: the first two by a range.
  r = run({"mentions", "confirm", "1-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err << listed;
  EXPECT_THAT(r.out, HasSubstr("2 mentions confirmed"));
  r = run({"mentions", "reject", "--all-candidates", "--outlet", "南方日报"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 mentions rejected"));
  auto st = statusOf();
  EXPECT_EQ(st["报道一"], "confirmed");
  EXPECT_EQ(st["报道二"], "confirmed");
  EXPECT_EQ(st["报道三"], "candidate");
  EXPECT_EQ(st["报道四"], "rejected");
  EXPECT_EQ(st["报道五"], "rejected");
  EXPECT_EQ(st["报道六"], "candidate");
  // Bad input changes nothing and says why.
  r = run({"mentions", "confirm", "5-3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("expected mention ids (12) or ranges (12-20), got '5-3'"));
  r = run({"mentions", "confirm", "3", "99"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no mention with id 99 (nothing was changed)"));
  r = run({"mentions", "confirm", "--outlet", "人民日报"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--outlet, --from and --to narrow --all-candidates"));
  r = run({"mentions", "confirm", "--all-candidates", "--outlet", "新华社"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no candidate mention of outlet '新华社'"));
  EXPECT_EQ(statusOf(), st);
  // Every candidate left.
  r = run({"mentions", "confirm", "--all-candidates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 mentions confirmed"));
}

// A ledger file imported twice counts once; the same row twice in one file is refused; a total
// line with the role lines it sums up is one figure with its breakdown.
TEST_F(CliTest, LedgerImportsNeverDoubleAFigure) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n[report]\nagency = 测试\n");
  fakes::writeFile(dir_ / "l.csv",
                   "kind,date,title,count,role\n"
                   "npc_suggestion,2024-06-30,市人大代表建议,5,\n"
                   "npc_suggestion,2024-06-30,市人大代表建议（主办）,2,主办\n"
                   "npc_suggestion,2024-06-30,市人大代表建议（会办）,3,会办\n"
                   "interview,2024-05-20,在线访谈,1,\n");
  ASSERT_EQ(run({"record", "import", "l.csv"}).exit_code, 0);
  auto again = run({"record", "import", "l.csv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 new, 4 already recorded"));
  auto list = run({"record", "list", "--format", "csv"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 5);  // header + 4 records
  EXPECT_THAT(list.out, HasSubstr(",import:l.csv"));
  auto report = run({"report", "--year", "2024", "--format", "text"});
  EXPECT_THAT(report.out, HasSubstr("人大代表建议5件（主办件2件、会办件3件）"));
  EXPECT_THAT(report.out, HasSubstr("在线访谈1期"));
  fakes::writeFile(dir_ / "dup.csv",
                   "kind,date,title\ninterview,2024-07-01,访谈\ninterview,2024-07-01,访谈\n");
  auto dup = run({"record", "import", "dup.csv"});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_THAT(dup.err, HasSubstr("dup.csv: line 3: the same kind, date, title and role as line 2"));
}

// Kinds, roles and tiers by the Chinese names the report prints, on the command line and in CSV
// files; an unknown one is refused with the accepted names in both languages.
TEST_F(CliTest, KindsRolesAndTiersAreTakenByTheirChineseNames) {
  fakes::writeFile(dir_ / "pubtrack.ini", "[database]\npath = p.db\n");
  auto added =
      run({"record", "add", "--kind", "在线访谈", "--date", "2024-05-20", "--role", "主办"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr(" interview on 2024-05-20 (count 1, 主办)"));
  auto english = run({"record", "add", "--kind", "NPC deputies' suggestions", "--date",
                      "2024-06-01", "--role", "Lead", "--count", "2"});
  ASSERT_EQ(english.exit_code, 0) << english.err;
  EXPECT_THAT(english.out, HasSubstr(" npc_suggestion on 2024-06-01 (count 2, 主办)"));
  fakes::writeFile(dir_ / "l.csv",
                   "类别,日期,标题,数量,办理类型\n"
                   "政协提案,2024-07-01,提案一,3,会办\n"
                   "新闻发布会,2024-07-02,发布会,1,\n");
  auto imported = run({"record", "import", "l.csv"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto list = run({"record", "list", "--format", "csv"});
  EXPECT_THAT(list.out, HasSubstr(",cppcc_proposal,2024-07-01,提案一,3,会办,"));
  EXPECT_THAT(list.out, HasSubstr(",press_conference,2024-07-02,发布会,1,,"));
  auto onlyInterviews = run({"record", "list", "--kind", "在线访谈", "--format", "csv"});
  EXPECT_EQ(std::count(onlyInterviews.out.begin(), onlyInterviews.out.end(), '\n'), 2);

  auto badKind = run({"record", "add", "--kind", "座谈会", "--date", "2024-05-20"});
  EXPECT_EQ(badKind.exit_code, 2);
  EXPECT_THAT(badKind.err, HasSubstr("--kind: unknown kind '座谈会'; known kinds: interview "
                                     "(在线访谈), consultation (民意征集)"));
  auto badRole =
      run({"record", "add", "--kind", "interview", "--date", "2024-05-20", "--role", "牵头"});
  EXPECT_EQ(badRole.exit_code, 2);
  EXPECT_THAT(badRole.err, HasSubstr("--role: expected one of 主办 (lead), 会办 (co-handled)"));
  EXPECT_THAT(badRole.err, HasSubstr("汇办 (consolidated), got '牵头'"));

  fakes::writeFile(dir_ / "m.csv",
                   "日期,媒体,级别,标题\n"
                   "2024-03-01,人民日报,中央级,报道一\n"
                   "2024-03-02,南方日报,省,报道二\n"
                   "2024-03-03,深圳特区报,市级,报道三\n"
                   "2024-03-04,某网站,其他,报道四\n");
  auto mentions = run({"mentions", "import", "m.csv"});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_THAT(mentions.out, HasSubstr("imported 4 mentions"));
  auto central = run({"mentions", "list", "--tier", "中央级", "--format", "csv"});
  ASSERT_EQ(central.exit_code, 0) << central.err;
  EXPECT_THAT(central.out, HasSubstr("人民日报"));
  EXPECT_THAT(central.out, Not(HasSubstr("南方日报")));
  EXPECT_THAT(run({"mentions", "list", "--tier", "省级", "--format", "csv"}).out,
              HasSubstr(",南方日报,provincial,"));
  auto badTier = run({"mentions", "list", "--tier", "县级"});
  EXPECT_EQ(badTier.exit_code, 2);
  EXPECT_THAT(badTier.err, HasSubstr("--tier: expected central (中央级), provincial (省级), "
                                     "municipal (市级) or other (其他), got '县级'"));
  fakes::writeFile(dir_ / "bad.csv", "日期,媒体,级别,标题\n2024-03-05,县融媒,县级,报道五\n");
  auto badCsv = run({"mentions", "import", "bad.csv"});
  EXPECT_EQ(badCsv.exit_code, 2);
  EXPECT_THAT(badCsv.err, HasSubstr("bad.csv: line 2: tier: expected central (中央级)"));
}

}  // namespace
}  // namespace pubtrack
