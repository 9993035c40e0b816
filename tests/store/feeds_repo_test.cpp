// SPDX-License-Identifier: Apache-2.0
// FeedsRepo on ":memory:": item upserts, mention de-duplication (same_as / duplicate_of), review
// status propagation and dropping candidates that no longer match.
#include "store/feeds_repo.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <map>

#include "store/detail/sql.h"
#include "store/migrations.h"

namespace pubtrack::store {
namespace {

using detail::sql;
using model::MentionStatus;

core::TimePoint at(const char* iso) { return *core::parseUtc(iso); }
core::Date day(const std::string& text) { return *core::Date::parse(text); }

const core::TimePoint kNow = at("2019-06-01T00:00:00Z");
// Long enough (>= 12 bytes) to be compared as a story title.
const char* kStory = "深圳市国资委召开国企改革推进会";

class FeedsRepoTest : public ::testing::Test {
 protected:
  FeedsRepoTest() : db_(Database::openInMemory()) {
    migrate(sql(*db_), latestSchemaVersion());  // a second time is a no-op
    repo_ = std::make_unique<FeedsRepo>(*db_);
  }

  int64_t addItem(const std::string& feed, const std::string& key) {
    model::FeedItemRecord it;
    it.feed = feed;
    it.item_key = key;
    it.title = key;
    return repo_->upsertItem(it, kNow).first;
  }

  // A feed mention of a fresh item.
  std::pair<int64_t, bool> mention(const std::string& outlet, const std::string& title,
                                   const std::string& url, const std::string& when,
                                   const std::string& published = "",
                                   MentionStatus status = MentionStatus::Candidate) {
    model::Mention m;
    m.item_id = addItem("f." + outlet, "k" + std::to_string(++items_));
    m.outlet = outlet;
    m.tier = model::Tier::Municipal;
    m.title = title;
    m.url = url;
    m.norm_url = url.empty() ? "" : "norm:" + url;
    m.norm_title = title;
    m.day = day(when);
    if (!published.empty()) m.published = at(published.c_str());
    m.status = status;
    return repo_->upsertMention(m, kNow);
  }
  int64_t add(const std::string& outlet, const std::string& title, const std::string& url,
              const std::string& when, const std::string& published = "") {
    return mention(outlet, title, url, when, published).first;
  }

  struct Links {
    int64_t same_as = -1, duplicate_of = -1, item_id = -1;
    std::string status;
  };
  Links links(int64_t id) {
    SQLite::Statement q(sql(*db_),
                        "SELECT coalesce(same_as, 0), coalesce(duplicate_of, 0), status, "
                        "coalesce(item_id, 0) FROM mentions WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return {};
    return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(3).getInt64(),
            q.getColumn(2).getString()};
  }
  bool exists(int64_t id) { return links(id).same_as >= 0; }
  int64_t counted() {
    MentionFilter f;
    return static_cast<int64_t>(repo_->listMentions(f).size());
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<FeedsRepo> repo_;
  int items_ = 0;
};

TEST_F(FeedsRepoTest, UpsertItemIsIdempotentByFeedAndKey) {
  model::FeedItemRecord it;
  it.feed = "people";
  it.item_key = "guid:1";
  it.title = "标题一";
  it.published = at("2019-03-01T02:00:00Z");
  it.published_raw = "Fri, 01 Mar 2019 10:00:00 +0800";
  auto [id, isNew] = repo_->upsertItem(it, at("2019-03-01T03:00:00Z"));
  EXPECT_TRUE(isNew);
  // Seen again with a changed title and no date: same row, title refreshed, date kept.
  it.title = "标题一（更新）";
  it.published.reset();
  it.published_raw.clear();
  it.position = 4;
  auto [id2, isNew2] = repo_->upsertItem(it, at("2019-03-02T03:00:00Z"));
  EXPECT_EQ(id2, id);
  EXPECT_FALSE(isNew2);
  EXPECT_EQ(repo_->countItems("people"), 1);
  auto rows = repo_->listItems("people", std::nullopt, std::nullopt, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].item.title, "标题一（更新）");
  EXPECT_EQ(rows[0].item.published, at("2019-03-01T02:00:00Z"));
  EXPECT_EQ(rows[0].item.position, 4);
  EXPECT_EQ(rows[0].first_seen, at("2019-03-01T03:00:00Z"));
  EXPECT_FALSE(rows[0].is_mention);
  // The same key in another feed is another item.
  it.feed = "xinhua";
  auto [id3, isNew3] = repo_->upsertItem(it, kNow);
  EXPECT_NE(id3, id);
  EXPECT_TRUE(isNew3);
  EXPECT_EQ(repo_->countItems("people"), 1);
  EXPECT_EQ(repo_->countItems("xinhua"), 1);
}

TEST_F(FeedsRepoTest, UpsertMentionOfTheSameItemUpdatesAndKeepsStatus) {
  model::Mention m;
  m.item_id = addItem("people", "guid:1");
  m.outlet = "人民网";
  m.tier = model::Tier::Central;
  m.title = kStory;
  m.norm_title = kStory;
  m.day = day("2019-03-01");
  m.keywords = "深圳市国资委";
  auto [id, isNew] = repo_->upsertMention(m, kNow);
  EXPECT_TRUE(isNew);
  EXPECT_TRUE(repo_->setStatus({id}, MentionStatus::Confirmed).empty());
  m.keywords = "深圳市国资委, 市国资委";
  m.outlet = "人民日报";
  auto [id2, isNew2] = repo_->upsertMention(m, kNow);
  EXPECT_EQ(id2, id);
  EXPECT_FALSE(isNew2);
  auto rows = repo_->listMentions({});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].m.outlet, "人民日报");
  EXPECT_EQ(rows[0].m.keywords, "深圳市国资委, 市国资委");
  EXPECT_EQ(rows[0].m.status, MentionStatus::Confirmed);
  EXPECT_TRUE(repo_->listItems("people", std::nullopt, std::nullopt, 0)[0].is_mention);
}

TEST_F(FeedsRepoTest, SameNormalisedUrlIsTheSameReport) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  // Through the aggregator, even under another outlet name and months later.
  const int64_t b = add("新闻聚合", "完全不同的标题文字内容", "sznews.com/a.html", "2019-06-01");
  const int64_t c = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  EXPECT_EQ(links(b).same_as, a);
  EXPECT_EQ(links(c).same_as, a);
  EXPECT_EQ(links(b).duplicate_of, 0);
  EXPECT_EQ(counted(), 1);
  MentionFilter all;
  all.canonical_only = false;
  EXPECT_EQ(repo_->listMentions(all).size(), 3u);
}

TEST_F(FeedsRepoTest, SameOutletSameTitleWithinSevenDaysIsTheSameReport) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t sameDay = add("深圳新闻网", kStory, "sznews.com/a-repost.html", "2019-03-01");
  const int64_t weekLater = add("深圳新闻网", kStory, "sznews.com/b.html", "2019-03-08");
  const int64_t before = add("深圳新闻网", kStory, "sznews.com/c.html", "2019-02-22");
  EXPECT_EQ(links(sameDay).same_as, a);
  EXPECT_EQ(links(weekLater).same_as, a);
  EXPECT_EQ(links(before).same_as, a);
  EXPECT_EQ(counted(), 1);
}

TEST_F(FeedsRepoTest, SameOutletSameTitleEightDaysApartIsAnotherReport) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t later = add("深圳新闻网", kStory, "sznews.com/b.html", "2019-03-09");
  const int64_t earlier = add("深圳新闻网", kStory, "sznews.com/c.html", "2019-02-21");
  for (int64_t id : {later, earlier}) {
    EXPECT_EQ(links(id).same_as, 0);
    EXPECT_EQ(links(id).duplicate_of, 0);
  }
  EXPECT_NE(later, a);
  EXPECT_EQ(counted(), 3);
}

TEST_F(FeedsRepoTest, ShortTitlesAreNeverComparedAsStories) {
  add("深圳新闻网", "通知", "sznews.com/a.html", "2019-03-01");
  const int64_t b = add("深圳新闻网", "通知", "sznews.com/b.html", "2019-03-01");
  const int64_t c = add("南方网", "通知", "southcn.com/c.html", "2019-03-01");
  EXPECT_EQ(links(b).same_as, 0);
  EXPECT_EQ(links(c).duplicate_of, 0);
  EXPECT_EQ(counted(), 3);
}

TEST_F(FeedsRepoTest, SyndicatedCopyInAnotherOutletPointsToTheEarliest) {
  const int64_t sz =
      add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01", "2019-03-01T02:00:00Z");
  const int64_t south =
      add("南方网", kStory, "southcn.com/a.html", "2019-03-02", "2019-03-02T02:00:00Z");
  EXPECT_EQ(links(south).duplicate_of, sz);
  EXPECT_EQ(links(south).same_as, 0);
  // A sighting of the southcn copy is the same report as it (not counted again).
  const int64_t southAgain = add("南方网", kStory, "southcn.com/a2.html", "2019-03-03");
  EXPECT_EQ(links(southAgain).same_as, south);
  // An earlier copy arriving later becomes the root; every copy points to it.
  const int64_t people =
      add("人民网", kStory, "people.com.cn/a.html", "2019-03-01", "2019-03-01T01:00:00Z");
  EXPECT_EQ(links(people).duplicate_of, 0);
  EXPECT_EQ(links(sz).duplicate_of, people);
  EXPECT_EQ(links(south).duplicate_of, people);
  // A later copy in a fourth outlet points to the new root.
  const int64_t xinhua = add("新华网", kStory, "news.cn/a.html", "2019-03-04");
  EXPECT_EQ(links(xinhua).duplicate_of, people);
  // Each outlet counts once.
  EXPECT_EQ(counted(), 4);
}

TEST_F(FeedsRepoTest, SameTitleInAnotherOutletMoreThanAWeekApartIsAnotherStory) {
  add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t later = add("南方网", kStory, "southcn.com/a.html", "2019-03-20");
  EXPECT_EQ(links(later).duplicate_of, 0);
}

TEST_F(FeedsRepoTest, SetStatusReachesEverySightingAndNamesMissingIds) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t s1 = add("深圳新闻网", kStory, "sznews.com/a2.html", "2019-03-02");
  const int64_t copy = add("南方网", kStory, "southcn.com/a.html", "2019-03-02");
  // Confirming a sighting confirms the report (root and every sighting), not the copy.
  EXPECT_TRUE(repo_->setStatus({s1}, MentionStatus::Confirmed).empty());
  EXPECT_EQ(links(a).status, "confirmed");
  EXPECT_EQ(links(s1).status, "confirmed");
  EXPECT_EQ(links(copy).status, "candidate");
  // A sighting that arrives later inherits the decision.
  const int64_t s2 = add("深圳新闻网", kStory, "sznews.com/a3.html", "2019-03-03");
  EXPECT_EQ(links(s2).same_as, a);
  EXPECT_EQ(links(s2).status, "confirmed");
  EXPECT_TRUE(repo_->setStatus({a, copy}, MentionStatus::Rejected).empty());
  for (int64_t id : {a, s1, s2, copy}) EXPECT_EQ(links(id).status, "rejected");
  const auto missing = repo_->setStatus({a, 999, 1000}, MentionStatus::Confirmed);
  EXPECT_EQ(missing, (std::vector<int64_t>{999, 1000}));
}

TEST_F(FeedsRepoTest, DropCandidateHandsTheReportToTheNextSighting) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t s1 = add("深圳新闻网", kStory, "sznews.com/a2.html", "2019-03-02");
  const int64_t s2 = add("深圳新闻网", kStory, "sznews.com/a3.html", "2019-03-03");
  const int64_t copy = add("南方网", kStory, "southcn.com/a.html", "2019-03-02");
  ASSERT_EQ(links(copy).duplicate_of, a);
  EXPECT_TRUE(repo_->dropCandidate(links(a).item_id));
  EXPECT_FALSE(exists(a));
  EXPECT_EQ(links(s1).same_as, 0);
  EXPECT_EQ(links(s1).duplicate_of, 0);
  EXPECT_EQ(links(s2).same_as, s1);
  EXPECT_EQ(links(copy).duplicate_of, s1);
  EXPECT_EQ(counted(), 2);
  EXPECT_EQ(sql(*db_).execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt(), 0);
}

TEST_F(FeedsRepoTest, DropCandidateMakesTheEarliestCopyTheRoot) {
  const int64_t a =
      add("人民网", kStory, "people.com.cn/a.html", "2019-03-01", "2019-03-01T01:00:00Z");
  const int64_t late =
      add("南方网", kStory, "southcn.com/a.html", "2019-03-03", "2019-03-03T01:00:00Z");
  const int64_t early =
      add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-02", "2019-03-02T01:00:00Z");
  ASSERT_EQ(links(late).duplicate_of, a);
  ASSERT_EQ(links(early).duplicate_of, a);
  EXPECT_TRUE(repo_->dropCandidate(links(a).item_id));
  EXPECT_FALSE(exists(a));
  EXPECT_EQ(links(early).duplicate_of, 0);
  EXPECT_EQ(links(late).duplicate_of, early);
  EXPECT_EQ(counted(), 2);
}

TEST_F(FeedsRepoTest, DropCandidateKeepsReviewedMentionsAndRemovesSightings) {
  const int64_t a = add("深圳新闻网", kStory, "sznews.com/a.html", "2019-03-01");
  const int64_t s1 = add("深圳新闻网", kStory, "sznews.com/a2.html", "2019-03-02");
  const int64_t other =
      add("南方网", "另一条完全不同的报道标题", "southcn.com/x.html", "2019-03-02");
  // A plain candidate sighting just goes.
  EXPECT_TRUE(repo_->dropCandidate(links(s1).item_id));
  EXPECT_FALSE(exists(s1));
  EXPECT_TRUE(exists(a));
  // Confirmed and rejected mentions are decisions: they stay.
  ASSERT_TRUE(repo_->setStatus({a}, MentionStatus::Confirmed).empty());
  ASSERT_TRUE(repo_->setStatus({other}, MentionStatus::Rejected).empty());
  EXPECT_FALSE(repo_->dropCandidate(links(a).item_id));
  EXPECT_FALSE(repo_->dropCandidate(links(other).item_id));
  EXPECT_TRUE(exists(a));
  EXPECT_TRUE(exists(other));
  // An item without a mention: nothing to drop.
  EXPECT_FALSE(repo_->dropCandidate(addItem("people", "no-mention")));
}

TEST_F(FeedsRepoTest, ManualMentionsDeduplicateLikeFeedOnes) {
  model::Mention m;
  m.origin = model::MentionOrigin::Manual;
  m.outlet = "深圳特区报";
  m.tier = model::Tier::Municipal;
  m.title = kStory;
  m.norm_title = kStory;
  m.day = day("2019-03-01");
  m.status = MentionStatus::Confirmed;
  auto [id, isNew] = repo_->upsertMention(m, kNow);
  EXPECT_TRUE(isNew);
  // Imported again: a sighting, not a second count.
  auto [id2, isNew2] = repo_->upsertMention(m, kNow);
  EXPECT_TRUE(isNew2);
  EXPECT_EQ(links(id2).same_as, id);
  EXPECT_EQ(counted(), 1);
  EXPECT_EQ(links(id).item_id, 0);
}

}  // namespace
}  // namespace pubtrack::store
