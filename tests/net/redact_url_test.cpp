// SPDX-License-Identifier: Apache-2.0
// redactUrl: secrets in query strings never reach logs.
#include <gtest/gtest.h>

#include "net/http_client.h"

namespace pubtrack::net {
namespace {

TEST(RedactUrlTest, MasksTokenAndSecretValues) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"https://api.weixin.qq.com/datacube/getusersummary?access_token=ABC123",
       "https://api.weixin.qq.com/datacube/getusersummary?access_token=***"},
      {"https://x/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=S3CR3T",
       "https://x/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***"},
      {"https://x/a?access_token=T&begin=1#frag", "https://x/a?access_token=***&begin=1#frag"},
      {"https://x/a?component_access_token=T&x=1", "https://x/a?component_access_token=***&x=1"},
      {"https://x/a?access_token=", "https://x/a?access_token=***"},
      {"https://x/a?a=1&access_token=T1&access_token=T2",
       "https://x/a?a=1&access_token=***&access_token=***"},
      {"http://example.org/feed.xml", "http://example.org/feed.xml"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(redactUrl(c.in), c.out);
  }
}

TEST(RedactUrlTest, MasksInsideLongerText) {
  EXPECT_EQ(redactUrl("GET https://x/a?access_token=T timeout"),
            "GET https://x/a?access_token=*** timeout");
}

}  // namespace
}  // namespace pubtrack::net
