// SPDX-License-Identifier: Apache-2.0
// The simulator's data model without sockets: exact yearly targets, follower consistency,
// determinism, and scenario parsing.
#include "sim/generator.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/scenario.h"
#include "sim_http.h"

namespace pubtrack::sim {
namespace {

using core::Date;

Date D(const char* s) { return *Date::parse(s); }

TEST(SimDistribute, PartsSumExactlyToTheTotal) {
  const std::vector<double> w = {0.3, 1.7, 0.01, 2.5, 0.9, 0.9, 0.9};
  for (long long total : {0LL, 1LL, 6LL, 7LL, 795LL, 1523456LL}) {
    SCOPED_TRACE(total);
    const auto parts = distribute(total, w);
    long long sum = 0;
    for (auto p : parts) {
      EXPECT_GE(p, 0);
      sum += p;
    }
    EXPECT_EQ(sum, total);
  }
}

TEST(SimGenerator, YearlyTargetsAreHitExactly) {
  const Generator gen(fakes::sampleScenario());
  const AccountSpec& a = *gen.scenario().find(fakes::kApp1);
  const Expected y2024 = gen.expected(a, D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(y2024.articles_notified + y2024.articles_silent, 795);
  // Before the 2025-11 endpoints only mass-sent articles are visible to the statistics API.
  EXPECT_EQ(y2024.articles, y2024.articles_notified);
  EXPECT_GT(y2024.articles_silent, 0);
  EXPECT_EQ(y2024.page_views, 1523456);
  EXPECT_EQ(y2024.read_users, 1100000);
  EXPECT_EQ(y2024.followers_start, 30000);
  EXPECT_EQ(y2024.followers_end, 49210);
  EXPECT_EQ(y2024.followers_end - y2024.followers_start, y2024.followers_net);
  EXPECT_EQ(y2024.days, 366);

  // 2025 spans both article families: read users hit the target, page views stop at Nov 1.
  const Expected y2025 = gen.expected(a, D("2025-01-01"), D("2025-12-31"));
  EXPECT_EQ(y2025.read_users, 1250000);
  EXPECT_EQ(y2025.followers_end, 52000);
  EXPECT_EQ(y2025.followers_start, 49210);
  const Expected tail = gen.expected(a, D("2025-11-01"), D("2025-12-31"));
  EXPECT_EQ(tail.page_views, 0);
  EXPECT_GT(tail.read_users, 0);
}

TEST(SimGenerator, FollowersAreSelfConsistentDayByDay) {
  const Generator gen(fakes::sampleScenario());
  for (const auto& a : gen.scenario().accounts) {
    SCOPED_TRACE(a.appid);
    long long prev = gen.cumulate(a, a.from - 1);
    EXPECT_EQ(prev, a.followers_start);
    for (Date d = a.from; d <= D("2026-01-31"); ++d) {
      long long net = 0;
      for (const auto& row : gen.followerRows(a, d)) net += row.new_user - row.cancel_user;
      const DayFigures f = gen.day(a, d);
      ASSERT_EQ(f.new_user - f.cancel_user, net) << d.toString();
      ASSERT_EQ(f.cumulate, prev + net) << d.toString();
      prev = f.cumulate;
    }
  }
}

TEST(SimGenerator, PartialFirstYearAndShrinkingAccount) {
  const Generator gen(fakes::sampleScenario());
  const AccountSpec& b = *gen.scenario().find(fakes::kApp2);
  const Expected e = gen.expected(b, D("2024-01-01"), D("2024-12-31"));
  // from 2024-06-15: 200 * 200/366 days of the year
  EXPECT_EQ(e.articles_notified + e.articles_silent, 109);
  EXPECT_EQ(e.followers_start, 1200);
  EXPECT_EQ(e.followers_net, -55);  // -100 * 200/366, rounded
  EXPECT_EQ(e.followers_end - e.followers_start, e.followers_net);
}

TEST(SimGenerator, ArticlesHaveStableUniqueMsgidsAndMatchingUrls) {
  const Generator gen(fakes::sampleScenario());
  const AccountSpec& a = *gen.scenario().find(fakes::kApp1);
  std::set<std::string> seen;
  for (Date d = D("2024-01-01"); d <= D("2024-12-31"); ++d) {
    const auto arts = gen.articles(a, d);
    const DayFigures f = gen.day(a, d);
    ASSERT_EQ(static_cast<int>(arts.size()), f.articles);
    for (const auto& art : arts) {
      EXPECT_GT(art.msg_data_id, 2147483647LL);
      EXPECT_EQ(art.msgid, std::to_string(art.msg_data_id) + "_" + std::to_string(art.index));
      EXPECT_NE(art.url.find("&mid=" + std::to_string(art.msg_data_id) +
                             "&idx=" + std::to_string(art.index) + "&"),
                std::string::npos);
      EXPECT_TRUE(seen.insert(art.msgid).second) << art.msgid;
    }
  }
  EXPECT_EQ(seen.size(), 795u);
  // A second generator gives the same articles.
  const Generator again(fakes::sampleScenario());
  const auto x = gen.articles(a, D("2024-03-05")), y = again.articles(a, D("2024-03-05"));
  ASSERT_EQ(x.size(), y.size());
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].msgid, y[i].msgid);
    EXPECT_EQ(x[i].title, y[i].title);
  }
}

TEST(SimScenario, RejectsUnknownKeysByName) {
  auto sc = parseScenario("[account.wx1]\nsecret = x\nfolowers_start = 3\n");
  ASSERT_FALSE(sc);
  EXPECT_NE(sc.error().message.find("followers_start"), std::string::npos) << sc.error().message;
  EXPECT_NE(sc.error().source.find("folowers_start"), std::string::npos);
  EXPECT_FALSE(parseScenario("[sim]\nseed = x\n[account.a]\n"));
  EXPECT_FALSE(parseScenario("[other]\nx = 1\n"));
  auto ok = parseScenario("[account.wx1]\nfrom = 2024-02-01 ; comment\n");
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->accounts.at(0).from, D("2024-02-01"));
}

}  // namespace
}  // namespace pubtrack::sim
