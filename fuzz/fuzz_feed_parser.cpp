// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: parseFeed on arbitrary bytes; every string it returns must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "collectors/feeds/feed_parser.h"
#include "core/strings.h"

namespace {

using pubtrack::feeds::ParsedFeed;

void requireUtf8(std::string_view what, const std::string& s) {
  if (pubtrack::core::isValidUtf8(s)) return;
  std::fprintf(stderr, "fuzz_feed_parser: %.*s is not valid UTF-8 (%zu bytes): ",
               static_cast<int>(what.size()), what.data(), s.size());
  for (const unsigned char c : s.substr(0, 200)) {
    if (c >= 0x20 && c < 0x7f)
      std::fputc(c, stderr);
    else
      std::fprintf(stderr, "\\x%02x", c);
  }
  std::fputc('\n', stderr);
  std::abort();
}

void check(const ParsedFeed& feed, const pubtrack::feeds::ParseOptions& options) {
  requireUtf8("format", feed.format);
  requireUtf8("encoding", feed.encoding);
  requireUtf8("feed title", feed.title);
  requireUtf8("feed link", feed.link);
  for (const auto& w : feed.warnings) requireUtf8("warning", w);
  if (feed.warnings.size() > pubtrack::feeds::kMaxWarnings) {
    std::fprintf(stderr, "fuzz_feed_parser: %zu warnings\n", feed.warnings.size());
    std::abort();
  }
  if (feed.items.size() > options.max_items) {
    std::fprintf(stderr, "fuzz_feed_parser: %zu items > max_items\n", feed.items.size());
    std::abort();
  }
  for (const auto& it : feed.items) {
    for (const auto* s : {&it.guid, &it.title, &it.link, &it.summary, &it.content, &it.author,
                          &it.published_raw, &it.updated_raw, &it.source_name, &it.source_url})
      requireUtf8("item field", *s);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pubtrack::feeds::ParseOptions options;
  if (auto feed = pubtrack::feeds::parseFeed(bytes, options))
    check(*feed, options);
  else
    requireUtf8("error message", feed.error().message);  // it is logged and stored

  // Again with tight limits and an HTTP charset, so truncation and the limit paths run too.
  // Only for small inputs: the corpus has megabyte feeds and the second pass halves the speed.
  if (size <= 64 * 1024) {
    static constexpr const char* kCharsets[] = {"",           "utf-8",        "gb2312",
                                                "iso-8859-1", "utf-16",       "big5",
                                                "shift_jis",  "windows-1252", "bogus"};
    pubtrack::feeds::ParseOptions tight;
    tight.http_charset = kCharsets[size % std::size(kCharsets)];
    tight.max_items = 3;
    tight.max_depth = 8;
    tight.entity_budget = 64;
    tight.max_field_bytes = 7;
    if (auto feed = pubtrack::feeds::parseFeed(bytes, tight)) check(*feed, tight);
  }
  return 0;
}
