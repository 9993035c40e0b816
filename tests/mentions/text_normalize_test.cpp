// SPDX-License-Identifier: Apache-2.0
// htmlToText, decodeEntities, foldForMatch, normalizeTitle and normalizeUrl, table-driven.
#include "collectors/mentions/text_normalize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace pubtrack::mentions {
namespace {

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(HtmlToTextTest, StripsTagsDecodesEntitiesAndCollapsesSpace) {
  const Case cases[] = {
      {"plain text", "深圳市国资委召开会议", "深圳市国资委召开会议"},
      {"block tags", "<p>第一段</p><p>第二段</p>", "第一段 第二段"},
      {"line break", "a<br/>b<br>c", "a b c"},
      {"inline tags do not split words", "深圳市<b>国资</b><span class=\"x\">委</span>召开",
       "深圳市国资委召开"},
      {"link text kept", "<a href=\"http://x.cn/?a=1&amp;b=2\">深圳国资委</a>", "深圳国资委"},
      {"named entities", "a &amp; b &lt;c&gt; &quot;d&quot;", "a & b <c> \"d\""},
      {"decimal entities", "&#28145;&#22323;", "深圳"},
      {"hex entities", "&#x6DF1;&#X5733;", "深圳"},
      {"nbsp is a space", "深圳&nbsp;&nbsp;国资", "深圳 国资"},
      {"unknown entity stays", "&bogus; &", "&bogus; &"},
      {"escaped markup stays text", "&lt;b&gt;粗&lt;/b&gt;", "<b>粗</b>"},
      {"script body dropped", "<script>var k='深圳市国资委';</script>正文", "正文"},
      {"style body dropped", "<STYLE type=\"text/css\">p{color:red}</STYLE>正文", "正文"},
      {"unclosed script dropped", "正文<script>var k='深圳市国资委';</script", "正文"},
      {"comment dropped", "<!-- 深圳市国资委 -->正文<!-- x -->", "正文"},
      {"whitespace collapsed and trimmed", "  \t a \n\n b  \u3000 c ", "a b c"},
      {"unterminated tag dropped", "正文<p class=", "正文"},
      {"empty", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(htmlToText(c.input), c.expected);
  }
}

TEST(DecodeEntitiesTest, DecodesNumericAndNamedLeavesTheRest) {
  const Case cases[] = {
      {"amp", "A&amp;B", "A&B"},
      {"mdash and hellip", "&mdash;&hellip;", "\u2014\u2026"},
      {"ldquo rdquo", "&ldquo;国资&rdquo;", "\u201c国资\u201d"},
      {"no semicolon", "&amp x", "&amp x"},
      {"bad digits", "&#12a;", "&#12a;"},
      {"empty numeric", "&#;", "&#;"},
      {"out of range becomes replacement", "&#xD800;", "\uFFFD"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decodeEntities(c.input), c.expected);
  }
}

TEST(FoldForMatchTest, FoldsWidthCaseAndSpace) {
  const Case cases[] = {
      {"full-width letters and digits", "全角ＡＢＣ１２３", "全角abc123"},
      {"ideographic space", "深圳\u3000国资委", "深圳 国资委"},
      {"ascii case", "Shenzhen SASAC", "shenzhen sasac"},
      {"full-width upper case folds to lower", "ＳＡＳＡＣ", "sasac"},
      {"full-width punctuation", "（１０１）！", "(101)!"},
      {"runs of space collapse, ends trimmed", "  a \t\n b  ", "a b"},
      {"cjk untouched", "深圳市人民政府国有资产监督管理委员会",
       "深圳市人民政府国有资产监督管理委员会"},
      {"empty", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(foldForMatch(c.input), c.expected);
  }
}

TEST(NormalizeTitleTest, DropsOutletSuffixPunctuationAndSpaces) {
  const Case cases[] = {
      {"people suffix", "深圳市国资委召开2019年工作会议 - 人民网",
       "深圳市国资委召开2019年工作会议"},
      {"underscore suffix", "深圳市国资委召开2019年工作会议_新华网",
       "深圳市国资委召开2019年工作会议"},
      {"bar suffix", "深圳市国资委召开2019年工作会议|央视网", "深圳市国资委召开2019年工作会议"},
      {"no suffix", "深圳市国资委召开2019年工作会议", "深圳市国资委召开2019年工作会议"},
      {"cjk punctuation", "《深圳市国资委》：召开“年度”会议！", "深圳市国资委召开年度会议"},
      {"ascii punctuation and spaces", "Hello, World! (Shenzhen)", "helloworldshenzhen"},
      {"full-width folded", "国资委召开ＡＢＣ会议（１０１）", "国资委召开abc会议101"},
      {"entities decoded", "深圳&amp;国资 &ldquo;会议&rdquo;", "深圳国资会议"},
      {"a long tail is part of the title",
       "深圳市国资委召开2019年工作会议 - 部署全年重点工作任务和改革举措",
       "深圳市国资委召开2019年工作会议部署全年重点工作任务和改革举措"},
      {"a short head keeps its tail", "短标题 - 人民网", "短标题人民网"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalizeTitle(c.input), c.expected);
  }
}

TEST(NormalizeTitleTest, VariantsOfOneTitleAreEqual) {
  const std::string base = normalizeTitle("深圳国资委召开新闻发布会介绍市属国企高质量发展（102）");
  for (const char* v : {"深圳国资委召开新闻发布会介绍市属国企高质量发展(102)",
                        "深圳国资委 召开新闻发布会 介绍市属国企高质量发展（１０２）",
                        "深圳国资委召开新闻发布会介绍市属国企高质量发展（102） - 人民网",
                        "深圳国资委召开新闻发布会介绍市属国企高质量发展（102）_深圳新闻网"}) {
    SCOPED_TRACE(v);
    EXPECT_EQ(normalizeTitle(v), base);
  }
}

TEST(NormalizeUrlTest, IdentifiesTheSamePage) {
  const Case cases[] = {
      {"scheme and www dropped", "https://www.people.com.cn/n1/2019/0101/c1.html",
       "people.com.cn/n1/2019/0101/c1.html"},
      {"http and https equal", "http://people.com.cn/n1/2019/0101/c1.html",
       "people.com.cn/n1/2019/0101/c1.html"},
      {"mobile host", "https://m.sznews.com/news/c1100.html", "sznews.com/news/c1100.html"},
      {"wap host", "http://wap.sznews.com/news/c1100.html", "sznews.com/news/c1100.html"},
      {"fragment dropped", "http://www.sznews.com/news/c1100.html#comments",
       "sznews.com/news/c1100.html"},
      {"utm and spm dropped",
       "https://m.sznews.com/news/c1100.html?utm_source=agg&spm=1.2&utm_medium=rss",
       "sznews.com/news/c1100.html"},
      {"other tracking dropped", "https://x.cn/a?from=timeline&isappinstalled=0&id=5",
       "x.cn/a?id=5"},
      {"params sorted", "https://x.cn/a?b=2&a=1", "x.cn/a?a=1&b=2"},
      {"trailing slash", "https://x.cn/news/", "x.cn/news"},
      {"root", "https://www.x.cn/", "x.cn"},
      {"host case folded, path case kept", "HTTP://WWW.People.COM.cn/N1/A.html",
       "people.com.cn/N1/A.html"},
      {"default port dropped", "https://news.cn:443/a", "news.cn/a"},
      {"other port kept", "http://127.0.0.1:8080/feeds/a.xml", "127.0.0.1:8080/feeds/a.xml"},
      {"a bare m. domain is not a prefix", "https://m.cn/x", "m.cn/x"},
      {"surrounding space", "  https://x.cn/a  ", "x.cn/a"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalizeUrl(c.input), c.expected);
  }
}

TEST(NormalizeUrlTest, TrackingVariantsOfOneLinkAreEqual) {
  const std::string base = normalizeUrl("http://www.sznews.com/news/content/2019/c1100.html");
  for (const char* v : {"https://www.sznews.com/news/content/2019/c1100.html",
                        "https://m.sznews.com/news/content/2019/c1100.html?utm_source=agg&spm=1.2",
                        "http://sznews.com/news/content/2019/c1100.html#top",
                        "https://www.sznews.com/news/content/2019/c1100.html/"}) {
    SCOPED_TRACE(v);
    EXPECT_EQ(normalizeUrl(v), base);
  }
  EXPECT_NE(normalizeUrl("https://www.sznews.com/news/content/2019/c1101.html"), base);
  EXPECT_NE(normalizeUrl("https://www.sznews.com/news/c.html?id=1"),
            normalizeUrl("https://www.sznews.com/news/c.html?id=2"));
}

TEST(TextNormalizeTest, FoldForNamesJoinsIdeographsAndSimplifies) {
  EXPECT_EQ(foldForNames("深 圳 市\n国\u200b资\u3000委"), "深圳市国资委");
  EXPECT_EQ(foldForNames("深圳市國資委託管"), "深圳市国资委托管");
  EXPECT_EQ(foldForNames("ＳＡＳＡＣ　Ｓｈｅｎｚｈｅｎ：增长６%"), "sasac shenzhen:增长6%");
  EXPECT_EQ(foldForNames("  Shenzhen   SASAC 发布 "), "shenzhen sasac 发布");
  EXPECT_EQ(foldForNames("增长6% 市国资委"), "增长6% 市国资委");
}

TEST(TextNormalizeTest, IdeographAnchorsAreEverySpellingOfTheLastIdeograph) {
  // 资 is also written 資; 委 has no other form; Latin letters give nothing to screen on.
  auto anchors = ideographAnchors("国资");
  std::sort(anchors.begin(), anchors.end());
  EXPECT_EQ(anchors, (std::vector<std::string>{"資", "资"}));  // in byte order
  EXPECT_EQ(ideographAnchors("深圳市国资委"), std::vector<std::string>{"委"});
  EXPECT_EQ(ideographAnchors("国资委 sasac"), std::vector<std::string>{"委"});
  EXPECT_TRUE(ideographAnchors("shenzhen sasac").empty());
  // Whatever folds to the anchor holds one of its spellings.
  for (const auto& a : ideographAnchors("国资")) EXPECT_EQ(foldForNames(a), "资");
}

}  // namespace
}  // namespace pubtrack::mentions
