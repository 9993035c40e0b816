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
      {"a shorter keyword inside a longer one is the same hit",
       "深圳市国资委召开会议",
       "",
       "",
       {"深圳市国资委"}},
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
    EXPECT_EQ(matcher.match(c.title, c.summary, c.content).keywords, c.expected);
  }
}

TEST(MentionMatcherTest, ReportsKeywordsAsConfiguredAndIgnoresBlankOnes) {
  const MentionMatcher matcher({"  ", "Ｓhenzhen SASAC", ""}, {""});
  EXPECT_THAT(matcher.match("news: SHENZHEN sasac meets", "", "").keywords,
              ElementsAre("Ｓhenzhen SASAC"));
  const MentionMatcher none({}, {});
  EXPECT_THAT(none.match("深圳国资委", "", "").keywords, IsEmpty());
}

// The README's setup for Shenzhen SASAC.
config::MonitorSettings shenzhen() {
  config::MonitorSettings m;
  m.keywords = {"深圳市国资委", "深圳国资委", "市国资委"};
  m.place = "深圳";
  m.place_aliases = {"鹏城"};
  m.stop_words = {"招聘启事"};
  return m;
}

TEST(MentionMatcherTest, AnotherCitysAgencyIsNoMention) {
  const MentionMatcher matcher(shenzhen());
  // 市国资委 is a substring of 广州市国资委: a hit inside another agency's name is no hit.
  EXPECT_FALSE(matcher.match("广州市国资委召开市属企业改革推进会", "<p>会议部署改革任务。</p>", "")
                   .matched());
  EXPECT_FALSE(matcher.match("广东省国资委部署安全生产", "", "", true).matched());
  EXPECT_FALSE(matcher.match("广州：市国资委推进市属国企重组整合", "", "", true).matched());
  EXPECT_FALSE(matcher.match("大湾区城市国资委联席会议在广州举行", "", "", true).matched());
}

TEST(MentionMatcherTest, AJointReportNamingBothAgenciesIsAMention) {
  const MentionMatcher matcher(shenzhen());
  const auto r = matcher.match("深圳市国资委与广州市国资委签署合作框架协议", "", "");
  EXPECT_THAT(r.keywords, ElementsAre("深圳市国资委"));
  EXPECT_EQ(r.where, "title");
  EXPECT_EQ(r.rule, "full_name");
  // The older remedy, exclude = 广州市国资委, drops only the hit inside it now.
  auto m = shenzhen();
  m.exclude = {"广州市国资委"};
  EXPECT_TRUE(MentionMatcher(m).match("深圳市国资委与广州市国资委签署协议", "", "").matched());
  EXPECT_FALSE(MentionMatcher(m).match("广州市国资委召开会议", "", "").matched());
}

TEST(MentionMatcherTest, AnAliasCountsInALocalOutletOrWithThePlaceNamed) {
  const MentionMatcher matcher(shenzhen());
  const auto local = matcher.match("市国资委召开市属国企负责人会议", "", "", true);
  EXPECT_THAT(local.keywords, ElementsAre("市国资委"));
  EXPECT_EQ(local.rule, "alias_local_outlet");
  // The same headline from a national outlet, with no place: another city's 市国资委.
  EXPECT_FALSE(matcher.match("市国资委召开市属国企负责人会议", "", "", false).matched());
  const auto named = matcher.match("市国资委召开市属国企负责人会议", "<p>深圳市属国企……</p>", "");
  EXPECT_EQ(named.rule, "alias_place_in_text");
  EXPECT_EQ(named.where, "title");
  EXPECT_EQ(matcher.match("鹏城国企改革提速 市国资委推出十项举措", "", "").rule,
            "alias_place_in_text");
  EXPECT_EQ(matcher.match("深圳：市国资委设立天使母基金", "", "").rule, "alias_place_in_text");
  // A place as a destination or a partner is not the agency's: 杭州市国资委 visiting Shenzhen...
  EXPECT_FALSE(matcher.match("市国资委赴深圳招商推介", "", "").matched());
  EXPECT_FALSE(matcher.match("市国资委与深圳企业签约合作项目22个", "", "").matched());
  // ...but a plural after places named together includes it.
  auto m = shenzhen();
  m.keywords.push_back("国资委");
  EXPECT_EQ(MentionMatcher(m).match("广州与深圳两地国资委签署合作协议", "", "").rule,
            "alias_place_in_text");
  EXPECT_FALSE(MentionMatcher(m).match("广州与佛山两地国资委签署合作协议", "", "", true).matched());
}

TEST(MentionMatcherTest, AnAliasYieldsToAnotherAgencyOfTheSameNameInTheItem) {
  auto m = shenzhen();
  m.keywords.push_back("国资委");
  const MentionMatcher matcher(m);
  // In a local outlet 国资委 beside 国务院国资委 is most likely the State Council's...
  EXPECT_FALSE(matcher
                   .match("国资委：央企前三季度实现利润总额近2万亿元",
                          "<p>国务院国资委新闻发言人介绍</p>", "", true)
                   .matched());
  // ...but 市国资委 is the city's own, even beside another city's.
  EXPECT_TRUE(matcher.match("市国资委与汕尾市国资委共建产业协作平台", "", "", true).matched());
  EXPECT_FALSE(matcher
                   .match("市国资委与深圳前海管理局签署合作协议",
                          "<p>佛山市国资委与前海管理局将在跨境金融等领域合作。</p>", "")
                   .matched());
}

TEST(MentionMatcherTest, LookalikesAndStopWords) {
  auto m = shenzhen();
  m.keywords.push_back("国资委");
  const MentionMatcher matcher(m);
  EXPECT_TRUE(matcher.match("深圳市国资委托管企业名单调整", "", "").matched());  // 托管
  EXPECT_FALSE(matcher.match("深圳国资委托代建模式推广", "", "").matched());     // 委托代建
  EXPECT_FALSE(matcher.match("国资委托贷款新规落地", "", "", true).matched());   // 委托贷款
  EXPECT_FALSE(matcher.match("深圳大学国资委召开全体会议", "", "", true).matched());  // a body's
  const auto stopped = matcher.match("深圳市国资委2026年公开招聘编外工作人员招聘启事", "", "");
  EXPECT_FALSE(stopped.matched());
  EXPECT_EQ(stopped.stop_word, "招聘启事");
  EXPECT_TRUE(matcher.match("深圳市国资委举办市属国企秋季校园招聘会", "", "").matched());
}

TEST(MentionMatcherTest, NamesAreFoundAcrossScriptsSpacesAndLineBreaks) {
  const MentionMatcher matcher(shenzhen());
  for (const char* title :
       {"深圳市國資委推動市屬國企赴港上市", "深 圳 市 国 资 委 部署工作", "深圳市国\n资委召开会议",
        "深圳市国\u200b资委印发方案", "深圳市\u3000国资委召开会议", "深圳市&#22269;资委发布"}) {
    SCOPED_TRACE(title);
    EXPECT_EQ(matcher.match(title, "", "").rule, "full_name");
  }
  EXPECT_EQ(matcher.match("会议", "<p>记者从深圳市国资\n委获悉</p>", "").where, "summary");
  EXPECT_EQ(matcher.match("会议", "", "<p>据深圳国资委消息</p>").where, "content");
  EXPECT_FALSE(matcher.match("廣州市國資委推動市屬國企重組", "", "", true).matched());
}

TEST(MentionMatcherTest, WithoutAPlaceAliasesMatchAnywhereButNeverAfterAnotherPlace) {
  const MentionMatcher matcher({"深圳市国资委", "市国资委"}, {});
  EXPECT_EQ(matcher.match("市国资委召开会议", "", "").rule, "alias");
  EXPECT_EQ(matcher.match("深圳市国资委召开会议", "", "").rule, "full_name");
  EXPECT_FALSE(matcher.match("广州市国资委召开会议", "", "").matched());
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
