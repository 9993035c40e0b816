// SPDX-License-Identifier: Apache-2.0
// Words shared by the narrative and the writers: period wording, media tiers, ledger roles,
// the reads metric and the names of year-on-year keys, in Chinese and English.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "reports/figures.h"
#include "reports/phrasing.h"

namespace pubtrack::reports {

// A day as the Chinese report writes it: 2024年1月1日.
std::string zhDate(const core::Date& day);

// True when the period is one calendar year (year set, or YYYY-01-01..YYYY-12-31).
bool isCalendarYear(const Period& p);
// Chinese: "全年" for a calendar year, else "2025年1月1日至6月30日期间" (the year repeated only
// when it changes). English: "in 2019" / "from 1 January to 30 June 2025".
std::string periodPhrase(const Period& p, Lang lang);
// A title-like label: "2019年度" / "2025年1月1日至6月30日"; English "2019" / "1 January to ...".
std::string periodTitle(const Period& p, Lang lang);

// central -> 中央级 / central; unknown tiers are returned unchanged.
std::string tierLabel(std::string_view tier, Lang lang);
// 主办 -> 主办 / lead; unknown roles unchanged.
std::string roleLabel(std::string_view role, Lang lang);

// The title of a check kind (Check::kind), one per kind the report can list:
// "wechat_days_missing" -> 微信数据缺天 / WeChat days missing. A kind without a title (one added
// later) is its own title, so a new check is never lost.
std::string checkTitle(std::string_view kind, Lang lang);

// The reads figure an account reports and how: page views (阅读量, 人次) or the sum of daily
// read users (阅读人数, 人 — never 人次, annual-report.md §4.2).
struct ReadsFigure {
  int64_t value = 0;
  bool page_views = true;
};
std::optional<ReadsFigure> readsOf(const WeChatFigures& w);
std::string readsLabel(bool page_views, Lang lang);  // 阅读量 / 阅读人数; page views / readers
std::string readsUnit(bool page_views, Lang lang);  // 人次 / 人; page views / readers

// Display name of an account: its name, else its id, else "微信公众号" / "WeChat".
std::string accountName(const WeChatFigures& w, Lang lang);

// What a year-on-year key is called and counted in. `exact` is set for ledger figures, which
// are never rounded. Unknown keys give a label equal to the key and no unit.
struct ChangeLabel {
  std::string label;
  std::string unit;
  bool exact = false;
  bool known = false;
};
ChangeLabel changeLabel(std::string_view key, const Figures& f, Lang lang);

// Picks the Chinese or English text.
inline std::string pick(Lang lang, std::string_view zh, std::string_view en) {
  return std::string(lang == Lang::En ? en : zh);
}

}  // namespace pubtrack::reports
