// SPDX-License-Identifier: Apache-2.0
// The outreach paragraphs of the annual report, in the report's own phrasing (seed report:
// "微信公众号全年共推送新闻信息近800条，阅读量突破150万人次，关注人数近5万人"). A sentence whose
// figures are missing (nullopt, no ledger records, no media data) is left out, never zero-filled.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/figures.h"
#include "reports/phrasing.h"

namespace pubtrack::reports {

// The paragraphs, in order: WeChat, media coverage, outreach activities, deputies' suggestions
// and members' proposals, disclosure requests (and reviews/lawsuits), year-on-year changes.
// Paragraphs with nothing to say are absent. Ledger counts are always exact; other counts are
// worded by approxCount with `round_threshold`.
std::vector<std::string> narrativeParagraphs(const Figures& f, Lang lang, int64_t round_threshold);

// The paragraphs joined with a blank line. `lang` is "zh" or "en" (anything else means zh).
std::string narrative(const Figures& f, Lang lang, int64_t round_threshold);

}  // namespace pubtrack::reports
