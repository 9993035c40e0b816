// SPDX-License-Identifier: Apache-2.0
// Language names.
#include "model/lang.h"

#include "core/strings.h"

namespace pubtrack::model {

std::optional<Lang> parseLang(std::string_view text) {
  const std::string t = core::toLowerAscii(text);
  if (t == "zh") return Lang::Zh;
  if (t == "en") return Lang::En;
  return std::nullopt;
}

std::string_view toString(Lang lang) { return lang == Lang::En ? "en" : "zh"; }

}  // namespace pubtrack::model
