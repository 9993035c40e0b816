// SPDX-License-Identifier: Apache-2.0
// reports::inspect on a real store: windows without a post longer than max_silent_days (a
// 15-day window is flagged, a 14-day one is not), only on days whose posts are known, and posts
// deleted after publication; and the checks the report lists for them.
#include "reports/inspection.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "reports/annual_figures.h"
#include "store/feeds_repo.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::reports {
namespace {

core::Date D(const char* iso) { return *core::Date::parse(iso); }

class InspectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir_ / "t.db");
    ASSERT_TRUE(opened) << opened.error().describe();
    db_ = std::move(opened.value());
    raw_ = std::make_unique<SQLite::Database>((dir_ / "t.db").string(), SQLite::OPEN_READWRITE);
    auto loaded = config::loadSettingsFromString(
        "[database]\npath = t.db\n[account.a]\nname = 甲\nappid = wx_a\nsecret_env = A\n"
        "[account.b]\nname = 乙\nappid = wx_b\nsecret_env = B\n",
        dir_ / "pubtrack.ini");
    ASSERT_TRUE(loaded.settings);
    settings_ = *loaded.settings;
  }
  // The article endpoint answered final for every day of [from, to]: posts are known there.
  void known(const char* account, const char* from, const char* to) {
    SQLite::Statement q(*raw_,
                        "INSERT INTO wechat_days (account, endpoint, ref_date, state, fetched_at) "
                        "VALUES (?, 'getarticletotal', ?, 'final', '2030-01-01T00:00:00Z')");
    for (core::Date d = D(from); d <= D(to); ++d) {
      q.reset();
      q.bind(1, account);
      q.bind(2, d.toString());
      q.exec();
    }
  }
  void post(const char* account, const char* day) {
    SQLite::Statement q(*raw_,
                        "INSERT INTO wechat_articles (account, msgid, publish_date, family) "
                        "VALUES (?, ?, ?, 'legacy')");
    q.bind(1, account);
    q.bind(2, std::string(day) + "_1");
    q.bind(3, day);
    q.exec();
  }
  void deleted(const char* account, const char* utc, const char* title) {
    SQLite::Statement q(*raw_,
                        "INSERT INTO wechat_published (account, article_id, idx, title, "
                        "update_time, is_deleted, fetched_at) VALUES (?, ?, 1, ?, ?, 1, "
                        "'2030-01-01T00:00:00Z')");
    q.bind(1, account);
    q.bind(2, std::string("art-") + utc);
    q.bind(3, title);
    q.bind(4, utc);
    q.exec();
  }
  std::vector<AccountInspection> run(const char* from, const char* to) {
    // 2024-06-01 10:00 China time: days through 2024-05-31 can be collected.
    return inspect(*db_, settings_, {"a", "b"}, D(from), D(to),
                   core::instantOf(D("2024-06-01"), 10, 0, 0, core::kChinaTime));
  }

  fakes::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SQLite::Database> raw_;
  config::Settings settings_;
};

TEST_F(InspectionTest, AFifteenDayWindowIsFlaggedAFourteenDayOneIsNot) {
  known("a", "2024-03-01", "2024-03-31");
  known("b", "2024-03-01", "2024-03-31");
  // a: 03-01, 03-16 (14 silent days between), 03-31. b: 03-01, 03-17 (15 days), 03-31.
  for (const char* d : {"2024-03-01", "2024-03-16", "2024-03-31"}) post("a", d);
  for (const char* d : {"2024-03-01", "2024-03-17", "2024-03-31"}) post("b", d);
  const auto r = run("2024-03-01", "2024-03-31");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].silent.empty());
  ASSERT_EQ(r[1].silent.size(), 1u);
  EXPECT_EQ(r[1].silent[0].first, D("2024-03-02"));
  EXPECT_EQ(r[1].silent[0].days, 15);
  std::vector<Check> checks;
  addInspectionChecks(r, 14, checks);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, "account_silent");
  EXPECT_EQ(checks[0].source, "account.b");
  EXPECT_NE(checks[0].message_zh.find("2024年3月2日至2024年3月16日（15天）"), std::string::npos)
      << checks[0].message_zh;
}

TEST_F(InspectionTest, OnlyDaysWhosePostsAreKnownAreJudged) {
  // Posts known from 03-10 to 03-20 only: the empty days before and after are not silence.
  known("a", "2024-03-10", "2024-03-20");
  post("a", "2024-03-12");
  EXPECT_TRUE(run("2024-01-01", "2024-05-31")[0].silent.empty());
  // Known through 05-31 with no post since 03-12: 03-13..05-31 = 80 days, still silent.
  known("a", "2024-03-21", "2024-05-31");
  const auto r = run("2024-01-01", "2024-12-31");  // the future is not judged either
  ASSERT_EQ(r[0].silent.size(), 1u);
  EXPECT_EQ(r[0].silent[0].days, 80);
  EXPECT_TRUE(r[0].silent[0].ongoing);
}

TEST_F(InspectionTest, DeletedPostsAreListedByTheirChinaDay) {
  known("a", "2024-03-01", "2024-03-31");
  for (core::Date d = D("2024-03-01"); d <= D("2024-03-31"); ++d) post("a", d.toString().c_str());
  // 2024-03-04 17:30 UTC is 03-05 01:30 in China; 2024-04-02 is outside the period.
  deleted("a", "2024-03-04T17:30:00Z", "撤回的通知");
  deleted("a", "2024-04-02T02:00:00Z", "later");
  const auto r = run("2024-03-01", "2024-03-31");
  ASSERT_EQ(r[0].deleted.size(), 1u);
  EXPECT_EQ(r[0].deleted[0].day, D("2024-03-05"));
  EXPECT_EQ(r[0].deleted[0].title, "撤回的通知");
  std::vector<Check> checks;
  addInspectionChecks(r, 14, checks);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, "posts_deleted");
  EXPECT_NE(checks[0].message.find("2024-03-05"), std::string::npos);
  EXPECT_NE(checks[0].message_zh.find("日期：2024年3月5日"), std::string::npos);
}

// The report lists counted mentions whose tier rests on a host below a registry domain.
TEST_F(InspectionTest, MentionsWhoseTierWasGuessedAreListed) {
  store::FeedsRepo feeds(*db_);
  auto add = [&](const char* outlet, const char* title, const char* basis) {
    model::Mention m;
    m.origin = model::MentionOrigin::Manual;
    m.outlet = outlet;
    m.tier = model::Tier::Central;
    m.title = title;
    m.norm_title = title;
    m.day = D("2024-03-05");
    m.tier_basis = basis;
    feeds.upsertMention(m, core::instantOf(D("2024-03-06"), 9, 0, 0, core::kChinaTime));
  };
  add("人民网", "深圳市国资委召开国企改革推进会议一", "domain_suffix");
  add("人民网", "深圳市国资委召开国企改革推进会议二", "domain");
  FigureRequest r;
  r.from = D("2024-01-01");
  r.to = D("2024-12-31");
  r.year = 2024;
  const auto f = computeFigures(*db_, settings_, r,
                                core::instantOf(D("2025-01-10"), 10, 0, 0, core::kChinaTime));
  int guessed = 0;
  for (const auto& c : f.checks)
    if (c.kind == "mentions_tier_guessed") {
      ++guessed;
      EXPECT_NE(c.message.find("1 counted mention(s)"), std::string::npos) << c.message;
      EXPECT_NE(c.message.find("人民网 (central, 1)"), std::string::npos) << c.message;
    }
  EXPECT_EQ(guessed, 1);
}

// The report says how many counted mentions rest on an alias alone and await review.
TEST_F(InspectionTest, UnreviewedAliasOnlyMentionsAreCounted) {
  store::FeedsRepo feeds(*db_);
  int n = 0;
  auto add = [&](const char* rule, model::MentionStatus status) {
    model::Mention m;
    m.origin = model::MentionOrigin::Feed;
    m.outlet = "深圳特区报";
    m.tier = model::Tier::Municipal;
    m.title = "市国资委召开会议" + std::to_string(++n);
    m.norm_title = m.title;
    m.url = "http://example.com/" + std::to_string(n);
    m.norm_url = m.url;
    m.day = D("2024-03-05");
    m.keywords = "市国资委";
    m.match_rule = rule;
    m.status = status;
    feeds.upsertMention(m, core::instantOf(D("2024-03-06"), 9, 0, 0, core::kChinaTime));
  };
  add("alias_local_outlet", model::MentionStatus::Candidate);
  add("alias_local_outlet", model::MentionStatus::Candidate);
  add("alias_place_in_text", model::MentionStatus::Candidate);
  add("alias_local_outlet", model::MentionStatus::Confirmed);  // reviewed: not listed
  add("full_name", model::MentionStatus::Candidate);           // a full name: not listed
  FigureRequest r;
  r.from = D("2024-01-01");
  r.to = D("2024-12-31");
  const auto f = computeFigures(*db_, settings_, r,
                                core::instantOf(D("2025-01-10"), 10, 0, 0, core::kChinaTime));
  int found = 0;
  for (const auto& c : f.checks)
    if (c.kind == "mentions_alias_unreviewed") {
      ++found;
      EXPECT_NE(c.message.find("3 counted mention(s) rest on an alias"), std::string::npos)
          << c.message;
      EXPECT_NE(c.message.find("alias_local_outlet 2, alias_place_in_text 1"), std::string::npos)
          << c.message;
      EXPECT_NE(c.message_zh.find("有3篇媒体报道仅凭机构简称匹配"), std::string::npos);
    }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace pubtrack::reports
