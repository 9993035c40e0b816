// SPDX-License-Identifier: Apache-2.0
// parseFeed on hand-made inputs: formats, encodings, ill-formed recovery, hostile XML, errors.
#include "collectors/feeds/feed_parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/date.h"
#include "core/strings.h"
#include "tests/feeds/feed_test_support.h"

namespace pubtrack::feeds {
namespace {

using fakes::feedFixture;
using fakes::hasWarning;
using fakes::parseFeedOk;
using fakes::publishedUtc;

using namespace std::string_literals;

// UTF-8 text to UTF-16 bytes (BMP only is enough for these tests).
std::string utf16(std::u16string_view text, bool big_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    const auto hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  };
  if (bom) put(0xFEFF);
  for (char16_t u : text) put(u);
  return out;
}

// ---------------------------------------------------------------- formats

TEST(FeedParserTest, ReadsRss2Items) {
  const auto feed = parseFeedOk(R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Gov &amp; News</title><link>http://example.gov/</link>
<image><title>logo</title></image>
<item>
  <title>First &lt;b&gt;bold&lt;/b&gt; title</title>
  <link>http://example.gov/1?a=1&amp;b=2</link>
  <guid isPermaLink="false">id-1</guid>
  <description><![CDATA[<p>Summary</p>]]></description>
  <content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>
  <dc:creator>Reporter</dc:creator>
  <pubDate>Wed, 10 Jan 2024 08:00:00 +0800</pubDate>
  <source url="http://agg.example/feed">Aggregator</source>
</item>
<item><title>Second</title><guid>http://example.gov/2</guid><dc:date>2024-01-11T00:00:00Z</dc:date></item>
</channel></rss>)");
  EXPECT_EQ(feed.format, "rss2.0");
  EXPECT_EQ(feed.encoding, "utf-8");
  EXPECT_EQ(feed.title, "Gov & News");
  EXPECT_EQ(feed.link, "http://example.gov/");
  ASSERT_EQ(feed.items.size(), 2u);
  const FeedItem& a = feed.items[0];
  EXPECT_EQ(a.title, "First bold title");
  EXPECT_EQ(a.link, "http://example.gov/1?a=1&b=2");
  EXPECT_EQ(a.guid, "id-1");
  EXPECT_EQ(a.summary, "<p>Summary</p>");
  EXPECT_EQ(a.content, "<p>Full text</p>");
  EXPECT_EQ(a.author, "Reporter");
  EXPECT_EQ(a.published_raw, "Wed, 10 Jan 2024 08:00:00 +0800");
  EXPECT_EQ(publishedUtc(a), "2024-01-10T00:00:00Z");
  EXPECT_EQ(a.source_name, "Aggregator");
  EXPECT_EQ(a.source_url, "http://agg.example/feed");
  const FeedItem& b = feed.items[1];
  EXPECT_EQ(b.link, "http://example.gov/2");           // permalink guid
  EXPECT_EQ(publishedUtc(b), "2024-01-11T00:00:00Z");  // dc:date as the fallback date
  EXPECT_TRUE(feed.warnings.empty()) << core::join(feed.warnings, "; ");
}

TEST(FeedParserTest, ReadsAtom10PreferringTheAlternateHtmlLink) {
  const auto feed =
      parseFeedOk(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://ex.org/blog/">
<title type="html">&lt;i&gt;Blog&lt;/i&gt;</title>
<link rel="alternate" type="text/html" href="./"/>
<entry>
  <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>world</b></div></title>
  <link rel="self" href="http://ex.org/self"/>
  <link rel="alternate" type="text/gemini" href="gemini://ex.org/1"/>
  <link rel="alternate" type="text/html" href="posts/1"/>
  <id>urn:uuid:1</id>
  <author><name>Ann</name><email>ann@ex.org</email></author>
  <summary>Short</summary>
  <content type="html">&lt;p&gt;Long&lt;/p&gt;</content>
  <published>2024-01-10T08:00:00+08:00</published>
  <updated>2024-01-12T00:00:00Z</updated>
  <source><title>Not the entry title</title></source>
</entry>
<entry><title>No link</title><id>urn:uuid:2</id><updated>2024-01-13T00:00:00Z</updated></entry>
</feed>)");
  EXPECT_EQ(feed.format, "atom1.0");
  EXPECT_EQ(feed.title, "Blog");
  EXPECT_EQ(feed.link, "http://ex.org/blog/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "Hello world");
  EXPECT_EQ(feed.items[0].link, "http://ex.org/blog/posts/1");
  EXPECT_EQ(feed.items[0].guid, "urn:uuid:1");
  EXPECT_EQ(feed.items[0].author, "Ann");
  EXPECT_EQ(feed.items[0].summary, "Short");
  EXPECT_EQ(feed.items[0].content, "<p>Long</p>");
  EXPECT_EQ(publishedUtc(feed.items[0]), "2024-01-10T00:00:00Z");
  EXPECT_EQ(feed.items[1].link, "urn:uuid:2");  // feedparser: the id stands in for the link
  EXPECT_EQ(feed.items[1].published_raw, "2024-01-13T00:00:00Z");
}

TEST(FeedParserTest, ReadsRdfAndAtom03AndOldRss) {
  const auto rdf = parseFeedOk(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>R</title><items><rdf:Seq><rdf:li rdf:resource="1"/></rdf:Seq></items></channel>
<item rdf:about="1"><title>One</title><link>http://r/1</link><dc:date>2005-05-28T16:05:36+08:00</dc:date></item>
</rdf:RDF>)");
  EXPECT_EQ(rdf.format, "rss1.0");
  ASSERT_EQ(rdf.items.size(), 1u);
  EXPECT_EQ(publishedUtc(rdf.items[0]), "2005-05-28T08:05:36Z");

  const auto netscape =
      parseFeedOk(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>N</title></channel>
<item><title>a</title><link>http://n/a</link></item><item><title>b</title></item></rdf:RDF>)");
  EXPECT_EQ(netscape.format, "rss0.90");
  EXPECT_EQ(netscape.items.size(), 2u);

  const auto atom03 = parseFeedOk(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<entry><title mode="escaped">A &amp;lt;b&amp;gt;</title><link rel="alternate" type="text/html" href="http://a/1"/>
<issued>2004-01-01T00:00:00Z</issued></entry></feed>)");
  EXPECT_EQ(atom03.format, "atom0.3");
  ASSERT_EQ(atom03.items.size(), 1u);
  EXPECT_EQ(atom03.items[0].link, "http://a/1");

  const auto rss091 =
      parseFeedOk("<rss version=\"0.91\"><channel><item><title>x</title></item></channel></rss>");
  EXPECT_EQ(rss091.format, "rss0.91");
}

TEST(FeedParserTest, ReadsJsonFeed) {
  const auto feed = parseFeedOk(R"({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON Gov", "home_page_url": "https://example.gov/",
  "items": [
    {"id": 1, "url": "https://example.gov/1", "title": "One &amp; only",
     "content_html": "<p>Hi</p>", "summary": "S", "date_published": "2024-01-10T08:00:00+08:00",
     "authors": [{"name": "Li"}]},
    {"id": "2", "external_url": "https://elsewhere/2", "content_text": "plain",
     "date_modified": "2024-01-11T00:00:00Z", "author": {"name": "Wang"}}
  ]})");
  EXPECT_EQ(feed.format, "jsonfeed1.1");
  EXPECT_EQ(feed.title, "JSON Gov");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].guid, "1");
  EXPECT_EQ(feed.items[0].title, "One & only");
  EXPECT_EQ(feed.items[0].author, "Li");
  EXPECT_EQ(publishedUtc(feed.items[0]), "2024-01-10T00:00:00Z");
  EXPECT_EQ(feed.items[1].link, "https://elsewhere/2");
  EXPECT_EQ(feed.items[1].content, "plain");
  EXPECT_EQ(feed.items[1].author, "Wang");
  EXPECT_EQ(publishedUtc(feed.items[1]), "2024-01-11T00:00:00Z");

  EXPECT_FALSE(parseFeed(R"({"version": "1", "data": []})"));
  EXPECT_FALSE(parseFeed(R"({"items": [)"));
}

// ---------------------------------------------------------------- encodings

TEST(FeedEncodingTest, Gb2312LabelReadsGbkOnlyCharactersAsGb18030) {
  const auto feed = parseFeedOk(feedFixture("rss2_gb2312_label_gbk_only_chars.xml"));
  EXPECT_EQ(feed.encoding, "gb18030");
  EXPECT_EQ(feed.title, "新闻");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "朱镕基 王堃 张喆");
  ParseOptions china;
  const auto again = parseFeedOk(feedFixture("rss2_gb2312_label_gbk_only_chars.xml"), china);
  EXPECT_EQ(publishedUtc(again.items[0]),
            "2024-01-10T00:00:00Z");  // 2024年1月10日 08:00 China time
}

TEST(FeedEncodingTest, Gb18030FourByteSequence) {
  // U+20000 is 95 32 82 36 in GB18030; U+20AC (euro) is A2 E3.
  const std::string bytes =
      "<?xml version=\"1.0\" encoding=\"GB18030\"?><rss><channel><item>"
      "<title>\x95\x32\x82\x36 \xA2\xE3</title></item></channel></rss>"s;
  const auto feed = parseFeedOk(bytes);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "\xF0\xA0\x80\x80 \xE2\x82\xAC");
}

TEST(FeedEncodingTest, Big5) {
  // 臺灣 in Big5: BB 4F C6 57.
  const std::string bytes =
      "<?xml version=\"1.0\" encoding=\"big5\"?><rss><channel><item>"
      "<title>\xBB\x4F\xC6\x57</title></item></channel></rss>"s;
  const auto feed = parseFeedOk(bytes);
  EXPECT_EQ(feed.encoding, "big5");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "臺灣");
}

TEST(FeedEncodingTest, Utf16WithAndWithoutBom) {
  const std::u16string doc =
      u"<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><item><title>\u65b0\u95fb"
      u"</title></item></channel></rss>";
  struct Case {
    bool big_endian, bom;
    const char* encoding;
  } cases[] = {{false, true, "utf-16le"},
               {true, true, "utf-16be"},
               {false, false, "utf-16le"},
               {true, false, "utf-16be"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.encoding + std::string(c.bom ? " bom" : " no bom"));
    const auto feed = parseFeedOk(utf16(doc, c.big_endian, c.bom));
    EXPECT_EQ(feed.encoding, c.encoding);
    ASSERT_EQ(feed.items.size(), 1u);
    EXPECT_EQ(feed.items[0].title, "新闻");
  }
}

TEST(FeedEncodingTest, OddUtf16LabelsAndUtf32) {
  for (const char16_t* label : {u"u16", u"utf_16", u"UTF16"}) {
    const std::u16string doc = u"<?xml version=\"1.0\" encoding=\"" + std::u16string(label) +
                               u"\"?><rss><channel><item><title>t</title></item></channel></rss>";
    EXPECT_EQ(parseFeedOk(utf16(doc, true, false)).items.size(), 1u);
  }
  // UTF-32LE without BOM: '<' 00 00 00.
  std::string u32;
  for (char c : std::string("<rss><channel><item><title>x</title></item></channel></rss>")) {
    u32.push_back(c);
    u32.append(3, '\0');
  }
  const auto feed = parseFeedOk(u32);
  EXPECT_EQ(feed.encoding, "utf-32le");
  EXPECT_EQ(feed.items.size(), 1u);
}

TEST(FeedEncodingTest, LyingPrologIsOverridden) {
  // The prolog says utf-16, but the bytes are UTF-8.
  const auto feed = parseFeedOk(
      "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><item><title>新闻</title>"
      "</item></channel></rss>");
  EXPECT_EQ(feed.encoding, "utf-8");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "新闻");
  EXPECT_TRUE(hasWarning(feed, "utf-16"));
  // ISO-8859-1 declared over valid UTF-8 with non-ASCII text.
  const auto latin = parseFeedOk(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><feed><entry><title>Caf\xC3\xA9</title>"
      "</entry></feed>");
  EXPECT_EQ(latin.items.at(0).title, "Café");
}

TEST(FeedEncodingTest, HttpCharsetBeatsTheProlog) {
  ParseOptions options;
  options.http_charset = "windows-1252";
  const auto feed = parseFeedOk(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>\x93quoted\x94"
      "</title></item></channel></rss>",
      options);
  EXPECT_EQ(feed.encoding, "windows-1252");
  EXPECT_EQ(feed.items.at(0).title, "\xE2\x80\x9Cquoted\xE2\x80\x9D");
}

TEST(FeedEncodingTest, UndeclaredLegacyBytesAreSniffed) {
  // GB2312 bytes with no declaration and no charset: not UTF-8, detected as GB18030.
  const std::string bytes =
      "<rss><channel><item><title>\xD0\xC2\xCE\xC5\xB7\xA2\xB2\xBC\xBB\xE1</title></item>"
      "</channel></rss>"s;
  const auto feed = parseFeedOk(bytes);
  EXPECT_EQ(feed.encoding, "gb18030");
  EXPECT_EQ(feed.items.at(0).title, "新闻发布会");
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedEncodingTest, Koi8rAndWindows1251) {
  // "Привет" in KOI8-R and windows-1251.
  const auto koi = parseFeedOk(
      "<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel><item>"
      "<title>\xF0\xD2\xC9\xD7\xC5\xD4</title></item></channel></rss>"s);
  EXPECT_EQ(koi.items.at(0).title, "Привет");
  const auto cp = parseFeedOk(
      "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item>"
      "<title>\xCF\xF0\xE8\xE2\xE5\xF2</title></item></channel></rss>"s);
  EXPECT_EQ(cp.items.at(0).title, "Привет");
}

// ---------------------------------------------------------------- ill-formed input

TEST(FeedRecoveryTest, UnescapedAmpersandAndHtmlEntities) {
  const auto feed = parseFeedOk(
      "<rss version=\"2.0\"><channel>\n<item><title>Caf&eacute;&nbsp;AT&T</title>\n"
      "<link>http://example/?a=1&b=2&c</link></item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title,
            "Café\xC2\xA0"
            "AT&T");
  EXPECT_EQ(feed.items[0].link, "http://example/?a=1&b=2&c");
  EXPECT_TRUE(hasWarning(feed, "unescaped '&' at line 2"));
  EXPECT_TRUE(hasWarning(feed, "eacute"));
}

TEST(FeedRecoveryTest, BadNestingKeepsEveryItem) {
  const auto feed = parseFeedOk(
      "<rss><channel><item><title>One</title><description><p>open <b>bold</p></description>"
      "</item><item><title>Two</title></channel></item></rss>");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "One");
  EXPECT_EQ(feed.items[1].title, "Two");
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedRecoveryTest, TruncatedDocumentYieldsItemsSoFar) {
  const auto feed = parseFeedOk(
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>A</title></item>"
      "<item><title>B</title><link>http://b/</li");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "B");
  EXPECT_TRUE(hasWarning(feed, "truncated"));
}

TEST(FeedRecoveryTest, IncompleteCdata) {
  const auto feed = parseFeedOk("<rss version=\"2.0\"><channel><title>t</title><item><title><![CD");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "");
  const auto open = parseFeedOk("<rss><channel><item><title><![CDATA[Half a title");
  ASSERT_EQ(open.items.size(), 1u);
  EXPECT_EQ(open.items[0].title, "Half a title");
  EXPECT_TRUE(hasWarning(open, "CDATA"));
}

TEST(FeedRecoveryTest, WhitespaceAndCommentsBeforeTheDeclaration) {
  const auto feed = parseFeedOk(
      "\n\n<!-- generator -->\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
      "<channel><item><title>x</title></item></channel></rss>");
  EXPECT_EQ(feed.items.size(), 1u);
  EXPECT_TRUE(hasWarning(feed, "XML declaration"));
}

// ---------------------------------------------------------------- hostile input

TEST(FeedHostileTest, BillionLaughsStopsAtTheBudget) {
  const auto start = std::chrono::steady_clock::now();
  const auto feed = parseFeedOk(feedFixture("rss2_billion_laughs.xml"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_LE(feed.items[0].title.size() + feed.items[0].summary.size(), size_t{128} << 10);
  EXPECT_EQ(feed.items[1].title, "second");
  EXPECT_TRUE(hasWarning(feed, "entity expansion limit"));
}

TEST(FeedHostileTest, ExternalEntityIsNeverRead) {
  const auto feed = parseFeedOk(feedFixture("rss2_external_entity_file_passwd.xml"));
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "before after");
  EXPECT_EQ(feed.items[0].title.find("root:"), std::string::npos);
  EXPECT_TRUE(hasWarning(feed, "external entity"));
}

TEST(FeedHostileTest, DeepNestingIsBounded) {
  std::string doc = "<rss><channel><item><title>deep</title><description>";
  for (int i = 0; i < 10000; ++i) doc += "<div>";
  doc += "x";
  for (int i = 0; i < 10000; ++i) doc += "</div>";
  doc += "</description></item><item><title>after</title></item></channel></rss>";
  const auto feed = parseFeedOk(doc);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "after");
  EXPECT_TRUE(hasWarning(feed, "deeper than 256"));

  std::string unclosed = "<rss><channel><item><title>u</title>";
  for (int i = 0; i < 10000; ++i) unclosed += "<a>";
  EXPECT_EQ(parseFeedOk(unclosed).items.size(), 1u);
}

TEST(FeedHostileTest, MaxItemsIsEnforced) {
  std::string doc = "<rss><channel>";
  for (int i = 0; i < 50; ++i) doc += "<item><title>t</title></item>";
  doc += "</channel></rss>";
  ParseOptions options;
  options.max_items = 10;
  const auto feed = parseFeedOk(doc, options);
  EXPECT_EQ(feed.items.size(), 10u);
  EXPECT_TRUE(hasWarning(feed, "40 items"));
}

// ---------------------------------------------------------------- not a feed

TEST(FeedErrorTest, HtmlPageIsAnError) {
  const auto r = parseFeed(
      "<!DOCTYPE html><html><head><title>Sorry</title>"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head><body></body>"
      "</html>");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, core::ErrorKind::BadPayload);
  EXPECT_EQ(r.error().message, "not a feed: the response is an HTML page (<html> root)");
}

TEST(FeedErrorTest, EmptyBodyAndGarbageAreErrors) {
  for (const char* body : {"", "   \n\t", "\xEF\xBB\xBF"}) {
    const auto r = parseFeed(body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "not a feed: empty body");
  }
  const auto garbage = parseFeed("HTTP/1.1 502 Bad Gateway");
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().message.find("does not start with markup"), std::string::npos);
  const auto comment_only = parseFeed("<!-- nothing here -->");
  ASSERT_FALSE(comment_only);
  EXPECT_EQ(comment_only.error().message, "not a feed: no root element");
  const auto other = parseFeed("<opml><body/></opml>");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("<opml>"), std::string::npos);
}

}  // namespace
}  // namespace pubtrack::feeds
