// SPDX-License-Identifier: Apache-2.0
// Every output of `pubtrack report`: Figures in, text (or .docx bytes) out. No I/O, no database.
// Titles, outlet and account names are untrusted text and are escaped for each format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reports/figures.h"
#include "reports/phrasing.h"

namespace pubtrack::reports {

struct RenderOptions {
  Lang lang = Lang::Zh;
  int64_t round_threshold = 500;  // [report] round_threshold: counts below stay exact
};

// The narrative, ready to paste: paragraphs separated by a blank line, ending in a newline.
std::string renderText(const Figures& f, const RenderOptions& o);

// Narrative plus tables: WeChat per account and totals, monthly series, top articles, media by
// tier and outlet, top stories, the outreach ledger with roles, 同比 and checks.
std::string renderMarkdown(const Figures& f, const RenderOptions& o);

// Every figure, exact, under stable keys. Missing values are null. Schema (version 1):
//
// {
//   "schema": "pubtrack.figures/1",
//   "agency": string, "generated_at": string (UTC), "lang": "zh"|"en",
//   "round_threshold": int,
//   "period": PERIOD,          PERIOD = {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD",
//                                        "year": int|null, "calendar_year": bool,
//                                        "label": string}
//   "wechat": {
//     "accounts": [ACCOUNT...],
//     "totals": ACCOUNT         (id "" and name "")
//   },
//   ACCOUNT = {"id", "name": string,
//              "articles", "articles_notified", "articles_silent",
//              "page_views", "read_users", "reads": int|null,
//              "reads_metric": "page_views"|"read_users"|null,
//              "followers_start", "followers_end", "followers_net",
//              "followers_new", "followers_cancel": int|null,
//              "days_with_data", "days_in_period": int,
//              "articles_by_month", "reads_by_month", "followers_by_month":
//                  [{"month": "YYYY-MM", "value": int}...]   (followers: month-end),
//              "top_articles": [{"msgid", "title", "url", "publish_date": string,
//                                "reads": int}...]}
//   "media": {"has_data": bool,
//             "mainstream", "confirmed", "candidates": int|null   (null when !has_data),
//             "by_tier": {"central", "provincial", "municipal", "other": int|null},
//             "by_outlet": [{"outlet", "tier": string, "count": int}...],
//             "by_month": [{"month", "value"}...],
//             "by_month_by_tier": {"central"|"provincial"|"municipal": [{"month", "value"}...]},
//             "top_stories": [{"title", "url", "day", "tier": string,
//                              "outlets": [string...]}...]}
//   "outreach": {"<kind>": {"name_zh", "name_en", "unit": string, "count": int,
//                           "roles": [{"role": string, "count": int}...],
//                           "roles_total": int}...}      (kinds without records are absent)
//   "previous": {"period": PERIOD|null,
//                "changes": [{"key": string, "current", "previous", "delta": int,
//                             "percent": number|null}...]}
//   "checks": [{"kind", "source", "message", "message_zh": string}...],
//   "narrative": {"lang": "zh"|"en", "paragraphs": [string...]}
// }
std::string renderJson(const Figures& f, const RenderOptions& o);

// One row per figure, with a header: key,value,unit,label. Keys follow the JSON paths
// (wechat.totals.articles, wechat.accounts.<id>.articles, media.by_tier.central,
// outreach.npc_suggestion, outreach.npc_suggestion.承办, previous.<key>, ...); missing values
// have an empty value field. Values are exact.
std::string renderCsv(const Figures& f, const RenderOptions& o);

// One self-contained HTML page: inline CSS and SVG charts, a CSP that forbids every fetch, A4
// print layout, no JavaScript. Links to stories and articles are plain <a href> (http/https
// only).
std::string renderHtml(const Figures& f, const RenderOptions& o);

// A Word document (.docx, store-only ZIP) with headings, the narrative and the tables. Returns
// the file's bytes.
std::string renderDocx(const Figures& f, const RenderOptions& o);

enum class Format { Text, Markdown, Json, Csv, Html, Docx };
// "text"|"txt", "markdown"|"md", "json", "csv", "html", "docx".
std::optional<Format> parseFormat(std::string_view name);
std::string_view fileExtension(Format format);  // "txt", "md", "json", "csv", "html", "docx"
std::string render(Format format, const Figures& f, const RenderOptions& o);

}  // namespace pubtrack::reports
