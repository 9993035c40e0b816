// SPDX-License-Identifier: Apache-2.0
// parseFeedDate: the date styles feeds really use (RFC 822 variants, ISO 8601, Chinese, ...).
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"

namespace pubtrack::feeds {

// Parses RFC 822/1123 and its real-world variants (no seconds, 2-digit years, named zones,
// "+0900" glued to the time, "Dec 16 2023 02:02:33 PM", Portuguese/Italian names), ISO 8601
// (with or without zone, fractions, 'T' or space, date only), "2020/1/10 14:33:00",
// "2005-5-28 16:05:36" and "2024年1月10日 08:00". A date without a zone is read at
// `default_offset`. Returns the instant (UTC), or nullopt when no full date is recognised.
std::optional<core::TimePoint> parseFeedDate(std::string_view text, core::UtcOffset default_offset);

}  // namespace pubtrack::feeds
