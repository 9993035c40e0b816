// SPDX-License-Identifier: Apache-2.0
// Feed helpers for the simulator: ETags, HTTP dates, charsets.tsv and the synthetic RSS feeds.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/date.h"

namespace pubtrack::sim {

// A strong ETag over the content: "\"<16 hex digits>\"".
std::string contentEtag(std::string_view content);
uint64_t fnv1a64(std::string_view s);
// RFC 822 date in China time, as RSS writes it: "Tue, 02 Jan 2024 09:30:00 +0800".
std::string rfc822China(core::TimePoint t);
// Reads `file<TAB>charset[<TAB>content-type]` lines; missing file: empty map.
std::map<std::string, std::pair<std::string, std::string>> readCharsets(const std::string& path);
// Synthetic RSS 2.0 feed number n for the day `today` (20 items over the 20 days before it,
// some mentioning `mention`). Same inputs, same bytes.
std::string generatedFeed(uint64_t seed, long long n, core::Date today, std::string_view mention);

}  // namespace pubtrack::sim
