// SPDX-License-Identifier: Apache-2.0
// Tests for the errcode → Reaction table and the whitelist-IP extraction.
#include "collectors/wechat/error_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace pubtrack::wechat {
namespace {

TEST(ErrorPolicyTest, ClassifiesEveryErrcodeOfTheReferenceTable) {
  struct Case {
    int errcode;
    Reaction want;
  };
  const Case cases[] = {
      {40001, Reaction::RefreshTokenAndRetryOnce},
      {40014, Reaction::RefreshTokenAndRetryOnce},
      {42001, Reaction::RefreshTokenAndRetryOnce},
      {-1, Reaction::RetryWithBackoff},
      {45011, Reaction::WaitNextMinute},
      {45009, Reaction::StopApiForToday},
      {40164, Reaction::StopAccountWhitelist},
      {89501, Reaction::StopAccountWhitelist},
      {89503, Reaction::StopAccountWhitelist},
      {89506, Reaction::StopAccountWhitelist},
      {89507, Reaction::StopAccountWhitelist},
      {48001, Reaction::StopAccount},
      {50001, Reaction::StopAccount},
      {50002, Reaction::StopAccount},
      {40013, Reaction::StopAccount},
      {40125, Reaction::StopAccount},
      {40243, Reaction::StopAccount},
      {41002, Reaction::StopAccount},
      {41004, Reaction::StopAccount},
      {50004, Reaction::StopAccount},
      {50007, Reaction::StopAccount},
      {61501, Reaction::DayUnavailable},
      {61503, Reaction::RetryLaterRun},
      // Bugs on our side and item-level errors: log with rid, give up the call.
      {41001, Reaction::GiveUpCall},
      {40002, Reaction::GiveUpCall},
      {43002, Reaction::GiveUpCall},
      {44002, Reaction::GiveUpCall},
      {47001, Reaction::GiveUpCall},
      {40097, Reaction::GiveUpCall},
      {61500, Reaction::GiveUpCall},
      {53600, Reaction::GiveUpCall},
      {48006, Reaction::GiveUpCall},
      {89502, Reaction::GiveUpCall},
      {12345, Reaction::GiveUpCall},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.errcode);
    EXPECT_EQ(toString(classify(c.errcode)), toString(c.want));
  }
}

TEST(ErrorPolicyTest, DateRangeErrorSplitsMultiDayRequestsAndMarksSingleDays) {
  EXPECT_EQ(classify(61501, 7), Reaction::SplitRange);
  EXPECT_EQ(classify(61501, 2), Reaction::SplitRange);
  EXPECT_EQ(classify(61501, 1), Reaction::DayUnavailable);
  EXPECT_EQ(classify(45009, 7), Reaction::StopApiForToday);
}

TEST(ErrorPolicyTest, ExtractsTheCallerIpFromTheWhitelistMessage) {
  struct Case {
    const char* errmsg;
    const char* want;  // nullptr = none
  };
  const Case cases[] = {
      {"invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist", "1.2.3.4"},
      {"invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 654e0b13-0f2e7229-0494092b",
       "1.2.3.4"},
      {"invalid ip 203.0.113.7, not in whitelist hint: [abc]", "203.0.113.7"},
      {"invalid ip ***** ipv6 ::ffff:*******, not in whitelist", "*****"},
      {"invalid ip  ipv6 2001:db8::1, not in whitelist", "2001:db8::1"},
      {"api unauthorized", nullptr},
      {"", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.errmsg);
    const auto ip = whitelistIp(c.errmsg);
    if (c.want == nullptr) {
      EXPECT_FALSE(ip.has_value()) << *ip;
    } else {
      ASSERT_TRUE(ip.has_value());
      EXPECT_EQ(*ip, c.want);
    }
  }
}

}  // namespace
}  // namespace pubtrack::wechat
