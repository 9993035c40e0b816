// SPDX-License-Identifier: Apache-2.0
// net retry policy: backoff with jitter and Retry-After parsing.
#include "net/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

#include "core/strings.h"

namespace pubtrack::net {

uint64_t nextRandom(uint64_t& state) noexcept {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::chrono::milliseconds backoffDelay(int attempt, long base_ms, uint64_t& rng_state) noexcept {
  const double cap = static_cast<double>(kMaxRetryDelay.count());
  const int exponent = std::clamp(attempt, 0, 30);
  double delay = static_cast<double>(std::max(base_ms, 0L)) * static_cast<double>(1LL << exponent);
  // Uniform in [0.75, 1.25): 53 random bits as a fraction.
  const double unit = static_cast<double>(nextRandom(rng_state) >> 11) * 0x1.0p-53;
  delay *= 0.75 + 0.5 * unit;
  return std::chrono::milliseconds(static_cast<long long>(std::min(delay, cap)));
}

std::chrono::milliseconds retryDelay(int attempt, long base_ms, std::optional<long> retry_after_s,
                                     uint64_t& rng_state) noexcept {
  if (retry_after_s && *retry_after_s >= 0) {
    const auto wanted = std::chrono::milliseconds(std::chrono::seconds(
        std::min<long>(*retry_after_s, static_cast<long>(kMaxRetryDelay.count() / 1000))));
    return std::min(wanted, kMaxRetryDelay);
  }
  return backoffDelay(attempt, base_ms, rng_state);
}

bool isRetryableStatus(long status) noexcept {
  return status == 429 || (status >= 500 && status <= 599);
}

std::optional<long> parseRetryAfter(std::string_view value, core::TimePoint now) {
  const std::string_view text = core::trim(value);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long seconds = 0;
    if (!core::parseInt64(text, seconds)) return std::nullopt;  // absurdly long
    return static_cast<long>(std::min<long long>(seconds, 1LL << 30));
  }
  // Every HTTP date form names the month; this keeps curl_getdate from guessing at "-5".
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); })) {
    return std::nullopt;
  }
  const std::string copy(text);
  const time_t when = curl_getdate(copy.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const time_t at = std::chrono::system_clock::to_time_t(now);
  return static_cast<long>(std::max<time_t>(0, when - at));
}

}  // namespace pubtrack::net
