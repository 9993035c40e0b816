// SPDX-License-Identifier: Apache-2.0
// parseFeed on feed shapes seen in the wild (tests/fixtures/feeds): old and odd formats, broken
// or undeclared encodings, nested and unclosed markup. Each fixture is named after its shape.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "collectors/feeds/feed_parser.h"
#include "core/date.h"
#include "core/strings.h"
#include "tests/feeds/feed_test_support.h"

namespace pubtrack::feeds {
namespace {

using fakes::feedFixture;
using fakes::hasWarning;
using fakes::parseFeedOk;
using fakes::publishedUtc;

std::vector<std::string> titlesOf(const ParsedFeed& f) {
  std::vector<std::string> out;
  for (const auto& item : f.items) out.push_back(item.title);
  return out;
}

std::vector<std::string> linksOf(const ParsedFeed& f) {
  std::vector<std::string> out;
  for (const auto& item : f.items) out.push_back(item.link);
  return out;
}

// before + "1" + after, ..., before + n + after: the titles and links of the numbered fixtures.
std::vector<std::string> numbered(const std::string& before, const std::string& after, int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back(before + std::to_string(i) + after);
  return out;
}

constexpr const char* kNoWarnings = "";

struct ShapeCase {
  const char* fixture;
  const char* format;
  const char* encoding;
  std::vector<std::string> titles;  // every item's title, in document order
  std::vector<std::string> links;   // every item's link ("" where it has none)
  const char* warning;              // a warning that must be there; "" (kNoWarnings): none
};

void checkShape(const ShapeCase& c) {
  SCOPED_TRACE(c.fixture);
  const ParsedFeed feed = parseFeedOk(feedFixture(c.fixture));
  EXPECT_EQ(feed.format, c.format);
  EXPECT_EQ(feed.encoding, c.encoding);
  EXPECT_EQ(titlesOf(feed), c.titles);
  EXPECT_EQ(linksOf(feed), c.links);
  if (std::string_view(c.warning).empty()) {
    EXPECT_TRUE(feed.warnings.empty()) << core::join(feed.warnings, "; ");
  } else {
    EXPECT_TRUE(hasWarning(feed, c.warning))
        << "want '" << c.warning << "' in: " << core::join(feed.warnings, "; ");
  }
}

// ---------------------------------------------------------------- class 2: old and odd formats

TEST(FeedShapesTest, OldAndOddFormatsGiveEveryItem) {
  const ShapeCase cases[] = {
      {"rss090_netscape_rdf.xml",
       "rss0.90",
       "utf-8",
       {"City council approves the 1999 budget", "Harbour bridge closed for repairs",
        "Library opens on Sundays"},
       {"http://gazette.example.org/1999/03/15/budget.html",
        "http://gazette.example.org/1999/03/14/bridge.html",
        "http://gazette.example.org/1999/03/13/library.html"},
       kNoWarnings},
      {"rss090_namespace_without_slash.xml",
       "rss0.90",
       "iso-8859-1",
       {"Portal moves to a new server", "Café opening hours"},
       {"http://portal.example.net/news/0412.html", "http://portal.example.net/news/0411.html"},
       kNoWarnings},
      {"rss090_prefixed_elements.xml",
       "rss0.90",
       "utf-8",
       {"First headline", "Second headline"},
       {"http://prefixed.example.com/1", "http://prefixed.example.com/2"},
       kNoWarnings},
      {"rss091_uppercase_elements.xml",
       "rss0.91",
       "utf-8",
       {"关于开展安全生产大检查的通知", "市长主持召开常务会议"},
       {"http://www.example.gov.cn/art/2006/3/1/art_1.html",
        "http://www.example.gov.cn/art/2006/2/28/art_2.html"},
       kNoWarnings},
      {"rss092_description_only.xml", "rss0.92", "utf-8", {"", "", ""}, {"", "", ""}, kNoWarnings},
      {"atom03_blogger.xml",
       "atom0.3",
       "utf-8",
       {"政府信息公开年度报告读后", "新闻发布会答记者问", "只有创建时间的帖子"},
       {"http://zhengwu-guancha.blogspot.com/2005/11/blog-post.html",
        "http://zhengwu-guancha.blogspot.com/2005/11/base64.html",
        "http://zhengwu-guancha.blogspot.com/2005/10/created-only.html"},
       kNoWarnings},
      {"media_rss_youtube.xml",
       "atom1.0",
       "utf-8",
       {"市政府新闻发布会（2024年1月10日）", "Harbour festival highlights"},
       {"https://www.youtube.com/watch?v=AbCdEfGhIj0",
        "https://www.youtube.com/watch?v=KlMnOpQrSt1"},
       kNoWarnings},
      {"media_rss_group_only_titles.xml",
       "rss2.0",
       "utf-8",
       {"国务院常务会议部署稳就业工作", "生态环境部例行新闻发布会", "春运首日客流平稳",
        "有自己标题的条目"},
       {"http://video.example.gov.cn/v/1001.html", "http://video.example.gov.cn/v/1002.html",
        "http://video.example.gov.cn/v/1003.html", "http://video.example.gov.cn/v/1004.html"},
       kNoWarnings},
      {"jsonfeed11_content_html_only.json",
       "jsonfeed1.1",
       "utf-8",
       {"", "", "", ""},
       {"https://micro.example.cn/2024/01/10/001.html",
        "https://micro.example.cn/2024/01/09/002.html", "",
        "https://micro.example.cn/2024/01/07/004.html"},
       "item 3"},
      {"jsonfeed10_summary_only.json",
       "jsonfeed1.0",
       "utf-8",
       {"", "", "Big id"},
       {"https://podcast.example.com/3", "https://podcast.example.com/2.5",
        "https://podcast.example.com/2"},
       kNoWarnings},
  };
  for (const auto& c : cases) checkShape(c);
}

TEST(FeedShapesTest, DescriptionOnlyItemsKeepTheirSummaryAndEnclosure) {
  const ParsedFeed feed = parseFeedOk(feedFixture("rss092_description_only.xml"));
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].summary, "Tonight's programme: an interview with the <b>mayor</b>.");
  EXPECT_EQ(feed.items[0].enclosure, "http://radio.example.org/audio/0612.mp3");
  EXPECT_EQ(feed.items[1].summary, "区政府新闻发布会实录，请点击收听。");
  EXPECT_EQ(feed.items[1].enclosure, "http://radio.example.org/audio/0611.mp3");
  EXPECT_EQ(feed.items[2].enclosure, "");
}

TEST(FeedShapesTest, Atom03DecodesBase64AndFallsBackToCreated) {
  const ParsedFeed feed = parseFeedOk(feedFixture("atom03_blogger.xml"));
  EXPECT_EQ(feed.title, "政务观察");
  EXPECT_EQ(feed.link, "http://zhengwu-guancha.blogspot.com");
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].author, "老王");
  EXPECT_NE(feed.items[0].content.find("<b>年度报告</b>"), std::string::npos);
  EXPECT_EQ(publishedUtc(feed.items[0]), "2005-11-08T03:05:00Z");  // issued, -08:00
  EXPECT_EQ(feed.items[1].summary, "<p>发布会<b>全文</b></p>");
  EXPECT_EQ(publishedUtc(feed.items[1]), "2005-11-05T01:00:00Z");
  EXPECT_EQ(feed.items[2].published_raw, "2005-10-30T12:00:00Z");  // only <created>
  EXPECT_EQ(publishedUtc(feed.items[2]), "2005-10-30T12:00:00Z");
}

TEST(FeedShapesTest, MediaRssFillsWhatTheItemDoesNotCarry) {
  const ParsedFeed yt = parseFeedOk(feedFixture("media_rss_youtube.xml"));
  ASSERT_EQ(yt.items.size(), 2u);
  EXPECT_EQ(yt.items[0].summary, "发布人介绍春运期间交通保障措施。");
  EXPECT_EQ(yt.items[0].enclosure, "https://www.youtube.com/v/AbCdEfGhIj0?version=3");
  EXPECT_EQ(yt.items[0].guid, "yt:video:AbCdEfGhIj0");
  EXPECT_EQ(publishedUtc(yt.items[0]), "2024-01-10T08:30:01Z");
  EXPECT_EQ(yt.items[1].summary, "Fireworks over the harbour.");

  const ParsedFeed video = parseFeedOk(feedFixture("media_rss_group_only_titles.xml"));
  ASSERT_EQ(video.items.size(), 4u);
  EXPECT_EQ(video.items[0].summary, "<p>会议指出，要把<b>稳就业</b>放在突出位置。</p>");
  EXPECT_EQ(video.items[0].enclosure, "http://video.example.gov.cn/media/1001.mp4");
  EXPECT_EQ(video.items[1].summary, "发布会通报2023年全国空气质量状况。");
  EXPECT_EQ(video.items[1].enclosure, "http://video.example.gov.cn/media/1002.mp4");
  EXPECT_EQ(video.items[2].summary, "铁路部门加开临客。");
  EXPECT_EQ(video.items[2].enclosure, "");  // a thumbnail is no enclosure
  EXPECT_EQ(video.items[3].summary, "自己的摘要");
}

TEST(FeedShapesTest, JsonFeedItemsWithoutTitlesOrDatesAreKept) {
  const ParsedFeed feed = parseFeedOk(feedFixture("jsonfeed11_content_html_only.json"));
  ASSERT_EQ(feed.items.size(), 4u);
  EXPECT_EQ(feed.items[0].guid, "20240110001");
  EXPECT_EQ(feed.items[0].content, "<p>今天召开<b>网络安全</b>宣传周新闻发布会。</p>");
  EXPECT_EQ(publishedUtc(feed.items[0]), "2024-01-10T01:30:00Z");
  EXPECT_EQ(feed.items[1].guid, "20240109002");
  EXPECT_EQ(publishedUtc(feed.items[1]), "2024-01-09T10:00:00Z");  // date_modified only
  EXPECT_EQ(feed.items[1].enclosure, "https://micro.example.cn/files/qinglang.pdf");
  EXPECT_EQ(feed.items[2].guid, "20240108003");  // after the null item
  EXPECT_EQ(feed.items[2].content, "<p>No url, no date: still an item.</p>");
  EXPECT_EQ(publishedUtc(feed.items[2]), "(none)");
  EXPECT_EQ(feed.items[3].guid, "20240107004");
  EXPECT_EQ(feed.items[3].content, "纯文本内容的条目");

  const ParsedFeed v10 = parseFeedOk(feedFixture("jsonfeed10_summary_only.json"));
  ASSERT_EQ(v10.items.size(), 3u);
  EXPECT_EQ(v10.items[0].guid, "3");
  EXPECT_EQ(v10.items[0].summary, "Episode three: the budget hearing.");
  EXPECT_EQ(v10.items[0].enclosure, "https://podcast.example.com/3.mp3");
  EXPECT_EQ(v10.items[1].guid, "2.5");
  EXPECT_EQ(v10.items[1].author, "Guest");
  EXPECT_EQ(v10.items[2].guid, "12345678901234567890");
}

// ---------------------------------------------------------------- class 3: encodings

const std::string kFffd = "\xEF\xBF\xBD";

TEST(FeedShapesTest, DeclaredOrBomUtf8WinsOverStrayBytes) {
  const std::vector<std::string> titles = {
      "国务院新闻办公室举行新闻发布" + kFffd, "朱镕基同志" + kFffd + "生平展" + kFffd + "在京开幕",
      "关于王堃、张喆同志任职的通知", "２０２４年春节期间安全生产工作部署"};
  const std::vector<std::string> links = numbered("http://www.example.gov.cn/xwfb/", ".htm", 4);
  const ShapeCase cases[] = {
      {"utf8_declared_with_stray_bytes_zh.xml", "rss2.0", "utf-8", titles, links, "U+FFFD"},
      {"utf8_bom_with_stray_bytes_zh.xml", "rss2.0", "utf-8", titles, links, "U+FFFD"},
  };
  for (const auto& c : cases) checkShape(c);
  ParseOptions http;
  http.http_charset = "utf-8";
  auto r = parseFeed(feedFixture("utf8_declared_with_stray_bytes_zh.xml"), http);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding, "utf-8");
  EXPECT_EQ(titlesOf(*r), titles);
}

TEST(FeedShapesTest, UndeclaredChineseIsDetectedDespiteStrayBytes) {
  const ShapeCase cases[] = {
      {"undeclared_gbk_zh.xml",
       "rss2.0",
       "gb18030",
       {"国务院新闻办公室举行新闻发布会", "朱镕基同志生平展在京开幕",
        "关于王堃、张喆同志任职的通知", "２０２４年春节期间安全生产工作部署"},
       numbered("http://www.example.gov.cn/xwfb/", ".htm", 4),
       "parsed as gb18030"},
      {"undeclared_gb2312_truncated_char_zh.xml",
       "rss2.0",
       "gb18030",
       {"国务院新闻办公室举行新闻发布" + kFffd, "国家统计局发布全年经济数据",
        "春运首日全国铁路发送旅客"},
       numbered("http://www.example.gov.cn/xwfb/", ".htm", 3),
       "U+FFFD"},
      {"undeclared_utf8_with_stray_byte_zh.xml",
       "rss2.0",
       "utf-8",
       {"国家统计局发布" + kFffd + "全年经济数据", "春运首日全国铁路发送旅客"},
       numbered("http://www.example.gov.cn/xwfb/", ".htm", 2),
       "U+FFFD"},
  };
  for (const auto& c : cases) checkShape(c);
}

// ---------------------------------------------------------------- class 4: nested, broken markup

TEST(FeedShapesTest, NestedAndBrokenMarkupKeepsEveryItem) {
  const ShapeCase cases[] = {
      {"nested_unclosed_items.xml", "rss2.0", "utf-8", numbered("第", "号公告：区政府信息公开", 20),
       numbered("http://www.example.gov.cn/gk/", ".htm", 20), "unclosed <item>"},
      {"atom_nested_unclosed_entries.xml", "atom1.0", "utf-8", numbered("条目 ", "", 6),
       numbered("http://atom.example.cn/", "", 6), "unclosed <entry>"},
      {"rss2_unclosed_description.xml", "rss2.0", "utf-8", numbered("动态", "", 20),
       numbered("http://news.example.cn/", ".html", 20), "unclosed <description>"},
      {"rss2_items_in_wrappers.xml",
       "rss2.0",
       "utf-8",
       {"在items里的条目", "Second inside items", "在div里的条目", "在channel之后的条目",
        "在rss之后的条目"},
       numbered("http://wrap.example.cn/", "", 5),
       "junk after document element"},
      {"rss_items_without_channel.xml",
       "rss2.0",
       "utf-8",
       {"没有channel的条目一", "没有channel的条目二"},
       numbered("http://nochannel.example.cn/", "", 2),
       kNoWarnings},
      {"rdf_items_beside_and_inside_channel.xml",
       "rss1.0",
       "utf-8",
       {"在channel里面的条目", "第一条通知", "第二条通知"},
       {"http://rdf.example.cn/3", "http://rdf.example.cn/1", "http://rdf.example.cn/2"},
       kNoWarnings},
      {"rss2_unclosed_channel_title.xml",
       "rss2.0",
       "utf-8",
       {"第一条", "第二条"},
       numbered("http://untitled.example.cn/", "", 2),
       "unclosed <title>"},
  };
  for (const auto& c : cases) checkShape(c);
}

TEST(FeedShapesTest, UnclosedDescriptionEndsWhereItsItemEnds) {
  const ParsedFeed feed = parseFeedOk(feedFixture("rss2_unclosed_description.xml"));
  ASSERT_EQ(feed.items.size(), 20u);
  for (size_t i = 0; i < feed.items.size(); ++i) {
    SCOPED_TRACE(i + 1);
    const std::string& summary = feed.items[i].summary;
    EXPECT_NE(summary.find("摘要" + std::to_string(i + 1)), std::string::npos) << summary;
    EXPECT_EQ(summary.find("动态"), std::string::npos) << summary;  // no later item inside
  }
  const ParsedFeed nested = parseFeedOk(feedFixture("nested_unclosed_items.xml"));
  ASSERT_EQ(nested.items.size(), 20u);
  EXPECT_EQ(nested.items[18].published_raw, "Mon, 19 Jan 2024 09:00:00 +0800");
  EXPECT_EQ(nested.title, "区政府信息公开");
  EXPECT_EQ(parseFeedOk(feedFixture("rss_items_without_channel.xml")).title, "没有channel的RSS");
}

TEST(FeedShapesTest, NestedItemOpenersNeitherGrowTheStackNorPassMaxItems) {
  std::string doc = "<rss><channel>";
  for (int i = 0; i < 5000; ++i) doc += "<item><title>t</title><description><p>x";
  doc += "</channel></rss>";
  const ParsedFeed feed = parseFeedOk(doc);
  EXPECT_EQ(feed.items.size(), 5000u);
  EXPECT_FALSE(hasWarning(feed, "deeper than"));
  ParseOptions few;
  few.max_items = 10;
  auto r = parseFeed(doc, few);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->items.size(), 10u);
  EXPECT_TRUE(hasWarning(*r, "4990 items"));
}

// A feed that a browser-based reader would show items for never yields 0 items silently.
TEST(FeedShapesTest, NoItemsAlwaysComesWithAReason) {
  struct Case {
    std::string doc;
    const char* warning;
  } cases[] = {
      {feedFixture("rss2_items_in_unknown_namespace.xml"), "cms:item"},
      {"<rss version=\"2.0\"><channel><foo:entry xmlns:foo=\"urn:x\"><title>x</title>"
       "</foo:entry></channel></rss>",
       "foo:entry"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.doc.substr(0, 60));
    const ParsedFeed feed = parseFeedOk(c.doc);
    EXPECT_TRUE(feed.items.empty());
    EXPECT_TRUE(hasWarning(feed, c.warning)) << core::join(feed.warnings, "; ");
  }
  // Items in a default namespace nobody registered are read as plain RSS (as feedparser does).
  const ParsedFeed purl = parseFeedOk(
      "<rss version=\"2.0\" xmlns=\"http://purl.org/rss/2.0/\"><channel><item><title>a</title>"
      "</item></channel></rss>");
  EXPECT_EQ(titlesOf(purl), std::vector<std::string>{"a"});
  const ParsedFeed rdf = parseFeedOk(
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"HTTP://PURL.ORG/RSS/1.0\"><channel><title>c</title></channel><item><title>b"
      "</title></item></rdf:RDF>");
  EXPECT_EQ(rdf.format, "rss1.0");
  EXPECT_EQ(titlesOf(rdf), std::vector<std::string>{"b"});
}

}  // namespace
}  // namespace pubtrack::feeds
