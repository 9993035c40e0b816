// SPDX-License-Identifier: Apache-2.0
// Configuration: every bad case has its message, good files give the typed settings.
#include "config/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace pubtrack::config {
namespace {

using ::testing::HasSubstr;

LoadResult load(const std::string& text) {
  return loadSettingsFromString(text, "/etc/pubtrack/t.ini");
}

TEST(SettingsTest, EmptyFileGivesDefaults) {
  auto r = load("");
  ASSERT_TRUE(r.settings) << r.problems.front();
  const auto& s = *r.settings;
  EXPECT_EQ(s.database_path, "/etc/pubtrack/pubtrack.db");
  EXPECT_EQ(s.wechat.api_base, "https://api.weixin.qq.com");
  EXPECT_EQ(s.wechat.new_api_from.toString(), "2025-11-01");
  EXPECT_EQ(s.http.retries, 2);
  EXPECT_EQ(s.report.lang, model::Lang::Zh);
  EXPECT_EQ(s.server.listen, "127.0.0.1:8080");
  EXPECT_GE(s.outlets.size(), 20u);  // the built-in central media registry
  EXPECT_EQ(s.ledger_kinds.size(), 9u);
}

TEST(SettingsTest, ReadsEverySection) {
  auto r = load(R"(
[database]
path = data/p.db
[http]
timeout_ms = 5000
retries = 0
proxy = http://proxy.local:3128
[wechat]
api_base = http://127.0.0.1:8999/
backfill_from = 2019-01-01
new_api_from = 2025-11-01
[account.sz]
name = 深圳国资
appid = wx123
secret_env = SZ_SECRET
[outlet.sznews]
name = 深圳新闻网
tier = municipal
domains = www.sznews.com, szszb.sznews.com
[feed.people]
url = http://www.people.com.cn/rss/politics.xml
[feed.sz]
url = https://www.sznews.com/rss.xml
outlet = sznews
[feed.search]
url = https://news.example.org/search?q={keyword}
outlet = 搜索
tier = other
timezone = +09:00
[monitor]
keywords = 深圳市国资委, 市国资委
exclude = 招聘
[kind.livestream]
name_zh = 网络直播
unit = 场
[report]
agency = 深圳市国资委
lang = en
[server]
listen = 0.0.0.0:9000
auth_token = 0123456789abcdef0123
)");
  ASSERT_TRUE(r.settings) << r.problems.front();
  const auto& s = *r.settings;
  EXPECT_EQ(s.database_path, "/etc/pubtrack/data/p.db");
  EXPECT_EQ(s.http.timeout_ms, 5000);
  EXPECT_EQ(s.http.retries, 0);
  EXPECT_EQ(s.wechat.api_base, "http://127.0.0.1:8999");
  EXPECT_EQ(s.wechat.backfill_from->toString(), "2019-01-01");
  ASSERT_EQ(s.accounts.size(), 1u);
  EXPECT_EQ(s.accounts[0].name, "深圳国资");
  ASSERT_EQ(s.feeds.size(), 3u);
  const auto* people = s.feed("people");
  ASSERT_TRUE(people);
  EXPECT_EQ(people->tier, model::Tier::Central);  // from the registry's domain
  EXPECT_EQ(people->outlet, "人民网");
  const auto* sz = s.feed("sz");
  EXPECT_EQ(sz->tier, model::Tier::Municipal);
  EXPECT_EQ(sz->outlet, "深圳新闻网");
  EXPECT_EQ(s.feed("search")->timezone.minutes, 540);
  EXPECT_EQ(s.monitor.keywords.size(), 2u);
  EXPECT_EQ(s.ledgerKind("livestream")->unit_zh, "场");
  EXPECT_EQ(s.report.lang, model::Lang::En);
  EXPECT_EQ(s.server.auth_token.reveal(), "0123456789abcdef0123");
  EXPECT_EQ(s.outletForHost("szszb.sznews.com")->id, "sznews");
  EXPECT_EQ(s.outletForHost("world.people.com.cn")->id, "people");
  EXPECT_EQ(s.outletForHost("paper.people.com.cn")->id, "peopledaily");  // longest suffix
  EXPECT_EQ(s.outletForHost("notpeople.com.cn"), nullptr);
}

TEST(SettingsTest, EveryBadCaseNamesFileSectionAndKey) {
  struct Case {
    const char* ini;
    const char* message;
  } cases[] = {
      {"[htp]\n", "t.ini: unknown section [htp] (did you mean [http]?)"},
      {"[http]\ntimout_ms = 1\n",
       "t.ini: [http]: unknown key 'timout_ms' (did you mean 'timeout_ms'?)"},
      {"[http]\ntimeout_ms = fast\n",
       "t.ini: [http] timeout_ms: expected milliseconds between 100 and 3600000, got 'fast'"},
      {"[http]\nretries = -1\n", "t.ini: [http] retries: expected an integer between 0 and 10"},
      {"[http]\nproxy = proxy.local\n", "t.ini: [http] proxy: expected a proxy URL"},
      {"[wechat]\nbackfill_from = 2019/01/01\n",
       "t.ini: [wechat] backfill_from: expected a date YYYY-MM-DD, got '2019/01/01'"},
      {"[wechat]\napi_base = ftp://x\n",
       "t.ini: [wechat] api_base: expected an http:// or https:// URL"},
      {"[account]\nappid = x\n", "t.ini: [account] needs an id: write [account.<id>]"},
      {"[report]\n[report]\n", "t.ini: section [report] appears twice"},
      {"[http.x]\n", "t.ini: unknown section [http.x] (did you mean [http]?)"},
      {"[acount.main]\n", "t.ini: unknown section [acount.main] (did you mean [account.<id>]?)"},
      {"stray = 1\n", "t.ini: key 'stray' outside any section"},
      {"[account.a b]\nappid = x\nsecret_env = X\n", "an id uses letters, digits"},
      {"[account.main]\nsecret_env = X\n", "t.ini: [account.main] appid: is required"},
      {"[account.main]\nappid = wx1\n", "t.ini: [account.main]: set exactly one of secret_env"},
      {"[account.main]\nappid = wx1\nsecret_env = A\nsecret_file = /x\n", "set exactly one of"},
      {"[account.main]\nappid = wx1\nsecret_env = A\nsecret = s3cr3t\n",
       "t.ini: [account.main] secret: secrets never go in the config"},
      {"[account.a]\nappid = wx1\nsecret_env = A\n[account.b]\nappid = wx1\nsecret_env = B\n",
       "appid wx1 is configured twice"},
      {"[feed.x]\nurl = http://unknown.example/rss\n[monitor]\nkeywords = k\n",
       "t.ini: [feed.x] tier: is required: the outlet registry does not know unknown.example"},
      {"[feed.x]\ntier = county\nurl = http://a.example/\n[monitor]\nkeywords = k\n",
       "t.ini: [feed.x] tier: expected central (中央级), provincial (省级), municipal (市级) or "
       "other (其他), got 'county'"},
      {"[feed.x]\ntier = other\n[monitor]\nkeywords = k\n", "t.ini: [feed.x] url: is required"},
      {"[feed.x]\nurl = http://a.example/\ntier = other\n",
       "t.ini: [monitor] keywords: is required"},
      {"[feed.x]\nurl = http://a.example/\ntier = other\ntimezone = Mars\n[monitor]\nkeywords = "
       "k\n",
       "t.ini: [feed.x] timezone: expected a time zone"},
      {"[outlet.x]\nname = X\n", "t.ini: [outlet.x] tier: is required"},
      // A government's own site is not central media by the registry's gov.cn: say its tier.
      {"[feed.own]\nurl = http://gzw.sz.gov.cn/rss.xml\n[monitor]\nkeywords = k\n",
       "t.ini: [feed.own] tier: is required: the outlet registry does not know gzw.sz.gov.cn"},
      {"[outlet.x]\nname = X\ntier = other\ndomains = http://x.cn/\n",
       "t.ini: [outlet.x] domains: expected host names"},
      {"[monitor]\nstale_hours = 0\n", "t.ini: [monitor] stale_hours: expected hours between 1"},
      {"[report]\nlang = fr\n", "t.ini: [report] lang: expected zh or en, got 'fr'"},
      {"[server]\nlisten = localhost\n", "t.ini: [server] listen: expected HOST:PORT"},
      {"[server]\nauth_token = short\n",
       "t.ini: [server] auth_token: must be at least 16 characters"},
      {"[server]\nauth_token_env = PUBTRACK_TEST_UNSET_TOKEN\n",
       "t.ini: [server] auth_token_env: environment variable PUBTRACK_TEST_UNSET_TOKEN is not set"},
      {"[database]\npath =\n", "t.ini: [database] path: must not be empty"},
      {"[monitor]\nkeywords = 深圳市国资委, 深圳\nplace = 深圳\n",
       "t.ini: [monitor] keywords: '深圳' is a place name, not a name of the agency"},
      {"[monitor]\nkeywords = 深圳市国资委, 广州市\n",
       "t.ini: [monitor] keywords: '广州市' is a place name, not a name of the agency"},
      {"[monitor]\nkeywords = 深圳市国资委, 鹏城\nplace = 深圳\nplace_aliases = 鹏城\n",
       "t.ini: [monitor] keywords: '鹏城' is a place name"},
      {"[monitor]\nkeywords = 深圳市国资委\nplace =\n", "t.ini: [monitor] place: is empty"},
      {"[monitor]\nkeywords = 深圳市国资委\nplace = 深圳, 鹏城\n",
       "t.ini: [monitor] place: expected one place (深圳), got '深圳, 鹏城'"},
      {"[monitor]\nkeywords = 深圳市国资委\nplace_aliases = 鹏城\n",
       "t.ini: [monitor] place_aliases: needs place"},
      {"[monitor]\nstopwords = 招聘启事\n",
       "t.ini: [monitor]: unknown key 'stopwords' (did you mean 'stop_words'?)"},
      {"[feed.x]\nurl = http://a.example/\ntier = other\nlocal = maybe\n[monitor]\nkeywords = k\n",
       "t.ini: [feed.x] local: expected true or false, got 'maybe'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.ini);
    auto r = load(c.ini);
    EXPECT_FALSE(r.settings);
    ASSERT_FALSE(r.problems.empty());
    bool found = false;
    for (const auto& p : r.problems) found = found || p.find(c.message) != std::string::npos;
    EXPECT_TRUE(found) << "got: " << r.problems.front();
  }
}

TEST(SettingsTest, ReadsThePlaceStopWordsAndLocalOutlets) {
  auto r = load(
      "[monitor]\nkeywords = 深圳市国资委, 市国资委\nexclude = 广州市国资委\nstop_words = "
      "招聘启事, "
      "中标公告\nplace = 深圳\nplace_aliases = 鹏城\n[outlet.sztqb]\nname = 深圳特区报\ntier = "
      "municipal\ndomains = sztqb.example\nlocal = true\n[feed.sz]\nurl = "
      "http://sz.example/rss\ntier = municipal\nlocal = yes\n");
  ASSERT_TRUE(r.settings) << r.problems.front();
  EXPECT_TRUE(r.warnings.empty());
  const auto& m = r.settings->monitor;
  EXPECT_EQ(m.place, "深圳");
  EXPECT_EQ(m.place_aliases, std::vector<std::string>{"鹏城"});
  EXPECT_EQ(m.stop_words, (std::vector<std::string>{"招聘启事", "中标公告"}));
  EXPECT_EQ(m.exclude, std::vector<std::string>{"广州市国资委"});
  EXPECT_TRUE(r.settings->feed("sz")->local);
  EXPECT_TRUE(r.settings->any_local_outlet);
  const std::string text = renderEffective(*r.settings);
  EXPECT_THAT(text, HasSubstr("place = 深圳\nplace_aliases = 鹏城\n"));
  EXPECT_THAT(text, HasSubstr("stop_words = 招聘启事, 中标公告\n"));
}

TEST(SettingsTest, APlaceOutsideTheGazetteerIsOnlyAWarning) {
  auto r = load("[monitor]\nkeywords = 前海管理局\nplace = 前海\n");
  ASSERT_TRUE(r.settings) << r.problems.front();
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("[monitor] place: '前海' is not in the built-in gazetteer"));
}

TEST(SettingsTest, ReportsEveryProblemNotJustTheFirst) {
  auto r = load("[htp]\n[http]\ntimeout_ms = x\nretries = y\n");
  EXPECT_EQ(r.problems.size(), 3u);
}

TEST(SettingsTest, MissingFileSaysHowToCreateIt) {
  auto r = loadSettings("/nonexistent/pubtrack.ini");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("not found (run `pubtrack init`"));
}

TEST(SecretTest, FromEnvironment) {
  AccountSettings a{"main", "Main", "wx1", "PUBTRACK_TEST_SECRET_ENV", ""};
  ::unsetenv("PUBTRACK_TEST_SECRET_ENV");
  auto missing = resolveSecret(a);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "secret_env: environment variable PUBTRACK_TEST_SECRET_ENV is not set");
  ::setenv("PUBTRACK_TEST_SECRET_ENV", "s3cr3t-value", 1);
  auto ok = resolveSecret(a);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->reveal(), "s3cr3t-value");
  ::unsetenv("PUBTRACK_TEST_SECRET_ENV");
}

TEST(SecretTest, FileReadableByOthersIsRefusedSayingWhy) {
  fakes::TempDir dir;
  const auto file = dir / "main.secret";
  fakes::writeFile(file, "s3cr3t-from-file\n");
  ::chmod(file.c_str(), 0644);
  AccountSettings a{"main", "Main", "wx1", "", file.string()};
  auto refused = resolveSecret(a);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("has mode 0644: group or others can access it"));
  EXPECT_THAT(refused.error().message, HasSubstr("chmod 600"));
  EXPECT_EQ(refused.error().message.find("s3cr3t"), std::string::npos);
  ::chmod(file.c_str(), 0600);
  auto ok = resolveSecret(a);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->reveal(), "s3cr3t-from-file");
  AccountSettings gone{"x", "X", "wx2", "", (dir / "missing").string()};
  EXPECT_THAT(resolveSecret(gone).error().message, HasSubstr("does not exist"));
}

TEST(RenderTest, EffectiveConfigMasksSecrets) {
  ::setenv("PUBTRACK_TEST_TOKEN_ENV", "dashboard-token-0123456789", 1);
  auto r = load(
      "[account.main]\nappid = wx1\nsecret_env = X\n[server]\nauth_token_env = "
      "PUBTRACK_TEST_TOKEN_ENV\n");
  ASSERT_TRUE(r.settings);
  const std::string text = renderEffective(*r.settings);
  EXPECT_THAT(text, HasSubstr("auth_token = ***"));
  EXPECT_THAT(text, HasSubstr("secret_env = X  ; value ***"));
  EXPECT_EQ(text.find("dashboard-token"), std::string::npos);
  ::unsetenv("PUBTRACK_TEST_TOKEN_ENV");
}

TEST(TemplateTest, TheInitTemplateIsValid) {
  auto r = load(templateIni());
  EXPECT_TRUE(r.settings) << (r.problems.empty() ? "" : r.problems.front());
}

// Issue 14: uncommenting a template line must give the value shown, never the value with its
// comment ("2          ; 0 = no retry"). Every "; key = value" line of a section that is not
// itself commented out is uncommented, as a user would.
TEST(TemplateTest, EveryUncommentedTemplateLineKeepsItsValue) {
  std::istringstream in(templateIni());
  std::string line, text;
  bool live = false;  // inside a section header that is not commented out
  while (std::getline(in, line)) {
    if (line.rfind("[", 0) == 0) live = true;
    if (line.rfind("; [", 0) == 0) live = false;
    const auto eq = line.find(" = ");
    const bool keyLine = line.rfind("; ", 0) == 0 && eq != std::string::npos &&
                         line.find(' ', 2) == eq && line.find_first_of(",.", 2) > eq;
    // Keys that need the environment or other sections are left as they are.
    const bool needsMore = line.find("auth_token_env") != std::string::npos ||
                           line.find("; keywords") != std::string::npos ||
                           line.find("; listen") != std::string::npos;
    text += (live && keyLine && !needsMore ? line.substr(2) : line) + "\n";
  }
  auto r = load(text);
  ASSERT_TRUE(r.settings) << (r.problems.empty() ? "" : r.problems.front()) << "\n" << text;
  EXPECT_EQ(r.settings->http.retries, 2);
  EXPECT_EQ(r.settings->http.proxy, "http://proxy.example:3128");
  EXPECT_EQ(r.settings->wechat.backfill_from->toString(), "2025-01-01");
  EXPECT_EQ(r.settings->wechat.new_api_from.toString(), "2025-11-01");
  EXPECT_EQ(r.settings->report.lang, model::Lang::Zh);
}

// An older template's line, uncommented with its comment: the comment is not the value.
TEST(SettingsTest, ATrailingCommentIsNotPartOfTheValue) {
  auto r = load(
      "[http]\nretries = 2          ; 0 = no retry\n[report]\nlang = en\t; zh | en\n"
      "agency = 某某局;市场监管\n");
  ASSERT_TRUE(r.settings) << (r.problems.empty() ? "" : r.problems.front());
  EXPECT_EQ(r.settings->http.retries, 2);
  EXPECT_EQ(r.settings->report.lang, model::Lang::En);
  EXPECT_EQ(r.settings->report.agency, "某某局;市场监管");  // a ';' inside a value stays
}

}  // namespace
}  // namespace pubtrack::config
