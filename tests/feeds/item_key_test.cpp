// SPDX-License-Identifier: Apache-2.0
// Item identity (feeds::itemKeys) on real-shaped feeds: items without an id of their own are
// never merged, and the same item fetched again keeps its key, whatever order the feed lists it.
#include "collectors/feeds/item_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/feeds/feed_test_support.h"

namespace pubtrack::feeds {
namespace {

using fakes::feedFixture;
using fakes::parseFeedOk;

size_t distinct(const std::vector<std::string>& keys) {
  return std::set<std::string>(keys.begin(), keys.end()).size();
}

FeedItem item(std::string guid, std::string link, std::string title, std::string date = "",
              std::string summary = "") {
  FeedItem it;
  it.guid = std::move(guid);
  it.link = std::move(link);
  it.title = std::move(title);
  it.published_raw = std::move(date);
  it.summary = std::move(summary);
  return it;
}

TEST(ItemKeyTest, ItemsWithOnlyADescriptionAreNeverMerged) {
  // RSS 0.91: 22 items, each only a <description>: no guid, no link, no title.
  const auto feed = parseFeedOk(feedFixture("rss091_description_only_22_items.xml"));
  ASSERT_EQ(feed.items.size(), 22u);
  const auto ids = itemKeys(feed.items);
  EXPECT_EQ(distinct(ids.keys), 22u);
  EXPECT_EQ(ids.basis, "content");
  // Fetched again, and in another order: every item keeps its key.
  auto reversed = feed.items;
  std::reverse(reversed.begin(), reversed.end());
  auto again = itemKeys(reversed).keys;
  std::reverse(again.begin(), again.end());
  EXPECT_EQ(again, ids.keys);
}

TEST(ItemKeyTest, EntriesSharingALinkAndADateAreToldApartByTheirContent) {
  const auto feed = parseFeedOk(feedFixture("atom_entries_share_a_link.xml"));
  ASSERT_EQ(feed.items.size(), 3u);
  const auto ids = itemKeys(feed.items);
  EXPECT_EQ(distinct(ids.keys), 3u);
  EXPECT_EQ(ids.basis, "content");
  // The entry whose link and date no other entry shares keeps its plain key.
  EXPECT_EQ(ids.keys[2], "link:http://www.district.example.gov.cn/xxgk/|2020-01-09T08:00:00+08:00");
  EXPECT_NE(ids.keys[0].find('#'), std::string::npos);
}

TEST(ItemKeyTest, KeysFollowTheStrongestThingAnItemCarries) {
  struct Case {
    const char* name;
    std::vector<FeedItem> items;
    std::vector<std::string> keys;
    const char* basis;
  };
  const Case cases[] = {
      {"own ids",
       {item("a1", "http://x/1", "一"), item("a2", "http://x/1", "二")},
       {"guid:a1", "guid:a2"},
       "guid"},
      {"link and date",
       {item("", "http://x/1", "一", "Mon, 06 Jan 2020"), item("", "http://x/2", "二")},
       {"link:http://x/1|Mon, 06 Jan 2020", "link:http://x/2"},
       "link"},
      {"title only", {item("", "", "一"), item("", "", "二")}, {"title:一", "title:二"}, "title"},
      {"the same item listed twice is one item",
       {item("", "http://x/1", "一"), item("", "http://x/1", "一")},
       {"link:http://x/1", "link:http://x/1"},
       "link"},
      {"no items", {}, {}, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto ids = itemKeys(c.items);
    EXPECT_EQ(ids.keys, c.keys);
    EXPECT_EQ(ids.basis, c.basis);
  }
}

TEST(ItemKeyTest, AGuidReusedForDifferentStoriesKeepsBoth) {
  const std::vector<FeedItem> items = {item("42", "http://x/a", "区政府常务会议"),
                                       item("42", "http://x/b", "市国资委发布通知")};
  const auto ids = itemKeys(items);
  ASSERT_EQ(ids.keys.size(), 2u);
  EXPECT_NE(ids.keys[0], ids.keys[1]);
  EXPECT_EQ(ids.keys[0].rfind("guid:42#", 0), 0u);
  EXPECT_EQ(ids.basis, "content");
}

TEST(ItemKeyTest, TheContentHashIsStableAndSeesEveryField) {
  FeedItem a = item("", "http://x/1", "标题", "2020-01-06", "摘要");
  EXPECT_EQ(contentHash(a), contentHash(a));
  EXPECT_EQ(contentHash(a).size(), 16u);
  std::set<std::string> seen{contentHash(a)};
  for (auto change : {&FeedItem::title, &FeedItem::link, &FeedItem::summary, &FeedItem::content,
                      &FeedItem::published_raw, &FeedItem::enclosure}) {
    FeedItem b = a;
    b.*change += "x";
    EXPECT_TRUE(seen.insert(contentHash(b)).second);
  }
  // Field boundaries count: ("ab", "c") is not ("a", "bc").
  EXPECT_NE(contentHash(item("", "", "ab", "", "c")), contentHash(item("", "", "a", "", "bc")));
}

}  // namespace
}  // namespace pubtrack::feeds
