// SPDX-License-Identifier: Apache-2.0
// reports::computeFigures on a real SQLite file: rows written by hand through a connection of the
// test's own, every expected value worked out by hand from them (the sums are in the comments),
// never by similar SQL.
#include "reports/annual_figures.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "model/wechat_calendar.h"
#include "store/database.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Months = std::vector<std::pair<std::string, int64_t>>;
using Ranked = std::vector<std::pair<std::string, int64_t>>;  // msgid, reads

constexpr const char* kIni =
    "[database]\npath = t.db\n"
    "[account.alpha]\nname = 甲\nappid = wx_alpha\nsecret_env = ALPHA_SECRET\n"
    "[account.beta]\nname = 乙\nappid = wx_beta\nsecret_env = BETA_SECRET\n"
    "[account.gamma]\nname = 丙\nappid = wx_gamma\nsecret_env = GAMMA_SECRET\n"
    "[report]\nagency = 测试机关\n";

core::Date day(const char* iso) { return *core::Date::parse(iso); }

// 10:00 China time: the latest collectable day is the day before.
core::TimePoint chinaTime(const char* iso, int hour) {
  return core::instantOf(day(iso), hour, 0, 0, core::kChinaTime);
}

Months months(const std::vector<MonthValue>& v) {
  Months out;
  for (const auto& m : v) out.emplace_back(m.month, m.value);
  return out;
}

Ranked ranked(const std::vector<TopArticle>& v) {
  Ranked out;
  for (const auto& a : v) out.emplace_back(a.msgid, a.reads);
  return out;
}

const WeChatFigures& account(const Figures& f, const std::string& id) {
  for (const auto& w : f.accounts)
    if (w.id == id) return w;
  throw std::runtime_error("no account " + id);
}

std::vector<Check> checksOf(const Figures& f, const std::string& source) {
  std::vector<Check> out;
  for (const auto& c : f.checks)
    if (c.source == source) out.push_back(c);
  return out;
}

class AnnualFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir_ / "t.db");
    ASSERT_TRUE(opened) << opened.error().describe();
    db_ = std::move(opened.value());
    raw_ = std::make_unique<SQLite::Database>((dir_ / "t.db").string(), SQLite::OPEN_READWRITE);
    raw_->setBusyTimeout(5000);
    auto loaded = config::loadSettingsFromString(kIni, dir_ / "pubtrack.ini");
    ASSERT_TRUE(loaded.settings) << loaded.problems.front();
    settings_ = *loaded.settings;
  }

  SQLite::Database& sql() { return *raw_; }

  void cumulate(const std::string& acc, const std::string& d, int64_t n) {
    SQLite::Statement q(sql(), "INSERT INTO wechat_user_cumulate VALUES (?, ?, ?)");
    q.bind(1, acc);
    q.bind(2, d);
    q.bind(3, n);
    q.exec();
  }
  void summary(const std::string& acc, const std::string& d, int source, int64_t added,
               int64_t cancelled) {
    SQLite::Statement q(sql(), "INSERT INTO wechat_user_summary VALUES (?, ?, ?, ?, ?)");
    q.bind(1, acc);
    q.bind(2, d);
    q.bind(3, source);
    q.bind(4, added);
    q.bind(5, cancelled);
    q.exec();
  }
  void userRead(const std::string& acc, const std::string& d, int source, int64_t users,
                int64_t views) {
    SQLite::Statement q(sql(),
                        "INSERT INTO wechat_user_read VALUES (?, ?, ?, ?, ?, 7, 7, 7, 7, 7, 7)");
    q.bind(1, acc);
    q.bind(2, d);
    q.bind(3, source);
    q.bind(4, users);
    q.bind(5, views);
    q.exec();
  }
  void biz(const std::string& acc, const std::string& d, int64_t read_user) {
    SQLite::Statement q(sql(),
                        "INSERT INTO wechat_biz_daily (account, ref_date, read_user, share_user, "
                        "zaikan_user, like_user, comment_count, collection_user, send_page_count) "
                        "VALUES (?, ?, ?, 1, 1, 1, 1, 1, 1)");
    q.bind(1, acc);
    q.bind(2, d);
    q.bind(3, read_user);
    q.exec();
  }
  void article(const std::string& acc, const std::string& msgid, const std::string& d,
               std::optional<int> publish_type, const char* family = "legacy",
               const std::string& title = "") {
    SQLite::Statement q(sql(),
                        "INSERT INTO wechat_articles (account, msgid, publish_date, title, url, "
                        "publish_type, family) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, acc);
    q.bind(2, msgid);
    q.bind(3, d);
    if (title.empty()) {
      q.bind(4);
      q.bind(5);
    } else {
      q.bind(4, title);
      q.bind(5, "https://mp.weixin.qq.com/s/" + msgid);
    }
    if (publish_type)
      q.bind(6, *publish_type);
    else
      q.bind(6);
    q.bind(7, family);
    q.exec();
  }
  // A cumulative snapshot of an article's reads (read_count is NULL for the new family).
  void snapshot(const std::string& acc, const std::string& msgid, const std::string& d,
                int64_t read_user, std::optional<int64_t> read_count) {
    SQLite::Statement q(sql(),
                        "INSERT INTO wechat_article_stats (account, msgid, stat_date, read_user, "
                        "read_count, share_user, fav_user) VALUES (?, ?, ?, ?, ?, 0, 0)");
    q.bind(1, acc);
    q.bind(2, msgid);
    q.bind(3, d);
    q.bind(4, read_user);
    if (read_count)
      q.bind(5, *read_count);
    else
      q.bind(5);
    q.exec();
  }
  void dayState(const std::string& acc, const std::string& endpoint, const std::string& d,
                const std::string& state) {
    SQLite::Statement q(sql(),
                        "INSERT OR REPLACE INTO wechat_days (account, endpoint, ref_date, state, "
                        "fetched_at) VALUES (?, ?, ?, ?, '2030-01-01T00:00:00Z')");
    q.bind(1, acc);
    q.bind(2, endpoint);
    q.bind(3, d);
    q.bind(4, state);
    q.exec();
  }
  // The account's freepublish list read whole at `at` (UTC).
  void wholeList(const std::string& acc, const std::string& at) {
    SQLite::Statement q(sql(),
                        "INSERT OR REPLACE INTO wechat_publish_lists (account, checked_at, "
                        "complete_at, total_count) VALUES (?, ?, ?, 0)");
    q.bind(1, acc);
    q.bind(2, at);
    q.bind(3, at);
    q.exec();
  }
  // Every endpoint that serves the day answered `final`.
  void finalDay(const std::string& acc, const std::string& d) {
    for (auto e : model::endpointsForDay(day(d.c_str()), settings_.wechat.new_api_from))
      dayState(acc, std::string(model::endpointName(e)), d, "final");
  }
  // A complete legacy day: cumulate, one follow channel, the getuserread total row plus a
  // channel row that must never be counted (user 1000, views 1000), all endpoints final.
  void legacyDay(const std::string& acc, const std::string& d, int64_t cum, int64_t added,
                 int64_t cancelled, int64_t read_users, int64_t page_views) {
    cumulate(acc, d, cum);
    summary(acc, d, 0, added, cancelled);
    userRead(acc, d, 99999999, read_users, page_views);
    userRead(acc, d, 1, 1000, 1000);
    finalDay(acc, d);
  }

  // alpha's 2023 for the 同比 tests: every day but those of [gap_from, gap_to] (none when
  // empty), with cumulate 1000 + day of year, new 3, cancel 1 and 5 page views.
  void alphaYear2023(const char* gap_from = nullptr, const char* gap_to = nullptr) {
    sql().exec("BEGIN");
    for (core::Date d = day("2023-01-01"); d <= day("2023-12-31"); ++d) {
      if (gap_from && d >= day(gap_from) && d <= day(gap_to)) continue;
      cumulate("alpha", d.toString(), 1000 + d.dayOfYear());
      summary("alpha", d.toString(), 0, 3, 1);
      userRead("alpha", d.toString(), 99999999, 2, 5);
    }
    sql().exec("COMMIT");
  }
  // alpha's 2024 for the 同比 tests: two complete days, three articles.
  void alphaDays2024() {
    legacyDay("alpha", "2024-01-10", 1500, 200, 20, 600, 2000);
    legacyDay("alpha", "2024-03-04", 1638, 180, 13, 400, 1470);
    article("alpha", "2024_1", "2024-01-10", 0);
    article("alpha", "2024_2", "2024-01-10", 0);
    article("alpha", "2024_3", "2024-03-04", 0);
  }

  Figures compute(const char* from, const char* to, core::TimePoint now,
                  std::vector<std::string> accounts = {}, bool with_previous = false,
                  std::optional<int> year = std::nullopt) {
    FigureRequest r;
    r.from = day(from);
    r.to = day(to);
    r.year = year;
    r.accounts = std::move(accounts);
    r.with_previous = with_previous;
    return computeFigures(*db_, settings_, r, now);
  }

  fakes::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SQLite::Database> raw_;  // the test's own connection: rows written by hand
  config::Settings settings_;
};

// --- 1. Two accounts over --year 2024, legacy family only -------------------------------------

class Year2024Test : public AnnualFiguresTest {
 protected:
  void SetUp() override {
    AnnualFiguresTest::SetUp();
    if (HasFatalFailure()) return;
    // alpha: start 1000; days (cum, new, cancel, read users, page views).
    cumulate("alpha", "2023-12-31", 1000);
    userRead("alpha", "2023-12-31", 99999999, 999, 999);  // before the period: not counted
    legacyDay("alpha", "2024-01-15", 1010, 12, 2, 50, 80);
    summary("alpha", "2024-01-15", 3, 0, 0);  // a second channel row, adds nothing
    legacyDay("alpha", "2024-01-31", 1020, 12, 2, 60, 90);
    legacyDay("alpha", "2024-02-10", 1005, 5, 20, 40, 70);
    legacyDay("alpha", "2024-03-04", 1030, 30, 5, 20, 30);
    // alpha's 13 articles in 2024, (read_user, read_count) snapshots, the largest one counts.
    article("alpha", "0999_1", "2023-12-30", 0);  // before the period
    snapshot("alpha", "0999_1", "2023-12-30", 5000, 9999);
    article("alpha", "1000_1", "2024-01-10", 0);
    snapshot("alpha", "1000_1", "2024-01-10", 40, 50);
    article("alpha", "1001_1", "2024-01-15", 0);
    snapshot("alpha", "1001_1", "2024-01-15", 10, 20);
    snapshot("alpha", "1001_1", "2024-01-16", 30, 50);
    snapshot("alpha", "1001_1", "2024-01-17", 25, 45);  // a smaller later snapshot
    article("alpha", "1001_2", "2024-01-15", 0);
    snapshot("alpha", "1001_2", "2024-01-15", 35, 50);
    article("alpha", "1002_1", "2024-01-31", 0, "legacy", "年度第一");
    snapshot("alpha", "1002_1", "2024-01-31", 100, 120);
    snapshot("alpha", "1002_1", "2024-02-01", 150, 200);
    article("alpha", "1003_1", "2024-02-10", 0);
    snapshot("alpha", "1003_1", "2024-02-10", 60, 90);
    article("alpha", "1004_1", "2024-02-10", 0);
    snapshot("alpha", "1004_1", "2024-02-10", 55, 80);
    article("alpha", "1005_1", "2024-02-20", 0);
    snapshot("alpha", "1005_1", "2024-02-20", 50, 70);
    article("alpha", "1006_1", "2024-02-25", 0);
    snapshot("alpha", "1006_1", "2024-02-25", 45, 60);
    article("alpha", "1007_1", "2024-03-01", 0);
    snapshot("alpha", "1007_1", "2024-03-01", 20, 40);
    article("alpha", "1008_1", "2024-03-02", 0);
    snapshot("alpha", "1008_1", "2024-03-02", 5, 30);
    article("alpha", "1008_2", "2024-03-02", 0);
    snapshot("alpha", "1008_2", "2024-03-02", 19, 20);
    snapshot("alpha", "1008_3", "2024-03-03", 8, 10);  // stats stored before the article row
    article("alpha", "1008_3", "2024-03-03", 0);
    article("alpha", "1009_1", "2024-03-04", std::nullopt);  // no stats, type unknown

    // beta: start 500.
    cumulate("beta", "2023-12-31", 500);
    legacyDay("beta", "2024-02-01", 510, 15, 5, 100, 150);
    legacyDay("beta", "2024-02-29", 530, 25, 5, 200, 300);
    legacyDay("beta", "2024-03-04", 525, 0, 5, 0, 0);
    article("beta", "2001_1", "2024-02-01", 0);
    snapshot("beta", "2001_1", "2024-02-01", 200, 260);
    article("beta", "2001_2", "2024-02-29", 0);
    snapshot("beta", "2001_2", "2024-02-29", 10, 15);
    // gamma: nothing at all.
  }
  // 2024-03-05 10:00 China time: the latest collectable day is 2024-03-04.
  // 2024 is in progress: the period ends on 2024-03-04, the latest collectable day.
  const core::TimePoint now_ = chinaTime("2024-03-05", 10);
};

TEST_F(Year2024Test, CountsEachAccountFromItsRows) {
  const auto f = compute("2024-01-01", "2024-12-31", now_, {"alpha", "beta"}, true, 2024);
  ASSERT_EQ(f.accounts.size(), 2u);
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.name, "甲");
  // 1000_1 1001_1 1001_2 1002_1 1003_1 1004_1 1005_1 1006_1 1007_1 1008_1 1008_2 1008_3 1009_1
  EXPECT_EQ(a.articles, 13);
  EXPECT_EQ(a.articles_notified, 12);  // 1009_1's type is unknown
  EXPECT_EQ(a.articles_silent, std::nullopt);
  EXPECT_EQ(a.page_views, 270);  // 80 + 90 + 70 + 30
  EXPECT_EQ(a.read_users, 170);  // 50 + 60 + 40 + 20
  EXPECT_EQ(a.reads, 270);
  EXPECT_EQ(a.reads_metric, "page_views");
  EXPECT_EQ(a.followers_start, 1000);
  EXPECT_EQ(a.followers_end, 1030);   // 2024-03-04, the latest collectable day
  EXPECT_EQ(a.followers_new, 59);     // 12 + 12 + 5 + 30
  EXPECT_EQ(a.followers_cancel, 29);  // 2 + 2 + 20 + 5
  EXPECT_EQ(a.followers_net, 30);
  EXPECT_EQ(a.days_with_data, 4);
  EXPECT_EQ(a.days_in_period, 64);  // 2024-01-01..03-04: the year so far
  // By page views (the largest snapshot); 50s tie: 1000_1 (01-10), then 1001_1 and 1001_2
  // (01-15) by msgid; 1008_2 (20 views, 19 users) and 1008_3 (10) are 11th and 12th.
  EXPECT_EQ(ranked(a.top_articles), (Ranked{{"1002_1", 200},
                                            {"1003_1", 90},
                                            {"1004_1", 80},
                                            {"1005_1", 70},
                                            {"1006_1", 60},
                                            {"1000_1", 50},
                                            {"1001_1", 50},
                                            {"1001_2", 50},
                                            {"1007_1", 40},
                                            {"1008_1", 30}}));
  ASSERT_FALSE(a.top_articles.empty());
  EXPECT_EQ(a.top_articles[0].title, "年度第一");
  EXPECT_EQ(a.top_articles[0].url, "https://mp.weixin.qq.com/s/1002_1");
  EXPECT_EQ(a.top_articles[0].publish_date, "2024-01-31");
  EXPECT_EQ(a.top_articles[1].title, "");
  EXPECT_EQ(months(a.articles_by_month), (Months{{"2024-01", 4}, {"2024-02", 4}, {"2024-03", 5}}));
  // 01: 80 + 90; 02: 70; 03: 30.
  EXPECT_EQ(months(a.reads_by_month), (Months{{"2024-01", 170}, {"2024-02", 70}, {"2024-03", 30}}));
  EXPECT_EQ(months(a.followers_by_month),
            (Months{{"2024-01", 1020}, {"2024-02", 1005}, {"2024-03", 1030}}));

  const auto& b = account(f, "beta");
  EXPECT_EQ(b.articles, 2);
  EXPECT_EQ(b.articles_notified, 2);
  EXPECT_EQ(b.page_views, 450);  // 150 + 300 + 0
  EXPECT_EQ(b.read_users, 300);  // 100 + 200 + 0
  EXPECT_EQ(b.reads, 450);
  EXPECT_EQ(b.reads_metric, "page_views");
  EXPECT_EQ(b.followers_start, 500);
  EXPECT_EQ(b.followers_end, 525);
  EXPECT_EQ(b.followers_net, 25);  // (15 + 25 + 0) − (5 + 5 + 5)
  EXPECT_EQ(b.days_with_data, 3);
  EXPECT_EQ(ranked(b.top_articles), (Ranked{{"2001_1", 260}, {"2001_2", 15}}));
  EXPECT_EQ(months(b.articles_by_month), (Months{{"2024-02", 2}}));
  EXPECT_EQ(months(b.reads_by_month), (Months{{"2024-02", 450}, {"2024-03", 0}}));
  EXPECT_EQ(months(b.followers_by_month), (Months{{"2024-02", 530}, {"2024-03", 525}}));

  const auto& t = f.wechat_totals;
  EXPECT_EQ(t.articles, 15);           // 13 + 2
  EXPECT_EQ(t.articles_notified, 14);  // 12 + 2
  EXPECT_EQ(t.articles_silent, std::nullopt);
  EXPECT_EQ(t.page_views, 720);  // 270 + 450
  EXPECT_EQ(t.read_users, 470);  // 170 + 300
  EXPECT_EQ(t.reads, 720);
  EXPECT_EQ(t.reads_metric, "page_views");
  EXPECT_EQ(t.followers_start, 1500);  // 1000 + 500
  EXPECT_EQ(t.followers_end, 1555);    // 1030 + 525
  EXPECT_EQ(t.followers_net, 55);      // 30 + 25
  EXPECT_EQ(t.followers_new, 99);      // 59 + 40
  EXPECT_EQ(t.followers_cancel, 44);   // 29 + 15
  EXPECT_EQ(t.days_with_data, 4);
  EXPECT_EQ(t.days_in_period, 64);  // 2024-01-01..03-04: the year so far
  EXPECT_EQ(ranked(t.top_articles), (Ranked{{"2001_1", 260},
                                            {"1002_1", 200},
                                            {"1003_1", 90},
                                            {"1004_1", 80},
                                            {"1005_1", 70},
                                            {"1006_1", 60},
                                            {"1000_1", 50},
                                            {"1001_1", 50},
                                            {"1001_2", 50},
                                            {"1007_1", 40}}));
  EXPECT_EQ(months(t.articles_by_month), (Months{{"2024-01", 4}, {"2024-02", 6}, {"2024-03", 5}}));
  // 02: 70 + 450; 03: 30 + 0.
  EXPECT_EQ(months(t.reads_by_month),
            (Months{{"2024-01", 170}, {"2024-02", 520}, {"2024-03", 30}}));
  // 02: 1005 + 530; 03: 1030 + 525.
  EXPECT_EQ(months(t.followers_by_month),
            (Months{{"2024-01", 1020}, {"2024-02", 1535}, {"2024-03", 1555}}));

  // 2023 has one day of data (12-31) of 365: no comparison.
  EXPECT_EQ(f.previous_period, std::nullopt);
  EXPECT_THAT(f.changes, IsEmpty());
  // Both accounts are consistent: no followers check.
  for (const auto& c : f.checks) EXPECT_NE(c.kind, "followers_mismatch") << c.source;
}

TEST_F(Year2024Test, AccountWithoutDataKeepsEveryFigureEmpty) {
  const auto f = compute("2024-01-01", "2024-12-31", now_, {}, true, 2024);
  const auto& g = account(f, "gamma");
  EXPECT_EQ(g.name, "丙");
  EXPECT_EQ(g.articles, std::nullopt);
  EXPECT_EQ(g.articles_notified, std::nullopt);
  EXPECT_EQ(g.articles_silent, std::nullopt);
  EXPECT_EQ(g.page_views, std::nullopt);
  EXPECT_EQ(g.read_users, std::nullopt);
  EXPECT_EQ(g.reads, std::nullopt);
  EXPECT_EQ(g.reads_metric, "");
  EXPECT_EQ(g.followers_start, std::nullopt);
  EXPECT_EQ(g.followers_end, std::nullopt);
  EXPECT_EQ(g.followers_net, std::nullopt);
  EXPECT_EQ(g.followers_new, std::nullopt);
  EXPECT_EQ(g.followers_cancel, std::nullopt);
  EXPECT_THAT(g.top_articles, IsEmpty());
  EXPECT_THAT(g.articles_by_month, IsEmpty());
  EXPECT_THAT(g.reads_by_month, IsEmpty());
  EXPECT_THAT(g.followers_by_month, IsEmpty());
  EXPECT_EQ(g.days_with_data, 0);
  EXPECT_EQ(g.days_in_period, 64);   // 2024-01-01..03-04: the year so far
  EXPECT_EQ(f.accounts.size(), 3u);  // no accounts requested: every configured one
  // Every day up to the latest collectable one (01-01..03-04 = 31 + 29 + 4) is missing.
  const auto checks = checksOf(f, "account.gamma");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, "wechat_days_missing");
  EXPECT_THAT(checks[0].message, HasSubstr("64 day(s)"));
  // The Chinese text writes its days as the report does; the English one keeps ISO dates.
  EXPECT_THAT(checks[0].message_zh, HasSubstr("2024年1月1日、2024年1月2日"));
  EXPECT_THAT(checks[0].message_zh, HasSubstr("等"));
  EXPECT_THAT(checks[0].message, HasSubstr("2024-01-01, 2024-01-02"));
}

TEST_F(Year2024Test, AccountWithoutDataLeavesTheTotalsAsTheOthersMakeThem) {
  // gamma has no reads of either kind: the totals are alpha's and beta's, still page views
  // (the whole period is before new_api_from and every account with reads has them).
  const auto f = compute("2024-01-01", "2024-12-31", now_, {}, true, 2024);
  const auto& t = f.wechat_totals;
  EXPECT_EQ(t.articles, 15);
  EXPECT_EQ(t.page_views, 720);  // 270 + 450
  EXPECT_EQ(t.read_users, 470);  // 170 + 300
  EXPECT_EQ(t.reads, 720);
  EXPECT_EQ(t.reads_metric, "page_views");
  EXPECT_EQ(t.followers_start, 1500);
  EXPECT_EQ(t.followers_end, 1555);
  EXPECT_EQ(t.followers_net, 55);
  ASSERT_FALSE(t.top_articles.empty());
  EXPECT_EQ(t.top_articles[0].reads, 260);  // ranked by page views, like t.reads
}

TEST_F(Year2024Test, RequestedAccountsRestrictTheReport) {
  const auto f = compute("2024-01-01", "2024-12-31", now_, {"beta"}, true, 2024);
  ASSERT_EQ(f.accounts.size(), 1u);
  EXPECT_EQ(f.accounts[0].id, "beta");
  const auto& t = f.wechat_totals;
  EXPECT_EQ(t.articles, 2);
  EXPECT_EQ(t.page_views, 450);
  EXPECT_EQ(t.read_users, 300);
  EXPECT_EQ(t.reads, 450);
  EXPECT_EQ(t.followers_start, 500);
  EXPECT_EQ(t.followers_end, 525);
  EXPECT_EQ(t.followers_net, 25);
  EXPECT_EQ(ranked(t.top_articles), (Ranked{{"2001_1", 260}, {"2001_2", 15}}));
  EXPECT_EQ(months(t.followers_by_month), (Months{{"2024-02", 530}, {"2024-03", 525}}));
  // Account checks name only the requested account (the tables' own checks name no account).
  for (const auto& c : f.checks) {
    if (c.kind != "table_empty" && c.kind != "period_in_progress") {
      EXPECT_EQ(c.source, "account.beta") << c.kind;
    }
  }
}

TEST_F(Year2024Test, FollowersEndIsTheLatestCollectableDay) {
  // 2024-02-01 07:00 China time, before 08:00: the latest collectable day is 2024-01-30, which
  // has no cumulate row; 2024-01-31's row is not used.
  auto f = compute("2024-01-01", "2024-12-31", chinaTime("2024-02-01", 7), {"alpha"});
  EXPECT_EQ(account(f, "alpha").followers_end, std::nullopt);
  // 2024-02-01 09:00: the latest collectable day is 2024-01-31.
  f = compute("2024-01-01", "2024-12-31", chinaTime("2024-02-01", 9), {"alpha"});
  EXPECT_EQ(account(f, "alpha").followers_end, 1020);
}

TEST_F(Year2024Test, TopArticlesStopAtTen) {
  // Eleven more articles of beta with 1000..1010 page views on 02-29, and 9999_1 with 1001 on
  // 02-01: the ten largest are 3000_10..3000_2 (1010..1002), then the tie at 1001 goes to the
  // earlier 9999_1 (by publish date, although its msgid sorts later); 3000_1, 3000_0 and beta's
  // own two (260, 15) are left out.
  for (int i = 0; i <= 10; ++i) {
    const std::string id = "3000_" + std::to_string(i);
    article("beta", id, "2024-02-29", 0);
    snapshot("beta", id, "2024-02-29", 1, 1000 + i);
  }
  article("beta", "9999_1", "2024-02-01", 0);
  snapshot("beta", "9999_1", "2024-02-01", 1, 1001);
  const auto f = compute("2024-01-01", "2024-12-31", now_, {"beta"});
  const auto& b = account(f, "beta");
  EXPECT_EQ(ranked(b.top_articles), (Ranked{{"3000_10", 1010},
                                            {"3000_9", 1009},
                                            {"3000_8", 1008},
                                            {"3000_7", 1007},
                                            {"3000_6", 1006},
                                            {"3000_5", 1005},
                                            {"3000_4", 1004},
                                            {"3000_3", 1003},
                                            {"3000_2", 1002},
                                            {"9999_1", 1001}}));
  EXPECT_EQ(b.articles, 14);  // 2 + 11 + 1
}

// --- 2. A period across new_api_from (2025-11-01 by default) ----------------------------------

class SwitchTest : public AnnualFiguresTest {
 protected:
  void SetUp() override {
    AnnualFiguresTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(settings_.wechat.new_api_from, day("2025-11-01"));
    cumulate("alpha", "2025-10-29", 2000);
    legacyDay("alpha", "2025-10-30", 2010, 12, 2, 70, 100);
    legacyDay("alpha", "2025-10-31", 2020, 10, 0, 80, 110);
    biz("alpha", "2025-10-31", 5555);  // before the switch: not a source of read users
    for (const auto& [d, cum, added, cancelled, users] :
         {std::tuple{"2025-11-01", 2030, 15, 5, 300}, std::tuple{"2025-11-02", 2045, 20, 5, 400}}) {
      cumulate("alpha", d, cum);
      summary("alpha", d, 0, added, cancelled);
      biz("alpha", d, users);
      finalDay("alpha", d);
    }
    // A legacy total row after the switch: never counted.
    userRead("alpha", "2025-11-01", 99999999, 9999, 9999);
    article("alpha", "3001_1", "2025-10-30", 0, "legacy");
    snapshot("alpha", "3001_1", "2025-10-30", 200, 600);
    snapshot("alpha", "3001_1", "2025-10-31", 300, 900);
    article("alpha", "3002_1", "2025-11-01", 0, "new");
    snapshot("alpha", "3002_1", "2025-11-01", 500, std::nullopt);
    article("alpha", "3003_1", "2025-11-01", 1, "new");
    snapshot("alpha", "3003_1", "2025-11-01", 350, std::nullopt);
    article("alpha", "3004_1", "2025-11-02", 1, "new");
    snapshot("alpha", "3004_1", "2025-11-02", 100, std::nullopt);
  }
  // The latest collectable day is 2025-11-09.
  const core::TimePoint now_ = chinaTime("2025-11-10", 10);
};

TEST_F(SwitchTest, ReadUsersJoinBothFamilies) {
  wholeList("alpha", "2025-11-10T00:00:00Z");  // no post published without notification
  const auto f = compute("2025-10-30", "2025-11-02", now_);
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.articles, 4);
  EXPECT_EQ(a.articles_notified, 2);  // 3001_1, 3002_1
  EXPECT_EQ(a.articles_silent, 2);    // 3003_1, 3004_1
  EXPECT_EQ(a.page_views, 210);       // 100 + 110 (legacy days only)
  EXPECT_EQ(a.read_users, 850);       // 70 + 80 legacy, then 300 + 400 getbizsummary
  EXPECT_EQ(a.reads, 850);
  EXPECT_EQ(a.reads_metric, "read_users");
  EXPECT_EQ(a.followers_start, 2000);
  EXPECT_EQ(a.followers_end, 2045);
  EXPECT_EQ(a.followers_net, 45);  // (12 + 10 + 15 + 20) − (2 + 0 + 5 + 5)
  EXPECT_EQ(a.days_with_data, 4);
  // By read users: 3001_1 has 900 page views but 300 read users.
  EXPECT_EQ(ranked(a.top_articles),
            (Ranked{{"3002_1", 500}, {"3003_1", 350}, {"3001_1", 300}, {"3004_1", 100}}));
  EXPECT_EQ(months(a.articles_by_month), (Months{{"2025-10", 1}, {"2025-11", 3}}));
  EXPECT_EQ(months(a.reads_by_month), (Months{{"2025-10", 150}, {"2025-11", 700}}));
  EXPECT_EQ(months(a.followers_by_month), (Months{{"2025-10", 2020}, {"2025-11", 2045}}));
  EXPECT_EQ(f.wechat_totals.reads, 850);
  EXPECT_EQ(f.wechat_totals.reads_metric, "read_users");
  EXPECT_EQ(f.wechat_totals.articles_silent, 2);
  // Every endpoint of each family answered final for its days: nothing to flag for alpha.
  EXPECT_THAT(checksOf(f, "account.alpha"), IsEmpty());
  // beta has nothing: the 4 days are missing.
  const auto beta = checksOf(f, "account.beta");
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(beta[0].kind, "wechat_days_missing");
  EXPECT_THAT(beta[0].message, HasSubstr("4 day(s)"));
  EXPECT_THAT(beta[0].message, HasSubstr("2025-10-30, 2025-10-31, 2025-11-01, 2025-11-02"));
}

TEST_F(SwitchTest, BeforeTheSwitchPageViewsAndNoSilentCount) {
  const auto f = compute("2025-10-30", "2025-10-31", now_);
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.articles, 1);
  EXPECT_EQ(a.articles_notified, 1);
  // The legacy family cannot see silent articles, and no freepublish list was read whole.
  EXPECT_EQ(a.articles_silent, std::nullopt);
  EXPECT_EQ(a.articles_basis, "mass_sent_only");
  EXPECT_EQ(a.articles_basis_why, "never");
  EXPECT_EQ(a.page_views, 210);
  EXPECT_EQ(a.read_users, 150);  // 70 + 80; 10-31's getbizsummary row is not used
  EXPECT_EQ(a.reads, 210);
  EXPECT_EQ(a.reads_metric, "page_views");
  EXPECT_EQ(ranked(a.top_articles), (Ranked{{"3001_1", 900}}));
}

TEST_F(SwitchTest, FromTheSwitchReadUsersOnly) {
  const auto f = compute("2025-11-01", "2025-11-01", now_);
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.articles, 2);  // 3002_1, 3003_1
  EXPECT_EQ(a.articles_notified, 1);
  EXPECT_EQ(a.articles_silent, 1);
  EXPECT_EQ(a.page_views, std::nullopt);
  EXPECT_EQ(a.read_users, 300);
  EXPECT_EQ(a.reads, 300);
  EXPECT_EQ(a.reads_metric, "read_users");
  EXPECT_EQ(a.followers_start, 2020);
  EXPECT_EQ(a.followers_end, 2030);
  EXPECT_EQ(a.followers_net, 10);
}

TEST_F(SwitchTest, DayChecksUseEachDaysEndpoints) {
  wholeList("alpha", "2025-11-10T00:00:00Z");  // no post published without notification
  dayState("alpha", "getbizsummary", "2025-11-02", "delayed");
  const auto f = compute("2025-10-30", "2025-11-02", now_, {"alpha"});
  const auto checks = checksOf(f, "account.alpha");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, "wechat_delayed");
  EXPECT_THAT(checks[0].message, HasSubstr("1 day(s)"));
  EXPECT_THAT(checks[0].message, HasSubstr("2025-11-02"));
}

// --- 3. Checks -------------------------------------------------------------------------------

TEST_F(AnnualFiguresTest, ChecksListTheDaysOfAnIncompleteAccountOnly) {
  // alpha: 05-01 complete; 05-02 no wechat_days row of its endpoints (a new-family row does not
  // serve a legacy day); 05-03 getuserread delayed; 05-04 getarticletotal 61501; 05-05
  // getuserread never answered. Followers: 100 -> 150 (+50) but Σ new − Σ cancel = 30 + 15 − 5.
  cumulate("alpha", "2024-04-30", 100);
  legacyDay("alpha", "2024-05-01", 130, 30, 0, 1, 1);
  dayState("alpha", "getbizsummary", "2024-05-02", "final");
  legacyDay("alpha", "2024-05-03", 130, 0, 0, 1, 1);
  dayState("alpha", "getuserread", "2024-05-03", "delayed");
  legacyDay("alpha", "2024-05-04", 140, 0, 0, 1, 1);
  dayState("alpha", "getarticletotal", "2024-05-04", "unavailable");
  for (const char* e :
       {"getusersummary", "getusercumulate", "getarticlesummary", "getarticletotal"})
    dayState("alpha", e, "2024-05-05", "final");
  cumulate("alpha", "2024-05-05", 150);
  summary("alpha", "2024-05-05", 0, 15, 5);
  // beta: every endpoint final on every day, followers 200 -> 210 = 12 − 2.
  cumulate("beta", "2024-04-30", 200);
  for (const char* d : {"2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"})
    legacyDay("beta", d, 200, 0, 0, 1, 1);
  legacyDay("beta", "2024-05-05", 210, 12, 2, 1, 1);
  wholeList("beta", "2024-05-06T00:00:00Z");  // alpha's list was never read

  // 2024-05-07 07:00 China time: the latest collectable day is 2024-05-05, so 05-06 and 05-07
  // are not missing yet.
  const auto f = compute("2024-05-01", "2024-05-07", chinaTime("2024-05-07", 7), {"alpha", "beta"});
  EXPECT_EQ(account(f, "alpha").followers_end, 150);
  EXPECT_EQ(account(f, "alpha").followers_net, 40);
  EXPECT_EQ(account(f, "alpha").days_in_period, 7);
  // Article endpoints answered, no article published: a known zero.
  EXPECT_EQ(account(f, "alpha").articles, 0);
  EXPECT_EQ(account(f, "alpha").articles_notified, 0);
  EXPECT_EQ(account(f, "alpha").articles_silent, std::nullopt);
  EXPECT_THAT(checksOf(f, "account.beta"), IsEmpty());
  const auto checks = checksOf(f, "account.alpha");
  std::vector<std::string> kinds;
  for (const auto& c : checks) kinds.push_back(c.kind);
  ASSERT_THAT(kinds, ElementsAre("wechat_days_missing", "wechat_delayed", "wechat_unavailable",
                                 "followers_mismatch", "wechat_posts_mass_sent_only"));
  EXPECT_THAT(checks[0].message, HasSubstr("2 day(s)"));
  EXPECT_THAT(checks[0].message, HasSubstr("2024-05-02, 2024-05-05"));
  EXPECT_THAT(checks[0].message_zh, HasSubstr("有2天"));
  EXPECT_THAT(checks[1].message, HasSubstr("1 day(s)"));
  EXPECT_THAT(checks[1].message, HasSubstr("2024-05-03"));
  EXPECT_THAT(checks[2].message, HasSubstr("1 day(s)"));
  EXPECT_THAT(checks[2].message, HasSubstr("2024-05-04"));
  EXPECT_THAT(checks[3].message, HasSubstr("= 50 but"));
  EXPECT_THAT(checks[3].message, HasSubstr("= 40"));
  EXPECT_THAT(checks[4].message, HasSubstr("was never read"));
  EXPECT_EQ(f.checks.size(), 5u);
}

TEST_F(AnnualFiguresTest, FollowersOnlyAccountHasZeroNetAndNoReads) {
  // Only getusercumulate rows: the net change is a known 0, reads and articles are unknown.
  cumulate("alpha", "2024-05-01", 10);
  cumulate("alpha", "2024-05-02", 10);
  const auto f = compute("2024-05-01", "2024-05-02", chinaTime("2024-05-10", 10), {"alpha"});
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.days_with_data, 2);
  EXPECT_EQ(a.followers_start, std::nullopt);  // no row for 04-30
  EXPECT_EQ(a.followers_end, 10);
  EXPECT_EQ(a.followers_net, 0);
  EXPECT_EQ(a.followers_new, 0);
  EXPECT_EQ(a.followers_cancel, 0);
  EXPECT_EQ(a.articles, std::nullopt);
  EXPECT_EQ(a.read_users, std::nullopt);
  EXPECT_EQ(a.reads, std::nullopt);
  EXPECT_EQ(months(a.followers_by_month), (Months{{"2024-05", 10}}));
}

// --- 5. Previous period (同比) -----------------------------------------------------------------

TEST_F(AnnualFiguresTest, ComparesWithThePreviousYearOnlyWhenItWasCollected) {
  // 2023: every day but 03-01..03-18 (365 − 18 = 347 days, 347 × 100 >= 365 × 95 = 34675):
  // cumulate 1000 + day of year, new 3, cancel 1, 5 page views.
  alphaYear2023("2023-03-01", "2023-03-18");
  dayState("alpha", "getarticletotal", "2023-06-01", "final");
  article("alpha", "2023_1", "2023-06-01", 0);
  article("alpha", "2023_2", "2023-06-02", 0);
  // 2024: two days, three articles.
  alphaDays2024();
  cumulate("alpha", "2024-12-31", 1638);

  const auto now = chinaTime("2025-01-10", 10);
  auto f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, true, 2024);
  ASSERT_TRUE(f.previous_period);
  EXPECT_EQ(f.previous_period->from, "2023-01-01");
  EXPECT_EQ(f.previous_period->to, "2023-12-31");
  EXPECT_EQ(f.previous_period->year, 2023);
  struct Expected {
    const char* key;
    int64_t current, previous;
    double percent;
  };
  const Expected expected[] = {
      {"wechat.articles", 3, 2, 50.0},
      {"wechat.reads", 3470, 1735, 100.0},         // 2000 + 1470 vs 347 × 5 page views
      {"wechat.followers_end", 1638, 1365, 20.0},  // 2023-12-31: 1000 + 365
      {"wechat.followers_net", 347, 694, -50.0},   // 180 + 167 vs 347 × (3 − 1)
  };
  ASSERT_EQ(f.changes.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].key);
    EXPECT_EQ(f.changes[i].key, expected[i].key);
    EXPECT_EQ(f.changes[i].current, expected[i].current);
    EXPECT_EQ(f.changes[i].previous, expected[i].previous);
    EXPECT_EQ(f.changes[i].delta, expected[i].current - expected[i].previous);
    ASSERT_TRUE(f.changes[i].percent);
    EXPECT_NEAR(*f.changes[i].percent, expected[i].percent, 1e-9);
  }

  // One day fewer: 346 × 100 < 34675, so no comparison at all.
  sql().exec(
      "DELETE FROM wechat_user_cumulate WHERE account = 'alpha' AND ref_date = '2023-07-01'");
  f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, true, 2024);
  EXPECT_EQ(f.previous_period, std::nullopt);
  EXPECT_THAT(f.changes, IsEmpty());
}

TEST_F(AnnualFiguresTest, YearInProgressIsComparedWithTheSameDaysOfThePreviousYear) {
  // Asked on 2024-03-05 for 2024 (issue 14.3: "全年" and a change of −97% against all of 2023).
  // 2023: every day; cumulate 1000 + day of year, new 3, cancel 1, 5 page views; one article
  // inside the same days (02-01) and one after them (06-01).
  alphaYear2023();
  for (const char* d : {"2023-02-01", "2023-06-01"})
    dayState("alpha", "getarticletotal", d, "final");
  article("alpha", "2023_1", "2023-02-01", 0);
  article("alpha", "2023_2", "2023-06-01", 0);
  alphaDays2024();

  const auto f =
      compute("2024-01-01", "2024-12-31", chinaTime("2024-03-05", 10), {"alpha"}, true, 2024);
  // The period is the days collected so far, and says so.
  EXPECT_TRUE(f.period.in_progress);
  EXPECT_EQ(f.period.from, "2024-01-01");
  EXPECT_EQ(f.period.to, "2024-03-04");
  EXPECT_EQ(f.period.label(), "2024-01-01至2024-03-04");
  EXPECT_EQ(account(f, "alpha").days_in_period, 64);  // 31 + 29 + 4
  const auto check = std::find_if(f.checks.begin(), f.checks.end(),
                                  [](const Check& c) { return c.kind == "period_in_progress"; });
  ASSERT_NE(check, f.checks.end());
  EXPECT_EQ(check->source, "period");
  EXPECT_THAT(check->message_zh, HasSubstr("数据截至2024年3月4日（共64天）"));
  EXPECT_THAT(check->message, HasSubstr("2024-01-01..2024-03-04"));
  // Compared with 2023-01-01..2023-03-04, not with the whole of 2023.
  ASSERT_TRUE(f.previous_period);
  EXPECT_EQ(f.previous_period->from, "2023-01-01");
  EXPECT_EQ(f.previous_period->to, "2023-03-04");
  EXPECT_FALSE(f.previous_period->year);
  struct Expected {
    const char* key;
    int64_t current, previous;
  };
  const Expected expected[] = {
      {"wechat.articles", 3, 1},
      {"wechat.reads", 3470, 315},           // 2000 + 1470 vs 63 days × 5 page views
      {"wechat.followers_end", 1638, 1063},  // 2023-03-04: 1000 + 63
      {"wechat.followers_net", 347, 126},    // 180 + 167 vs 63 × (3 − 1)
  };
  ASSERT_EQ(f.changes.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].key);
    EXPECT_EQ(f.changes[i].key, expected[i].key);
    EXPECT_EQ(f.changes[i].current, expected[i].current);
    EXPECT_EQ(f.changes[i].previous, expected[i].previous);
  }

  // Asked once the year is over: the whole year, compared with the whole of 2023, no check.
  const auto done =
      compute("2024-01-01", "2024-12-31", chinaTime("2025-01-10", 10), {"alpha"}, true, 2024);
  EXPECT_FALSE(done.period.in_progress);
  EXPECT_EQ(done.period.label(), "2024年");
  ASSERT_TRUE(done.previous_period);
  EXPECT_EQ(done.previous_period->to, "2023-12-31");
  for (const auto& c : done.checks) EXPECT_NE(c.kind, "period_in_progress");
}

// --- 6. Posts published without notification (发表, issue 14.2) -------------------------------

TEST_F(AnnualFiguresTest, PostsPublishedWithoutNotificationAreCountedFromAWholeList) {
  // 2024 (legacy endpoints: mass-sent articles only): datacube knows 2001_1 and 2001_2 (mass
  // sent 03-01) and 2002_1 (05-02). freepublish lists five articles: two published 04-10 and
  // 06-15 without notification, one deleted, one whose msgid is 2002_1 (already counted), and one
  // from 2025-01-01 00:30 China time (outside the year).
  for (const char* d : {"2024-03-01", "2024-05-02"})
    dayState("alpha", "getarticletotal", d, "final");
  article("alpha", "2001_1", "2024-03-01", std::nullopt);
  article("alpha", "2001_2", "2024-03-01", std::nullopt);
  article("alpha", "2002_1", "2024-05-02", std::nullopt);
  auto post = [&](const char* id, const char* msgid, const char* utc, bool deleted) {
    SQLite::Statement q(sql(),
                        "INSERT INTO wechat_published (account, article_id, idx, msgid, title, "
                        "update_time, is_deleted, fetched_at) VALUES ('alpha', ?, 1, ?, 't', ?, ?, "
                        "'2025-01-05T00:00:00Z')");
    q.bind(1, id);
    if (*msgid)
      q.bind(2, msgid);
    else
      q.bind(2);
    q.bind(3, utc);
    q.bind(4, deleted ? 1 : 0);
    q.exec();
  };
  post("A1", "3001_1", "2024-04-10T02:00:00Z", false);
  post("A2", "", "2024-06-15T15:30:00Z", false);  // 06-15 23:30 China time
  post("A3", "3003_1", "2024-07-01T02:00:00Z", true);
  post("A4", "2002_1", "2024-05-02T02:00:00Z", false);
  post("A5", "3005_1", "2024-12-31T16:30:00Z", false);  // 2025-01-01 00:30 China time
  const auto now = chinaTime("2025-01-10", 10);

  // Never read whole: mass-sent articles only, said in the check and in the narrative.
  auto f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, false, 2024);
  EXPECT_EQ(account(f, "alpha").articles, 3);
  EXPECT_EQ(account(f, "alpha").articles_basis, "mass_sent_only");
  EXPECT_EQ(f.wechat_totals.articles_basis, "mass_sent_only");
  auto basis = checksOf(f, "account.alpha");
  ASSERT_TRUE(std::any_of(basis.begin(), basis.end(), [](const Check& c) {
    return c.kind == "wechat_posts_mass_sent_only" &&
           c.message.find("post count (3) of 2024-01-01..2024-12-31") != std::string::npos &&
           c.message_zh.find("仅含群发文章") != std::string::npos;
  }));

  // Refused (an unverified account): the check quotes the refusal.
  sql().exec(
      "INSERT INTO wechat_publish_lists (account, checked_at, refused) VALUES ('alpha', "
      "'2025-01-05T00:00:00Z', '48001 api unauthorized')");
  f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, false, 2024);
  EXPECT_EQ(account(f, "alpha").articles_basis_why, "refused");
  basis = checksOf(f, "account.alpha");
  EXPECT_TRUE(std::any_of(basis.begin(), basis.end(), [](const Check& c) {
    return c.message.find("was refused (48001 api unauthorized") != std::string::npos;
  }));

  // Read whole during the year (2024-06-01): not enough for the whole year.
  sql().exec(
      "UPDATE wechat_publish_lists SET complete_at = '2024-06-01T00:00:00Z', refused = NULL");
  f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, false, 2024);
  EXPECT_EQ(account(f, "alpha").articles, 3);
  EXPECT_EQ(account(f, "alpha").articles_basis_why, "incomplete");

  // Read whole after the year: 3 mass-sent + A1 + A2 (A3 deleted, A4 counted already, A5 in 2025).
  sql().exec("UPDATE wechat_publish_lists SET complete_at = '2025-01-05T00:00:00Z'");
  f = compute("2024-01-01", "2024-12-31", now, {"alpha"}, false, 2024);
  const auto& a = account(f, "alpha");
  EXPECT_EQ(a.articles, 5);
  EXPECT_EQ(a.articles_silent, 2);
  EXPECT_EQ(a.articles_basis, "datacube+freepublish");
  EXPECT_EQ(f.wechat_totals.articles, 5);
  EXPECT_EQ(f.wechat_totals.articles_basis, "datacube+freepublish");
  EXPECT_EQ(months(a.articles_by_month),
            (Months{{"2024-03", 2}, {"2024-04", 1}, {"2024-05", 1}, {"2024-06", 1}}));
  for (const auto& c : f.checks) EXPECT_NE(c.kind, "wechat_posts_mass_sent_only");
}

}  // namespace
}  // namespace pubtrack::reports
