// SPDX-License-Identifier: Apache-2.0
// net retry policy: which failures are retried and how long to wait. CurlHttpClient uses it for
// transport errors and HTTP 5xx/429; the WeChat collector reuses it for API-level -1 errors.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.h"

namespace pubtrack::net {

// No single wait is longer than this, whatever Retry-After or the exponent says.
inline constexpr std::chrono::milliseconds kMaxRetryDelay{60'000};

// A splitmix64 step: small, fast, deterministic for a given seed (tests pass a fixed one).
uint64_t nextRandom(uint64_t& state) noexcept;

// Exponential backoff with ±25% jitter: base_ms * 2^attempt * [0.75, 1.25], capped at
// kMaxRetryDelay. `attempt` is 0 for the wait before the first retry. Advances `rng_state`.
std::chrono::milliseconds backoffDelay(int attempt, long base_ms, uint64_t& rng_state) noexcept;

// The wait before retry number `attempt` + 1: the server's Retry-After (seconds) when given,
// else backoffDelay(); capped at kMaxRetryDelay either way.
std::chrono::milliseconds retryDelay(int attempt, long base_ms, std::optional<long> retry_after_s,
                                     uint64_t& rng_state) noexcept;

// HTTP statuses worth retrying: 429 and every 5xx.
bool isRetryableStatus(long status) noexcept;

// Parses a Retry-After value, either delta-seconds ("120") or an HTTP date
// ("Wed, 21 Oct 2015 07:28:00 GMT", also RFC 850 and asctime forms), into seconds from `now`
// (a date in the past gives 0). nullopt when the value is neither.
std::optional<long> parseRetryAfter(std::string_view value, core::TimePoint now);

}  // namespace pubtrack::net
