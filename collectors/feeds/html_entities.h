// SPDX-License-Identifier: Apache-2.0
// HTML named character references (&nbsp;, &eacute; ...) for feeds that use them undeclared.
#pragma once

#include <optional>
#include <string_view>

namespace pubtrack::feeds {

// The code point of an HTML 4 named entity ("nbsp" -> U+00A0), case-sensitive; nullopt if unknown.
std::optional<char32_t> lookupHtmlEntity(std::string_view name);

}  // namespace pubtrack::feeds
