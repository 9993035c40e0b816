// SPDX-License-Identifier: Apache-2.0
// The dashboard server on 127.0.0.1:0 over a real SQLite file, driven with libcurl: every
// endpoint, the filters and their 400s, authentication, confirm/reject, escaping and headers.
#include <Poco/InflatingStream.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <chrono>
#include <iterator>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "dashboard/server.h"
#include "dashboard/shell.h"
#include "reports/annual_figures.h"
#include "reports/writers.h"
#include "store/feeds_repo.h"
#include "tests/dashboard/dashboard_fixture.h"
#include "tests/dashboard/http_get.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::dashboard {
namespace {

using fakes::httpGet;
using fakes::httpRequest;

constexpr const char* kToken = "s3cret-token-for-tests-0123456789";
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

size_t countOf(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string mentionStatus(const std::filesystem::path& db, int64_t id) {
  // The test's own read-only connection to the file the server writes.
  SQLite::Database rd(db.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(rd, "SELECT status FROM mentions WHERE id = ?");
  q.bind(1, id);
  return q.executeStep() ? q.getColumn(0).getString() : "";
}

// A hand-recorded candidate mention, written by another connection (as `mentions import` would).
int64_t addManualMention(const std::filesystem::path& db, const std::string& outlet,
                         const std::string& title, const std::string& day) {
  auto rw = store::Database::open(db);
  store::FeedsRepo repo(**rw);
  model::Mention m;
  m.origin = model::MentionOrigin::Manual;
  m.outlet = outlet;
  m.tier = model::Tier::Central;
  m.title = title;
  m.norm_title = "manual:" + title;
  m.day = *core::Date::parse(day);
  return repo.upsertMention(m, *core::parseUtc("2025-06-15T00:00:00Z")).first;
}

// The headline card of `key` on the page: its HTML from its data-key to the next card.
std::string cardOf(const std::string& page, const std::string& key) {
  const auto at = page.find("data-key=\"" + key + "\"");
  if (at == std::string::npos) return "";
  auto end = page.find("<div class=\"card\"", at);
  if (end == std::string::npos) end = page.find("</section>", at);
  return page.substr(at, end - at);
}

// The value of the first `name="..."` attribute in `html`; "" when there is none.
std::string attrOf(const std::string& html, const std::string& name) {
  const auto at = html.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 3;
  return html.substr(start, html.find('"', start) - start);
}

// The first day of the period of a report's JSON.
std::string periodFrom(const std::string& json) {
  const auto period = json.find("\"period\"");
  const auto from = json.find("\"from\"", period == std::string::npos ? 0 : period);
  if (period == std::string::npos || from == std::string::npos) return "";
  const auto open = json.find('"', json.find(':', from));
  return json.substr(open + 1, json.find('"', open + 1) - open - 1);
}

// The report's figures of a year, as `pubtrack report --year` computes them at `now`.
reports::Figures reportOf(const std::filesystem::path& db, int year, core::TimePoint now) {
  auto opened = store::Database::open(db, store::Database::Mode::ReadOnly);
  if (!opened) throw std::runtime_error(opened.error().describe());
  reports::FigureRequest req;
  req.year = year;
  req.from = *core::Date::fromYmd(year, 1, 1);
  req.to = *core::Date::fromYmd(year, 12, 31);
  return reports::computeFigures(**opened, fakes::dashboardSettings(db), req, now);
}

const reports::Change* changeOf(const reports::Figures& f, const std::string& key) {
  for (const auto& c : f.changes)
    if (c.key == key) return &c;
  return nullptr;
}

// Every headline card of the page shows the report's figure, and a 同比 exactly where the
// report has a change, with the report's numbers.
void expectPageShowsTheReport(const std::string& page, const reports::Figures& f) {
  const auto& w = f.wechat_totals;
  const std::pair<std::string, std::optional<int64_t>> cards[] = {
      {"wechat.articles", w.articles},
      {"wechat.reads", w.reads},
      {"wechat.followers_end", w.followers_end},
      {"wechat.followers_net", w.followers_net},
      {"media.mainstream",
       f.media.has_data ? std::optional<int64_t>(f.media.mainstream) : std::nullopt}};
  for (const auto& [key, value] : cards) {
    SCOPED_TRACE(key);
    const std::string card = cardOf(page, key);
    ASSERT_FALSE(card.empty());
    EXPECT_EQ(attrOf(card, "data-value"), value ? std::to_string(*value) : "");
    if (const auto* change = changeOf(f, key)) {
      EXPECT_EQ(attrOf(card, "data-delta"), std::to_string(change->delta));
      EXPECT_EQ(attrOf(card, "data-previous"), std::to_string(change->previous));
    } else {
      EXPECT_EQ(attrOf(card, "data-delta"), "");
      EXPECT_NE(card.find("同比：无可比数据"), std::string::npos);
    }
  }
}

class DashboardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fakes::TempDir;
    db_ = dir_->path() / "pubtrack.db";
    data_ = new fakes::DashboardData(fakes::fillDashboardDatabase(db_));
    clock_ = new core::FixedClock(data_->now());
    auto s = start(kToken);
    ASSERT_TRUE(s) << s.error().describe();
    server_ = s->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete clock_;
    delete data_;
    delete dir_;
  }
  static core::Result<std::unique_ptr<DashboardServer>> start(
      const std::string& token, bool open_reads = true, const std::string& listen = "127.0.0.1:0") {
    ServeOptions o;
    o.listen = listen;
    o.clock = clock_;
    o.max_threads = 8;
    o.open_loopback_reads = open_reads;
    return DashboardServer::start(fakes::dashboardSettings(db_, token), o);
  }
  static std::string url(const std::string& path) { return server_->url() + path; }
  static std::string bearer() { return std::string("Authorization: Bearer ") + kToken; }

  static fakes::TempDir* dir_;
  static std::filesystem::path db_;
  static fakes::DashboardData* data_;
  static core::FixedClock* clock_;
  static DashboardServer* server_;
};

fakes::TempDir* DashboardTest::dir_ = nullptr;
std::filesystem::path DashboardTest::db_;
fakes::DashboardData* DashboardTest::data_ = nullptr;
core::FixedClock* DashboardTest::clock_ = nullptr;
DashboardServer* DashboardTest::server_ = nullptr;

TEST_F(DashboardTest, ListensOnLoopbackWithAnAssignedPort) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(server_->port()));
}

TEST_F(DashboardTest, ReportIsExactlyTheReportCommandsJson) {
  auto r = httpGet(url("/api/report?year=2024"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  auto db = store::Database::open(db_, store::Database::Mode::ReadOnly);
  ASSERT_TRUE(db);
  const auto s = fakes::dashboardSettings(db_, kToken);
  reports::FigureRequest req;
  req.from = *core::Date::parse("2024-01-01");
  req.to = *core::Date::parse("2024-12-31");
  req.year = 2024;
  const auto f = reports::computeFigures(**db, s, req, data_->now());
  EXPECT_EQ(r.body, reports::renderJson(f, {s.report.lang, s.report.round_threshold}));
  EXPECT_NE(r.body.find("\"schema\":"), std::string::npos);
}

TEST_F(DashboardTest, ReportDefaultsToThisYear) {
  auto r = httpGet(url("/api/report"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("2025-01-01"), std::string::npos);
}

TEST_F(DashboardTest, DailyFiltersByDaysAndAccount) {
  auto r = httpGet(url("/api/wechat/daily?from=2025-01-01&to=2025-01-31&account=main"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"count\":31}"), std::string::npos) << r.body.substr(0, 300);
  EXPECT_EQ(countOf(r.body, "\"account\":\"main\""), 31u);
  EXPECT_EQ(countOf(r.body, "\"account\":\"second\""), 0u);
  EXPECT_NE(r.body.find("\"date\":\"2025-01-01\""), std::string::npos);
  EXPECT_EQ(r.body.find("\"date\":\"2025-02-01\""), std::string::npos);

  auto year = httpGet(url("/api/wechat/daily?year=2024"));
  ASSERT_EQ(year.status, 200);
  EXPECT_NE(year.body.find("\"count\":732}"), std::string::npos);  // 366 days x 2 accounts

  auto both = httpGet(url("/api/wechat/daily?year=2024&account=main,second&limit=5"));
  ASSERT_EQ(both.status, 200);
  EXPECT_NE(both.body.find("\"count\":5}"), std::string::npos);
}

TEST_F(DashboardTest, ArticlesFilterByYearAndAccount) {
  auto r = httpGet(url("/api/wechat/articles?year=2025&account=second"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GT(countOf(r.body, "\"account\":\"second\""), 10u);
  EXPECT_EQ(countOf(r.body, "\"account\":\"main\""), 0u);
  EXPECT_EQ(r.body.find("\"publish_date\":\"2024-"), std::string::npos);
  EXPECT_NE(r.body.find("\"read_users\":"), std::string::npos);
}

TEST_F(DashboardTest, MentionsFilterByTierStatusAndLimit) {
  auto r = httpGet(url("/api/mentions?tier=central&status=confirmed"));
  ASSERT_EQ(r.status, 200) << r.body;
  const size_t rows = countOf(r.body, "\"id\":");
  EXPECT_GT(rows, 0u);
  EXPECT_EQ(countOf(r.body, "\"tier\":\"central\""), rows);
  EXPECT_EQ(countOf(r.body, "\"status\":\"confirmed\""), rows);

  auto limited = httpGet(url("/api/mentions?limit=3&from=2024-01-01&to=2024-12-31"));
  ASSERT_EQ(limited.status, 200);
  EXPECT_EQ(countOf(limited.body, "\"id\":"), 3u);
  EXPECT_NE(limited.body.find("\"day\":\"2024-12-"), std::string::npos);  // newest first
}

TEST_F(DashboardTest, StatusShowsCollectionHealth) {
  auto r = httpGet(url("/api/status"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"source\":\"account.main\""), std::string::npos);
  EXPECT_NE(r.body.find("\"health\":\"failing\""), std::string::npos);          // feed.people
  EXPECT_NE(r.body.find("\"health\":\"never collected\""), std::string::npos);  // feed.sznews
  EXPECT_NE(r.body.find("\"failing\":1"), std::string::npos);
  EXPECT_NE(r.body.find("\"last_complete_day\":\"2025-06-14\""), std::string::npos);
}

TEST_F(DashboardTest, BadParametersAre400sNamingTheParameter) {
  struct Case {
    std::string path, parameter;
  };
  const Case cases[] = {
      {"/api/wechat/daily?from=2024-13-01", "from"},
      {"/api/wechat/daily?to=2024-02-30", "to"},
      {"/api/wechat/daily?from=2024-05-01&to=2024-04-01", "to"},
      {"/api/mentions?limit=-1", "limit"},
      {"/api/mentions?limit=0", "limit"},
      {"/api/mentions?limit=99999999999999999999", "limit"},
      {"/api/report?year=abc", "year"},
      {"/api/report?year=1850", "year"},
      {"/api/wechat/daily?year=2024&from=2024-01-01", "year"},
      {"/api/wechat/daily?account=nope", "account"},
      {"/api/wechat/articles?account=%27%20OR%201%3D1%20--", "account"},
      {"/api/wechat/daily?account='+OR+1=1+--", "account"},
      {"/api/mentions?tier=national", "tier"},
      {"/api/mentions?status=approved", "status"},
      {"/api/mentions?account=main", "account"},  // mentions have no account
      {"/api/wechat/daily?colour=red", "colour"},
      {"/api/status?x=1", "x"},
      {"/api/mentions?limit=1&limit=2", "limit"},
      {"/report/abc", "year"},
      {"/?year=abc", "year"},
      {"/?year=20245", "year"},
      {"/?year=2026", "year"},  // not begun yet (today is 2025-06-15)
      {"/?year=2024&year=2025", "year"},
      {"/?colour=red", "colour"},
      {"/api/report?year=2026", "year"},
      {"/report/2026", "year"},
      {"/api/years?year=2024", "year"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    auto r = httpGet(url(c.path));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.body.rfind("{\"error\":\"" + c.parameter + ": ", 0), 0u) << r.body;
    EXPECT_NE(r.body.find("\"parameter\":\"" + c.parameter + "\""), std::string::npos);
  }
}

TEST_F(DashboardTest, UnknownPathsAre404JsonAndWrongMethods405) {
  auto r = httpGet(url("/api/nothing"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.body.rfind("{\"error\":", 0), 0u);
  EXPECT_EQ(httpGet(url("/etc/passwd")).status, 404);
  EXPECT_EQ(httpGet(url("/api/mentions/1/approve")).status, 404);
  auto post = httpRequest("POST", url("/api/status"), {bearer()});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("allow"), "GET");
  EXPECT_EQ(httpRequest("GET", url("/api/mentions/1/confirm")).status, 405);
}

TEST_F(DashboardTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const std::string path :
       {"/", "/api/status", "/app.js", "/nope", "/report/2024", "/api/mentions?limit=-1"}) {
    SCOPED_TRACE(path);
    auto r = httpGet(url(path));
    EXPECT_EQ(r.header("content-security-policy"), kCsp);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  }
  EXPECT_EQ(httpGet(url("/app.js")).header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(DashboardTest, PageEscapesHostileTitlesAndUsesNoExternalResources) {
  auto r = httpGet(url("/"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(r.body.find("<b>Evil</b>"), std::string::npos);
  EXPECT_EQ(r.body.find("href=\"javascript:"), std::string::npos);
  EXPECT_EQ(countOf(r.body, "<script"), 1u);
  EXPECT_NE(r.body.find("<script src=\"/app.js\"></script>"), std::string::npos);
  EXPECT_EQ(r.body.find("src=\"http"), std::string::npos);
  EXPECT_EQ(r.body.find("href=\"//"), std::string::npos);
  EXPECT_GE(countOf(r.body, "<svg"), 3u);
  EXPECT_NE(r.body.find("同比"), std::string::npos);
  EXPECT_NE(r.body.find("data-action=\"confirm\""), std::string::npos);  // a token is set
}

// The page's headline figures and 同比 are the report's: the same computation for the same year
// (a year in progress up to the latest collectable day, against the same days of 2024).
TEST_F(DashboardTest, PageHeadlineIsTheReportsFiguresAndChanges) {
  auto r = httpGet(url("/"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  const auto f = reportOf(db_, 2025, data_->now());
  ASSERT_TRUE(f.period.in_progress);
  ASSERT_NE(changeOf(f, "wechat.articles"), nullptr);  // 2024 was collected whole
  expectPageShowsTheReport(r.body, f);
  EXPECT_NE(r.body.find("2025年 · 数据截至 " + f.period.to), std::string::npos);
}

TEST_F(DashboardTest, YearParameterSelectsTheYearAndThePageOffersTheYearsHeld) {
  auto r = httpGet(url("/?year=2024"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  const auto f = reportOf(db_, 2024, data_->now());
  EXPECT_FALSE(f.period.in_progress);
  expectPageShowsTheReport(r.body, f);
  EXPECT_NE(r.body.find("2024年 · 全年"), std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/?year=2024\" class=\"cur\" aria-current=\"page\">2024</a>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/?year=2025\">2025</a>"), std::string::npos);
  EXPECT_EQ(r.body.find("/?year=2023"), std::string::npos);  // nothing held for 2023
  EXPECT_NE(r.body.find("href=\"/report/2024\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/api/report?year=2024\""), std::string::npos);
  // Another year is another answer (the cache keys on the year).
  EXPECT_NE(httpGet(url("/?year=2025")).body, r.body);
  EXPECT_EQ(httpGet(url("/?year=2024")).body, r.body);

  // The latest mentions are the year's own: 2024's page lists December 2024, never 2025.
  auto latest = [](const std::string& page) {
    const size_t at = page.find("id=\"latest\"");
    return at == std::string::npos ? std::string()
                                   : page.substr(at, page.find("</section>", at) - at);
  };
  const auto l2024 = latest(r.body), l2025 = latest(httpGet(url("/?year=2025")).body);
  EXPECT_NE(l2024.find("2024年最新媒体报道"), std::string::npos);
  EXPECT_NE(l2024.find(">2024-12-"), std::string::npos);
  EXPECT_EQ(l2024.find(">2025-"), std::string::npos);
  EXPECT_NE(l2025.find("2025年最新媒体报道"), std::string::npos);
  EXPECT_NE(l2025.find(">2025-"), std::string::npos);
  EXPECT_EQ(l2025.find(">2024-"), std::string::npos);

  auto years = httpGet(url("/api/years"));
  ASSERT_EQ(years.status, 200) << years.body;
  EXPECT_EQ(years.body, "{\"years\":[2024,2025],\"default\":2025}");
}

TEST_F(DashboardTest, AnnualReportHtmlIsServed) {
  auto r = httpGet(url("/report/2024"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
}

TEST_F(DashboardTest, ConfirmAndRejectChangeTheStatus) {
  // A fresh candidate, so the other tests' expectations do not depend on the order.
  const int64_t id = addManualMention(db_, "新华网", "待确认的报道", "2025-06-10");
  const std::string base = url("/api/mentions/" + std::to_string(id));
  const std::string listUrl = url("/api/mentions?status=confirmed&from=2025-06-10&to=2025-06-10");
  // Asked before the write, so a cached answer exists that the write must invalidate.
  for (int i = 0; i < 4; ++i)
    EXPECT_NE(httpGet(listUrl).body.find("\"count\":0}"), std::string::npos);
  auto c = httpRequest("POST", base + "/confirm", {bearer()});
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.body, "{\"id\":" + std::to_string(id) + ",\"status\":\"confirmed\"}");
  EXPECT_EQ(mentionStatus(db_, id), "confirmed");
  for (int i = 0; i < 4; ++i) {  // whichever worker answers
    auto listed = httpGet(listUrl);
    EXPECT_NE(listed.body.find("\"id\":" + std::to_string(id) + ","), std::string::npos);
  }

  auto rej = httpRequest("POST", base + "/reject", {bearer()});
  ASSERT_EQ(rej.status, 200) << rej.body;
  EXPECT_EQ(mentionStatus(db_, id), "rejected");

  EXPECT_EQ(httpRequest("POST", url("/api/mentions/999999/confirm"), {bearer()}).status, 404);
  EXPECT_EQ(httpRequest("POST", url("/api/mentions/12x/confirm"), {bearer()}).status, 400);
}

// Another process's writes (a collect) reach the answers within a few seconds: an answer may be
// given again for up to ServerContext::kFreshFor after the data changed, never longer.
TEST_F(DashboardTest, AnotherProcessesWriteShowsWithinSeconds) {
  const std::string listUrl = url("/api/mentions?from=2025-06-11&to=2025-06-11");
  EXPECT_NE(httpGet(listUrl).body.find("\"count\":0}"), std::string::npos);
  addManualMention(db_, "人民网", "另一进程写入的报道", "2025-06-11");
  const auto t0 = std::chrono::steady_clock::now();
  bool seen = false;
  while (!seen && std::chrono::steady_clock::now() - t0 <
                      detail::ServerContext::kFreshFor + std::chrono::seconds(5)) {
    seen = httpGet(listUrl).body.find("另一进程写入的报道") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen);
}

// Many requests for the same answer at once (a dashboard opened by the whole team after a
// collect): each gets the complete answer, computed once and shared.
TEST_F(DashboardTest, ConcurrentRequestsForOneAnswerAllGetIt) {
  // An answer nobody has asked for yet.
  const std::string fresh = url("/api/wechat/daily?year=2024&account=second&limit=300");
  std::vector<std::thread> pool;
  std::vector<fakes::HttpAnswer> got(16);
  for (size_t i = 0; i < got.size(); ++i) pool.emplace_back([&, i] { got[i] = httpGet(fresh); });
  for (auto& t : pool) t.join();
  for (const auto& g : got) {
    EXPECT_EQ(g.status, 200);
    EXPECT_EQ(g.body, got.front().body);
  }
  EXPECT_NE(got.front().body.find("\"account\":\"second\""), std::string::npos);
}

// Large answers go gzip-compressed to clients that accept it (every browser), the same bytes
// once inflated; small ones and clients that do not accept it get the plain body.
TEST_F(DashboardTest, LargeAnswersAreGzippedForClientsThatAcceptIt) {
  const std::string reportUrl = url("/api/report?year=2024");
  const auto plain = httpRequest("GET", reportUrl);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-encoding"), "");
  const auto zipped = httpRequest("GET", reportUrl, {"Accept-Encoding: gzip, deflate, br"});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size() / 3);
  std::istringstream in(zipped.body);
  Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  const std::string inflated((std::istreambuf_iterator<char>(inflate)),
                             std::istreambuf_iterator<char>());
  EXPECT_EQ(inflated, plain.body);
  const auto refused = httpRequest("GET", reportUrl, {"Accept-Encoding: gzip;q=0, identity"});
  EXPECT_EQ(refused.header("content-encoding"), "");
  EXPECT_EQ(refused.body, plain.body);
}

TEST_F(DashboardTest, WritesNeedTheTokenEvenOnLoopback) {
  const std::string path =
      url("/api/mentions/" + std::to_string(data_->hostile_mention_id) + "/confirm");
  auto none = httpRequest("POST", path);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"pubtrack\"");
  EXPECT_EQ(httpRequest("POST", path, {"Authorization: Bearer wrong"}).status, 403);
  EXPECT_EQ(
      httpRequest("POST", path, {std::string("Authorization: Bearer ") + kToken + "x"}).status,
      403);
  EXPECT_EQ(httpRequest("POST", path, {"Authorization: Basic abc"}).status, 401);
  EXPECT_EQ(mentionStatus(db_, data_->hostile_mention_id), "candidate");
  // Reads on loopback are open, but a wrong token is still refused.
  EXPECT_EQ(httpGet(url("/api/status")).status, 200);
  EXPECT_EQ(httpGet(url("/api/status"), {"Authorization: Bearer wrong"}).status, 403);
}

TEST_F(DashboardTest, EveryRequestNeedsTheTokenWhenReadsAreNotOpen) {
  auto s = start(kToken, /*open_reads=*/false);
  ASSERT_TRUE(s) << s.error().describe();
  const std::string base = (*s)->url();
  for (const std::string path : {"/api/status", "/api/report?year=2024", "/", "/report/2024"}) {
    SCOPED_TRACE(path);
    auto none = httpGet(base + path);
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.body.find("深圳"), std::string::npos);
    EXPECT_EQ(httpGet(base + path, {"Authorization: Bearer nope"}).status, 403);
    EXPECT_EQ(httpGet(base + path, {bearer()}).status, 200);
  }
  EXPECT_EQ(httpGet(base + "/app.js").status, 200);  // static, no data
}

TEST_F(DashboardTest, WritesAreRefusedWithoutAConfiguredToken) {
  auto s = start("");
  ASSERT_TRUE(s) << s.error().describe();
  auto r = httpRequest("POST", (*s)->url() + "/api/mentions/1/confirm",
                       {"Authorization: Bearer anything"});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("auth_token"), std::string::npos);
  auto page = httpGet((*s)->url() + "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("data-action=\"confirm\""), std::string::npos);
}

TEST_F(DashboardTest, RefusesANonLoopbackAddressWithoutAToken) {
  auto s = start("", true, "0.0.0.0:0");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, core::ErrorKind::Config);
  EXPECT_NE(s.error().message.find("auth_token"), std::string::npos);
  EXPECT_NE(s.error().message.find("0.0.0.0:0"), std::string::npos);
  auto bad = start("", true, "not an address");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not an address"), std::string::npos);
}

TEST_F(DashboardTest, RefusesAMissingDatabase) {
  ServeOptions o;
  o.listen = "127.0.0.1:0";
  auto s = DashboardServer::start(fakes::dashboardSettings(dir_->path() / "none.db"), o);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, core::ErrorKind::Database);
}

TEST_F(DashboardTest, ReportsAPortInUse) {
  auto s = start("", true, "127.0.0.1:" + std::to_string(server_->port()));
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("cannot listen"), std::string::npos);
}

// The shell alone (no sockets): the sign-in flow of a non-loopback server.
TEST_F(DashboardTest, NonLoopbackBrowsersSignInForReadsOnly) {
  detail::ServerContext ctx;
  ctx.settings = fakes::dashboardSettings(db_, kToken);
  ctx.clock = clock_;
  ctx.loopback = false;
  ctx.session_key = "0123456789abcdef0123456789abcdef";
  detail::Shell w(ctx);
  auto page = w.handle({"GET", "/", {}, {}, "", ""});
  EXPECT_EQ(page.status, 303);
  auto api = w.handle({"GET", "/api/status", {}, {}, "", ""});
  EXPECT_EQ(api.status, 401);
  auto form = w.handle({"GET", "/login", {}, {}, "", ""});
  EXPECT_EQ(form.status, 200);
  auto wrong = w.handle({"POST", "/login", {}, {{"token", "nope"}}, "", ""});
  EXPECT_EQ(wrong.status, 403);
  auto ok = w.handle({"POST", "/login", {}, {{"token", kToken}}, "", ""});
  ASSERT_EQ(ok.status, 303);
  std::string cookie;
  for (const auto& [k, v] : ok.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string jar = cookie.substr(0, cookie.find(';'));
  EXPECT_EQ(w.handle({"GET", "/", {}, {}, "", jar}).status, 200);
  EXPECT_EQ(w.handle({"GET", "/api/status", {}, {}, "", "a=b; " + jar}).status, 200);
  EXPECT_EQ(w.handle({"GET", "/api/status", {}, {}, "", "pubtrack_session=forged"}).status, 401);
  // The cookie never allows a write.
  EXPECT_EQ(w.handle({"POST", "/api/mentions/1/confirm", {}, {}, "", jar}).status, 401);
}

// A store whose previous year was only partly collected: WeChat statistics from September 2024,
// and feeds first read in January 2025 that still held reports from the spring of 2024. The
// report compares 2025 with none of it (too few WeChat days; feeds not yet watched then), and
// the dashboard must not either.
class DashboardPartialYearTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fakes::TempDir;
    db_ = dir_->path() / "partial.db";
    data_ = new fakes::DashboardData(
        fakes::fillDashboardDatabase(db_, *core::Date::parse("2024-09-01")));
    auto rw = store::Database::open(db_);
    ASSERT_TRUE(rw) << rw.error().describe();
    store::FeedsRepo feeds(**rw);
    const auto firstRead =
        core::instantOf(*core::Date::parse("2025-01-05"), 3, 0, 0, core::kChinaTime);
    for (int i = 0; i < 12; ++i) {
      const core::Date day = *core::Date::parse("2024-03-01") + i * 7;
      model::FeedItemRecord item;
      item.feed = "people";
      item.item_key = "spring-" + std::to_string(i);
      item.title = "深圳市国资委春季报道" + std::to_string(i);
      item.link = "https://www.people.com.cn/spring/" + std::to_string(i) + ".html";
      item.published = core::instantOf(day, 9, 0, 0, core::kChinaTime);
      const auto [id, fresh] = feeds.upsertItem(item, firstRead);
      model::Mention m;
      m.outlet = "人民网";
      m.outlet_id = "people";
      m.tier = model::Tier::Central;
      m.title = item.title;
      m.url = item.link;
      m.norm_url = "people.com.cn/spring/" + std::to_string(i) + ".html";
      m.norm_title = "spring-" + std::to_string(i);
      m.published = item.published;
      m.day = day;
      m.keywords = "深圳市国资委";
      feeds.setItemMention(id, m, firstRead);
    }
    clock_ = new core::FixedClock(data_->now());
    ServeOptions o;
    o.listen = "127.0.0.1:0";
    o.clock = clock_;
    o.max_threads = 4;
    auto s = DashboardServer::start(fakes::dashboardSettings(db_), o);
    ASSERT_TRUE(s) << s.error().describe();
    server_ = s->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete clock_;
    delete data_;
    delete dir_;
  }
  static std::string url(const std::string& path) { return server_->url() + path; }

  static fakes::TempDir* dir_;
  static std::filesystem::path db_;
  static fakes::DashboardData* data_;
  static core::FixedClock* clock_;
  static DashboardServer* server_;
};

fakes::TempDir* DashboardPartialYearTest::dir_ = nullptr;
std::filesystem::path DashboardPartialYearTest::db_;
fakes::DashboardData* DashboardPartialYearTest::data_ = nullptr;
core::FixedClock* DashboardPartialYearTest::clock_ = nullptr;
DashboardServer* DashboardPartialYearTest::server_ = nullptr;

TEST_F(DashboardPartialYearTest, NoYearOnYearWhereTheReportHasNone) {
  const auto f = reportOf(db_, 2025, data_->now());
  ASSERT_TRUE(f.period.in_progress);
  for (const char* key : {"wechat.articles", "wechat.reads", "wechat.followers_end",
                          "wechat.followers_net", "media.mainstream"}) {
    SCOPED_TRACE(key);
    EXPECT_EQ(changeOf(f, key), nullptr);
  }
  // The trap is real: the same days of 2024 do hold mentions (read later from the feeds).
  {
    auto db = store::Database::open(db_, store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db);
    reports::FigureRequest prev;
    prev.from = *core::Date::parse("2024-01-01");
    prev.to = *core::Date::parse(f.previous_period ? f.previous_period->to : "2024-06-14");
    prev.with_previous = false;
    const auto p = reports::computeFigures(**db, fakes::dashboardSettings(db_), prev, data_->now());
    EXPECT_TRUE(p.media.has_data);
    EXPECT_GT(p.media.mainstream, 0);
  }
  auto page = httpGet(url("/"));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_EQ(page.body.find("同比 <span"), std::string::npos);
  EXPECT_EQ(page.body.find("同比：+"), std::string::npos);
  EXPECT_EQ(page.body.find("同比：-"), std::string::npos);
  expectPageShowsTheReport(page.body, f);
  // The report as the dashboard serves it is the report's.
  auto api = httpGet(url("/api/report?year=2025"));
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.body, reports::renderJson(f, {model::Lang::Zh, 500}));
}

// In January the year being reported on is the one just ended: the page and the report open on
// it. From 1 February on they open on the new year, at once (the cache keys on the year).
TEST_F(DashboardPartialYearTest, InJanuaryThePageOpensOnThePreviousYear) {
  core::FixedClock january(
      core::instantOf(*core::Date::parse("2025-01-31"), 23, 30, 0, core::kChinaTime));
  ServeOptions o;
  o.listen = "127.0.0.1:0";
  o.clock = &january;
  o.max_threads = 2;
  auto s = DashboardServer::start(fakes::dashboardSettings(db_), o);
  ASSERT_TRUE(s) << s.error().describe();
  const std::string base = (*s)->url();
  auto page = httpGet(base + "/");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find("aria-current=\"page\">2024</a>"), std::string::npos);
  expectPageShowsTheReport(page.body, reportOf(db_, 2024, january.now()));
  EXPECT_EQ(periodFrom(httpGet(base + "/api/report").body), "2024-01-01");
  EXPECT_EQ(httpGet(base + "/api/years").body, "{\"years\":[2024,2025],\"default\":2024}");

  january.set(core::instantOf(*core::Date::parse("2025-02-01"), 0, 30, 0, core::kChinaTime));
  auto february = httpGet(base + "/");
  ASSERT_EQ(february.status, 200);
  EXPECT_NE(february.body.find("aria-current=\"page\">2025</a>"), std::string::npos);
  EXPECT_EQ(periodFrom(httpGet(base + "/api/report").body), "2025-01-01");
}

TEST(ConstantTimeEquals, ComparesWholeStrings) {
  EXPECT_TRUE(detail::constantTimeEquals("abc", "abc"));
  EXPECT_FALSE(detail::constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(detail::constantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(detail::constantTimeEquals("", "a"));
  EXPECT_TRUE(detail::constantTimeEquals("", ""));
}

}  // namespace
}  // namespace pubtrack::dashboard
