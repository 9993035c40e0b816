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

// Two documents are written by Markdown, HTML and Word:
//  - a period report (--from/--to; Figures::tables unset): the narrative, then the tables with
//    data (WeChat, media, outreach ledger, 同比, checks);
//  - the annual report (--year; Figures::tables set): the whole 政府信息公开工作年度报告 in the
//    official layout of tables->layout (annual-report.md §2): the title "<agency><year>年政府信息
//    公开工作年度报告", 一、总体情况 (the narrative, then the 2021 format's sub-topics as
//    placeholders to fill), 二 with 表二, 三 with 表三, 四 with 表四, 五 and 六 as placeholders,
//    then the period report's tables and checks as an appendix (附：宣传数据明细). A table without
//    data keeps its headers and empty cells under the note "暂无数据，见核查项"; it is never filled
//    with zeros. English reports translate headings and placeholders; the official tables keep
//    their Chinese labels with the English beside them (in the cell, or in a legend under the table
//    where the column is too narrow). Placeholders read "【待填写：…】" / "[To be written: …]".
// See render_model.h (detail::buildAnnualReport, detail::OfficialTable).

// The narrative, ready to paste: paragraphs separated by a blank line, ending in a newline. The
// same for both documents.
std::string renderText(const Figures& f, const RenderOptions& o);

// Period report: narrative plus tables: WeChat per account and totals, monthly series, top
// articles, media by tier and outlet, top stories, the outreach ledger with roles, 同比 and
// checks. Annual report: as above; Markdown has no merged cells, so a merged cell's text is
// written where it starts and the cells it covers are empty (header rows after the first bold).
std::string renderMarkdown(const Figures& f, const RenderOptions& o);

// Every figure, exact, under stable keys. Missing values are null. Schema (version 1):
//
// {
//   "schema": "pubtrack.figures/1",
//   "agency": string, "generated_at": string (UTC), "lang": "zh"|"en",
//   "round_threshold": int,
//   "period": PERIOD,          PERIOD = {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD",
//                                        "year": int|null, "calendar_year": bool,
//                                        "in_progress": bool (a year not over yet:
//                                        "to" is the last day collected so far),
//                                        "label": string}
//   "wechat": {
//     "accounts": [ACCOUNT...],
//     "totals": ACCOUNT         (id "" and name "")
//   },
//   ACCOUNT = {"id", "name": string,
//              "articles_basis": "datacube"|"datacube+freepublish"|"mass_sent_only"|null
//                (how "articles" was counted; mass_sent_only misses posts published
//                without notification before 2025-11, and a check says so),
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
//   "tables": null                  (a period report)
//           | {"layout": "2019"|"2021",
//              "has_data": {"t2": bool, "t3": bool, "t4": bool},
//              "cells": {"<key>": int|null...},
//              "units": {"<key>": "count"|"change"|"wan_yuan_fen"|"yuan_fen"...},
//              "computed": [string...]},
//     The official tables 表二/表三/表四. "cells" has every cell key of the layout
//     (model::tableCells: "t2.<row>.<column>", "t3.<row>.<applicant|total>",
//     "t4.<block>.<column>"), in the tables' reading order; a cell is null when its table has no
//     data (has_data false) or when a 表二 figure was not entered. Values are stored integers:
//     "count" a number of documents, decisions, requests or cases; "change" a signed count
//     (本年增/减); "wan_yuan_fen" and "yuan_fen" are amounts of money IN 分 (1/100 元) that the
//     table shows in 万元 (value / 1,000,000) or in 元 (value / 100). "computed" lists the keys
//     whose value pubtrack computed (表四 totals not given).
//   "checks": [{"kind", "source", "message", "message_zh": string}...],
//   "narrative": {"lang": "zh"|"en", "paragraphs": [string...]}
// }
std::string renderJson(const Figures& f, const RenderOptions& o);

// One row per figure, with a header: key,value,unit,label. Keys follow the JSON paths
// (wechat.totals.articles, wechat.accounts.<id>.articles, media.by_tier.central,
// outreach.npc_suggestion, outreach.npc_suggestion.承办, previous.<key>, ...); missing values
// have an empty value field. Values are exact. An annual report then has "tables.layout" and one
// row per official table cell under its cell key ("t3.new.natural"), in reading order, the value
// written as the table shows it (money in 万元 or 元, unit "万元"/"元"; counts have no unit),
// empty when the table has no data, and the cell's label in the table's words.
std::string renderCsv(const Figures& f, const RenderOptions& o);

// One self-contained HTML page: inline CSS and SVG charts, a CSP that forbids every fetch, A4
// print layout, no JavaScript. Links to stories and articles are plain <a href> (http/https
// only). The official tables use colspan/rowspan; their value cells carry data-key="<cell key>".
std::string renderHtml(const Figures& f, const RenderOptions& o);

// A Word document (.docx, store-only ZIP) with headings, the narrative and the tables. Returns
// the file's bytes. The annual report is laid out as an official document (A4 portrait, 仿宋
// body, 黑体/宋体 headings, 宋体 tables with merged cells; docx_writer.cpp says how).
std::string renderDocx(const Figures& f, const RenderOptions& o);

enum class Format { Text, Markdown, Json, Csv, Html, Docx };
// "text"|"txt", "markdown"|"md", "json", "csv", "html", "docx".
std::optional<Format> parseFormat(std::string_view name);
std::string_view fileExtension(Format format);  // "txt", "md", "json", "csv", "html", "docx"
std::string render(Format format, const Figures& f, const RenderOptions& o);

}  // namespace pubtrack::reports
