// SPDX-License-Identifier: Apache-2.0
// Retry policy: backoff bounds, Retry-After parsing, retryable statuses.
#include "net/retry_policy.h"

#include <gtest/gtest.h>

#include <chrono>

namespace pubtrack::net {
namespace {

using std::chrono::milliseconds;

TEST(BackoffDelayTest, DoublesWithJitterWithinQuarter) {
  uint64_t rng = 42;
  for (int attempt = 0; attempt < 6; ++attempt) {
    SCOPED_TRACE(attempt);
    const long nominal = 100L << attempt;
    for (int i = 0; i < 200; ++i) {
      const auto d = backoffDelay(attempt, 100, rng);
      EXPECT_GE(d.count(), nominal * 3 / 4);
      EXPECT_LE(d.count(), nominal * 5 / 4);
    }
  }
}

TEST(BackoffDelayTest, JitterActuallyVaries) {
  uint64_t rng = 7;
  const auto first = backoffDelay(3, 1000, rng);
  bool varied = false;
  for (int i = 0; i < 20 && !varied; ++i) varied = backoffDelay(3, 1000, rng) != first;
  EXPECT_TRUE(varied);
}

TEST(BackoffDelayTest, IsCappedAndSafeForHugeAttempts) {
  uint64_t rng = 1;
  EXPECT_EQ(backoffDelay(20, 500, rng), kMaxRetryDelay);
  EXPECT_EQ(backoffDelay(1000, 500, rng), kMaxRetryDelay);
  EXPECT_EQ(backoffDelay(-3, 0, rng), milliseconds(0));
}

TEST(RetryDelayTest, PrefersRetryAfterButCapsIt) {
  uint64_t rng = 1;
  EXPECT_EQ(retryDelay(0, 500, 3L, rng), milliseconds(3000));
  EXPECT_EQ(retryDelay(0, 500, 0L, rng), milliseconds(0));
  EXPECT_EQ(retryDelay(0, 500, 3600L, rng), kMaxRetryDelay);
  const auto d = retryDelay(1, 500, std::nullopt, rng);
  EXPECT_GE(d.count(), 750);
  EXPECT_LE(d.count(), 1250);
}

TEST(RetryableStatusTest, ServerErrorsAndTooManyRequests) {
  for (long s : {429L, 500L, 502L, 503L, 504L, 599L}) EXPECT_TRUE(isRetryableStatus(s)) << s;
  for (long s : {200L, 304L, 400L, 401L, 403L, 404L, 600L}) EXPECT_FALSE(isRetryableStatus(s)) << s;
}

TEST(ParseRetryAfterTest, DeltaSecondsAndHttpDates) {
  // 1994-11-06T08:49:37Z
  const core::TimePoint now = std::chrono::sys_days(std::chrono::year(1994) / 11 / 6) +
                              std::chrono::hours(8) + std::chrono::minutes(49) +
                              std::chrono::seconds(37);
  struct Case {
    const char* value;
    std::optional<long> seconds;
  };
  const Case cases[] = {
      {"120", 120},
      {" 5 ", 5},
      {"0", 0},
      {"Sun, 06 Nov 1994 08:51:37 GMT", 120},  // IMF-fixdate
      {"Sunday, 06-Nov-94 08:50:37 GMT", 60},  // RFC 850
      {"Sun Nov  6 08:49:47 1994", 10},        // asctime
      {"Sun, 06 Nov 1994 08:00:00 GMT", 0},    // in the past
      {"-5", std::nullopt},
      {"soon", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    EXPECT_EQ(parseRetryAfter(c.value, now), c.seconds);
  }
}

}  // namespace
}  // namespace pubtrack::net
