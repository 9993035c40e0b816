// SPDX-License-Identifier: Apache-2.0
// WeChatRepo on ":memory:": per-day replacement of the follower and read rows, idempotent upserts
// of the other endpoints, article enrichment, and the day states behind coverage and re-pulls.
#include "store/wechat_repo.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/detail/sql.h"
#include "store/figure_queries.h"
#include "store/migrations.h"
#include "store/wechat_listing.h"
#include "tests/store/sql_rows.h"

namespace pubtrack::store {
namespace {

using detail::sql;
using model::DayStatus;
using model::Endpoint;

core::Date day(std::string_view text) { return *core::Date::parse(text); }
core::TimePoint at(const char* iso) { return *core::parseUtc(iso); }

std::set<core::Date> days(std::initializer_list<const char*> texts) {
  std::set<core::Date> out;
  for (const char* t : texts) out.insert(day(t));
  return out;
}

std::string text(std::optional<core::Date> d) { return d ? d->toString() : "none"; }

// "2024-01-01 getusersummary final" (+ " <detail>" when there is one), ';' between states.
std::string describe(const std::vector<model::DayState>& states) {
  std::string out;
  for (const auto& s : states) {
    if (!out.empty()) out += ';';
    out += s.day.toString() + ' ' + std::string(model::endpointName(s.endpoint)) + ' ' +
           std::string(model::toString(s.status));
    if (!s.detail.empty()) out += ' ' + s.detail;
  }
  return out;
}

model::DayState state(Endpoint e, const char* d, DayStatus s, std::string detail = "") {
  return {e, day(d), s, std::move(detail)};
}

model::UserSummaryRow summary(const char* d, int64_t source, int64_t new_user,
                              int64_t cancel_user) {
  model::UserSummaryRow r;
  r.ref_date = d;
  r.user_source = source;
  r.new_user = new_user;
  r.cancel_user = cancel_user;
  return r;
}

model::UserReadRow userRead(const char* d, std::optional<int64_t> source, int64_t read_users,
                            int64_t page_views) {
  model::UserReadRow r;
  r.ref_date = d;
  r.user_source = source;
  r.reads.int_page_read_user = read_users;
  r.reads.int_page_read_count = page_views;
  return r;
}

model::BizSummaryRow biz(const char* d, int64_t read_user, int64_t share_user,
                         int64_t collection_user) {
  model::BizSummaryRow r;
  r.ref_date = d;
  r.read_user = read_user;
  r.share_user = share_user;
  r.zaikan_user = 1;
  r.like_user = 2;
  r.comment_count = 3;
  r.collection_user = collection_user;
  r.send_page_count = 1;
  return r;
}

model::ArticleTotalSnapshot snapshot(const char* d, int64_t read_users, int64_t page_views,
                                     int64_t share_user, int64_t fav_user) {
  model::ArticleTotalSnapshot s;
  s.stat_date = d;
  s.reads.int_page_read_user = read_users;
  s.reads.int_page_read_count = page_views;
  s.reads.share_user = share_user;
  s.reads.add_to_fav_user = fav_user;
  return s;
}

model::ArticleTotal articleTotal(const char* msgid, const char* d, std::string title,
                                 std::string url,
                                 std::vector<model::ArticleTotalSnapshot> details = {}) {
  model::ArticleTotal a;
  a.ref_date = d;
  a.msgid = msgid;
  a.title = std::move(title);
  a.url = std::move(url);
  a.details = std::move(details);
  return a;
}

model::ArticleDetailSnapshot detailSnapshot(const char* d, int64_t read_user, int64_t share_user,
                                            int64_t collection_user) {
  model::ArticleDetailSnapshot s;
  s.stat_date = d;
  s.read_user = read_user;
  s.share_user = share_user;
  s.collection_user = collection_user;
  return s;
}

model::ArticleTotalDetail articleDetail(const char* msgid, const char* d, int publish_type,
                                        std::vector<model::ArticleDetailSnapshot> list = {}) {
  model::ArticleTotalDetail a;
  a.ref_date = d;
  a.msgid = msgid;
  a.publish_type = publish_type;
  a.title = "新文章";
  a.content_url = "https://mp.weixin.qq.com/s/new";
  a.detail_list = std::move(list);
  return a;
}

model::ArticleSummaryRow articleSummary(const char* d, const char* msgid, std::string title,
                                        int64_t read_users, int64_t page_views,
                                        int64_t share_user) {
  model::ArticleSummaryRow r;
  r.ref_date = d;
  r.msgid = msgid;
  r.title = std::move(title);
  r.reads.int_page_read_user = read_users;
  r.reads.int_page_read_count = page_views;
  r.reads.share_user = share_user;
  return r;
}

model::ArticleReadRow articleRead(const char* d, const char* msgid, int64_t read_user) {
  model::ArticleReadRow r;
  r.ref_date = d;
  r.msgid = msgid;
  r.read_user = read_user;
  return r;
}

class WeChatRepoTest : public ::testing::Test {
 protected:
  WeChatRepoTest()
      : db_(Database::openInMemory()), repo_(*db_), listing_(*db_), figures_(*db_), a_({"a"}) {
    migrate(sql(*db_), latestSchemaVersion());  // a second time is a no-op
  }

  std::string rows(const std::string& query) { return fakes::rowsOf(sql(*db_), query); }

  std::unique_ptr<Database> db_;
  WeChatRepo repo_;
  WeChatListing listing_;
  WeChatFigureQueries figures_;
  AccountSet a_;
};

// ---- getusersummary: replaced per day -------------------------------------------------------

TEST_F(WeChatRepoTest, ReplacingADayTwiceNeverDoublesItsFollowers) {
  const std::vector<model::UserSummaryRow> pull{summary("2024-01-02", 0, 5, 1),
                                                summary("2024-01-02", 30, 3, 2)};
  repo_.upsertCumulate("a", {{"2024-01-02", 1005}});
  repo_.replaceUserSummary("a", days({"2024-01-02"}), pull);
  repo_.replaceUserSummary("a", days({"2024-01-02"}), pull);

  // Once over the two channels: 5 + 3 = 8 new, 1 + 2 = 3 cancelled.
  auto changes = figures_.followerChanges(a_, day("2024-01-02"), day("2024-01-02"));
  EXPECT_EQ(changes["a"].new_users, 8);
  EXPECT_EQ(changes["a"].cancel_users, 3);
  const auto daily = listing_.daily({});
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].new_users, 8);
  EXPECT_EQ(daily[0].cancel_users, 3);
  EXPECT_EQ(daily[0].net(), 5);  // 8 - 3
}

TEST_F(WeChatRepoTest, ARepulledDayKeepsOnlyTheChannelsOfItsNewAnswer) {
  repo_.replaceUserSummary("a", days({"2024-01-02"}),
                           {summary("2024-01-02", 0, 5, 1), summary("2024-01-02", 30, 3, 2),
                            summary("2024-01-02", 43, 1, 0)});
  repo_.replaceUserSummary("a", days({"2024-01-02"}), {summary("2024-01-02", 0, 6, 1)});

  // Channels 30 and 43 are gone: only channel 0's 6 new and 1 cancelled remain.
  auto changes = figures_.followerChanges(a_, day("2024-01-02"), day("2024-01-02"));
  EXPECT_EQ(changes["a"].new_users, 6);
  EXPECT_EQ(changes["a"].cancel_users, 1);
  EXPECT_EQ(rows("SELECT ref_date, user_source, new_user, cancel_user FROM wechat_user_summary"),
            "2024-01-02|0|6|1");
}

TEST_F(WeChatRepoTest, ReplacingTouchesOnlyTheGivenDaysOfTheGivenAccount) {
  repo_.replaceUserSummary("a", days({"2024-01-01", "2024-01-02", "2024-01-03"}),
                           {summary("2024-01-01", 0, 1, 0), summary("2024-01-02", 0, 2, 0),
                            summary("2024-01-03", 0, 4, 0)});
  repo_.replaceUserSummary("b", days({"2024-01-02"}), {summary("2024-01-02", 0, 9, 9)});

  repo_.replaceUserSummary("a", days({"2024-01-02"}), {summary("2024-01-02", 0, 20, 1)});

  // a: 1 + 20 + 4 = 25 new, 0 + 1 + 0 = 1 cancelled; b's day 2 untouched.
  auto changes =
      figures_.followerChanges(AccountSet({"a", "b"}), day("2024-01-01"), day("2024-01-03"));
  EXPECT_EQ(changes["a"].new_users, 25);
  EXPECT_EQ(changes["a"].cancel_users, 1);
  EXPECT_EQ(changes["b"].new_users, 9);
  EXPECT_EQ(changes["b"].cancel_users, 9);
}

TEST_F(WeChatRepoTest, ADayGivenWithoutRowsIsEmptied) {
  repo_.replaceUserSummary("a", days({"2024-01-02", "2024-01-03"}),
                           {summary("2024-01-02", 0, 2, 0), summary("2024-01-03", 0, 4, 0)});
  // The answer for days 2..3 now has rows for day 2 only: day 3 had no follower change.
  repo_.replaceUserSummary("a", days({"2024-01-02", "2024-01-03"}),
                           {summary("2024-01-02", 0, 2, 0)});

  EXPECT_EQ(figures_.followerChanges(a_, day("2024-01-03"), day("2024-01-03")).count("a"), 0u);
  EXPECT_EQ(rows("SELECT ref_date, new_user FROM wechat_user_summary ORDER BY ref_date"),
            "2024-01-02|2");
}

// ---- getuserread: replaced per day, the total as user_source 99999999 -----------------------

TEST_F(WeChatRepoTest, UserReadRowsWithoutAChannelArePlacedOnlyWhenAloneOnTheirDay) {
  struct Case {
    const char* name;
    std::vector<model::UserReadRow> rows;
    const char* stored;  // ref_date|user_source|int_page_read_user|int_page_read_count
  };
  const Case cases[] = {
      {"a single row without channel is the day's total",
       {userRead("2019-03-01", std::nullopt, 10, 30)},
       "2019-03-01|99999999|10|30"},
      {"several rows without channel cannot be placed",
       {userRead("2019-03-01", std::nullopt, 10, 30), userRead("2019-03-01", std::nullopt, 4, 6)},
       ""},
      {"rows with a channel are kept as given",
       {userRead("2024-01-01", 99999999, 50, 80), userRead("2024-01-01", 0, 20, 25),
        userRead("2024-01-01", 1, 35, 60)},
       "2024-01-01|0|20|25;2024-01-01|1|35|60;2024-01-01|99999999|50|80"},
      {"rows are counted per day",
       {userRead("2019-03-01", std::nullopt, 10, 30), userRead("2019-03-02", std::nullopt, 4, 6),
        userRead("2019-03-02", std::nullopt, 5, 7)},
       "2019-03-01|99999999|10|30"},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string account = "case" + std::to_string(++n);
    std::set<core::Date> covered;
    for (const auto& r : c.rows) covered.insert(day(r.ref_date));
    repo_.replaceUserRead(account, covered, c.rows);
    EXPECT_EQ(rows("SELECT ref_date, user_source, int_page_read_user, int_page_read_count FROM "
                   "wechat_user_read WHERE account = '" +
                   account + "' ORDER BY ref_date, user_source"),
              c.stored);
  }
}

TEST_F(WeChatRepoTest, ReplacingAReadDayTwiceNeverDoublesItsPageViews) {
  const std::vector<model::UserReadRow> pull{userRead("2019-03-01", std::nullopt, 10, 30),
                                             userRead("2024-01-01", 99999999, 50, 80),
                                             userRead("2024-01-01", 1, 35, 60)};
  repo_.upsertCumulate("a", {{"2019-03-01", 100}, {"2024-01-01", 200}});
  repo_.replaceUserRead("a", days({"2019-03-01", "2024-01-01"}), pull);
  repo_.replaceUserRead("a", days({"2019-03-01", "2024-01-01"}), pull);

  // The total rows only, once: 30 + 80 = 110 page views, 10 + 50 = 60 read users (channel 1's
  // 60 views and 35 users are not a total).
  auto reads = figures_.legacyReads(a_, day("2019-01-01"), day("2024-12-31"));
  EXPECT_EQ(reads["a"].page_views, 110);
  EXPECT_EQ(reads["a"].read_users, 60);
  const auto daily = listing_.daily({});
  ASSERT_EQ(daily.size(), 2u);
  EXPECT_EQ(daily[0].page_views, 30);
  EXPECT_EQ(daily[0].read_users, 10);
  EXPECT_EQ(daily[1].page_views, 80);
  EXPECT_EQ(daily[1].read_users, 50);
}

TEST_F(WeChatRepoTest, ARepulledReadDayDropsRowsItNoLongerHas) {
  repo_.replaceUserRead(
      "a", days({"2024-01-01"}),
      {userRead("2024-01-01", 99999999, 50, 80), userRead("2024-01-01", 1, 35, 60)});
  repo_.replaceUserRead("a", days({"2024-01-01"}), {userRead("2024-01-01", 99999999, 52, 83)});
  EXPECT_EQ(rows("SELECT user_source, int_page_read_user, int_page_read_count FROM "
                 "wechat_user_read"),
            "99999999|52|83");
}

// ---- idempotent upserts ---------------------------------------------------------------------

TEST_F(WeChatRepoTest, CumulateKeepsOneTotalPerDayAndTheLatestWins) {
  repo_.upsertCumulate("a", {{"2024-01-01", 1000}, {"2024-01-02", 1010}});
  repo_.upsertCumulate("a", {{"2024-01-02", 1012}});
  repo_.upsertCumulate("a", {{"2024-01-02", 1012}});

  const auto on = figures_.followersOn(a_, {day("2024-01-01"), day("2024-01-02")});
  ASSERT_EQ(on.count("a"), 1u);
  EXPECT_EQ(on.at("a"),
            (std::map<core::Date, int64_t>{{day("2024-01-01"), 1000}, {day("2024-01-02"), 1012}}));
  // Two days, however many times they were written.
  EXPECT_EQ(figures_.followerDays(a_, day("2024-01-01"), day("2024-01-02"))["a"], 2);
}

TEST_F(WeChatRepoTest, BizSummaryKeepsTheLatestAnswerOfADayWithItsDelayFlag) {
  repo_.upsertCumulate("a", {{"2025-11-02", 500}});
  repo_.upsertBiz("a", {biz("2025-11-02", 50, 5, 4)}, /*is_delay=*/true);
  auto daily = listing_.daily({});
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].read_users, 50);
  EXPECT_EQ(daily[0].is_delay, true);

  repo_.upsertBiz("a", {biz("2025-11-02", 60, 6, 5)}, /*is_delay=*/false);
  repo_.upsertBiz("a", {biz("2025-11-02", 60, 6, 5)}, /*is_delay=*/false);

  // 60, not 50 + 60 + 60.
  EXPECT_EQ(figures_.bizReadUsers(a_, day("2025-11-01"), day("2025-11-30"))["a"], 60);
  daily = listing_.daily({});
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].read_users, 60);
  EXPECT_EQ(daily[0].page_views, std::nullopt);  // no legacy total row on a new-family day
  EXPECT_EQ(daily[0].is_delay, false);
  EXPECT_EQ(rows("SELECT ref_date, read_user, share_user, zaikan_user, like_user, comment_count, "
                 "collection_user, send_page_count, is_delay FROM wechat_biz_daily"),
            "2025-11-02|60|6|1|2|3|5|1|0");
}

TEST_F(WeChatRepoTest, ArticleTotalKeepsOneArticleAndOneSnapshotPerDay) {
  const auto article = articleTotal(
      "1000_1", "2019-05-01", "标题", "https://mp.weixin.qq.com/s/1",
      {snapshot("2019-05-01", 100, 150, 7, 3), snapshot("2019-05-02", 180, 260, 9, 4)});
  repo_.upsertArticleTotal("a", article);
  repo_.upsertArticleTotal("a", article);

  auto listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].account, "a");
  EXPECT_EQ(listed[0].msgid, "1000_1");
  EXPECT_EQ(listed[0].title, "标题");
  EXPECT_EQ(listed[0].url, "https://mp.weixin.qq.com/s/1");
  EXPECT_EQ(listed[0].publish_date, day("2019-05-01"));
  EXPECT_EQ(listed[0].publish_type, 0);  // getarticletotal lists mass-sent articles only
  EXPECT_EQ(listed[0].read_users, 180);  // the larger snapshot: max(100, 180)
  EXPECT_EQ(listed[0].page_views, 260);  // max(150, 260)
  EXPECT_EQ(rows("SELECT stat_date, read_user, read_count, share_user, fav_user, is_delay FROM "
                 "wechat_article_stats ORDER BY stat_date"),
            "2019-05-01|100|150|7|3|0;2019-05-02|180|260|9|4|0");

  // WeChat corrects day 2: the snapshot is replaced, not added.
  repo_.upsertArticleTotal(
      "a", articleTotal("1000_1", "2019-05-01", "标题", "https://mp.weixin.qq.com/s/1",
                        {snapshot("2019-05-02", 175, 250, 9, 4)}));
  listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].read_users, 175);  // max(100, 175)
  EXPECT_EQ(listed[0].page_views, 250);  // max(150, 250)
}

TEST_F(WeChatRepoTest, ARepulledArticleWithoutTitleOrUrlKeepsTheStoredOnes) {
  repo_.upsertArticleTotal("a", articleTotal("1000_1", "2019-05-01", "标题", "https://u/1"));
  repo_.upsertArticleTotal("a", articleTotal("1000_1", "2019-05-01", "", ""));
  const auto listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].title, "标题");
  EXPECT_EQ(listed[0].url, "https://u/1");
}

TEST_F(WeChatRepoTest, ArticleDetailStoresPublishTypeAndItsSnapshotsOnce) {
  const auto article = articleDetail(
      "2000_1", "2025-11-03", 1,
      {detailSnapshot("2025-11-03", 40, 2, 1), detailSnapshot("2025-11-04", 55, 3, 2)});
  repo_.upsertArticleDetail("a", article, /*is_delay=*/true);
  repo_.upsertArticleDetail("a", article, /*is_delay=*/true);

  const auto listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].title, "新文章");
  EXPECT_EQ(listed[0].url, "https://mp.weixin.qq.com/s/new");
  EXPECT_EQ(listed[0].publish_type, 1);
  EXPECT_EQ(listed[0].read_users, 55);            // max(40, 55)
  EXPECT_EQ(listed[0].page_views, std::nullopt);  // the new family has no page views
  EXPECT_EQ(rows("SELECT stat_date, read_user, read_count, share_user, fav_user, is_delay FROM "
                 "wechat_article_stats ORDER BY stat_date"),
            "2025-11-03|40|NULL|2|1|1;2025-11-04|55|NULL|3|2|1");

  repo_.upsertArticleDetail("a", article, /*is_delay=*/false);
  EXPECT_EQ(rows("SELECT stat_date, is_delay FROM wechat_article_stats ORDER BY stat_date"),
            "2025-11-03|0;2025-11-04|0");
}

TEST_F(WeChatRepoTest, AnUnknownPublishTypeNeverOverwritesAKnownOne) {
  repo_.upsertArticleDetail("a", articleDetail("2000_1", "2025-11-03", 0), false);
  repo_.upsertArticleDetail("a", articleDetail("2000_1", "2025-11-03", model::kPublishTypeUnknown),
                            false);
  repo_.upsertArticleDetail("a", articleDetail("2000_2", "2025-11-03", model::kPublishTypeUnknown),
                            false);
  const auto listed = listing_.articles({});  // by publish date, then msgid
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].msgid, "2000_1");
  EXPECT_EQ(listed[0].publish_type, 0);
  EXPECT_EQ(listed[1].msgid, "2000_2");
  EXPECT_EQ(listed[1].publish_type, std::nullopt);
}

TEST_F(WeChatRepoTest, ArticleSummaryKeepsOneRowPerArticleDayAndFillsAMissingTitle) {
  repo_.upsertArticleTotal("a", articleTotal("1000_1", "2019-05-01", "", "https://u/1"));
  const std::vector<model::ArticleSummaryRow> pull{
      articleSummary("2019-05-01", "1000_1", "标题", 100, 150, 7),
      articleSummary("2019-05-02", "1000_1", "标题", 80, 90, 2)};
  repo_.upsertArticleSummary("a", pull);
  repo_.upsertArticleSummary("a", pull);

  EXPECT_EQ(rows("SELECT msgid, ref_date, read_user, read_count, share_user, is_delay FROM "
                 "wechat_article_daily ORDER BY ref_date"),
            "1000_1|2019-05-01|100|150|7|0;1000_1|2019-05-02|80|90|2|0");
  const auto listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].title, "标题");
  EXPECT_EQ(listed[0].url, "https://u/1");  // a summary has no URL: the stored one stays
}

TEST_F(WeChatRepoTest, ArticleReadKeepsTheLatestReadsOfEachDay) {
  repo_.upsertArticleRead(
      "a", {articleRead("2025-11-03", "2000_1", 40), articleRead("2025-11-04", "2000_1", 15)},
      /*is_delay=*/true);
  repo_.upsertArticleRead("a", {articleRead("2025-11-04", "2000_1", 18)}, /*is_delay=*/false);
  repo_.upsertArticleRead("a", {articleRead("2025-11-04", "2000_1", 18)}, /*is_delay=*/false);
  EXPECT_EQ(rows("SELECT msgid, ref_date, read_user, read_count, share_user, is_delay FROM "
                 "wechat_article_daily ORDER BY ref_date"),
            "2000_1|2025-11-03|40|NULL|0|1;2000_1|2025-11-04|18|NULL|0|0");
}

TEST_F(WeChatRepoTest, EnrichingFillsOnlyAMissingTitleOrUrl) {
  struct Case {
    const char* name;
    const char *stored_title, *stored_url;
    const char *given_title, *given_url;
    const char *title, *url;  // afterwards
  };
  const Case cases[] = {
      {"both missing: both filled", "", "", "T", "U", "T", "U"},
      {"title known: url filled", "Old", "", "T", "U", "Old", "U"},
      {"url known: title filled", "", "http://old", "T", "U", "T", "http://old"},
      {"both known: nothing changes", "Old", "http://old", "T", "U", "Old", "http://old"},
      {"nothing given: still missing", "", "", "", "", "", ""},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string msgid = std::to_string(++n) + "_1";
    repo_.upsertArticleTotal(
        "a", articleTotal(msgid.c_str(), "2019-05-01", c.stored_title, c.stored_url));
    EXPECT_TRUE(repo_.enrichArticle("a", msgid, c.given_title, c.given_url));
    const auto listed = listing_.articles({});
    ASSERT_EQ(listed.size(), static_cast<size_t>(n));
    EXPECT_EQ(listed.back().msgid, msgid);
    EXPECT_EQ(listed.back().title, c.title);
    EXPECT_EQ(listed.back().url, c.url);
  }
}

TEST_F(WeChatRepoTest, EnrichingAnUnknownArticleCreatesNothing) {
  repo_.upsertArticleTotal("b", articleTotal("1000_1", "2019-05-01", "", ""));
  EXPECT_FALSE(repo_.enrichArticle("a", "1000_1", "T", "U"));  // known to b only
  EXPECT_FALSE(repo_.enrichArticle("a", "9_9", "T", "U"));
  const auto listed = listing_.articles({});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].account, "b");
  EXPECT_EQ(listed[0].title, "");
}

// ---- day states ------------------------------------------------------------------------------

TEST_F(WeChatRepoTest, OnlyTheStoredStatesOfARunAreKept) {
  struct Case {
    DayStatus status;
    const char* day;
  };
  const Case cases[] = {
      {DayStatus::Final, "2024-01-01"},    {DayStatus::Delayed, "2024-01-02"},
      {DayStatus::Empty, "2024-01-03"},    {DayStatus::Unavailable, "2024-01-04"},
      {DayStatus::NotReady, "2024-01-05"}, {DayStatus::Failed, "2024-01-06"},
      {DayStatus::Skipped, "2024-01-07"},
  };
  std::vector<model::DayState> run;
  for (const auto& c : cases) run.push_back(state(Endpoint::UserSummary, c.day, c.status));

  // Failed and Skipped describe the run, not the day: 7 - 2 = 5 kept.
  EXPECT_EQ(repo_.setDayStates("a", run, at("2024-01-08T01:00:00Z")), 5);
  EXPECT_EQ(describe(repo_.dayStates("a")),
            "2024-01-01 getusersummary final;2024-01-02 getusersummary delayed;"
            "2024-01-03 getusersummary empty;2024-01-04 getusersummary unavailable;"
            "2024-01-05 getusersummary not_ready");
}

TEST_F(WeChatRepoTest, ALaterStateReplacesTheEarlierOne) {
  repo_.setDayStates(
      "a", {state(Endpoint::UserRead, "2024-01-01", DayStatus::NotReady, "errcode 61503")},
      at("2024-01-02T01:00:00Z"));
  repo_.setDayStates("a", {state(Endpoint::UserRead, "2024-01-01", DayStatus::Final)},
                     at("2024-01-03T01:00:00Z"));
  EXPECT_EQ(describe(repo_.dayStates("a")), "2024-01-01 getuserread final");
  EXPECT_EQ(rows("SELECT state, detail, fetched_at FROM wechat_days"),
            "final|NULL|2024-01-03T01:00:00Z");

  // Within one run too: the later answer for the same endpoint and day wins.
  repo_.setDayStates("a",
                     {state(Endpoint::UserRead, "2024-01-02", DayStatus::Delayed, "is_delay"),
                      state(Endpoint::UserRead, "2024-01-02", DayStatus::Final)},
                     at("2024-01-04T01:00:00Z"));
  EXPECT_EQ(describe(repo_.dayStates("a", day("2024-01-02"), day("2024-01-02"))),
            "2024-01-02 getuserread final");
}

TEST_F(WeChatRepoTest, DayStatesComeBackTypedAndOrderedByDayThenEndpoint) {
  // Endpoints chosen so that their names and their declaration order sort alike.
  repo_.setDayStates(
      "a",
      {state(Endpoint::ArticleTotal, "2024-01-03", DayStatus::Final),
       state(Endpoint::UserRead, "2024-01-01", DayStatus::Unavailable, "errcode 61501 (rid 1)"),
       state(Endpoint::ArticleTotal, "2024-01-01", DayStatus::Delayed, "is_delay"),
       state(Endpoint::ArticleSummary, "2024-01-02", DayStatus::Empty)},
      at("2024-01-04T01:00:00Z"));
  repo_.setDayStates("b", {state(Endpoint::UserRead, "2024-01-01", DayStatus::Final)},
                     at("2024-01-04T01:00:00Z"));

  const auto got = repo_.dayStates("a");
  EXPECT_EQ(describe(got),
            "2024-01-01 getarticletotal delayed is_delay;"
            "2024-01-01 getuserread unavailable errcode 61501 (rid 1);"
            "2024-01-02 getarticlesummary empty;2024-01-03 getarticletotal final");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].endpoint, Endpoint::UserRead);
  EXPECT_EQ(got[1].day, day("2024-01-01"));
  EXPECT_EQ(got[1].status, DayStatus::Unavailable);
  EXPECT_EQ(got[1].detail, "errcode 61501 (rid 1)");
  EXPECT_EQ(got[3].detail, "");
  // A range comes back in the same order.
  EXPECT_EQ(describe(repo_.dayStates("a", day("2024-01-01"), day("2024-01-02"))),
            "2024-01-01 getarticletotal delayed is_delay;"
            "2024-01-01 getuserread unavailable errcode 61501 (rid 1);"
            "2024-01-02 getarticlesummary empty");
}

TEST_F(WeChatRepoTest, DayStatesOfARangeIncludeBothEnds) {
  std::vector<model::DayState> run;
  for (const char* d : {"2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"})
    run.push_back(state(Endpoint::UserCumulate, d, DayStatus::Final));
  repo_.setDayStates("a", run, at("2024-01-06T01:00:00Z"));
  repo_.setDayStates("b", run, at("2024-01-06T01:00:00Z"));
  EXPECT_EQ(describe(repo_.dayStates("a", day("2024-01-02"), day("2024-01-04"))),
            "2024-01-02 getusercumulate final;2024-01-03 getusercumulate final;"
            "2024-01-04 getusercumulate final");
  EXPECT_EQ(repo_.dayStates("a", day("2024-02-01"), day("2024-02-28")).size(), 0u);
}

TEST_F(WeChatRepoTest, StatesOfAnEndpointThisBinaryDoesNotKnowAreSkipped) {
  repo_.setDayStates("a", {state(Endpoint::UserSummary, "2024-01-01", DayStatus::Final)},
                     at("2024-01-02T01:00:00Z"));
  // Written by a newer pubtrack that knows one more endpoint.
  sql(*db_).exec(
      "INSERT INTO wechat_days (account, endpoint, ref_date, state, fetched_at) VALUES ('a', "
      "'getfuture', '2024-01-01', 'delayed', '2024-01-02T01:00:00Z')");
  EXPECT_EQ(describe(repo_.dayStates("a")), "2024-01-01 getusersummary final");
  EXPECT_EQ(describe(repo_.repullDays("a")), "");
}

TEST_F(WeChatRepoTest, RepullDaysAreTheUnsettledOnesAndRecentUnavailableOnes) {
  repo_.setDayStates("a",
                     {state(Endpoint::UserSummary, "2024-01-01", DayStatus::Final),
                      state(Endpoint::UserSummary, "2024-01-02", DayStatus::Delayed),
                      state(Endpoint::UserSummary, "2024-01-03", DayStatus::Empty),
                      state(Endpoint::UserSummary, "2024-01-04", DayStatus::NotReady),
                      state(Endpoint::UserSummary, "2024-01-05", DayStatus::Unavailable),
                      state(Endpoint::UserSummary, "2024-01-06", DayStatus::Unavailable),
                      state(Endpoint::UserSummary, "2024-01-07", DayStatus::Final)},
                     at("2024-01-08T01:00:00Z"));
  repo_.setDayStates("b", {state(Endpoint::UserSummary, "2024-01-01", DayStatus::Delayed)},
                     at("2024-01-08T01:00:00Z"));

  struct Case {
    std::optional<core::Date> recent_from;
    const char* days;  // of the states returned, in day order
  };
  const Case cases[] = {
      // Unavailable never, without recent_from.
      {std::nullopt, "2024-01-02,2024-01-03,2024-01-04"},
      {day("2024-01-06"), "2024-01-02,2024-01-03,2024-01-04,2024-01-06"},
      {day("2024-01-05"), "2024-01-02,2024-01-03,2024-01-04,2024-01-05,2024-01-06"},
      {day("2024-01-01"), "2024-01-02,2024-01-03,2024-01-04,2024-01-05,2024-01-06"},
      {day("2024-01-07"), "2024-01-02,2024-01-03,2024-01-04"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("recent_from " + text(c.recent_from));
    std::string got;
    for (const auto& s : repo_.repullDays("a", c.recent_from))
      got += (got.empty() ? "" : ",") + s.day.toString();
    EXPECT_EQ(got, c.days);
  }
  EXPECT_EQ(describe(repo_.repullDays("a", day("2024-01-05"))),
            "2024-01-02 getusersummary delayed;2024-01-03 getusersummary empty;"
            "2024-01-04 getusersummary not_ready;2024-01-05 getusersummary unavailable;"
            "2024-01-06 getusersummary unavailable");
}

// ---- coverage and the last complete day ------------------------------------------------------

// The legacy family serves the days before kNewApiFrom, the new family the days from it.
const char* const kNewApiFrom = "2024-01-04";

std::vector<model::DayState> dayOf(const char* d, std::vector<std::pair<Endpoint, DayStatus>> es) {
  std::vector<model::DayState> out;
  for (const auto& [e, s] : es) out.push_back(state(e, d, s));
  return out;
}

std::vector<model::DayState> legacyDay(const char* d, DayStatus user_read = DayStatus::Final) {
  return dayOf(d, {{Endpoint::UserSummary, DayStatus::Final},
                   {Endpoint::UserCumulate, DayStatus::Final},
                   {Endpoint::ArticleSummary, DayStatus::Final},
                   {Endpoint::ArticleTotal, DayStatus::Final},
                   {Endpoint::UserRead, user_read}});
}

std::vector<model::DayState> newDay(const char* d, DayStatus biz = DayStatus::Final) {
  return dayOf(d, {{Endpoint::UserSummary, DayStatus::Final},
                   {Endpoint::UserCumulate, DayStatus::Final},
                   {Endpoint::BizSummary, biz},
                   {Endpoint::ArticleTotalDetail, DayStatus::Final},
                   {Endpoint::ArticleRead, DayStatus::Final}});
}

std::vector<model::DayState> followerPair(const char* d) {
  return dayOf(
      d, {{Endpoint::UserSummary, DayStatus::Final}, {Endpoint::UserCumulate, DayStatus::Final}});
}

TEST_F(WeChatRepoTest, CoverageAndLastCompleteDayFollowTheStoredStates) {
  const auto t = at("2024-01-09T01:00:00Z");
  // 01: the first day, the follower pair only: complete by the first-day rule, not missing.
  repo_.setDayStates("a", followerPair("2024-01-01"), t);
  // 02: every legacy endpoint final: complete.
  repo_.setDayStates("a", legacyDay("2024-01-02"), t);
  // 03: getuserread answered 61501: still complete (terminal), one unavailable day.
  repo_.setDayStates("a", legacyDay("2024-01-03", DayStatus::Unavailable), t);
  // 04: the first new-family day, getbizsummary delayed: not complete, one delayed day.
  repo_.setDayStates("a", newDay("2024-01-04", DayStatus::Delayed), t);
  // 05: every new endpoint final, but after the break at 04.
  repo_.setDayStates("a", newDay("2024-01-05"), t);
  // 06: getbizsummary not ready: one missing day.
  repo_.setDayStates("a", newDay("2024-01-06", DayStatus::NotReady), t);
  // Another account's gaps change nothing for a.
  repo_.setDayStates("b", followerPair("2024-01-02"), t);

  EXPECT_EQ(text(repo_.lastCompleteDay("a", day(kNewApiFrom))), "2024-01-03");
  auto c = repo_.coverage("a", day(kNewApiFrom), std::nullopt);
  EXPECT_EQ(text(c.first_day), "2024-01-01");
  EXPECT_EQ(text(c.last_complete_day), "2024-01-03");
  EXPECT_EQ(c.days_missing, 1);      // 06
  EXPECT_EQ(c.days_delayed, 1);      // 04
  EXPECT_EQ(c.days_unavailable, 1);  // 03

  // Up to 08: 07 and 08 have nothing stored, 1 + 2 = 3 missing.
  c = repo_.coverage("a", day(kNewApiFrom), day("2024-01-08"));
  EXPECT_EQ(c.days_missing, 3);
  EXPECT_EQ(c.days_delayed, 1);
  EXPECT_EQ(c.days_unavailable, 1);

  // 04 re-pulled and final: the complete run now reaches 05, nothing is delayed.
  repo_.setDayStates("a", {state(Endpoint::BizSummary, "2024-01-04", DayStatus::Final)}, t);
  EXPECT_EQ(text(repo_.lastCompleteDay("a", day(kNewApiFrom))), "2024-01-05");
  c = repo_.coverage("a", day(kNewApiFrom), std::nullopt);
  EXPECT_EQ(c.days_missing, 1);  // 06
  EXPECT_EQ(c.days_delayed, 0);
}

TEST_F(WeChatRepoTest, LastCompleteDayAndCoverageOfSmallHistories) {
  struct Case {
    const char* name;
    std::vector<model::DayState> states;
    const char* first_day;
    const char* last_complete_day;
    int64_t missing;
  };
  auto join = [](std::vector<model::DayState> a, const std::vector<model::DayState>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  const Case cases[] = {
      {"nothing stored", {}, "none", "none", 0},
      // Without the followers' total the first day is neither complete nor covered.
      {"first day without its total",
       dayOf("2024-01-01", {{Endpoint::UserSummary, DayStatus::Final}}), "2024-01-01", "none", 1},
      // 01 complete by the first-day rule, 02 missing (nothing stored) stops the run; 03 is
      // complete but does not count.
      {"a day without anything stored", join(followerPair("2024-01-01"), legacyDay("2024-01-03")),
       "2024-01-01", "2024-01-01", 1},
      // 02 has the follower pair only: its three legacy endpoints are missing.
      {"a later day with the follower pair only",
       join(legacyDay("2024-01-01"), followerPair("2024-01-02")), "2024-01-01", "2024-01-01", 1},
      {"every day complete", join(legacyDay("2024-01-01"), legacyDay("2024-01-02")), "2024-01-01",
       "2024-01-02", 0},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string account = "case" + std::to_string(++n);
    repo_.setDayStates(account, c.states, at("2024-01-09T01:00:00Z"));
    EXPECT_EQ(text(repo_.lastCompleteDay(account, day(kNewApiFrom))), c.last_complete_day);
    const auto cov = repo_.coverage(account, day(kNewApiFrom), std::nullopt);
    EXPECT_EQ(text(cov.first_day), c.first_day);
    EXPECT_EQ(text(cov.last_complete_day), c.last_complete_day);
    EXPECT_EQ(cov.days_missing, c.missing);
    EXPECT_EQ(cov.days_delayed, 0);
    EXPECT_EQ(cov.days_unavailable, 0);
  }
}

}  // namespace

// ---- freepublish: the list and how far it was read -------------------------------------------

TEST_F(WeChatRepoTest, APublishedListKeepsWhenItWasLastReadWhole) {
  const auto at = [](const char* utc) { return *core::parseUtc(utc); };
  repo_.upsertPublished("a",
                        {{"A1", 1, "3001_1", "t1", "u1", 1712714400, false},
                         {"A1", 2, "3001_2", "t2", "u2", 1712714400, false},
                         {"A2", 1, "", "t3", "u3", 1718465400, true}},
                        at("2024-06-20T00:00:00Z"));
  EXPECT_EQ(repo_.publishedIds("a"), (std::set<std::string>{"A1", "A2"}));
  EXPECT_TRUE(repo_.publishedIds("b").empty());

  repo_.setPublishList("a", {true, 3, ""}, at("2024-06-20T00:00:00Z"));
  // A later run that read part of the list keeps the last whole reading; a refusal is kept
  // until the list is read again.
  repo_.setPublishList("a", {false, 4, ""}, at("2024-07-01T00:00:00Z"));
  auto lists = figures_.publishLists(a_);
  ASSERT_TRUE(lists.count("a"));
  EXPECT_EQ(lists["a"].complete_at, at("2024-06-20T00:00:00Z"));
  repo_.setPublishList("a", {false, std::nullopt, "48001 api unauthorized"},
                       at("2024-07-02T00:00:00Z"));
  EXPECT_EQ(figures_.publishLists(a_)["a"].refused, "48001 api unauthorized");
  EXPECT_EQ(rows("SELECT total_count FROM wechat_publish_lists"), "4");
  repo_.setPublishList("a", {true, 4, ""}, at("2024-07-03T00:00:00Z"));
  lists = figures_.publishLists(a_);
  EXPECT_EQ(lists["a"].refused, "");
  EXPECT_EQ(lists["a"].complete_at, at("2024-07-03T00:00:00Z"));

  // Posts not deleted and not held by a datacube row, by China day: A1/1 and A1/2 (2024-04-10);
  // A2 is deleted.
  const auto days = figures_.publishedOnlyDays(a_, core::Date::parse("2024-01-01").value(),
                                               core::Date::parse("2024-12-31").value());
  ASSERT_TRUE(days.count("a"));
  EXPECT_EQ(days.at("a").size(), 2u);
  EXPECT_EQ(days.at("a")[0].toString(), "2024-04-10");
}

}  // namespace pubtrack::store
