// SPDX-License-Identifier: Apache-2.0
// mentionCandidate: what one feed item becomes when it names the agency (keywords, outlet and
// tier, de-duplication keys, the report day from its time), on plain values, no store.
#include "collectors/mentions/mention_candidate.h"

#include <gtest/gtest.h>

#include <string>

#include "collectors/mentions/text_normalize.h"

namespace pubtrack::mentions {
namespace {

config::Settings settings() {
  const std::string ini =
      "[database]\npath = x.db\n"
      "[outlet.sznews]\nname = 深圳新闻网\ntier = municipal\ndomains = sznews.com\n"
      "[outlet.southcn]\nname = 南方网\ntier = provincial\ndomains = southcn.com\n"
      "[feed.agg]\nurl = https://news.aggregator.example/rss.xml\noutlet = 新闻聚合\n"
      "tier = other\n"
      "[monitor]\nkeywords = 深圳市国资委, 市国资委\nexclude = 招聘启事\n"
      "[report]\ntimezone = +08:00\n";
  auto loaded = config::loadSettingsFromString(ini, "/tmp/pubtrack-candidate-test.ini");
  EXPECT_TRUE(loaded.settings) << (loaded.problems.empty() ? "" : loaded.problems.front());
  return loaded.settings ? *loaded.settings : config::Settings{};
}

model::FeedItemRecord item(const std::string& title, const std::string& link,
                           std::optional<core::TimePoint> published) {
  model::FeedItemRecord r;
  r.feed = "agg";
  r.item_key = "guid:" + link;
  r.title = title;
  r.link = link;
  r.published = published;
  return r;
}

TEST(MentionCandidateTest, AMatchingItemBecomesACandidateOfItsLinksOutlet) {
  const auto s = settings();
  const MentionMatcher matcher(s.monitor);
  // Published 2019-12-31 23:30 UTC = 2020-01-01 07:30 China time: the report day is China's.
  const auto published = *core::parseUtc("2019-12-31T23:30:00Z");
  const auto m = mentionCandidate(
      s, *s.feed("agg"), matcher,
      item("深圳市国资委召开 会议", "https://www.sznews.com/a/1.html?utm_source=rss", published),
      *core::parseUtc("2020-01-02T01:00:00Z"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->origin, model::MentionOrigin::Feed);
  EXPECT_EQ(m->status, model::MentionStatus::Candidate);
  EXPECT_EQ(m->item_id, 0);  // the store sets it
  EXPECT_EQ(m->outlet, "深圳新闻网");
  EXPECT_EQ(m->outlet_id, "sznews");
  EXPECT_EQ(m->tier, model::Tier::Municipal);
  EXPECT_EQ(m->keywords, "深圳市国资委");  // 市国资委 inside it is the same hit
  EXPECT_EQ(m->match_where, "title");
  EXPECT_EQ(m->match_rule, "full_name");
  EXPECT_EQ(m->title, "深圳市国资委召开 会议");
  EXPECT_EQ(m->norm_title, normalizeTitle("深圳市国资委召开 会议"));
  EXPECT_EQ(m->norm_url, normalizeUrl("https://www.sznews.com/a/1.html?utm_source=rss"));
  EXPECT_EQ(m->published, published);
  EXPECT_EQ(m->day, *core::Date::parse("2020-01-01"));
}

TEST(MentionCandidateTest, UndatedItemsTakeTheDayTheyWereFirstSeen) {
  const auto s = settings();
  const MentionMatcher matcher(s.monitor);
  const auto m =
      mentionCandidate(s, *s.feed("agg"), matcher, item("市国资委发布通知", "", std::nullopt),
                       *core::parseUtc("2020-03-31T17:00:00Z"));  // 04-01 01:00 China
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->published);
  EXPECT_EQ(m->day, *core::Date::parse("2020-04-01"));
  // No link: the feed's outlet, and the title stands for the URL-less report.
  EXPECT_EQ(m->outlet, "新闻聚合");
  EXPECT_EQ(m->tier, model::Tier::Other);
  EXPECT_EQ(m->norm_url, "");
}

TEST(MentionCandidateTest, ItemsThatDoNotNameTheAgencyMakeNone) {
  const auto s = settings();
  const MentionMatcher matcher(s.monitor);
  const auto at = *core::parseUtc("2020-01-02T01:00:00Z");
  EXPECT_FALSE(mentionCandidate(s, *s.feed("agg"), matcher,
                                item("深圳召开经济工作会议", "https://www.southcn.com/x", at), at));
  EXPECT_FALSE(mentionCandidate(s, *s.feed("agg"), matcher,
                                item("深圳市国资委招聘启事", "https://www.southcn.com/y", at), at));
  // An untitled item that matches in its summary is shown by its link.
  auto untitled = item("", "https://www.southcn.com/z.html", at);
  untitled.summary = "<p>深圳市国资委今日</p>";
  const auto m = mentionCandidate(s, *s.feed("agg"), matcher, untitled, at);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->title, "https://www.southcn.com/z.html");
  EXPECT_EQ(m->tier, model::Tier::Provincial);
}

// gov.cn is not central media: only www.gov.cn (中国政府网) is; a city's or province's own site
// takes the feed's outlet, and a registry match on a host below the outlet's own is a guess the
// report lists.
TEST(MentionCandidateTest, GovernmentSitesAreNotCentralMediaAndSuffixMatchesAreMarked) {
  const auto s = settings();
  const MentionMatcher matcher(s.monitor);
  const auto at = *core::parseUtc("2020-01-02T01:00:00Z");
  struct Case {
    const char* link;
    model::Tier tier;
    const char* basis;
  };
  const Case cases[] = {
      {"https://www.zhuhai.gov.cn/xw/1.html", model::Tier::Other, "feed"},
      {"https://gzw.gd.gov.cn/a.html", model::Tier::Other, "feed"},
      {"https://www.gov.cn/xinwen/2020-01/02/content_1.htm", model::Tier::Central, "domain"},
      {"http://sz.people.com.cn/n2/2020/0102/c1.html", model::Tier::Central, "domain_suffix"},
      {"https://www.sznews.com/news/1.html", model::Tier::Municipal, "domain"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.link);
    const auto m =
        mentionCandidate(s, *s.feed("agg"), matcher, item("深圳市国资委召开会议", c.link, at), at);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->tier, c.tier);
    EXPECT_EQ(m->tier_basis, c.basis);
  }
}

}  // namespace
}  // namespace pubtrack::mentions
