// SPDX-License-Identifier: Apache-2.0
// Datacube and freepublish over HTTP: spans, the date window, the 08:00 rule, the 99999999 row,
// follower consistency, is_delay, determinism and agreement with /sim/expected.
#include <set>

#include "sim_http.h"

namespace pubtrack::fakes {
namespace {

using DatacubeTest = SimSuite;
using Poco::JSON::Array;
using Poco::JSON::Object;

long long errcodeOf(const HttpReply& r) {
  const auto o = parseObject(r.body);
  return o->has("errcode") ? o->getValue<long long>("errcode") : 0;
}

Array::Ptr listOf(const HttpReply& r) {
  const auto o = parseObject(r.body);
  EXPECT_TRUE(o->has("list")) << r.body;
  return o->getArray("list");
}

Object::Ptr expectedFor(const std::string& appid, const std::string& from, const std::string& to) {
  return parseObject(
      httpGet(SimSuite::url("/sim/expected?appid=" + appid + "&from=" + from + "&to=" + to)).body);
}

TEST_F(DatacubeTest, SpansBeyondTheLimitAnswer61501) {
  const std::string tok = token();
  struct Case {
    const char* name;
    int span;
    const char* begin;  // a day that has data for every endpoint
  } cases[] = {{"getusersummary", 7, "2025-12-01"},        {"getusercumulate", 7, "2025-12-01"},
               {"getarticlesummary", 1, "2025-12-01"},     {"getarticletotal", 1, "2025-12-01"},
               {"getuserread", 3, "2025-12-01"},           {"getbizsummary", 30, "2025-11-01"},
               {"getarticletotaldetail", 1, "2025-12-01"}, {"getarticleread", 1, "2025-12-01"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto b = *core::Date::parse(c.begin);
    const auto ok = datacube(c.name, b.toString(), (b + (c.span - 1)).toString(), tok);
    EXPECT_EQ(errcodeOf(ok), 0) << ok.body;
    EXPECT_GT(listOf(ok)->size(), 0u);
    const auto too_long = datacube(c.name, b.toString(), (b + c.span).toString(), tok);
    EXPECT_EQ(errcodeOf(too_long), 61501) << too_long.body;
    EXPECT_EQ(errcodeOf(datacube(c.name, (b + 1).toString(), b.toString(), tok)), 61501);
  }
}

TEST_F(DatacubeTest, DateWindowTodayAndBeforeFromAnswer61501) {
  const std::string tok = token();
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2026-01-09", "2026-01-10", tok)), 61501);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2026-01-10", "2026-01-10", tok)), 61501);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2023-12-31", "2024-01-01", tok)), 61501);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2024-01-01", "2024-01-01", tok)), 0);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2024-1-1", "2024-01-01", tok)), 61500);
  // The new family has no data before 2025-11-01: an empty list, not an error.
  const auto early = datacube("getbizsummary", "2025-10-01", "2025-10-30", tok);
  EXPECT_EQ(early.body, "{\"list\":[],\"is_delay\":false}");
}

TEST_F(DatacubeTest, YesterdayIsEmptyBefore0800ChinaTime) {
  setToday("2026-01-10T07:59");
  const std::string tok = token();
  EXPECT_EQ(datacube("getusersummary", "2026-01-09", "2026-01-09", tok).body, "{\"list\":[]}");
  EXPECT_EQ(listOf(datacube("getusercumulate", "2026-01-08", "2026-01-09", tok))->size(), 1u);
  setToday("2026-01-10T08:00");
  EXPECT_GT(listOf(datacube("getusersummary", "2026-01-09", "2026-01-09", tok))->size(), 0u);
}

TEST_F(DatacubeTest, UserReadHasATotalRowThatChannelsDoNotAddUpTo) {
  const std::string tok = token();
  const auto list = listOf(datacube("getuserread", "2024-05-06", "2024-05-08", tok));
  const auto daily = parseObject(httpGet(url(std::string("/sim/expected/daily?appid=") + kApp1 +
                                             "&from=2024-05-06&to=2024-05-08"))
                                     .body)
                         ->getArray("days");
  for (size_t k = 0; k < 3; ++k) {
    const auto day = daily->getObject(static_cast<unsigned>(k));
    const std::string date = day->getValue<std::string>("date");
    SCOPED_TRACE(date);
    int totals = 0;
    long long channel_users = 0, total_users = 0, total_views = 0;
    for (size_t i = 0; i < list->size(); ++i) {
      const auto row = list->getObject(static_cast<unsigned>(i));
      if (row->getValue<std::string>("ref_date") != date) continue;
      if (row->getValue<long long>("user_source") == 99999999) {
        ++totals;
        total_users = row->getValue<long long>("int_page_read_user");
        total_views = row->getValue<long long>("int_page_read_count");
      } else {
        channel_users += row->getValue<long long>("int_page_read_user");
      }
    }
    EXPECT_EQ(totals, 1);
    EXPECT_NE(channel_users, total_users);
    EXPECT_EQ(total_users, day->getValue<long long>("read_users"));
    EXPECT_EQ(total_views, day->getValue<long long>("page_views"));
  }
}

TEST_F(DatacubeTest, CumulateFollowsFromTheChannelRows) {
  const std::string tok = token();
  auto cum = listOf(datacube("getusercumulate", "2024-01-01", "2024-01-07", tok));
  auto sum = listOf(datacube("getusersummary", "2024-01-01", "2024-01-07", tok));
  long long prev = 30000;  // followers_start
  for (size_t i = 0; i < cum->size(); ++i) {
    const auto c = cum->getObject(static_cast<unsigned>(i));
    const std::string date = c->getValue<std::string>("ref_date");
    long long net = 0;
    for (size_t k = 0; k < sum->size(); ++k) {
      const auto row = sum->getObject(static_cast<unsigned>(k));
      if (row->getValue<std::string>("ref_date") == date)
        net += row->getValue<long long>("new_user") - row->getValue<long long>("cancel_user");
    }
    EXPECT_EQ(c->getValue<long long>("cumulate_user"), prev + net) << date;
    prev = c->getValue<long long>("cumulate_user");
  }
  EXPECT_EQ(cum->size(), 7u);
}

TEST_F(DatacubeTest, SameRequestGivesTheSameBytes) {
  const std::string tok = token();
  for (const char* name : {"getusersummary", "getarticletotal", "getarticletotaldetail"}) {
    SCOPED_TRACE(name);
    const auto a = datacube(name, "2025-12-02", "2025-12-02", tok);
    const auto b = datacube(name, "2025-12-02", "2025-12-02", tok);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(a.headers.at("content-type"), "application/json; encoding=utf-8");
  }
}

TEST_F(DatacubeTest, NewFamilyIsDelayedNearTodayThenFinal) {
  const std::string tok = token();
  const auto first = datacube("getbizsummary", "2026-01-08", "2026-01-09", tok);
  const auto delayed = parseObject(first.body);
  ASSERT_TRUE(delayed->has("is_delay")) << first.body;
  EXPECT_TRUE(delayed->getValue<bool>("is_delay"));
  const auto daily = httpGet(
      url(std::string("/sim/expected/daily?appid=") + kApp1 + "&from=2026-01-08&to=2026-01-09"));
  const auto days = parseObject(daily.body)->getArray("days");
  ASSERT_TRUE(days && days->size() == 2) << daily.body;
  const auto list = delayed->getArray("list");
  ASSERT_EQ(list->size(), 2u) << first.body;
  const long long partial =
      list->getObject(1)->getObject("detail")->getValue<long long>("read_user");
  const long long final_value = days->getObject(1)->getValue<long long>("read_users");
  EXPECT_LT(partial, final_value);

  setToday("2026-01-13T09:00");  // three days on: the old token has expired meanwhile
  EXPECT_EQ(parseObject(datacube("getbizsummary", "2026-01-08", "2026-01-09", tok).body)
                ->getValue<long long>("errcode"),
            42001);
  const auto second = datacube("getbizsummary", "2026-01-08", "2026-01-09", token());
  const auto later = parseObject(second.body);
  EXPECT_FALSE(later->getValue<bool>("is_delay")) << second.body;
  ASSERT_EQ(later->getArray("list")->size(), 2u) << second.body;
  EXPECT_EQ(
      later->getArray("list")->getObject(1)->getObject("detail")->getValue<long long>("read_user"),
      final_value);
}

TEST_F(DatacubeTest, ArticleEndpointsAgreeWithExpected) {
  const std::string tok = token();
  // New family: every article published that day, both publish types, title and URL.
  long long notified = 0, silent = 0;
  std::set<std::string> msgids;
  for (int d = 1; d <= 7; ++d) {
    const std::string day = "2025-12-0" + std::to_string(d);
    const auto list = listOf(datacube("getarticletotaldetail", day, day, tok));
    for (size_t i = 0; i < list->size(); ++i) {
      const auto art = list->getObject(static_cast<unsigned>(i));
      msgids.insert(art->getValue<std::string>("msgid"));
      (art->getValue<int>("publish_type") == 0 ? notified : silent)++;
      const std::string mid = art->getValue<std::string>("msgid");
      EXPECT_NE(art->getValue<std::string>("content_url")
                    .find("&mid=" + mid.substr(0, mid.find('_')) +
                          "&idx=" + mid.substr(mid.find('_') + 1)),
                std::string::npos);
      EXPECT_GT(art->getArray("detail_list")->size(), 0u);
    }
  }
  const auto e = expectedFor(kApp1, "2025-12-01", "2025-12-07");
  EXPECT_EQ(static_cast<long long>(msgids.size()), e->getValue<long long>("articles"));
  EXPECT_EQ(notified, e->getValue<long long>("articles_notified"));
  EXPECT_EQ(silent, e->getValue<long long>("articles_silent"));

  // Legacy getarticletotal lists mass-sent (notified) articles only, with 7-day details.
  long long legacy = 0;
  for (int d = 1; d <= 7; ++d) {
    const std::string day = "2024-03-0" + std::to_string(d);
    const auto list = listOf(datacube("getarticletotal", day, day, tok));
    legacy += static_cast<long long>(list->size());
    if (list->size() > 0) {
      EXPECT_EQ(list->getObject(0)->getArray("details")->size(), 7u);
    }
  }
  EXPECT_EQ(
      legacy,
      expectedFor(kApp1, "2024-03-01", "2024-03-07")->getValue<long long>("articles_notified"));
}

TEST_F(DatacubeTest, FreepublishListsSilentSendsPaged) {
  const std::string tok = token(kApp2, kSecret2);
  const std::string u = url("/cgi-bin/freepublish/batchget?access_token=" + tok);
  const auto first = parseObject(httpPost(u, "{\"offset\":0,\"count\":20,\"no_content\":1}").body);
  const long long total = first->getValue<long long>("total_count");
  const auto e = expectedFor(kApp2, "2024-06-15", "2026-01-10");
  EXPECT_EQ(total, e->getValue<long long>("articles_silent"));  // one article per silent send
  EXPECT_EQ(first->getValue<long long>("item_count"), 20);
  const auto item = first->getArray("item")->getObject(0);
  const auto news = item->getObject("content")->getArray("news_item")->getObject(0);
  EXPECT_FALSE(news->has("content"));
  EXPECT_NE(news->getValue<std::string>("url").find("mp.weixin.qq.com"), std::string::npos);
  const auto last = parseObject(
      httpPost(u, "{\"offset\":" + std::to_string(total - 3) + ",\"count\":20,\"no_content\":0}")
          .body);
  EXPECT_EQ(last->getValue<long long>("item_count"), 3);
  EXPECT_EQ(errcodeOf(httpPost(u, "{\"offset\":0,\"count\":21,\"no_content\":1}")), 40097);
}

TEST_F(DatacubeTest, ExpectedIsSelfConsistent) {
  const auto e = expectedFor(kApp1, "2024-01-01", "2024-12-31");
  EXPECT_EQ(e->getValue<long long>("articles_notified") + e->getValue<long long>("articles_silent"),
            795);
  EXPECT_EQ(e->getValue<long long>("articles"), e->getValue<long long>("articles_notified"));
  EXPECT_EQ(e->getValue<long long>("page_views"), 1523456);
  EXPECT_EQ(e->getValue<long long>("read_users"), 1100000);
  EXPECT_EQ(e->getValue<long long>("followers_end"), 49210);
  EXPECT_EQ(e->getValue<long long>("followers_end") - e->getValue<long long>("followers_start"),
            e->getValue<long long>("followers_net"));
  EXPECT_EQ(e->getValue<long long>("new_user") - e->getValue<long long>("cancel_user"),
            e->getValue<long long>("followers_net"));
  EXPECT_EQ(httpGet(url("/sim/expected?appid=nope&from=2024-01-01&to=2024-01-02")).status, 404);
  EXPECT_EQ(
      httpGet(url(std::string("/sim/expected?appid=") + kApp1 + "&from=2024-02-01&to=2024-01-02"))
          .status,
      400);
}

}  // namespace
}  // namespace pubtrack::fakes
