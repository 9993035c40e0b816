// SPDX-License-Identifier: Apache-2.0
// Internal to the writers: the report's tables as plain, unescaped text, built once from Figures
// and drawn by the Markdown, HTML and Word writers, plus the escaping helpers they share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/figures.h"
#include "reports/phrasing.h"

namespace pubtrack::reports::detail {

struct Cell {
  std::string text;  // plain text, not escaped
  std::string url;   // a safe http(s) link, or empty
};

struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<Cell>> rows;
  std::vector<int> widths;  // relative column widths (sum is arbitrary)
};

struct Section {
  std::string id;                  // "wechat", "media", "outreach", "changes", "checks"
  std::string heading;             // "一、微信公众号" / "1. WeChat"
  std::vector<std::string> notes;  // short paragraphs under the heading
  std::vector<Table> tables;
};

// "深圳市国资委 2019年度 媒体与宣传数据" style title and subtitle.
std::string reportTitle(const Figures& f, Lang lang);
std::string reportSubtitle(const Figures& f, Lang lang);
// The sections with tables, in order; sections without data are absent.
std::vector<Section> buildSections(const Figures& f, Lang lang, int64_t threshold);
// "—" for a missing value, else the exact number.
std::string cellNumber(std::optional<int64_t> v, Lang lang);

// Text made safe to embed: invalid UTF-8 replaced, control characters (other than tab and
// newline) dropped. XML 1.0 forbids them, and HTML renders them as garbage.
std::string cleanText(std::string_view s);
// The URL when it is an absolute http:// or https:// URL without spaces or control
// characters; else "" (no javascript:, data: or relative links in a report).
std::string safeUrl(std::string_view url);
// XML escape (& < > " ') of cleanText(s).
std::string xmlEscape(std::string_view s);

}  // namespace pubtrack::reports::detail
