// SPDX-License-Identifier: Apache-2.0
// The language a report (and the dashboard) is written in: parsed once, from [report] lang or
// --lang, and passed on as this value.
#pragma once

#include <optional>
#include <string_view>

namespace pubtrack::model {

enum class Lang { Zh, En };
// "zh" or "en" (case-insensitive); nullopt for anything else.
std::optional<Lang> parseLang(std::string_view text);
std::string_view toString(Lang lang);  // "zh" | "en"

}  // namespace pubtrack::model
