// SPDX-License-Identifier: Apache-2.0
// TokenProvider against pubtrack-sim: caching, early refresh, compare-and-expire, forced refresh.
#include "collectors/wechat/token_provider.h"

#include <gtest/gtest.h>

#include <thread>

#include "wechat_sim_suite.h"

namespace pubtrack::fakes {
namespace {

using wechat::TokenProvider;

class TokenProviderTest : public WeChatSimSuite {
 protected:
  TokenProvider provider(const std::string& appid = kAppA, const std::string& secret = kSecretA) {
    return TokenProvider(baseUrl(), wechat::TokenAccount{"alpha", appid, core::Secret(secret)},
                         *http_, clock_);
  }
};

TEST_F(TokenProviderTest, ConcurrentCallersShareOneFetch) {
  auto p = provider();
  std::vector<std::string> seen(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      auto t = p.token();
      if (t) seen[i] = t->reveal();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(p.calls(), 1);
  EXPECT_EQ(hits("/cgi-bin/stable_token"), 1);
  EXPECT_EQ(hits("/cgi-bin/token"), 0);
  for (const auto& s : seen) EXPECT_EQ(s, seen[0]);
  EXPECT_GE(seen[0].size(), 100u);
}

TEST_F(TokenProviderTest, RefreshesShortlyBeforeExpiry) {
  auto p = provider();
  ASSERT_TRUE(p.token());
  // expires_in 7200: refetch when fewer than 300 s remain, i.e. from 6900 s on.
  setNow(simNow() + std::chrono::seconds(6899));
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 1);
  setNow(simNow() + std::chrono::seconds(6900));
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 2);
}

TEST_F(TokenProviderTest, ShortRemainingLifetimeUsesHalfOfItAsMargin) {
  // Another process fetched the stable token 6899 s ago: normal mode answers expires_in 301.
  const auto fetched = simNow() - std::chrono::seconds(7000);
  setNow(fetched);
  ASSERT_FALSE(currentToken(kAppA, kSecretA).empty());
  const auto start = fetched + std::chrono::seconds(6899);
  setNow(start);
  auto p = provider();
  auto first = p.token();
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->reveal(), currentToken(kAppA, kSecretA));
  setNow(start + std::chrono::seconds(149));
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 1);  // margin min(300, 301 / 2) = 150 s: still valid at +149 s
  setNow(start + std::chrono::seconds(151));
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 2);
}

TEST_F(TokenProviderTest, InvalidateOnlyDropsTheTokenThatFailed) {
  auto p = provider();
  auto t1 = p.token();
  ASSERT_TRUE(t1);
  p.invalidate(core::Secret("some-older-token"));
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 1);
  p.invalidate(*t1);
  ASSERT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 2);
}

TEST_F(TokenProviderTest, ForcedRefreshOncePerRun) {
  auto p = provider();
  auto t1 = p.token();
  ASSERT_TRUE(t1);
  auto t2 = p.forceRefresh(*t1);
  ASSERT_TRUE(t2) << t2.error().describe();
  EXPECT_NE(t2->reveal(), t1->reveal());
  EXPECT_EQ(p.forcedRefreshes(), 1);
  // Someone still holding t1 gets t2 without another forced refresh.
  auto again = p.forceRefresh(*t1);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->reveal(), t2->reveal());
  // t2 failing too: no second forced refresh in this run.
  auto refused = p.forceRefresh(*t2);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, core::ErrorKind::AuthExpired);
  EXPECT_EQ(p.calls(), 2);
  p.resetRun();
  EXPECT_TRUE(p.forceRefresh(*t2));
  EXPECT_EQ(p.calls(), 3);
}

TEST_F(TokenProviderTest, WrongSecretIsAConfigurationErrorAskedOnce) {
  auto p = provider(kAppA, "not-the-secret-123");
  auto t = p.token();
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().kind, core::ErrorKind::Config);
  EXPECT_EQ(t.error().code, "40125");
  EXPECT_TRUE(TokenProvider::isFatal(t.error()));
  EXPECT_NE(t.error().message.find("AppSecret of [account.alpha]"), std::string::npos)
      << t.error().message;
  EXPECT_NE(t.error().message.find("rid "), std::string::npos);
  EXPECT_EQ(t.error().message.find("not-the-secret-123"), std::string::npos);
  EXPECT_EQ(t.error().source, "account.alpha stable_token");
  EXPECT_FALSE(p.token());
  EXPECT_EQ(p.calls(), 1);  // remembered, not asked again
}

TEST_F(TokenProviderTest, WhitelistErrorNamesTheCallerIp) {
  fault("{\"path\":\"/cgi-bin/stable_token\",\"errcode\":40164,\"ip\":\"203.0.113.7\"}");
  auto p = provider();
  auto t = p.token();
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "40164");
  EXPECT_EQ(t.error().message.rfind("WeChat refuses calls from IP 203.0.113.7: add it to the "
                                    "account's IP whitelist (errcode 40164, rid ",
                                    0),
            0u)
      << t.error().message;
}

TEST_F(TokenProviderTest, BusyIsNotFatal) {
  fault("{\"path\":\"/cgi-bin/stable_token\",\"errcode\":-1}");
  auto p = provider();
  auto t = p.token();
  ASSERT_FALSE(t);
  EXPECT_FALSE(TokenProvider::isFatal(t.error()));
  EXPECT_TRUE(p.token());
  EXPECT_EQ(p.calls(), 2);
}

TEST(StopMessage, NamesWhatToFix) {
  EXPECT_EQ(wechat::stopMessage(40164, "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist",
                                "r-1", "main"),
            "WeChat refuses calls from IP 1.2.3.4: add it to the account's IP whitelist "
            "(errcode 40164, rid r-1)");
  EXPECT_NE(wechat::stopMessage(89503, "ip waiting", "", "main").find("confirms"),
            std::string::npos);
  EXPECT_NE(wechat::stopMessage(40013, "invalid appid", "", "main").find("[account.main]"),
            std::string::npos);
  EXPECT_NE(wechat::stopMessage(40243, "frozen", "", "main").find("unfreeze"), std::string::npos);
}

}  // namespace
}  // namespace pubtrack::fakes
