// SPDX-License-Identifier: Apache-2.0
// String helpers: splitting, suggestions, escaping for every output.
#include "core/strings.h"

#include <gtest/gtest.h>

namespace pubtrack::core {
namespace {

TEST(StringsTest, SplitListTrimsAndDropsEmptyParts) {
  EXPECT_EQ(splitList(" 深圳国资 , SASAC,,  "), (std::vector<std::string>{"深圳国资", "SASAC"}));
  EXPECT_TRUE(splitList("").empty());
}

TEST(StringsTest, ClosestMatchSuggestsTyposOnly) {
  std::vector<std::string> keys{"timeout_ms", "connect_timeout_ms", "max_body_bytes", "proxy"};
  EXPECT_EQ(closestMatch("timeout_sm", keys), "timeout_ms");
  EXPECT_EQ(closestMatch("proxi", keys), "proxy");
  EXPECT_EQ(closestMatch("completely_else", keys), "");
}

TEST(StringsTest, EscapesForEachFormat) {
  EXPECT_EQ(htmlEscape("<script>\"x\"&'"), "&lt;script&gt;&quot;x&quot;&amp;&#39;");
  EXPECT_EQ(jsonEscape("a\"b\\\n</script>"), "a\\\"b\\\\\\n\\u003c/script\\u003e");
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("a,\"b\""), "\"a,\"\"b\"\"\"");
  EXPECT_EQ(csvField("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
  EXPECT_EQ(csvField("-12"), "-12");
}

TEST(StringsTest, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("中文 ok"));
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(sanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf8Length("中文ab"), 4u);
}

TEST(StringsTest, ParseInt64RejectsPartialNumbers) {
  long long v = 0;
  EXPECT_TRUE(parseInt64("-42", v));
  EXPECT_EQ(v, -42);
  EXPECT_FALSE(parseInt64("42x", v));
  EXPECT_FALSE(parseInt64("", v));
  EXPECT_FALSE(parseInt64(" 1", v));
}

}  // namespace
}  // namespace pubtrack::core
