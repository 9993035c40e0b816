// SPDX-License-Identifier: Apache-2.0
// Inputs fuzz/ found (fuzz_feed_parser, fuzz_feed_dates), minimised: each broke an invariant once.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>

#include "collectors/feeds/feed_dates.h"
#include "collectors/feeds/feed_parser.h"
#include "core/date.h"
#include "core/strings.h"

namespace pubtrack::feeds {
namespace {

using namespace std::string_literals;

// Every string parseFeed returns, the warnings included, and its error message are UTF-8.
void expectAllUtf8(const core::Result<ParsedFeed>& r) {
  if (!r) {
    EXPECT_TRUE(core::isValidUtf8(r.error().message)) << r.error().message;
    return;
  }
  EXPECT_TRUE(core::isValidUtf8(r->format)) << r->format;
  EXPECT_TRUE(core::isValidUtf8(r->title));
  for (const auto& w : r->warnings) EXPECT_TRUE(core::isValidUtf8(w)) << w;
  for (const auto& it : r->items) {
    EXPECT_TRUE(core::isValidUtf8(it.title));
    EXPECT_TRUE(core::isValidUtf8(it.published_raw));
  }
}

TEST(FeedFuzzRegressions, RssVersionWithNonDigitsIsPlainRss) {
  // "rss" + the version's first 4 bytes cut "é" in half.
  auto r = parseFeed(
      "<rss version=\"0.9\xC3\xA9\"><channel><item><title>x</title></item>"
      "</channel></rss>");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->format, "rss");
  expectAllUtf8(r);
  auto v092 = parseFeed(
      "<rss version=\" 0.92 \"><channel><item><title>x</title></item>"
      "</channel></rss>");
  ASSERT_TRUE(v092);
  EXPECT_EQ(v092->format, "rss0.92");
}

TEST(FeedFuzzRegressions, UnknownEncodingLabelWithInvalidBytesGivesUtf8Warning) {
  const std::string body = "<?xml version=\"1.0\" encoding=\"u\0\0a\x90\0\x01\xD6\x8C\"?>"s +
                           "<rss version=\"2.0\"><channel><item><title>x</title></item>"
                           "</channel></rss>";
  auto r = parseFeed(body);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_FALSE(r->warnings.empty());
  expectAllUtf8(r);
  ParseOptions http;
  http.http_charset = "x\xFF\xFEy";
  expectAllUtf8(parseFeed("<rss><channel><item><title>x</title></item></channel></rss>", http));
}

TEST(FeedFuzzRegressions, NotMarkupErrorDoesNotCutACharacter) {
  // The message quotes the first 16 bytes; the 16th is the first byte of "中".
  auto r = parseFeed("abcdefghijklmno\xE4\xB8\xAD\xE6\x96\x87");
  ASSERT_FALSE(r);
  expectAllUtf8(r);
}

TEST(FeedFuzzRegressions, DatesBeyondSystemClockRangeAreNotParsed) {
  // Year 4012 overflowed the int64 nanosecond count of system_clock (UBSan: signed overflow).
  auto r = parseFeed(
      "<rss version=\"2.0\"><channel><item><title>x</title>"
      "<pubDate>Sun, 08 Oct 4012 00:38:59 +0000</pubDate></item></channel></rss>");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_FALSE(r->items[0].published);
  EXPECT_EQ(r->items[0].published_raw, "Sun, 08 Oct 4012 00:38:59 +0000");
  for (const char* text : {"Sun, 08 Oct 4012 00:38:59 +0000", "9999-12-31T23:59:59Z",
                           "2262-04-12T00:00:00Z", "1677-01-01T00:00:00Z", "1600-01-01"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parseFeedDate(text, core::kChinaTime));
  }
  // The ends that fit still parse.
  EXPECT_TRUE(parseFeedDate("2261-12-31T23:59:59Z", core::kChinaTime));
  EXPECT_TRUE(parseFeedDate("1678-01-01T00:00:00Z", core::kChinaTime));
  // core::parseUtc (dates read back from the database or the command line) had the same overflow.
  EXPECT_FALSE(core::parseUtc("9999-12-31T00:00:00Z"));
  EXPECT_FALSE(core::parseUtc("0001-01-01 00:00:00"));
  EXPECT_TRUE(core::parseUtc("2261-12-31T00:00:00Z"));
}

TEST(FeedFuzzRegressions, ReferencesToExternalEntitiesSpendTheExpansionBudget) {
  // Nested references that end in an external entity expand to nothing, so they spent no
  // budget: 10^8 of them ran for seconds under ASan (a mutated billion-laughs fixture).
  std::string doc = "<!DOCTYPE rss [<!ENTITY e0 SYSTEM \"file:///dev/zero\">";
  for (int level = 1; level <= 8; ++level) {
    doc += "<!ENTITY e" + std::to_string(level) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&e" + std::to_string(level - 1) + ";";
    doc += "\">";
  }
  doc +=
      "]><rss version=\"2.0\"><channel><item><title>a&e8;b</title></item>"
      "<item><title>second</title></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  auto r = parseFeed(doc);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].title, "ab");
  EXPECT_EQ(r->items[1].title, "second");
  bool limited = false;
  for (const auto& w : r->warnings) limited = limited || w == "entity expansion limit reached";
  EXPECT_TRUE(limited);
  expectAllUtf8(r);
}

}  // namespace
}  // namespace pubtrack::feeds
