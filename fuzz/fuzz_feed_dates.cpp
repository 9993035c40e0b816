// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: parseFeedDate on arbitrary text; a result must format and parse back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "collectors/feeds/feed_dates.h"
#include "core/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the default offset (-12:00 .. +14:00 in quarter hours, clamped).
  const int quarter = static_cast<int>(data[0] % 105) - 48;
  const pubtrack::core::UtcOffset offset{quarter * 15};
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto t = pubtrack::feeds::parseFeedDate(text, offset);
  if (!t) return 0;
  // Whatever was recognised must be an instant the rest of pubtrack can store and read back.
  const std::string utc = pubtrack::core::formatUtc(*t);
  const auto back = pubtrack::core::parseUtc(utc);
  if (!back || *back != std::chrono::time_point_cast<std::chrono::seconds>(*t)) {
    std::fprintf(stderr, "fuzz_feed_dates: %s does not round-trip\n", utc.c_str());
    std::abort();
  }
  (void)pubtrack::core::dateAt(*t, offset);
  return 0;
}
