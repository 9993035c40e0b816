// SPDX-License-Identifier: Apache-2.0
// The text, Markdown, JSON, CSV and HTML writers: keys, rows, escaping and self-containment.
#include "reports/writers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <regex>
#include <sstream>

#include "reports/labels.h"
#include "reports/narrative.h"
#include "reports/render_model.h"
#include "tests/reports/html_checks.h"
#include "tests/reports/sample_figures.h"

namespace pubtrack::reports {
namespace {

using fakes::expectSelfContained;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kHostile = "<script>alert(1)</script>";

Figures hostileFigures() {
  auto f = fakes::seedFigures();
  f.accounts[0].top_articles[0].title = kHostile;
  f.accounts[0].top_articles[1].url = "javascript:alert(2)";
  f.media.top_stories[0].title = std::string(kHostile) + " & \"quotes\" | pipes";
  f.media.by_outlet[0].outlet = "<img src=x onerror=alert(3)>";
  f.accounts[0].name = "深圳国资\x01<b>";
  f.wechat_totals.top_articles = f.accounts[0].top_articles;
  return f;
}

TEST(TextWriterTest, IsTheNarrative) {
  const std::string t = renderText(fakes::seedFigures(), {});
  EXPECT_THAT(t, HasSubstr("近800条"));
  EXPECT_EQ(t.back(), '\n');
  EXPECT_THAT(t, HasSubstr("。\n\n"));
  EXPECT_THAT(renderText(fakes::seedFigures(), {Lang::En, 500}), HasSubstr("nearly 800 posts"));
}

// After the narrative, the text lists every check on a line of its own, titled in the report's
// language; a kind without a title (added later) is shown by its name.
TEST(TextWriterTest, ListsItsChecksOneLineEach) {
  auto f = fakes::seedFigures();
  f.checks = {{"period_in_progress", "period", "2025 is not over", "2025年尚未结束"},
              {"collection_failed", "feed.people", "the last fetch failed: HTTP 503\nretry",
               "最近一次抓取失败：HTTP 503\nretry"},
              {"a_kind_added_later", "mentions", "something new", ""}};
  const std::string zh = renderText(f, {});
  EXPECT_EQ(zh.rfind(narrative(f, Lang::Zh, 500) + "\n\n数据核查（共3项，", 0), 0u);
  EXPECT_THAT(zh, HasSubstr("\n- 【年度尚未结束】period：2025年尚未结束\n"));
  EXPECT_THAT(zh, HasSubstr("\n- 【采集失败】feed.people：最近一次抓取失败：HTTP 503 retry\n"));
  EXPECT_THAT(zh, HasSubstr("\n- 【a_kind_added_later】mentions：something new\n"));
  const std::string en = renderText(f, {Lang::En, 500});
  EXPECT_THAT(en,
              HasSubstr("\n\nData checks (3; review before publishing, not part of the text):\n"));
  EXPECT_THAT(en, HasSubstr("\n- [year not over] period: 2025 is not over\n"));
  EXPECT_THAT(en, HasSubstr("\n- [a_kind_added_later] mentions: something new\n"));
  f.checks.clear();
  EXPECT_EQ(renderText(f, {}), narrative(f, Lang::Zh, 500) + "\n");
}

TEST(ReportSubtitleTest, GeneratedAtIsChinaTimeWithItsOffset) {
  const auto f = fakes::seedFigures();  // generated_at 2020-01-20T02:00:00Z
  EXPECT_THAT(detail::reportSubtitle(f, Lang::Zh),
              HasSubstr("生成时间 2020-01-20 10:00:00 +08:00"));
  EXPECT_THAT(detail::reportSubtitle(f, Lang::En),
              HasSubstr("generated 2020-01-20 10:00:00 +08:00"));
  EXPECT_THAT(renderJson(f, {}), HasSubstr("2020-01-20T02:00:00Z"));
}

// Every check kind the reports write has a title in both languages.
TEST(CheckTitleTest, EveryKnownKindHasATitle) {
  for (const char* kind :
       {"wechat_days_missing", "wechat_delayed", "wechat_unavailable",
        "wechat_posts_mass_sent_only", "followers_mismatch", "collection_failed", "account_silent",
        "posts_deleted", "media_partial", "mentions_unreviewed", "mentions_alias_unreviewed",
        "mentions_tier_guessed", "ledger_breakdown", "ledger_vs_tables", "table_total",
        "table_balance", "table_carried", "table_empty", "period_in_progress"}) {
    SCOPED_TRACE(kind);
    EXPECT_NE(checkTitle(kind, Lang::Zh), kind);
    EXPECT_NE(checkTitle(kind, Lang::En), kind);
  }
  EXPECT_EQ(checkTitle("mentions_unreviewed", Lang::Zh), "报道待审核");
  EXPECT_EQ(checkTitle("brand_new", Lang::Zh), "brand_new");
}

TEST(MarkdownWriterTest, HasNarrativeAndTablesAndEscapesTitles) {
  const std::string md = renderMarkdown(hostileFigures(), {});
  EXPECT_THAT(md, HasSubstr("近800条"));
  EXPECT_THAT(md, HasSubstr("| --- | ---: |"));
  EXPECT_THAT(md, HasSubstr("人大代表建议"));
  EXPECT_THAT(md, HasSubstr("承办件2件、主办件3件、分办件1件、汇办件19件"));
  EXPECT_THAT(md, HasSubstr("\\<script\\>alert(1)\\</script\\>"));
  EXPECT_THAT(md, Not(HasSubstr("<script>")));
  for (size_t pos = md.find('<'); pos != std::string::npos; pos = md.find('<', pos + 1))
    EXPECT_EQ(md[pos - 1], '\\') << md.substr(pos, 20);  // every < is escaped
  EXPECT_THAT(md, Not(HasSubstr("javascript:")));
  EXPECT_THAT(md, Not(HasSubstr("\x01")));
  // Links keep working: & stays, the link target is a safe URL.
  EXPECT_THAT(md, HasSubstr("](https://news.example.cn/a?x=1&y=2)"));
  fakes::expectMarkdownTablesRectangular(md);
}

TEST(JsonWriterTest, ParsesAndHasTheStableKeys) {
  auto f = hostileFigures();
  f.accounts[0].followers_start.reset();
  f.previous_period = Period{"2018-01-01", "2018-12-31", 2018};
  f.changes = {{"wechat.articles", 795, 708, 87, 12.29}};
  f.checks = {{"mentions_unreviewed", "media", "14 mentions await review", "14篇报道待审核"}};
  std::string json = renderJson(f, {});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;

  for (const char* key :
       {"period", "wechat", "media", "outreach", "previous", "checks", "narrative"}) {
    EXPECT_EQ(doc[key].error(), simdjson::SUCCESS) << key;
  }
  EXPECT_EQ(std::string_view(doc["schema"]), "pubtrack.figures/1");
  EXPECT_EQ(std::string_view(doc["period"]["from"]), "2019-01-01");
  EXPECT_EQ(int64_t(doc["period"]["year"]), 2019);
  simdjson::dom::array accounts = doc["wechat"]["accounts"];
  ASSERT_EQ(accounts.size(), 1u);
  simdjson::dom::element a = accounts.at(0);
  EXPECT_EQ(std::string_view(a["id"]), "main");
  EXPECT_EQ(int64_t(a["articles"]), 795);  // exact, never 近800
  EXPECT_EQ(int64_t(a["page_views"]), 1'523'456);
  EXPECT_TRUE(a["followers_start"].is_null());                              // missing -> null
  EXPECT_EQ(std::string_view(a["top_articles"].at(0)["title"]), kHostile);  // round trip
  EXPECT_EQ(int64_t(doc["wechat"]["totals"]["followers_end"]), 49'210);
  EXPECT_EQ(int64_t(doc["media"]["mainstream"]), 79);
  EXPECT_EQ(int64_t(doc["media"]["by_tier"]["central"]), 10);
  EXPECT_EQ(int64_t(doc["outreach"]["npc_suggestion"]["count"]), 25);
  EXPECT_EQ(std::string_view(doc["outreach"]["npc_suggestion"]["roles"].at(0)["role"]), "承办");
  EXPECT_EQ(int64_t(doc["outreach"]["npc_suggestion"]["roles_total"]), 25);
  EXPECT_EQ(int64_t(doc["previous"]["changes"].at(0)["delta"]), 87);
  EXPECT_NEAR(double(doc["previous"]["changes"].at(0)["percent"]), 12.288, 0.001);
  EXPECT_EQ(std::string_view(doc["checks"].at(0)["kind"]), "mentions_unreviewed");
  std::string_view para = doc["narrative"]["paragraphs"].at(0);
  EXPECT_THAT(std::string(para), HasSubstr("近800条"));
  // The control character in the account name is gone; no raw '<' anywhere in the text.
  EXPECT_EQ(std::string_view(a["name"]), "深圳国资<b>");
  EXPECT_THAT(json, Not(HasSubstr("<script>")));
}

TEST(JsonWriterTest, MissingMediaIsNull) {
  auto f = fakes::seedFigures();
  f.media = MediaFigures{};
  f.previous_period.reset();
  const std::string json = renderJson(f, {});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  EXPECT_FALSE(bool(doc["media"]["has_data"]));
  EXPECT_TRUE(doc["media"]["mainstream"].is_null());
  EXPECT_TRUE(doc["media"]["by_tier"]["central"].is_null());
  EXPECT_TRUE(doc["previous"]["period"].is_null());
}

TEST(CsvWriterTest, OneRowPerFigure) {
  auto f = fakes::seedFigures();
  f.accounts[0].followers_start.reset();
  f.changes = {{"media.mainstream", 79, 64, 15, std::nullopt}};
  const std::string csv = renderCsv(f, {});
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "key,value,unit,label\r");
  std::map<std::string, std::string> rows;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r');
    line.pop_back();
    rows[line.substr(0, line.find(','))] = line;
  }
  EXPECT_EQ(rows["wechat.totals.articles"], "wechat.totals.articles,795,条,微信推送篇数");
  EXPECT_EQ(rows["wechat.accounts.main.articles"],
            "wechat.accounts.main.articles,795,条,深圳国资 微信推送篇数");
  EXPECT_EQ(rows["wechat.accounts.main.page_views"],
            "wechat.accounts.main.page_views,1523456,人次,深圳国资 阅读量");
  EXPECT_EQ(rows["wechat.accounts.main.read_users"].substr(0, 40),
            std::string("wechat.accounts.main.read_users,901234,人,").substr(0, 40));
  EXPECT_EQ(rows["wechat.accounts.main.followers_start"],
            "wechat.accounts.main.followers_start,,人,深圳国资 期初关注人数");
  EXPECT_EQ(rows["media.mainstream"], "media.mainstream,79,篇,主流媒体报道");
  EXPECT_EQ(rows["media.by_tier.central"], "media.by_tier.central,10,篇,中央级媒体报道");
  EXPECT_EQ(rows["outreach.npc_suggestion"], "outreach.npc_suggestion,25,件,人大代表建议");
  EXPECT_EQ(rows["outreach.npc_suggestion.承办"],
            "outreach.npc_suggestion.承办,2,件,人大代表建议（承办件）");
  EXPECT_EQ(rows["outreach.cppcc_proposal.会办"],
            "outreach.cppcc_proposal.会办,6,件,政协提案（会办件）");
  EXPECT_EQ(rows["outreach.interview"], "outreach.interview,2,期,在线访谈");
  EXPECT_EQ(rows["previous.media.mainstream"],
            "previous.media.mainstream,64,篇,主流媒体报道（上期）");
  EXPECT_EQ(rows["previous.media.mainstream.percent"],
            "previous.media.mainstream.percent,23.4,%,主流媒体报道（同比）");
  EXPECT_EQ(rows.count("media.by_month.2019-12"), 1u);
}

TEST(CsvWriterTest, QuotesHostileText) {
  auto f = fakes::seedFigures();
  f.media.by_outlet[0].outlet = "=HYPERLINK(\"x\"),evil";
  const std::string csv = renderCsv(f, {});
  EXPECT_THAT(csv, HasSubstr("\"media.by_outlet.=HYPERLINK(\"\"x\"\"),evil\",30,篇,"
                             "\"'=HYPERLINK(\"\"x\"\"),evil（市级）\""));
  EXPECT_THAT(csv, Not(HasSubstr(",=HYPERLINK")));
}

TEST(HtmlWriterTest, IsSelfContainedAndEscaped) {
  const std::string html = renderHtml(hostileFigures(), {});
  expectSelfContained(html);
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(3)&gt;"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4; margin: 18mm; }"));
  EXPECT_THAT(html, HasSubstr("近800条"));
  EXPECT_THAT(html, HasSubstr("<svg viewBox="));
  EXPECT_THAT(html, HasSubstr("href=\"https://news.example.cn/a?x=1&amp;y=2\""));
  EXPECT_THAT(html, Not(HasSubstr("\x01")));
}

TEST(HtmlWriterTest, StaysSmallWithTenAccountsAndAHundredOutlets) {
  for (const Lang lang : {Lang::Zh, Lang::En}) {
    const std::string html = renderHtml(fakes::largeFigures(), {lang, 500});
    expectSelfContained(html);
    EXPECT_LT(html.size(), 400'000u) << model::toString(lang);
    EXPECT_THAT(html, HasSubstr("媒体99 &amp; Co &lt;i&gt;"));
  }
}

TEST(WritersTest, EnglishTablesAndFormatDispatch) {
  const auto f = fakes::seedFigures();
  const std::string md = render(Format::Markdown, f, {Lang::En, 500});
  EXPECT_THAT(md, HasSubstr("## Summary"));
  EXPECT_THAT(md, HasSubstr("undertaken 2"));
  EXPECT_EQ(parseFormat("md"), Format::Markdown);
  EXPECT_EQ(parseFormat("DOCX"), Format::Docx);
  EXPECT_FALSE(parseFormat("pdf"));
  EXPECT_EQ(fileExtension(Format::Html), "html");
  EXPECT_EQ(render(Format::Text, f, {}), renderText(f, {}));
}

TEST(WritersTest, EmptyFiguresRenderWithoutSections) {
  Figures f;
  f.period = {"2019-01-01", "2019-12-31", 2019};
  EXPECT_EQ(renderText(f, {}), "");
  const std::string html = renderHtml(f, {});
  expectSelfContained(html);
  EXPECT_THAT(html, Not(HasSubstr("<table")));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  const std::string json = renderJson(f, {});
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  EXPECT_THAT(renderCsv(f, {}), HasSubstr("wechat.totals.articles,,条,"));
}

}  // namespace
}  // namespace pubtrack::reports
