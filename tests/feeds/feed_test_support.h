// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the feed parser tests: fixtures, a parse that must succeed, warning lookup.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "collectors/feeds/feed_parser.h"
#include "core/date.h"
#include "core/strings.h"

namespace pubtrack::fakes {

// The bytes of tests/fixtures/feeds/<name>.
inline std::string feedFixture(const std::string& name) {
  const auto path = std::filesystem::path(PUBTRACK_TEST_DATA_DIR) / "feeds" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// parseFeed that must succeed and give UTF-8 in every item's text and every warning.
inline feeds::ParsedFeed parseFeedOk(std::string_view bytes,
                                     const feeds::ParseOptions& options = {}) {
  auto r = feeds::parseFeed(bytes, options);
  EXPECT_TRUE(r) << r.error().message;
  if (!r) return {};
  for (const auto& item : r->items) {
    EXPECT_TRUE(core::isValidUtf8(item.title));
    EXPECT_TRUE(core::isValidUtf8(item.summary));
    EXPECT_TRUE(core::isValidUtf8(item.content));
  }
  for (const auto& w : r->warnings) EXPECT_TRUE(core::isValidUtf8(w)) << w;
  return std::move(r).value();
}

inline bool hasWarning(const feeds::ParsedFeed& f, std::string_view part) {
  for (const auto& w : f.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

// The item's parsed date as "YYYY-MM-DDTHH:MM:SSZ", or "(none)".
inline std::string publishedUtc(const feeds::FeedItem& item) {
  return item.published ? core::formatUtc(*item.published) : "(none)";
}

}  // namespace pubtrack::fakes
