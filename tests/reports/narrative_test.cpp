// SPDX-License-Identifier: Apache-2.0
// The narrative: the seed report's sentences, missing figures left out, periods and languages.
#include "reports/narrative.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/reports/sample_figures.h"

namespace pubtrack::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(NarrativeTest, SeedReportReadsLikeTheSeed) {
  const std::string s = narrative(fakes::seedFigures(), Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("“深圳国资”微信公众号全年共推送新闻信息近800条，阅读量突破150万人次，"
                           "关注人数近5万人"));
  EXPECT_THAT(s, HasSubstr("近800条"));
  EXPECT_THAT(s, HasSubstr("突破150万人次"));
  EXPECT_THAT(s, HasSubstr("近5万人"));
  EXPECT_THAT(s, HasSubstr("共获各级主流媒体报道79篇（其中中央级10篇、省级20篇、市级49篇）"));
  EXPECT_THAT(s, HasSubstr("在线访谈2期"));
  EXPECT_THAT(s, HasSubstr("完成在线访谈2期、民意征集3期"));
  EXPECT_THAT(s, HasSubstr("人大代表建议25件（承办件2件、主办件3件、分办件1件、汇办件19件），"
                           "政协提案7件（主办件1件、会办件6件）"));
  EXPECT_THAT(s, HasSubstr("全年共收到信息公开申请5件"));
  EXPECT_THAT(s, Not(HasSubstr("约")));
  EXPECT_THAT(s, Not(HasSubstr("同比")));  // no previous year given
}

TEST(NarrativeTest, ThresholdKeepsSmallerCountsExact) {
  const std::string s = narrative(fakes::seedFigures(), Lang::Zh, 1000);
  EXPECT_THAT(s, HasSubstr("共推送新闻信息795条"));
  // The ledger is never rounded, whatever the threshold.
  auto f = fakes::seedFigures();
  f.outreach[2].count = 2'519;
  f.outreach[2].roles = {{"主办", 2'519}};
  f.outreach[2].roles_total = 2'519;
  EXPECT_THAT(narrative(f, Lang::Zh, 500), HasSubstr("人大代表建议2519件（主办件2519件）"));
}

TEST(NarrativeTest, MissingFiguresLeaveTheirSentenceOut) {
  auto f = fakes::seedFigures();
  f.accounts[0].articles.reset();
  f.accounts[0].followers_end.reset();
  f.accounts[0].followers_net.reset();
  std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("“深圳国资”微信公众号全年阅读量突破150万人次。"));
  EXPECT_THAT(s, Not(HasSubstr("推送")));
  EXPECT_THAT(s, Not(HasSubstr("关注")));

  f = fakes::seedFigures();
  f.media = MediaFigures{};  // no feed or manual mention at all
  f.outreach.clear();
  s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, Not(HasSubstr("媒体")));
  EXPECT_THAT(s, Not(HasSubstr("访谈")));
  EXPECT_THAT(s, Not(HasSubstr("建议")));
  EXPECT_THAT(s, Not(HasSubstr("申请")));
  EXPECT_THAT(s, Not(HasSubstr("0篇")));

  Figures empty;
  empty.period = {"2019-01-01", "2019-12-31", 2019};
  EXPECT_EQ(narrative(empty, Lang::Zh, 500), "");
  EXPECT_EQ(narrative(empty, Lang::En, 500), "");
}

TEST(NarrativeTest, ZeroIsSaidWhenItIsData) {
  auto f = fakes::seedFigures();
  f.outreach = {fakes::ledger("disclosure_request", "依申请公开", "disclosure requests", "件", 0),
                fakes::ledger("admin_review", "行政复议", "administrative reviews", "件", 0)};
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("全年未收到信息公开申请，未收到政府信息公开行政复议申请。"));
}

TEST(NarrativeTest, ReadUsersAreCountedInPeopleNotVisits) {
  auto f = fakes::seedFigures();
  f.accounts[0].page_views.reset();
  f.accounts[0].reads = 1'523'456;
  f.accounts[0].reads_metric = "read_users";
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("阅读人数突破150万人，"));
  EXPECT_THAT(s, Not(HasSubstr("人次")));
  EXPECT_THAT(narrative(f, Lang::En, 500), HasSubstr("over 1.5 million readers"));
}

TEST(NarrativeTest, PartialPeriodIsSpelledOut) {
  auto f = fakes::seedFigures();
  f.period = {"2025-01-01", "2025-06-30", std::nullopt};
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("2025年1月1日至6月30日期间，“深圳国资”微信公众号共推送新闻信息近800条"));
  EXPECT_THAT(s, HasSubstr("2025年1月1日至6月30日期间，共获各级主流媒体报道79篇"));
  EXPECT_THAT(s, Not(HasSubstr("全年")));
  f.period = {"2024-12-01", "2025-05-31", std::nullopt};
  EXPECT_THAT(narrative(f, Lang::Zh, 500), HasSubstr("2024年12月1日至2025年5月31日期间"));
  EXPECT_THAT(narrative(f, Lang::En, 500), HasSubstr("From 1 December 2024 to 31 May 2025, "));
  // A whole calendar year without --year is still 全年.
  f.period = {"2024-01-01", "2024-12-31", std::nullopt};
  EXPECT_THAT(narrative(f, Lang::Zh, 500), HasSubstr("微信公众号全年共推送"));
  // A --year report on a year not over yet (issue 14.3) names its days, never 全年.
  f.period = {"2025-01-01", "2025-01-14", 2025, true};
  const std::string early = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(early, HasSubstr("2025年1月1日至1月14日期间"));
  EXPECT_THAT(early, Not(HasSubstr("全年")));
  EXPECT_THAT(narrative(f, Lang::En, 500), HasSubstr("From 1 January to 14 January 2025, "));
}

// A post count known to miss the posts published without notification says so (issue 14.2).
TEST(NarrativeTest, MassSentOnlyPostCountSaysSo) {
  auto f = fakes::seedFigures();
  for (auto& a : f.accounts) a.articles_basis = "mass_sent_only";
  f.wechat_totals.articles_basis = "mass_sent_only";
  EXPECT_THAT(narrative(f, Lang::Zh, 500),
              HasSubstr("共推送新闻信息近800条（仅含群发文章，未含不通知粉丝的发表文章）"));
  EXPECT_THAT(narrative(f, Lang::En, 500),
              HasSubstr("(mass-sent only; posts published without notification not counted)"));
  // Counted from a whole list: the seed's sentence as it was.
  for (auto& a : f.accounts) a.articles_basis = "datacube+freepublish";
  f.wechat_totals.articles_basis = "datacube+freepublish";
  EXPECT_THAT(narrative(f, Lang::Zh, 500), Not(HasSubstr("仅含群发")));
}

// A breakdown that does not add up is not printed, and the figure it makes doubtful says so
// (the ledger_breakdown check reports it too).
TEST(NarrativeTest, BreakdownThatDoesNotAddUpIsNotPrintedAndSaysSo) {
  auto f = fakes::seedFigures();
  f.outreach[2].roles_total = 24;
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s,
              HasSubstr("人大代表建议25件（分类合计与总数不一致，待核实），政协提案7件（主办件1件、"
                        "会办件6件）"));
  EXPECT_THAT(narrative(f, Lang::En, 500), HasSubstr("does not add up: to be checked"));
}

TEST(NarrativeTest, SeveralAccountsGiveTotalsThenEachAccount) {
  auto f = fakes::seedFigures();
  auto second = f.accounts[0];
  second.id = "two";
  second.name = "国资党建";
  second.articles = 120;
  second.reads = 45'000;
  second.followers_end = 8'000;
  second.followers_net.reset();
  f.accounts.push_back(second);
  f.wechat_totals.articles = 915;
  f.wechat_totals.reads = 1'568'456;
  f.wechat_totals.followers_end = 57'210;
  f.wechat_totals.followers_net.reset();
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("全年通过“深圳国资”“国资党建”2个微信公众号共推送新闻信息超过900条，"
                           "阅读量近160万人次，关注人数合计近6万人。"));
  EXPECT_THAT(s, HasSubstr("其中，“深圳国资”推送新闻信息近800条、阅读量突破150万人次、"
                           "关注人数近5万人、净增关注超过8000人；“国资党建”推送新闻信息120条、"
                           "阅读量4.5万人次、关注人数8000人。"));
}

TEST(NarrativeTest, YearOnYearSentence) {
  auto f = fakes::seedFigures();
  f.previous_period = Period{"2018-01-01", "2018-12-31", 2018};
  f.changes = {{"wechat.articles", 795, 708, 87, std::nullopt},
               {"media.mainstream", 79, 0, 79, std::nullopt},
               {"outreach.interview", 2, 1, 1, std::nullopt},
               {"unknown.key", 1, 2, -1, std::nullopt}};
  const std::string s = narrative(f, Lang::Zh, 500);
  EXPECT_THAT(s, HasSubstr("与上年相比，微信推送同比增长12.3%，主流媒体报道较上年增加79篇，"
                           "在线访谈较上年增加1期，同比增长100.0%。"));
  EXPECT_THAT(s, Not(HasSubstr("unknown")));
}

TEST(NarrativeTest, EnglishSeed) {
  const std::string s = narrative(fakes::seedFigures(), Lang::En, 500);
  EXPECT_THAT(s, HasSubstr("In 2019, the WeChat official account “深圳国资” published nearly 800 "
                           "posts, recorded over 1.5 million page views, had nearly 50,000 "
                           "followers at the end of the period and gained more than 8,000 net new "
                           "followers."));
  EXPECT_THAT(s, HasSubstr("mainstream media carried 79 reports on the agency (10 central, 20 "
                           "provincial and 49 municipal)"));
  EXPECT_THAT(s, HasSubstr("completed 2 online interviews and 3 public consultations"));
  EXPECT_THAT(s, HasSubstr("handled 25 NPC deputies' suggestions (2 undertaken, 3 lead, 1 "
                           "assigned and 19 consolidated) and 7 CPPCC members' proposals (1 lead "
                           "and 6 co-handled)"));
  EXPECT_THAT(s, HasSubstr("received 5 disclosure requests"));
  EXPECT_THAT(s, Not(HasSubstr("人次")));
  EXPECT_THAT(s, Not(HasSubstr("。")));
}

}  // namespace
}  // namespace pubtrack::reports
