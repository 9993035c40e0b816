// SPDX-License-Identifier: Apache-2.0
// WeChatCollector against pubtrack-sim over real HTTP: tokens, errcode reactions, day states.
#include "collectors/wechat/wechat_collector.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <thread>

#include "collectors/wechat/datacube_json.h"
#include "wechat_sim_suite.h"

namespace pubtrack::fakes {
namespace {

using model::DayStatus;
using model::Endpoint;
using wechat::AccountBatch;
using wechat::PlannedCall;

core::Date day(const char* iso) { return *core::Date::parse(iso); }
PlannedCall call(model::Endpoint e, const char* from, const char* to) {
  return PlannedCall{e, model::DateRange{day(from), day(to)}};
}

int countDays(const AccountBatch& b, model::DayStatus status) {
  int n = 0;
  for (const auto& d : b.days) n += d.status == status;
  return n;
}

std::string describeAll(const AccountBatch& b) {
  std::string s;
  for (const auto& e : b.errors) s += "error: " + e.describe() + "\n";
  for (const auto& e : b.notes) s += "note: " + e.describe() + "\n";
  if (b.stopped) s += "stopped: " + b.stop_reason + "\n";
  return s;
}

// Every byte the batch would show or store, except the statistics rows.
std::string everyText(const AccountBatch& b) {
  std::string s = describeAll(b);
  for (const auto& e : b.errors) s += e.source + e.message + e.code;
  for (const auto& r : b.raw) s += r.request + "\n" + r.body + "\n";
  for (const auto& d : b.days) s += d.detail + "\n";
  return s;
}

const std::vector<model::Endpoint> kFollowers{model::Endpoint::UserSummary,
                                              model::Endpoint::UserCumulate};

using WeChatCollectorTest = WeChatSimSuite;

TEST_F(WeChatCollectorTest, UsesStableTokenOnceForManyCalls) {
  auto collector = makeCollector(4);
  const auto calls =
      plan({model::Endpoint::UserSummary, model::Endpoint::UserCumulate, model::Endpoint::UserRead},
           "2024-03-01", "2024-03-31");
  ASSERT_GE(calls.size(), 15u);
  const auto batches = collector.collect({job(kAppA, kSecretA, calls)});
  ASSERT_EQ(batches.size(), 1u);
  const AccountBatch& b = batches[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_FALSE(b.stopped);
  EXPECT_EQ(b.calls, static_cast<int>(calls.size()));
  EXPECT_EQ(b.token_calls, 1);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 1);
  EXPECT_EQ(hits("/cgi-bin/token"), 0);
  EXPECT_EQ(countDays(b, model::DayStatus::Final), static_cast<int>(b.days.size()));
  EXPECT_EQ(b.raw.size(), calls.size());
  EXPECT_EQ(b.raw.front().http_status, 200);
  std::set<std::string> keys;
  for (const auto& c : calls) keys.insert(c.toString());
  for (const auto& r : b.raw) EXPECT_EQ(keys.count(r.request), 1u) << r.request;
  // Rows come sorted by day.
  EXPECT_TRUE(std::is_sorted(b.user_cumulate.begin(), b.user_cumulate.end(),
                             [](auto& x, auto& y) { return x.ref_date < y.ref_date; }));

  // A second run with the same collector reuses the cached token.
  const auto again = collector.collect({job(kAppA, kSecretA, {calls.front()})});
  EXPECT_EQ(again[0].token_calls, 0);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 1);
}

TEST_F(WeChatCollectorTest, RowsMatchTheSimulatorsExpectedFigures) {
  auto collector = makeCollector(3);
  const auto calls = plan({model::Endpoint::UserSummary, model::Endpoint::UserCumulate,
                           model::Endpoint::UserRead, model::Endpoint::ArticleTotal},
                          "2024-03-01", "2024-03-14");
  const auto b = collector.collect({job(kAppA, kSecretA, calls)})[0];
  ASSERT_TRUE(b.errors.empty()) << describeAll(b);

  long long new_user = 0, cancel_user = 0, page_views = 0, read_users = 0;
  for (const auto& r : b.user_summary) {
    if (r.ref_date < "2024-03-01") continue;  // the day before: followers at the start
    new_user += r.new_user;
    cancel_user += r.cancel_user;
  }
  for (const auto& r : b.user_read) {
    if (r.user_source != model::kAllReadSources) continue;
    page_views += r.reads.int_page_read_count;
    read_users += r.reads.int_page_read_user;
  }
  std::set<std::string> msgids;
  for (const auto& a : b.article_total) msgids.insert(a.msgid);
  long long start = -1, end = -1;
  for (const auto& r : b.user_cumulate) {
    if (r.ref_date == "2024-02-29") start = r.cumulate_user;
    if (r.ref_date == "2024-03-14") end = r.cumulate_user;
  }

  const auto e = expected(kAppA, "2024-03-01", "2024-03-14");
  EXPECT_EQ(new_user, e->getValue<long long>("new_user"));
  EXPECT_EQ(cancel_user, e->getValue<long long>("cancel_user"));
  EXPECT_EQ(page_views, e->getValue<long long>("page_views"));
  EXPECT_EQ(read_users, e->getValue<long long>("read_users"));
  EXPECT_EQ(static_cast<long long>(msgids.size()), e->getValue<long long>("articles_notified"));
  EXPECT_EQ(start, e->getValue<long long>("followers_start"));
  EXPECT_EQ(end, e->getValue<long long>("followers_end"));
  EXPECT_EQ(end - start, new_user - cancel_user);
}

TEST_F(WeChatCollectorTest, ExpiredTokenIsReplacedOnTheNextRun) {
  auto collector = makeCollector(2);
  const std::vector<PlannedCall> calls{
      call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")};
  EXPECT_EQ(collector.collect({job(kAppA, kSecretA, calls)})[0].token_calls, 1);
  // 7100 s later fewer than 300 s remain: the provider asks again and gets a new token.
  setNow(simNow() + std::chrono::seconds(7100));
  const auto b = collector.collect({job(kAppA, kSecretA, calls)})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.token_calls, 1);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 2);
  // Past the expiry the simulator would answer 42001; the collector never sends an old token.
  setNow(simNow() + std::chrono::seconds(7300));
  const auto c = collector.collect({job(kAppA, kSecretA, calls)})[0];
  EXPECT_TRUE(c.errors.empty()) << describeAll(c);
  EXPECT_EQ(c.token_calls, 0);
}

TEST_F(WeChatCollectorTest, Error40001OnceRefreshesTheTokenAndRetries) {
  fault(std::string("{\"path\":\"/datacube/getusersummary\",\"errcode\":40001,\"appid\":\"") +
        kAppA + "\"}");
  auto collector = makeCollector(1);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserSummary, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_FALSE(b.stopped);
  EXPECT_EQ(b.token_calls, 2);
  EXPECT_EQ(b.forced_refreshes, 0);
  EXPECT_EQ(b.calls, 2);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 2);
  EXPECT_FALSE(b.user_summary.empty());
  EXPECT_EQ(countDays(b, model::DayStatus::Final), 7);
}

TEST_F(WeChatCollectorTest, Persistent40001StopsTheAccountAfterOneForcedRefresh) {
  for (const char* path : {"/datacube/getusersummary", "/datacube/getusercumulate"}) {
    fault(std::string("{\"path\":\"") + path + "\",\"errcode\":40001,\"times\":-1,\"appid\":\"" +
          kAppA + "\"}");
  }
  auto collector = makeCollector(3);
  const auto calls = plan(kFollowers, "2024-05-01", "2024-05-31");
  const auto batches =
      collector.collect({job(kAppA, kSecretA, calls), job(kAppB, kSecretB, calls)});
  const AccountBatch& a = batches[0];
  const AccountBatch& b = batches[1];
  EXPECT_TRUE(a.stopped);
  EXPECT_NE(a.stop_reason.find("forced refresh"), std::string::npos) << a.stop_reason;
  EXPECT_NE(a.stop_reason.find("errcode 40001"), std::string::npos) << a.stop_reason;
  EXPECT_EQ(a.forced_refreshes, 1);
  EXPECT_LE(a.token_calls, 4);  // first, one refetch, one forced (+ a racing refetch at most)
  ASSERT_FALSE(a.errors.empty());
  EXPECT_EQ(a.errors.front().code, "40001");
  EXPECT_NE(a.errors.front().source.find("account.alpha"), std::string::npos);
  EXPECT_EQ(countDays(a, model::DayStatus::Final), 0);
  EXPECT_GT(countDays(a, model::DayStatus::Skipped), 0);

  EXPECT_FALSE(b.stopped);
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(countDays(b, model::DayStatus::Final), static_cast<int>(b.days.size()));
  EXPECT_EQ(b.token_calls, 1);
}

TEST_F(WeChatCollectorTest, SystemBusyIsRetriedWithBackoff) {
  fault("{\"path\":\"/datacube/getusercumulate\",\"errcode\":-1,\"times\":2}");
  auto collector = makeCollector(1, 3, 100);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.calls, 3);
  EXPECT_EQ(b.user_cumulate.size(), 7u);
  const auto waits = sleep_.waits();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_GE(waits[0].count(), 75);  // 100 ms ±25%
  EXPECT_LE(waits[0].count(), 125);
  EXPECT_GE(waits[1].count(), 150);  // 200 ms ±25%
  EXPECT_LE(waits[1].count(), 250);
}

TEST_F(WeChatCollectorTest, SystemBusyBeyondTheRetriesIsAnErrorNamingTheCall) {
  fault("{\"path\":\"/datacube/getusercumulate\",\"errcode\":-1,\"times\":-1}");
  auto collector = makeCollector(1, 2, 10);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")})})[0];
  ASSERT_EQ(b.errors.size(), 1u) << describeAll(b);
  EXPECT_EQ(b.calls, 3);
  EXPECT_EQ(b.errors[0].code, "-1");
  EXPECT_EQ(b.errors[0].source, "account.alpha getusercumulate 2024-05-01..2024-05-07");
  EXPECT_NE(b.errors[0].message.find("rid "), std::string::npos) << b.errors[0].message;
  EXPECT_EQ(countDays(b, model::DayStatus::Failed), 7);
  EXPECT_FALSE(b.stopped);
}

TEST_F(WeChatCollectorTest, MinuteLimitWaitsForTheNextMinute) {
  setNow(simNow() + std::chrono::seconds(20));  // 10:00:20
  fault("{\"path\":\"/datacube/getusersummary\",\"errcode\":45011}");
  auto collector = makeCollector(1);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserSummary, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.calls, 2);
  const auto waits = sleep_.waits();
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(waits[0], std::chrono::milliseconds(40000));
  EXPECT_EQ(wechat::untilNextMinute(simNow()), std::chrono::milliseconds(60000));
}

TEST_F(WeChatCollectorTest, DailyQuotaStopsOnlyThatEndpoint) {
  fault(std::string("{\"path\":\"/datacube/getusersummary\",\"errcode\":45009,\"times\":-1,"
                    "\"appid\":\"") +
        kAppA + "\"}");
  auto collector = makeCollector(1);
  const auto calls = plan(kFollowers, "2024-05-01", "2024-05-31");
  const auto b = collector.collect({job(kAppA, kSecretA, calls)})[0];
  EXPECT_FALSE(b.stopped);
  ASSERT_EQ(b.stopped_endpoints.size(), 1u);
  EXPECT_EQ(b.stopped_endpoints[0], model::Endpoint::UserSummary);
  ASSERT_EQ(b.errors.size(), 1u) << describeAll(b);
  EXPECT_EQ(b.errors[0].code, "45009");
  EXPECT_EQ(b.errors[0].kind, core::ErrorKind::RateLimited);
  EXPECT_EQ(hits("/datacube/getusersummary"), 1);  // no further calls to it
  for (const auto& d : b.days) {
    SCOPED_TRACE(d.day.toString());
    if (d.endpoint == model::Endpoint::UserCumulate) {
      EXPECT_EQ(d.status, model::DayStatus::Final);
    } else {
      EXPECT_TRUE(d.status == model::DayStatus::Failed || d.status == model::DayStatus::Skipped);
    }
  }
  EXPECT_FALSE(b.user_cumulate.empty());
  EXPECT_TRUE(b.user_summary.empty());
}

TEST_F(WeChatCollectorTest, WhitelistErrorStopsTheAccountWithTheCallerIp) {
  fault(std::string("{\"path\":\"/cgi-bin/stable_token\",\"errcode\":40164,\"times\":-1,"
                    "\"appid\":\"") +
        kAppA + "\",\"ip\":\"203.0.113.7\"}");
  auto collector = makeCollector(2);
  const auto calls = plan(kFollowers, "2024-05-01", "2024-05-21");
  const auto batches =
      collector.collect({job(kAppA, kSecretA, calls), job(kAppB, kSecretB, calls)});
  const AccountBatch& a = batches[0];
  EXPECT_TRUE(a.stopped);
  EXPECT_EQ(a.stop_reason.rfind(
                "WeChat refuses calls from IP 203.0.113.7: add it to the account's IP whitelist "
                "(errcode 40164, rid ",
                0),
            0u)
      << a.stop_reason;
  ASSERT_EQ(a.errors.size(), 1u) << describeAll(a);
  EXPECT_EQ(a.errors[0].code, "40164");
  EXPECT_EQ(a.calls, 0);
  EXPECT_EQ(a.token_calls, 1);  // never retried
  EXPECT_EQ(countDays(a, model::DayStatus::Final), 0);
  // The other account is untouched.
  EXPECT_FALSE(batches[1].stopped);
  EXPECT_TRUE(batches[1].errors.empty()) << describeAll(batches[1]);
  EXPECT_EQ(countDays(batches[1], model::DayStatus::Final),
            static_cast<int>(batches[1].days.size()));
}

TEST_F(WeChatCollectorTest, WhitelistErrorOnADatacubeCallStopsTheAccount) {
  fault(std::string("{\"path\":\"/datacube/getusercumulate\",\"errcode\":40164,\"appid\":\"") +
        kAppA + "\",\"ip\":\"198.51.100.23\"}");
  auto collector = makeCollector(1);
  const auto b =
      collector.collect({job(kAppA, kSecretA, plan(kFollowers, "2024-05-01", "2024-05-21"))})[0];
  EXPECT_TRUE(b.stopped);
  EXPECT_NE(b.stop_reason.find("IP 198.51.100.23"), std::string::npos) << b.stop_reason;
  EXPECT_EQ(hits("/datacube/getusercumulate"), 1);  // after the user summary calls
  EXPECT_EQ(b.calls, 5);
}

TEST_F(WeChatCollectorTest, FreepublishEnrichesTitlesWithMsgids) {
  auto collector = makeCollector(2);
  const auto b = collector.collect({job(
      kAppA, kSecretA, {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")}, 2)})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_TRUE(b.notes.empty()) << describeAll(b);
  EXPECT_EQ(hits("/cgi-bin/freepublish/batchget"), 2);  // capped at publish_pages
  ASSERT_TRUE(b.publish_list);  // read in part: the posts without notification stay uncounted
  EXPECT_FALSE(b.publish_list->complete);
  EXPECT_GT(b.publish_list->total_count.value_or(0), 40);
  ASSERT_FALSE(b.published.empty());
  const std::regex msgid_re("[0-9]+_[0-9]+");
  for (const auto& p : b.published) {
    SCOPED_TRACE(p.article.url);
    EXPECT_TRUE(std::regex_match(p.msgid, msgid_re));
    EXPECT_EQ(p.msgid.substr(p.msgid.find('_') + 1), std::to_string(p.article.index));
    EXPECT_FALSE(p.article.title.empty());
  }
  EXPECT_EQ(b.user_cumulate.size(), 7u);
}

TEST_F(WeChatCollectorTest, FreepublishGoesOnWhereTheStoredPostsEnd) {
  // A first run reads five pages (100 posts) of a longer list: not whole.
  auto collector = makeCollector(2);
  const auto calls = std::vector<wechat::PlannedCall>{
      call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-01")};
  const auto first = collector.collect({job(kAppA, kSecretA, calls, 5)})[0];
  ASSERT_TRUE(first.publish_list);
  ASSERT_FALSE(first.publish_list->complete);
  std::vector<std::string> order;
  for (const auto& p : first.published)
    if (order.empty() || order.back() != p.article.article_id)
      order.push_back(p.article.article_id);
  ASSERT_EQ(order.size(), 100u);
  // The next run holds them: its first page is all stored, so it goes on at page 4 (the last
  // stored page, for posts added meanwhile) instead of reading pages 1-3 again.
  auto next = job(kAppA, kSecretA, calls, 2);
  next.known_published.insert(order.begin(), order.end());
  const auto second = collector.collect({next})[0];
  std::set<std::string> read;
  for (const auto& p : second.published) read.insert(p.article.article_id);
  EXPECT_TRUE(read.count(order[0]));    // page 0
  EXPECT_TRUE(read.count(order[85]));   // page 4
  EXPECT_FALSE(read.count(order[30]));  // page 1, skipped
}

TEST_F(WeChatCollectorTest, Freepublish48001SkipsEnrichmentOnly) {
  fault("{\"path\":\"/cgi-bin/freepublish/batchget\",\"errcode\":48001,\"times\":-1}");
  auto collector = makeCollector(2);
  const auto calls = plan(kFollowers, "2024-05-01", "2024-05-14");
  const auto b = collector.collect({job(kAppA, kSecretA, calls, 5)})[0];
  EXPECT_FALSE(b.stopped) << b.stop_reason;
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  ASSERT_EQ(b.notes.size(), 1u) << describeAll(b);
  EXPECT_EQ(b.notes[0].code, "48001");
  EXPECT_NE(b.notes[0].message.find("enrichment skipped"), std::string::npos);
  EXPECT_TRUE(b.published.empty());
  ASSERT_TRUE(b.publish_list);  // the refusal is kept: the report says why posts may be missing
  EXPECT_FALSE(b.publish_list->complete);
  EXPECT_EQ(b.publish_list->refused.substr(0, 5), "48001");
  EXPECT_EQ(hits("/cgi-bin/freepublish/batchget"), 1);
  EXPECT_EQ(countDays(b, model::DayStatus::Final), static_cast<int>(b.days.size()));
  EXPECT_EQ(b.user_cumulate.size(), 15u);
}

TEST_F(WeChatCollectorTest, DateRangeErrorSplitsThenMarksTheDayUnavailable) {
  fault(
      "{\"path\":\"/datacube/getusersummary\",\"errcode\":61501,\"date\":\"2024-05-03\","
      "\"times\":2}");
  auto collector = makeCollector(2);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserSummary, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.calls, 1 + 7);
  ASSERT_EQ(b.days.size(), 7u);
  for (const auto& d : b.days) {
    SCOPED_TRACE(d.day.toString());
    EXPECT_EQ(d.status,
              d.day == day("2024-05-03") ? model::DayStatus::Unavailable : model::DayStatus::Final);
  }
  EXPECT_NE(b.dayState(model::Endpoint::UserSummary, day("2024-05-03"))->detail.find("61501"),
            std::string::npos);
  ASSERT_EQ(b.notes.size(), 1u);
  EXPECT_EQ(b.notes[0].code, "61501");
  EXPECT_NE(b.notes[0].source.find("getusersummary 2024-05-03..2024-05-03"), std::string::npos);
}

TEST_F(WeChatCollectorTest, DataNotReadyMarksDaysForALaterRun) {
  fault("{\"path\":\"/datacube/getusercumulate\",\"errcode\":61503}");
  auto collector = makeCollector(1);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(countDays(b, model::DayStatus::NotReady), 7);
  EXPECT_EQ(b.calls, 1);
  ASSERT_EQ(b.notes.size(), 1u);
  EXPECT_EQ(b.notes[0].code, "61503");
}

TEST_F(WeChatCollectorTest, IsDelayMarksEveryDayOfTheResponse) {
  auto collector = makeCollector(2);
  const auto b = collector.collect(
      {job(kAppA, kSecretA,
           {call(model::Endpoint::BizSummary, "2025-12-20", "2026-01-09"),
            call(model::Endpoint::ArticleRead, "2026-01-09", "2026-01-09"),
            call(model::Endpoint::ArticleRead, "2026-01-05", "2026-01-05"),
            call(model::Endpoint::ArticleTotalDetail, "2025-12-01", "2025-12-01")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.dayState(model::Endpoint::BizSummary, day("2025-12-20"))->status,
            model::DayStatus::Delayed);
  EXPECT_EQ(b.dayState(model::Endpoint::BizSummary, day("2026-01-09"))->status,
            model::DayStatus::Delayed);
  EXPECT_EQ(b.dayState(model::Endpoint::ArticleRead, day("2026-01-09"))->status,
            model::DayStatus::Delayed);
  EXPECT_EQ(b.dayState(model::Endpoint::ArticleRead, day("2026-01-05"))->status,
            model::DayStatus::Final);
  EXPECT_EQ(b.dayState(model::Endpoint::ArticleTotalDetail, day("2025-12-01"))->status,
            model::DayStatus::Final);
  ASSERT_EQ(b.biz_summary.size(), 21u);
  for (const auto& r : b.biz_summary) EXPECT_TRUE(r.is_delay);
  ASSERT_FALSE(b.article_read.empty());
  for (const auto& r : b.article_read) EXPECT_EQ(r.is_delay, r.row.ref_date == "2026-01-09");
  ASSERT_FALSE(b.article_total_detail.empty());
  EXPECT_FALSE(b.article_total_detail.front().is_delay);
}

TEST_F(WeChatCollectorTest, EarlyEmptyFollowerDaysAreMarkedEmpty) {
  // WeChat's side is at 07:00 (yesterday not published yet); the collector believes it is 10:00.
  sim_->setNow(simNow() - std::chrono::hours(3));
  auto collector = makeCollector(1);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserSummary, "2026-01-03", "2026-01-09")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.dayState(model::Endpoint::UserSummary, day("2026-01-09"))->status,
            model::DayStatus::Empty);
  EXPECT_EQ(b.dayState(model::Endpoint::UserSummary, day("2026-01-08"))->status,
            model::DayStatus::Final);
  EXPECT_EQ(b.dayState(model::Endpoint::UserSummary, day("2026-01-03"))->status,
            model::DayStatus::Final);
}

TEST_F(WeChatCollectorTest, TruncatedBodyIsRetried) {
  fault("{\"path\":\"/datacube/getusercumulate\",\"kind\":\"truncated\"}");
  auto collector = makeCollector(1);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")})})[0];
  EXPECT_TRUE(b.errors.empty()) << describeAll(b);
  EXPECT_EQ(b.calls, 2);
  EXPECT_EQ(b.user_cumulate.size(), 7u);
  EXPECT_EQ(sleep_.waits().size(), 1u);
}

TEST_F(WeChatCollectorTest, HtmlPageAndServerErrorsEndInAClearError) {
  fault("{\"path\":\"/datacube/getusercumulate\",\"kind\":\"html\",\"times\":-1}");
  fault("{\"path\":\"/datacube/getusersummary\",\"http_status\":502,\"times\":-1}");
  auto collector = makeCollector(2, 2, 10);
  const auto b =
      collector.collect({job(kAppA, kSecretA,
                             {call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07"),
                              call(model::Endpoint::UserSummary, "2024-05-01", "2024-05-07")})})[0];
  ASSERT_EQ(b.errors.size(), 2u) << describeAll(b);
  EXPECT_EQ(b.calls, 6);
  std::map<std::string, core::Error> by_source;
  for (const auto& e : b.errors) by_source.emplace(e.source, e);
  const auto& html = by_source.at("account.alpha getusercumulate 2024-05-01..2024-05-07");
  EXPECT_EQ(html.kind, core::ErrorKind::BadPayload);
  EXPECT_NE(html.message.find("text/html"), std::string::npos) << html.message;
  EXPECT_NE(html.message.find("after 3 attempts"), std::string::npos) << html.message;
  const auto& bad = by_source.at("account.alpha getusersummary 2024-05-01..2024-05-07");
  EXPECT_EQ(bad.kind, core::ErrorKind::HttpStatus);
  EXPECT_EQ(bad.code, "502");
  EXPECT_EQ(countDays(b, model::DayStatus::Failed), 14);
  // The raw bodies are kept for the audit trail, HTML included.
  EXPECT_EQ(b.raw.size(), 6u);
}

TEST_F(WeChatCollectorTest, SecretsAndTokensNeverAppearInErrorsOrRawBodies) {
  fault(std::string("{\"path\":\"/datacube/getusersummary\",\"errcode\":40001,\"appid\":\"") +
        kAppA + "\"}");
  fault("{\"path\":\"/datacube/getusercumulate\",\"kind\":\"html\",\"times\":3}");
  fault("{\"path\":\"/datacube/getuserread\",\"kind\":\"garbage\",\"times\":-1}");
  fault(std::string("{\"path\":\"/cgi-bin/stable_token\",\"errcode\":40125,\"appid\":\"") + kAppB +
        "\",\"times\":-1}");
  auto collector = makeCollector(2);
  const auto calls =
      plan({model::Endpoint::UserSummary, model::Endpoint::UserCumulate, model::Endpoint::UserRead},
           "2024-05-01", "2024-05-10");
  const auto batches =
      collector.collect({job(kAppA, kSecretA, calls), job(kAppB, kSecretB, calls)});
  const std::string token = currentToken(kAppA, kSecretA);
  ASSERT_GE(token.size(), 100u);
  for (const auto& b : batches) {
    SCOPED_TRACE(b.account_id);
    const std::string text = everyText(b);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find(token), std::string::npos);
    EXPECT_EQ(text.find(token.substr(0, 40)), std::string::npos);
    EXPECT_EQ(text.find(kSecretA), std::string::npos);
    EXPECT_EQ(text.find(kSecretB), std::string::npos);
    EXPECT_EQ(text.find("access_token="), std::string::npos);
  }
  EXPECT_TRUE(batches[1].stopped);
  EXPECT_NE(batches[1].stop_reason.find("AppSecret"), std::string::npos);
  EXPECT_NE(batches[1].stop_reason.find("[account.bravo]"), std::string::npos);
}

TEST_F(WeChatCollectorTest, StopFlagStartsNothing) {
  std::atomic<bool> stop{true};
  auto collector = makeCollector(2);
  const auto b = collector.collect(
      {job(kAppA, kSecretA, plan(kFollowers, "2024-05-01", "2024-05-14"))}, &stop)[0];
  EXPECT_EQ(b.calls, 0);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 0);
  EXPECT_EQ(countDays(b, model::DayStatus::Skipped), static_cast<int>(b.days.size()));
  EXPECT_FALSE(b.days.empty());
}

TEST_F(WeChatCollectorTest, StopFlagCutsShortTheBuiltInMinuteWait) {
  setNow(simNow() + std::chrono::seconds(20));  // 40 s to the next minute
  fault("{\"path\":\"/datacube/getusersummary\",\"errcode\":45011,\"times\":-1}");
  config::WeChatSettings s;
  s.api_base = baseUrl();
  s.concurrency = 1;
  wechat::WeChatCollector collector(s, wechat::RetrySettings{2, 10, 3}, *http_, clock_);
  std::atomic<bool> stop{false};
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const auto b =
      collector.collect({job(kAppA, kSecretA,
                             {call(model::Endpoint::UserSummary, "2024-05-01", "2024-05-07"),
                              call(model::Endpoint::UserCumulate, "2024-05-01", "2024-05-07")})},
                        &stop)[0];
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  EXPECT_EQ(b.calls, 1);
  EXPECT_EQ(countDays(b, model::DayStatus::Skipped), 14);
  for (const auto& d : b.days) EXPECT_EQ(d.detail, "run interrupted");
}

TEST(WeChatCollectorHelpers, MsgidFromArticleUrl) {
  EXPECT_EQ(wechat::msgidFromUrl("http://mp.weixin.qq.com/s?__biz=MzA5MDAx==&mid=2247483904&"
                                 "idx=1&sn=abc&chksm=ff#rd"),
            "2247483904_1");
  EXPECT_EQ(wechat::msgidFromUrl("https://mp.weixin.qq.com/s?__biz=X&amp;mid=12&amp;idx=3"),
            "12_3");
  EXPECT_EQ(wechat::msgidFromUrl("https://mp.weixin.qq.com/s/AbCdEf"), "");
  EXPECT_EQ(wechat::msgidFromUrl("https://x/s?mid=12"), "");
  EXPECT_EQ(wechat::msgidFromUrl("https://x/s?idx=2#mid=12"), "");
}

TEST(WeChatCollectorHelpers, ApiErrorsCarryTheErrcodeInCode) {
  const auto e = wechat::toError(wechat::makeApiError(45009, "quota rid: ab-cd"), "x");
  EXPECT_EQ(e.code, "45009");
  EXPECT_EQ(e.message, "errcode 45009: quota (rid ab-cd)");
}

}  // namespace
}  // namespace pubtrack::fakes
