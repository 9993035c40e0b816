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

// One cell of an official form (表二, 表三, 表四), HTML's model: a row lists only the cells that
// start in it, left to right; a cell covers col_span grid columns and row_span rows.
struct FormCell {
  std::string text;   // plain text, not escaped ("" for an empty value)
  std::string gloss;  // English reports: the English label, drawn beside the Chinese; else ""
  int col_span = 1;
  int row_span = 1;
  bool header = false;  // a caption or column header (shaded, centred)
  std::string key;      // a value cell: its cell key ("t3.new.natural"); else ""
};

// An official table, built once from model/annual_tables.h and drawn by the Markdown, HTML and
// Word writers. Values are formatCellValue's text; a cell without a value is empty, never "0".
struct OfficialTable {
  std::string id;           // "table2", "table3", "table4"
  std::vector<int> widths;  // relative width of each grid column (their count is the grid's)
  int header_rows = 0;      // the first rows are the column headers (repeated on a new page)
  std::vector<std::vector<FormCell>> rows;
  int font_half_points = 21;  // the Word table's text size (表三 and 表四 are dense: 18)
  bool has_data = false;
  std::string note;  // shown above the table when it has no data: "暂无数据，见核查项"
  // English reports: the English of labels whose cells are too narrow to hold it (表三's
  // applicant columns, 表四's result columns), shown under the table: "自然人: natural persons;
  // ..."
  std::string legend;
};

// The cell covering each grid position of `t`, row by row: origin marks the cell's own row,
// first_col the cell's first column. Markdown and Word walk this; HTML uses the rows.
struct GridSlot {
  const FormCell* cell = nullptr;
  bool origin = false;        // the cell starts in this row (else a row_span from above covers it)
  bool first_col = false;     // the cell starts in this column
  size_t row = 0, index = 0;  // the cell is t.rows[row][index]
};
std::vector<std::vector<GridSlot>> gridOf(const OfficialTable& t);

// A section of the annual report: its heading, then the narrative paragraphs, the sub-topics
// (each a sub-heading and a placeholder), the placeholders, and its official table.
struct AnnualSection {
  std::string id;       // model::reportSections()'s key: "overview", "proactive", ...
  std::string heading;  // "一、总体情况" / "1. Overview"
  std::vector<std::string> paragraphs;
  struct Topic {
    std::string heading;      // "（一）主动公开" / "1.1 Proactive disclosure"
    std::string placeholder;  // "【待填写：主动公开工作情况】"
  };
  std::vector<Topic> topics;
  std::vector<std::string> placeholders;  // text the team writes, clearly marked
  std::optional<OfficialTable> table;
};

// The whole 政府信息公开工作年度报告 of a --year report (Figures::tables set), in the official
// layout of its tables: the six sections of model::reportSections(), then the appendix
// (附：宣传数据明细) with the media, WeChat and outreach tables and the checks.
//
// English reports: headings and placeholders are English; the official tables keep their
// Chinese labels (they are Chinese forms) with the English label as a gloss in the same cell,
// or in the table's legend where the cell is too narrow for it.
struct AnnualReport {
  std::string title, subtitle;
  std::vector<AnnualSection> sections;  // the six, in order
  std::string appendix_heading;   // "附：宣传数据明细" / "Appendix: media and outreach"
  std::vector<Section> appendix;  // buildSections, numbered （一）（二）... / A.1 A.2 ...
};
AnnualReport buildAnnualReport(const Figures& f, Lang lang, int64_t threshold);

// The three official tables of a layout filled from `tables` (their cells without a value are
// empty). `lang` decides the glosses and the note.
OfficialTable table2(const AnnualTables& tables, Lang lang);
OfficialTable table3(const AnnualTables& tables, Lang lang);
OfficialTable table4(const AnnualTables& tables, Lang lang);

// A --year report with tables: "深圳市国资委2019年政府信息公开工作年度报告" / "2019 Annual Report
// on Government Information Disclosure". Else (a period report) "深圳市国资委2019年度政务新媒体与
// 宣传工作情况" style title and subtitle.
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
