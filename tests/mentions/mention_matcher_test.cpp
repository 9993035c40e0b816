// SPDX-License-Identifier: Apache-2.0
// MentionMatcher (keywords in title, HTML summary or content; exclude phrases win) and
// classifyOutlet (longest domain suffix, aggregator source, feed fallback), table-driven.
#include "collectors/mentions/mention_matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pubtrack::mentions {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<std::string> kKeywords = {"深圳市国资委", "深圳国资委", "市国资委", "SASAC"};
const std::vector<std::string> kExclude = {"招聘启事", "ＩＰＯ辅导"};

TEST(MentionMatcherTest, FindsKeywordsWhereverTheyAreUnlessExcluded) {
  const MentionMatcher matcher(kKeywords, kExclude);
  struct Case {
    const char* name;
    std::string title, summary, content;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"keyword in title", "深圳国资委召开会议", "", "", {"深圳国资委"}},
      {"longer keyword contains a shorter one",
       "深圳市国资委召开会议",
       "",
       "",
       {"深圳市国资委", "市国资委"}},
      {"keyword in html summary",
       "会议召开",
       "<p>本报讯 <b>深圳国资委</b>今日</p>",
       "",
       {"深圳国资委"}},
      {"keyword split by an inline tag",
       "会议召开",
       "<p>深圳<strong>国资委</strong>今日</p>",
       "",
       {"深圳国资委"}},
      {"keyword only in content", "会议召开", "摘要", "<div>据市国资委消息</div>", {"市国资委"}},
      {"entity-encoded keyword in summary",
       "会议",
       "&#28145;&#22323;国资委发布",
       "",
       {"深圳国资委"}},
      {"entity-encoded keyword in title", "&#28145;&#22323;国资委发布", "", "", {"深圳国资委"}},
      {"ascii keyword case-insensitive", "Shenzhen sasac holds forum", "", "", {"SASAC"}},
      {"full-width ascii keyword", "ＳＡＳＡＣ年度会议", "", "", {"SASAC"}},
      {"ideographic space does not hide it", "", "深圳国资委\u3000发布", "", {"深圳国资委"}},
      {"no keyword", "深圳召开经济工作会议", "<p>国资</p>", "", {}},
      {"keyword only inside a script", "会议", "<script>var k='深圳国资委'</script>正文", "", {}},
      {"exclude in title wins", "深圳市国资委2019年招聘启事", "", "", {}},
      {"exclude in summary wins", "深圳国资委公告", "<p>招聘启事</p>", "", {}},
      {"exclude in content wins", "深圳国资委公告", "", "详见<b>招聘启事</b>", {}},
      {"full-width exclude matches half-width text", "深圳国资委：某企业ipo辅导备案", "", "", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(matcher.match(c.title, c.summary, c.content), c.expected);
  }
}

TEST(MentionMatcherTest, ReportsKeywordsAsConfiguredAndIgnoresBlankOnes) {
  const MentionMatcher matcher({"  ", "Ｓhenzhen SASAC", ""}, {""});
  EXPECT_THAT(matcher.match("news: SHENZHEN sasac meets", "", ""), ElementsAre("Ｓhenzhen SASAC"));
  const MentionMatcher none({}, {});
  EXPECT_THAT(none.match("深圳国资委", "", ""), IsEmpty());
}

config::Settings settingsFor(const std::string& extra) {
  const std::string ini =
      "[database]\npath = x.db\n"
      "[outlet.sznews]\nname = 深圳新闻网\ntier = municipal\ndomains = sznews.com\n"
      "[outlet.szsub]\nname = 深圳新闻网区县频道\ntier = other\ndomains = district.sznews.com\n"
      "[outlet.southcn]\nname = 南方网\ntier = provincial\ndomains = southcn.com\n"
      "[feed.agg]\nurl = https://news.aggregator.example/rss.xml\noutlet = 新闻聚合\n"
      "tier = other\n"
      "[feed.sz]\nurl = http://www.sznews.com/rss.xml\noutlet = sznews\n"
      "[feed.kw]\nurl = https://search.example/rss?q={keyword}\noutlet = 搜索\ntier = other\n"
      "[monitor]\nkeywords = 深圳国资委\n" +
      extra;
  auto loaded = config::loadSettingsFromString(ini, "/tmp/pubtrack-mentions-test.ini");
  EXPECT_TRUE(loaded.settings) << (loaded.problems.empty() ? "" : loaded.problems.front());
  return loaded.settings ? *loaded.settings : config::Settings{};
}

TEST(ClassifyOutletTest, LinkDomainThenSourceThenFeed) {
  const auto s = settingsFor("");
  ASSERT_FALSE(s.feeds.empty());
  const auto& agg = *s.feed("agg");
  const auto& sz = *s.feed("sz");
  const auto& kw = *s.feed("kw");
  struct Case {
    const char* name;
    const config::FeedSettings* feed;
    std::string link, source_name, source_url;
    std::string outlet, id;
    model::Tier tier;
    std::string basis;
  };
  using T = model::Tier;
  const Case cases[] = {
      {"built-in central domain", &agg, "http://www.people.com.cn/n1/2019/a.html", "", "", "人民网",
       "people", T::Central, "domain"},
      {"longest suffix wins (built-in)", &agg, "http://paper.people.com.cn/rmrb/a.html", "", "",
       "人民日报", "peopledaily", T::Central, "domain"},
      {"longest suffix wins (configured)", &agg, "https://district.sznews.com/a.html", "", "",
       "深圳新闻网区县频道", "szsub", T::Other, "domain"},
      {"configured domain, sub-host", &agg, "https://m.sznews.com/a.html?utm_source=x", "", "",
       "深圳新闻网", "sznews", T::Municipal, "domain"},
      {"domain beats source", &agg, "https://www.southcn.com/a.html", "深圳新闻网",
       "http://www.sznews.com/", "南方网", "southcn", T::Provincial, "domain"},
      {"suffix must end at a dot", &agg, "https://notsznews.com/a.html", "", "", "新闻聚合", "",
       T::Other, "feed"},
      {"aggregator source url", &agg, "https://www.sohu.com/a/1", "随便", "http://www.sznews.com/",
       "深圳新闻网", "sznews", T::Municipal, "source"},
      {"aggregator source name in registry", &agg, "https://www.sohu.com/a/1", "南方网", "",
       "南方网", "southcn", T::Provincial, "source_name"},
      {"aggregator source unknown to the registry", &agg, "https://www.sohu.com/a/1", " 搜狐 ",
       "https://www.sohu.com/", "搜狐", "", T::Other, "source_name"},
      {"no link, source name", &agg, "", "南方网", "", "南方网", "southcn", T::Provincial,
       "source_name"},
      {"a channel below a registry outlet is a guess", &agg, "http://sz.people.com.cn/n2/a.html",
       "", "", "人民网", "people", T::Central, "domain_suffix"},
      {"no link, no source: the feed", &agg, "", "", "", "新闻聚合", "", T::Other, "feed"},
      {"feed's own outlet", &sz, "http://www.sznews.com/x.html", "", "", "深圳新闻网", "sznews",
       T::Municipal, "domain"},
      {"keyword feed, link elsewhere, no source", &kw, "https://www.sohu.com/a/2", "", "", "搜索",
       "", T::Other, "feed"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto o = classifyOutlet(s, *c.feed, c.link, c.source_name, c.source_url);
    EXPECT_EQ(o.name, c.outlet);
    EXPECT_EQ(o.id, c.id);
    EXPECT_EQ(o.tier, c.tier);
    EXPECT_EQ(o.basis, c.basis);
  }
}

}  // namespace
}  // namespace pubtrack::mentions
