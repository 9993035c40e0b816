// SPDX-License-Identifier: Apache-2.0
// Tests for the WeChat response parsers: every fixture, plus hand-written quirks and failures.
#include "collectors/wechat/datacube_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "collectors/wechat/error_policy.h"

namespace pubtrack::wechat {
namespace {

std::string fixture(const std::string& name) {
  const std::string path = std::string(PUBTRACK_TEST_DATA_DIR) + "/wechat/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs any parser and keeps only the error (or nothing on success).
using AnyParse = std::function<std::optional<core::Error>(std::string&)>;
template <class F>
AnyParse errorOnly(F f) {
  return [f](std::string& body) -> std::optional<core::Error> {
    auto r = f(body);
    if (r) return std::nullopt;
    return r.error();
  };
}
AnyParse statusOf(std::string_view source) {
  return [source](std::string& body) -> std::optional<core::Error> {
    auto r = checkApiStatus(body, source);
    if (r) return std::nullopt;
    return r.error();
  };
}

// ---- Error fixtures ---------------------------------------------------------------------------

struct ErrorCase {
  const char* file;
  AnyParse parse;
  core::ErrorKind kind;
  int errcode;
  const char* errmsg;
  const char* rid;
  std::string_view source;
  Reaction reaction;
};

const std::vector<ErrorCase>& errorCases() {
  static const std::vector<ErrorCase> cases = {
      {"any_api.err40001.issue.json", errorOnly(parseUserSummary), core::ErrorKind::AuthExpired,
       40001,
       "invalid credential, access_token is invalid or not latest, could get access_token by "
       "getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r",
       "654df33c-64386a2f-29857782", kUserSummarySource, Reaction::RefreshTokenAndRetryOnce},
      {"any_api.err45009.officialdoc.json", errorOnly(parseArticleTotal),
       core::ErrorKind::RateLimited, 45009, "reach max api daily quota limit",
       "617682e0-09059ac5-34a8e2ea", kArticleTotalSource, Reaction::StopApiForToday},
      {"cgi-bin_token.err40013.officialdoc.json", errorOnly(parseToken), core::ErrorKind::Api,
       40013, "invalid appid", "", kStableTokenSource, Reaction::StopAccount},
      {"cgi-bin_token.err40164.issue.json", errorOnly(parseToken), core::ErrorKind::Api, 40164,
       "invalid ip ***** ipv6 ::ffff:*******, not in whitelist", "654e0b13-0f2e7229-0494092b",
       kStableTokenSource, Reaction::StopAccountWhitelist},
      {"datacube.err61501.community.json", errorOnly(parseArticleSummary), core::ErrorKind::Api,
       61501, "date range error", "61b7f9e0-66c14e21-3f647b7e", kArticleSummarySource,
       Reaction::DayUnavailable},
      {"freepublish_batchget.err48001.community.json", errorOnly(parsePublishedPage),
       core::ErrorKind::Api, 48001, "api unauthorized", "68940b39-61652e27-4123a9a9",
       kBatchGetSource, Reaction::StopAccount},
      {"freepublish_getarticle.err53600.officialdoc.json", statusOf("freepublish/getarticle"),
       core::ErrorKind::Api, 53600, "Article ID 无效", "", "freepublish/getarticle",
       Reaction::GiveUpCall},
      {"material_get_materialcount.err-1.officialdoc.json", statusOf("material/get_materialcount"),
       core::ErrorKind::Api, -1, "system error", "", "material/get_materialcount",
       Reaction::RetryWithBackoff},
  };
  return cases;
}

TEST(DatacubeJsonTest, ErrorFixturesBecomeApiErrorsWithKindErrcodeAndRid) {
  for (const auto& c : errorCases()) {
    SCOPED_TRACE(c.file);
    std::string body = fixture(c.file);
    const std::string original = body;
    const auto error = c.parse(body);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, c.kind) << error->describe();
    EXPECT_EQ(error->source, c.source);
    const auto api = apiErrorOf(*error);
    ASSERT_TRUE(api.has_value()) << error->message;
    EXPECT_EQ(api->errcode, c.errcode);
    EXPECT_EQ(api->errmsg, c.errmsg);
    EXPECT_EQ(api->rid, c.rid);
    EXPECT_EQ(classify(api->errcode), c.reaction);
    EXPECT_EQ(body, original);  // padding grows capacity only
  }
}

TEST(DatacubeJsonTest, ErrorMessageNamesErrcodeTextAndRid) {
  std::string body = fixture("any_api.err45009.officialdoc.json");
  auto r = parseUserCumulate(body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "errcode 45009: reach max api daily quota limit (rid 617682e0-09059ac5-34a8e2ea)");
  EXPECT_EQ(r.error().describe(),
            "datacube/getusercumulate: errcode 45009: reach max api daily quota limit (rid "
            "617682e0-09059ac5-34a8e2ea)");
}

TEST(DatacubeJsonTest, WhitelistFixtureNamesTheMaskedIp) {
  std::string body = fixture("cgi-bin_token.err40164.issue.json");
  auto r = parseToken(body);
  ASSERT_FALSE(r);
  const auto api = apiErrorOf(r.error());
  ASSERT_TRUE(api);
  EXPECT_EQ(whitelistIp(api->errmsg).value_or(""), "*****");
}

// ---- Success fixtures -------------------------------------------------------------------------

TEST(DatacubeJsonTest, ParsesStableTokenFixture) {
  std::string body = fixture("cgi-bin_stable_token.ok.officialdoc.json");
  auto r = parseToken(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->access_token.reveal(), "ACCESS_TOKEN");
  EXPECT_EQ(r->expires_in, 7200);
}

TEST(DatacubeJsonTest, ParsesClassicTokenFixture) {
  std::string body = fixture("cgi-bin_token.ok.wechatpy.json");
  auto r = parseToken(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->access_token.reveal(), "1234567890");
  EXPECT_EQ(r->expires_in, 7200);
  std::ostringstream os;
  os << r->access_token;
  EXPECT_EQ(os.str(), "***");
}

TEST(DatacubeJsonTest, ParsesArticleSummaryFixture) {
  std::string body = fixture("datacube_getarticlesummary.ok.wechatpy.json");
  auto r = parseArticleSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  const model::ArticleSummaryRow& a = r->front();
  EXPECT_EQ(a.ref_date, "2014-12-08");
  EXPECT_EQ(a.msgid, "10000050_1");
  EXPECT_EQ(a.title, "12月27日 DiLi日报");
  EXPECT_EQ(a.reads.int_page_read_user, 23676);
  EXPECT_EQ(a.reads.int_page_read_count, 25615);
  EXPECT_EQ(a.reads.ori_page_read_user, 29);
  EXPECT_EQ(a.reads.ori_page_read_count, 34);
  EXPECT_EQ(a.reads.share_user, 122);
  EXPECT_EQ(a.reads.share_count, 994);
  EXPECT_EQ(a.reads.add_to_fav_user, 1);
  EXPECT_EQ(a.reads.add_to_fav_count, 3);
}

TEST(DatacubeJsonTest, ParsesLiveArticleSummaryWithUndocumentedUserSource) {
  std::string body = fixture("datacube_getarticlesummary.real_with_user_source.community.json");
  auto r = parseArticleSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().ref_date, "2023-12-13");
  EXPECT_EQ(r->front().msgid, "2247483904_1");
  EXPECT_EQ(r->front().title, "测试");
  EXPECT_EQ(r->front().reads.int_page_read_count, 13);
  const MsgidParts parts = splitMsgid(r->front().msgid);
  EXPECT_EQ(parts.msg_data_id, "2247483904");  // the article URL's mid
  EXPECT_EQ(parts.index, 1);                   // the article URL's idx
}

TEST(DatacubeJsonTest, ParsesArticleTotalFixtureWithMsgidWithoutIndex) {
  std::string body = fixture("datacube_getarticletotal.ok.wechatpy.json");
  auto r = parseArticleTotal(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  const model::ArticleTotal& a = r->front();
  EXPECT_EQ(a.ref_date, "2014-12-08");
  EXPECT_EQ(a.msgid, "23423525");
  EXPECT_EQ(splitMsgid(a.msgid).msg_data_id, "23423525");
  EXPECT_EQ(splitMsgid(a.msgid).index, 0);
  EXPECT_EQ(a.title, "test");
  EXPECT_EQ(a.url, "");
  ASSERT_EQ(a.details.size(), 1u);
  EXPECT_EQ(a.details[0].stat_date, "2014-12-14");
  EXPECT_EQ(a.details[0].target_user, 261917);
  EXPECT_EQ(a.details[0].reads.int_page_read_user, 23676);
  EXPECT_EQ(a.details[0].reads.add_to_fav_count, 3);
  EXPECT_EQ(a.details[0].int_page_from_session_read_user, 0);  // missing → 0
}

TEST(DatacubeJsonTest, ParsesUserCumulateFixtures) {
  std::string body = fixture("datacube_getusercumulate.ok.wechatpy.json");
  auto r = parseUserCumulate(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().ref_date, "2014-12-07");
  EXPECT_EQ(r->front().cumulate_user, 1217056);

  std::string live = fixture("datacube_getusercumulate.with_user_source.community.json");
  auto l = parseUserCumulate(live);
  ASSERT_TRUE(l) << l.error().describe();
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ(l->front().ref_date, "2023-04-20");
  EXPECT_EQ(l->front().cumulate_user, 11);
}

TEST(DatacubeJsonTest, ParsesOldUserReadRowWithoutUserSourceAsTheTotal) {
  std::string body = fixture("datacube_getuserread.ok.wechatpy.json");
  auto r = parseUserRead(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_FALSE(r->front().user_source.has_value());
  EXPECT_EQ(r->front().reads.int_page_read_user, 45524);
  EXPECT_EQ(r->front().reads.int_page_read_count, 48796);
  EXPECT_EQ(r->front().reads.add_to_fav_count, 15);
  const UserReadTotals totals = selectUserReadTotals(*r);
  ASSERT_EQ(totals.totals.size(), 1u);
  EXPECT_TRUE(totals.unresolved.empty());
  EXPECT_EQ(totals.totals[0].reads.int_page_read_count, 48796);
}

TEST(DatacubeJsonTest, EmptyListIsSuccessWithNoRows) {
  std::string body = fixture("datacube_getusersummary.empty_list.community.json");
  auto r = parseUserSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->empty());
}

TEST(DatacubeJsonTest, ParsesUserSummaryFixtures) {
  std::string body = fixture("datacube_getusersummary.ok.wechatpy.json");
  auto r = parseUserSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().ref_date, "2014-12-07");
  EXPECT_EQ(r->front().user_source, 0);
  EXPECT_EQ(r->front().new_user, 0);
  EXPECT_EQ(r->front().cancel_user, 0);

  std::string two = fixture("datacube_getusersummary.two_days.community.json");
  auto t = parseUserSummary(two);
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[1].ref_date, "2019-11-21");
  EXPECT_EQ((*t)[1].cancel_user, 8);
  const auto days = sumUserSummaryByDay(*t);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].net(), -4);
  EXPECT_EQ(days[1].net(), -8);
}

TEST(DatacubeJsonTest, ParsesEmptyBatchGet) {
  std::string body = fixture("freepublish_batchget.empty.community.json");
  auto r = parsePublishedPage(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->total_count, 0);
  EXPECT_EQ(r->item_count, 0);
  EXPECT_TRUE(r->articles.empty());
}

TEST(DatacubeJsonTest, ParsesBatchGetFixture) {
  std::string body = fixture("freepublish_batchget.ok.officialdoc.json");
  auto r = parsePublishedPage(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->total_count, 100);
  EXPECT_EQ(r->item_count, 10);
  ASSERT_EQ(r->articles.size(), 1u);
  const PublishedArticle& a = r->articles[0];
  EXPECT_EQ(a.article_id, "ARTICLE_ID_1");
  EXPECT_EQ(a.index, 1);
  EXPECT_EQ(a.title, "示例标题");
  EXPECT_EQ(a.author, "作者名");
  EXPECT_EQ(a.digest, "摘要内容");
  EXPECT_EQ(a.url, "https://example.com/article");
  EXPECT_EQ(a.content_source_url, "https://example.com/source");
  EXPECT_EQ(a.update_time, 1627891234);
  EXPECT_FALSE(a.is_deleted);
}

// Every file in tests/fixtures/wechat is named in one of the tests above.
TEST(DatacubeJsonTest, EveryCopiedFixtureIsCovered) {
  std::set<std::string> covered = {
      "cgi-bin_stable_token.ok.officialdoc.json",
      "cgi-bin_token.ok.wechatpy.json",
      "datacube_getarticlesummary.ok.wechatpy.json",
      "datacube_getarticlesummary.real_with_user_source.community.json",
      "datacube_getarticletotal.ok.wechatpy.json",
      "datacube_getusercumulate.ok.wechatpy.json",
      "datacube_getusercumulate.with_user_source.community.json",
      "datacube_getuserread.ok.wechatpy.json",
      "datacube_getusersummary.empty_list.community.json",
      "datacube_getusersummary.ok.wechatpy.json",
      "datacube_getusersummary.two_days.community.json",
      "freepublish_batchget.empty.community.json",
      "freepublish_batchget.ok.officialdoc.json",
  };
  for (const auto& c : errorCases()) covered.insert(c.file);
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PUBTRACK_TEST_DATA_DIR) + "/wechat")) {
    ++files;
    EXPECT_TRUE(covered.count(entry.path().filename().string()))
        << entry.path() << " is not parsed by any test";
  }
  EXPECT_EQ(files, static_cast<int>(covered.size()));
}

// ---- New family (hand-written: no official sample exists) -------------------------------------

TEST(DatacubeJsonTest, ParsesBizSummaryWithDetailObject) {
  std::string body = R"({"list":[
    {"ref_date":"2025-11-01","detail":{"read_user":4123,"share_user":366,"zaikan_user":191,
     "like_user":386,"comment_count":33,"collection_user":233,"redirect_ori_page_user":7,
     "send_page_count":2,"read_user_source":[{"scene_desc":"全部","user_count":4123},
     {"scene_desc":"朋友圈","user_count":100}],"future_field":{"x":[1,2]}}},
    {"ref_date":"2025-11-02","read_user":"10","share_user":1}
  ],"is_delay":false})";
  auto r = parseBizSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_FALSE(r->is_delay);
  ASSERT_EQ(r->list.size(), 2u);
  const model::BizSummaryRow& a = r->list[0];
  EXPECT_EQ(a.ref_date, "2025-11-01");
  EXPECT_EQ(a.read_user, 4123);
  EXPECT_EQ(a.share_user, 366);
  EXPECT_EQ(a.zaikan_user, 191);
  EXPECT_EQ(a.like_user, 386);
  EXPECT_EQ(a.comment_count, 33);
  EXPECT_EQ(a.collection_user, 233);
  EXPECT_EQ(a.redirect_ori_page_user, 7);
  EXPECT_EQ(a.send_page_count, 2);
  ASSERT_EQ(a.read_user_source.size(), 2u);
  EXPECT_EQ(a.read_user_source[1].scene_desc, "朋友圈");
  EXPECT_EQ(a.read_user_source[1].user_count, 100);
  // Flat rows are tolerated too.
  EXPECT_EQ(r->list[1].read_user, 10);
  EXPECT_EQ(r->list[1].share_user, 1);
}

TEST(DatacubeJsonTest, AcceptsIsDelayAsBoolOrNumberOrString) {
  struct Case {
    const char* value;
    bool want;
  };
  const Case cases[] = {{"true", true},  {"false", false},   {"1", true},    {"0", false},
                        {"\"1\"", true}, {"\"true\"", true}, {"null", false}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    std::string body = std::string(R"({"is_delay":)") + c.value + R"(,"list":[]})";
    auto r = parseArticleRead(body);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->is_delay, c.want);
    std::string after = std::string(R"({"list":[],"is_delay":)") + c.value + "}";
    auto b = parseBizSummary(after);
    ASSERT_TRUE(b) << b.error().describe();
    EXPECT_EQ(b->is_delay, c.want);
  }
  std::string bad = R"({"list":[],"is_delay":"maybe"})";
  auto r = parseArticleTotalDetail(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, core::ErrorKind::BadPayload);
  EXPECT_NE(r.error().message.find("is_delay"), std::string::npos) << r.error().message;
}

TEST(DatacubeJsonTest, ParsesArticleTotalDetailWithPublishTypeAndDetailList) {
  std::string body = R"({"is_delay":true,"list":[
    {"ref_date":"2025-11-03","msgid":"2247490098_2","publish_type":1,"title":"通知",
     "content_url":"https://mp.weixin.qq.com/s?__biz=X&mid=2247490098&idx=2",
     "detail_list":[
       {"stat_date":"2025-11-03","read_user":100,"share_user":5,"zaikan_user":1,"like_user":2,
        "comment_count":0,"collection_user":3,"praise_money":500,"read_subscribe_user":4,
        "read_delivery_rate":0.25,"read_finish_rate":"0.5","read_avg_activetime":1.75,
        "read_user_source":[{"scene_desc":"全部","user_count":100}, 7],
        "read_jump_position":[{"position":1,"rate":0.9}]},
       {"stat_date":"2025-11-04","read_user":150}
     ]},
    {"ref_date":"2025-11-03","msgid":2247490099,"detail_list":null}
  ]})";
  auto r = parseArticleTotalDetail(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->is_delay);
  ASSERT_EQ(r->list.size(), 2u);
  const model::ArticleTotalDetail& a = r->list[0];
  EXPECT_EQ(a.msgid, "2247490098_2");
  EXPECT_EQ(a.publish_type, 1);
  EXPECT_EQ(a.title, "通知");
  EXPECT_EQ(a.content_url, "https://mp.weixin.qq.com/s?__biz=X&mid=2247490098&idx=2");
  ASSERT_EQ(a.detail_list.size(), 2u);
  const model::ArticleDetailSnapshot& s = a.detail_list[0];
  EXPECT_EQ(s.stat_date, "2025-11-03");
  EXPECT_EQ(s.read_user, 100);
  EXPECT_EQ(s.share_user, 5);
  EXPECT_EQ(s.zaikan_user, 1);
  EXPECT_EQ(s.like_user, 2);
  EXPECT_EQ(s.collection_user, 3);
  EXPECT_EQ(s.praise_money, 500);
  EXPECT_EQ(s.read_subscribe_user, 4);
  EXPECT_DOUBLE_EQ(s.read_delivery_rate, 0.25);
  EXPECT_DOUBLE_EQ(s.read_finish_rate, 0.5);
  EXPECT_DOUBLE_EQ(s.read_avg_activetime, 1.75);
  ASSERT_EQ(s.read_user_source.size(), 1u);  // the stray 7 is skipped
  EXPECT_EQ(a.detail_list[1].read_user, 150);
  // A numeric msgid is kept as text; a missing publish_type is not "notified".
  EXPECT_EQ(r->list[1].msgid, "2247490099");
  EXPECT_EQ(r->list[1].publish_type, model::kPublishTypeUnknown);
  EXPECT_TRUE(r->list[1].detail_list.empty());
}

TEST(DatacubeJsonTest, ParsesArticleReadWithDetail) {
  std::string body = R"({"list":[{"ref_date":"2025-11-05","msgid":"2247483904_1",
    "detail":{"read_user":42,"read_user_source":[{"scene_desc":"聊天会话","user_count":40}]}}],
    "is_delay":0})";
  auto r = parseArticleRead(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_FALSE(r->is_delay);
  ASSERT_EQ(r->list.size(), 1u);
  EXPECT_EQ(r->list[0].ref_date, "2025-11-05");
  EXPECT_EQ(r->list[0].msgid, "2247483904_1");
  EXPECT_EQ(r->list[0].read_user, 42);
  ASSERT_EQ(r->list[0].read_user_source.size(), 1u);
  EXPECT_EQ(r->list[0].read_user_source[0].user_count, 40);
}

TEST(DatacubeJsonTest, NewFamilyEmptyDayIsNotAnError) {
  std::string body = R"({"list":[],"is_delay":false})";
  auto r = parseArticleTotalDetail(body);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->list.empty());
}

// ---- Quirks -----------------------------------------------------------------------------------

TEST(DatacubeJsonTest, AcceptsNumbersSentAsStringsAndIdsSentAsNumbers) {
  std::string body = R"({"list":[{"ref_date":"2024-01-01","user_source":"17","new_user":"12",
    "cancel_user":" 3 "},{"ref_date":"2024-01-01","user_source":0,"new_user":2.0,
    "cancel_user":null}]})";
  auto r = parseUserSummary(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].user_source, 17);
  EXPECT_EQ((*r)[0].new_user, 12);
  EXPECT_EQ((*r)[0].cancel_user, 3);
  EXPECT_EQ((*r)[1].new_user, 2);
  EXPECT_EQ((*r)[1].cancel_user, 0);
  const auto days = sumUserSummaryByDay(*r);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].new_user, 14);
  EXPECT_EQ(days[0].net(), 11);

  std::string ids = R"({"list":[{"ref_date":"2024-01-01","msgid":2247483904,"title":"t"},
    {"ref_date":"2024-01-01","msgid":18446744073709551615}]})";
  auto a = parseArticleSummary(ids);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ((*a)[0].msgid, "2247483904");
  EXPECT_EQ((*a)[1].msgid, "18446744073709551615");

  std::string page = R"({"item":[{"article_id":12345,"update_time":"1627891234",
    "content":{"news_item":[{"title":"a","is_deleted":1},{"title":"b","is_deleted":"false"}]}}],
    "total_count":"1","item_count":1})";
  auto p = parsePublishedPage(page);
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->total_count, 1);
  ASSERT_EQ(p->articles.size(), 2u);
  EXPECT_EQ(p->articles[0].article_id, "12345");
  EXPECT_EQ(p->articles[1].article_id, "12345");
  EXPECT_EQ(p->articles[1].index, 2);
  EXPECT_EQ(p->articles[1].update_time, 1627891234);
  EXPECT_TRUE(p->articles[0].is_deleted);
  EXPECT_FALSE(p->articles[1].is_deleted);
}

TEST(DatacubeJsonTest, IgnoresUnknownFieldsAndToleratesMissingOnes) {
  std::string body = R"({"errcode":0,"errmsg":"ok","extra":[{"a":{"b":[1,"x",null]}}],
    "list":[{"nested":{"deep":[[1],[2]]},"ref_date":"2024-02-29","unknown":true},{}]})";
  auto r = parseUserCumulate(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].ref_date, "2024-02-29");
  EXPECT_EQ((*r)[0].cumulate_user, 0);
  EXPECT_EQ((*r)[1].ref_date, "");

  std::string nothing = R"({})";
  auto n = parseArticleTotal(nothing);
  ASSERT_TRUE(n) << n.error().describe();
  EXPECT_TRUE(n->empty());
}

TEST(DatacubeJsonTest, UserReadTotalsUseThe99999999RowAndReportDaysWithoutOne) {
  std::string body = R"({"list":[
    {"ref_date":"2020-03-01","user_source":0,"int_page_read_user":60},
    {"ref_date":"2020-03-01","user_source":99999999,"int_page_read_user":90},
    {"ref_date":"2020-03-01","user_source":2,"int_page_read_user":50},
    {"ref_date":"2020-03-02","user_source":0,"int_page_read_user":5},
    {"ref_date":"2020-03-02","user_source":1,"int_page_read_user":6},
    {"ref_date":"2019-01-01","int_page_read_user":7},
    {"ref_date":"2019-01-02","user_source":null,"int_page_read_user":8}
  ]})";
  auto r = parseUserRead(body);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 7u);
  EXPECT_EQ((*r)[1].user_source, model::kAllReadSources);
  EXPECT_FALSE((*r)[6].user_source.has_value());
  const UserReadTotals t = selectUserReadTotals(*r);
  ASSERT_EQ(t.totals.size(), 3u);
  EXPECT_EQ(t.totals[0].ref_date, "2019-01-01");
  EXPECT_EQ(t.totals[0].reads.int_page_read_user, 7);
  EXPECT_EQ(t.totals[1].ref_date, "2019-01-02");
  EXPECT_EQ(t.totals[2].ref_date, "2020-03-01");
  EXPECT_EQ(t.totals[2].reads.int_page_read_user, 90);
  ASSERT_EQ(t.unresolved.size(), 1u);
  EXPECT_EQ(t.unresolved[0], "2020-03-02");
}

TEST(DatacubeJsonTest, OlderHintSuffixIsTakenAsTheRid) {
  std::string body = R"({"errcode":45011,"errmsg":"api minute-quota reach limit hint: [ab12cd]"})";
  auto r = parseBizSummary(body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, core::ErrorKind::RateLimited);
  const auto api = apiErrorOf(r.error());
  ASSERT_TRUE(api);
  EXPECT_EQ(api->errcode, 45011);
  EXPECT_EQ(api->errmsg, "api minute-quota reach limit");
  EXPECT_EQ(api->rid, "ab12cd");
  EXPECT_EQ(classify(api->errcode), Reaction::WaitNextMinute);
}

TEST(DatacubeJsonTest, ErrcodeZeroIsSuccessAndErrcodeAsStringIsAccepted) {
  std::string ok = R"({"list":[{"ref_date":"2024-01-01","cumulate_user":5}],"errcode":0})";
  ASSERT_TRUE(parseUserCumulate(ok));
  std::string s = R"({"errcode":"42001","errmsg":"access_token expired rid: x-y"})";
  auto r = parseUserCumulate(s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, core::ErrorKind::AuthExpired);
  EXPECT_EQ(apiErrorOf(r.error())->rid, "x-y");
}

TEST(DatacubeJsonTest, ApiErrorRoundTripsThroughTheErrorMessage) {
  const ApiError api = makeApiError(40164, "invalid ip 1.2.3.4, not in whitelist rid: 1-2-3");
  EXPECT_EQ(api.errmsg, "invalid ip 1.2.3.4, not in whitelist");
  EXPECT_EQ(api.rid, "1-2-3");
  const core::Error e = toError(api, "cgi-bin/stable_token");
  EXPECT_EQ(e.kind, core::ErrorKind::Api);
  const auto back = apiErrorOf(e);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->errcode, 40164);
  EXPECT_EQ(back->errmsg, api.errmsg);
  EXPECT_EQ(back->rid, api.rid);

  const auto no_rid = apiErrorOf(toError(makeApiError(-1, "system error"), "x"));
  ASSERT_TRUE(no_rid);
  EXPECT_EQ(no_rid->errcode, -1);
  EXPECT_EQ(no_rid->rid, "");

  EXPECT_FALSE(apiErrorOf(core::makeError(core::ErrorKind::BadPayload, "x", "errcode 1: y")));
  EXPECT_FALSE(apiErrorOf(core::makeError(core::ErrorKind::Api, "x", "something else")));
}

// ---- Bad bodies -------------------------------------------------------------------------------

TEST(DatacubeJsonTest, BadBodiesAreBadPayloadNamingEndpointAndField) {
  struct Case {
    const char* name;
    std::string body;
    AnyParse parse;
    std::string_view source;
    const char* message_has;
  };
  const Case cases[] = {
      {"truncated in a string", R"({"list":[{"ref_date":"2014-12-0)", errorOnly(parseUserSummary),
       kUserSummarySource, "not JSON"},
      {"truncated after a number", R"({"list":[{"ref_date":"2014-12-07","cumulate_user":12)",
       errorOnly(parseUserCumulate), kUserCumulateSource, "list"},
      {"truncated between items", R"({"list":[{"ref_date":"2014-12-07"},)",
       errorOnly(parseUserCumulate), kUserCumulateSource, "list"},
      {"html error page",
       "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
       errorOnly(parseArticleTotal), kArticleTotalSource, "<html><head>"},
      {"empty body", "", errorOnly(parseToken), kStableTokenSource, "not JSON"},
      {"array root", "[]", errorOnly(parseBizSummary), kBizSummarySource, "not a JSON object"},
      {"object as count", R"({"list":[{"ref_date":"2024-01-01","new_user":{"n":1}}]})",
       errorOnly(parseUserSummary), kUserSummarySource,
       "field list[0].new_user: expected a number, got an object"},
      {"word as count", R"({"list":[{},{"cancel_user":"many"}]})", errorOnly(parseUserSummary),
       kUserSummarySource, "field list[1].cancel_user: not an integer: \"many\""},
      {"fraction as count", R"({"list":[{"read_user":1.5}],"is_delay":false})",
       errorOnly(parseArticleRead), kArticleReadSource, "field list[0].read_user: not an integer"},
      {"bad stat_date",
       R"({"list":[{"ref_date":"2014-12-08","details":[{"stat_date":"2014/12/14"}]}]})",
       errorOnly(parseArticleTotal), kArticleTotalSource,
       "field list[0].details[0].stat_date: not a YYYY-MM-DD date"},
      {"list is an object", R"({"list":{"ref_date":"2014-12-08"}})", errorOnly(parseArticleSummary),
       kArticleSummarySource, "field list:"},
      {"title is an array", R"({"list":[{"title":["a"]}]})", errorOnly(parseArticleSummary),
       kArticleSummarySource, "field list[0].title: expected a string, got an array"},
      {"second closing brace", R"({"list":[]}})", errorOnly(parseUserCumulate), kUserCumulateSource,
       "content after the JSON object"},
      {"invalid UTF-8", "{\"list\":[{\"title\":\"a\xff\"}]}", errorOnly(parseArticleSummary),
       kArticleSummarySource, "not JSON"},
      {"bad literal", R"({"list":[{"cumulate_user":tru}]})", errorOnly(parseUserCumulate),
       kUserCumulateSource, "field list[0].cumulate_user"},
      {"token without token", R"({"expires_in":7200})", errorOnly(parseToken), kStableTokenSource,
       "field access_token"},
      {"token without lifetime", R"({"access_token":"T"})", errorOnly(parseToken),
       kStableTokenSource, "field expires_in"},
      {"news_item not a list", R"({"item":[{"content":{"news_item":3}}]})",
       errorOnly(parsePublishedPage), kBatchGetSource, "field item[0].content.news_item"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string body = c.body;
    const auto error = c.parse(body);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, core::ErrorKind::BadPayload) << error->describe();
    EXPECT_EQ(error->source, c.source);
    EXPECT_NE(error->message.find(c.message_has), std::string::npos) << error->message;
    EXPECT_FALSE(apiErrorOf(*error).has_value());
  }
}

TEST(DatacubeJsonTest, SplitsMsgids) {
  struct Case {
    const char* msgid;
    const char* id;
    int index;
  };
  const Case cases[] = {{"2247483904_1", "2247483904", 1},
                        {"2247490098_8", "2247490098", 8},
                        {"23423525", "23423525", 0},
                        {"abc_x", "abc_x", 0},
                        {"", "", 0}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.msgid);
    const MsgidParts p = splitMsgid(c.msgid);
    EXPECT_EQ(p.msg_data_id, c.id);
    EXPECT_EQ(p.index, c.index);
  }
}

TEST(DatacubeJsonTest, ReusesTheParserAcrossBodiesOfDifferentSizes) {
  std::string big = R"({"list":[)";
  for (int i = 0; i < 2000; ++i) {
    if (i) big += ',';
    big += R"({"ref_date":"2024-01-01","user_source":)" + std::to_string(i % 7) +
           R"(,"new_user":1,"cancel_user":0})";
  }
  big += "]}";
  std::string small = fixture("datacube_getusersummary.ok.wechatpy.json");
  for (int round = 0; round < 3; ++round) {
    auto b = parseUserSummary(big);
    ASSERT_TRUE(b) << b.error().describe();
    EXPECT_EQ(b->size(), 2000u);
    auto s = parseUserSummary(small);
    ASSERT_TRUE(s) << s.error().describe();
    EXPECT_EQ(s->size(), 1u);
  }
  EXPECT_EQ(sumUserSummaryByDay(*parseUserSummary(big)).front().new_user, 2000);
}

}  // namespace
}  // namespace pubtrack::wechat
