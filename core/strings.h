// SPDX-License-Identifier: Apache-2.0
// Small string helpers shared by every stage: trimming, splitting, escaping for each output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::core {

std::string_view trim(std::string_view s);
// Splits on `sep`, trims each part and drops empty parts: "a, b,,c" -> {a, b, c}.
std::vector<std::string> splitList(std::string_view s, char sep = ',');
std::string toLowerAscii(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string replaceAll(std::string s, std::string_view from, std::string_view to);

// Levenshtein distance, for "did you mean" suggestions.
size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates);

// Escapes for each output format. Input must be UTF-8; bytes >= 0x80 pass through.
std::string jsonEscape(std::string_view s);  // without the surrounding quotes
std::string jsonString(std::string_view s);  // with quotes
std::string htmlEscape(std::string_view s);  // & < > " '
std::string csvField(std::string_view s);    // RFC 4180 quoting when needed
std::string markdownEscape(std::string_view s);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view s);
// Appends the UTF-8 encoding of `cp`; U+0000, surrogates and values past U+10FFFF become
// U+FFFD (none of them may appear in XML, JSON text or a report).
void appendUtf8(std::string& out, char32_t cp);
// Replaces every invalid sequence with U+FFFD.
std::string sanitizeUtf8(std::string_view s);
// Number of code points (for display widths).
size_t utf8Length(std::string_view s);

// Parses a whole decimal integer; false on anything else (sign allowed, no spaces).
bool parseInt64(std::string_view s, long long& out);

}  // namespace pubtrack::core
