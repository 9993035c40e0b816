// SPDX-License-Identifier: Apache-2.0
// The annual report in the official layout (issue #12): the shared table model, and the
// Markdown, HTML, JSON, CSV and text writers for both layouts, with tables full or empty.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/strings.h"
#include "model/annual_tables.h"
#include "reports/narrative.h"
#include "reports/render_model.h"
#include "reports/writers.h"
#include "tests/reports/html_checks.h"
#include "tests/reports/sample_figures.h"

namespace pubtrack::reports {
namespace {

using model::Layout;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kNoData = "暂无数据，见核查项";

// The layouts, each with the official row counts of its three tables, counted by hand from
// annual-report.md §2.2-2.5: 表二 is (caption + header + rows) per block; 表三 has three header
// rows, 一 and 二, the result rows (2021: 21, 2019: 19, as （六） has no sub-rows), （七）总计 and
// 四; 表四 has three header rows and one data row.
struct LayoutCase {
  Layout layout;
  size_t table2_rows, table3_rows, table3_results, table4_rows;
};
constexpr LayoutCase kLayouts[] = {
    {Layout::Y2021, 4 + 3 + 4 + 3, 3 + 2 + 21 + 1 + 1, 22, 4},
    {Layout::Y2019, 4 + 4 + 4 + 3 + 3, 3 + 2 + 19 + 1 + 1, 20, 4},
};

// Every row and column label of a layout's three tables, in the forms' own words.
std::vector<std::string> officialLabels(Layout layout) {
  std::vector<std::string> out;
  for (const auto& b : model::table2(layout)) {
    out.emplace_back(b.caption_zh);
    for (const auto& c : b.columns) out.emplace_back(c.label_zh);
    for (const auto& r : b.rows) out.emplace_back(r.label_zh);
  }
  out.emplace_back(model::kTable2ContentZh);
  for (auto sv : {model::kTable3NoteZh, model::kTable3ApplicantsZh, model::kTable3OrganisationsZh,
                  model::kTable3TotalZh, model::kTable3Results, model::kTable4SuitZh})
    out.emplace_back(sv);
  for (auto a : model::kApplicants) out.emplace_back(model::labelZh(a));
  for (const auto& r : model::table3Rows(layout)) {
    out.push_back(r.label_zh);
    if (!r.group_zh.empty()) out.push_back(r.group_zh);
  }
  for (const auto& b : model::table4Blocks()) out.emplace_back(b.label_zh);
  for (const auto& c : model::table4Columns()) out.emplace_back(c.label_zh);
  return out;
}

std::vector<std::string> keysOf(Layout layout, std::string_view prefix) {
  std::vector<std::string> keys;
  for (const auto& c : model::tableCells(layout))
    if (c.key.rfind(prefix, 0) == 0) keys.push_back(c.key);
  return keys;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The text from the line "## <heading>" to the next "## " line.
std::string markdownSection(const std::string& md, const std::string& heading) {
  const auto start = md.find("\n## " + heading + "\n");
  if (start == std::string::npos) return {};
  const auto end = md.find("\n## ", start + 1);
  return md.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

// The first Markdown table of a text: its lines, the separator included.
std::vector<std::string> firstMarkdownTable(const std::string& text) {
  std::vector<std::string> table;
  for (const auto& line : lines(text)) {
    if (line.rfind("|", 0) == 0)
      table.push_back(line);
    else if (!table.empty())
      break;
  }
  return table;
}

// <table ... id="<id>">...</table> of an HTML page.
std::string htmlTable(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const auto start = html.rfind("<table", at);
  return html.substr(start, html.find("</table>", at) + 8 - start);
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

// ---- The shared model ---------------------------------------------------------------------

TEST(OfficialTableTest, CellsTileTheGridAndCarryEveryKeyInOrder) {
  for (const auto& lc : kLayouts) {
    SCOPED_TRACE(std::string(model::toString(lc.layout)));
    const auto t = fakes::annualTables(lc.layout);
    const std::vector<std::pair<detail::OfficialTable, size_t>> tables = {
        {detail::table2(t, Lang::Zh), lc.table2_rows},
        {detail::table3(t, Lang::Zh), lc.table3_rows},
        {detail::table4(t, Lang::Zh), lc.table4_rows}};
    std::vector<std::string> keys;
    for (const auto& [table, rows] : tables) {
      SCOPED_TRACE(table.id);
      EXPECT_EQ(table.rows.size(), rows);
      // Every grid position is covered by exactly one cell: the spans add up row by row.
      std::vector<int> covered(table.rows.size(), 0);
      for (size_t r = 0; r < table.rows.size(); ++r)
        for (const auto& c : table.rows[r])
          for (size_t k = r; k < r + static_cast<size_t>(c.row_span) && k < covered.size(); ++k)
            covered[k] += c.col_span;
      for (size_t r = 0; r < covered.size(); ++r)
        EXPECT_EQ(covered[r], static_cast<int>(table.widths.size())) << "row " << r;
      for (const auto& row : detail::gridOf(table))
        for (const auto& slot : row) {
          ASSERT_NE(slot.cell, nullptr);
          if (slot.origin && slot.first_col && !slot.cell->key.empty())
            keys.push_back(slot.cell->key);
        }
    }
    std::vector<std::string> want;
    for (const auto& c : model::tableCells(lc.layout)) want.push_back(c.key);
    EXPECT_EQ(keys, want);
  }
}

TEST(OfficialTableTest, Table3HasTheOfficialHeaderAndMergedGroups) {
  const auto t = detail::table3(fakes::annualTables(Layout::Y2021), Lang::Zh);
  EXPECT_EQ(t.header_rows, 3);
  ASSERT_EQ(t.widths.size(), 10u);  // 3 label columns, 6 applicants, 总计
  const auto& top = t.rows[0];
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].text, model::kTable3NoteZh);
  EXPECT_EQ(top[0].col_span, 3);
  EXPECT_EQ(top[0].row_span, 3);
  EXPECT_EQ(top[1].text, "申请人情况");
  EXPECT_EQ(top[1].col_span, 7);
  ASSERT_EQ(t.rows[1].size(), 3u);
  EXPECT_EQ(t.rows[1][0].text, "自然人");
  EXPECT_EQ(t.rows[1][0].row_span, 2);
  EXPECT_EQ(t.rows[1][1].text, "法人或其他组织");
  EXPECT_EQ(t.rows[1][1].col_span, 5);
  EXPECT_EQ(t.rows[1][2].text, "总计");
  EXPECT_EQ(t.rows[1][2].row_span, 2);
  std::vector<std::string> orgs;
  for (const auto& c : t.rows[2]) orgs.push_back(c.text);
  EXPECT_EQ(orgs, (std::vector<std::string>{"商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                            "其他"}));
  // 三、本年度办理结果 spans the 22 result rows; （三）不予公开 its 8 items.
  const auto& first = t.rows[5];
  EXPECT_EQ(first[0].text, "三、本年度办理结果");
  EXPECT_EQ(first[0].row_span, 22);
  EXPECT_EQ(first[1].text, "（一）予以公开");
  EXPECT_EQ(first[1].col_span, 2);
  EXPECT_EQ(t.rows[7][0].text, "（三）不予公开");
  EXPECT_EQ(t.rows[7][0].row_span, 8);
  EXPECT_EQ(t.rows[7][1].text, "1.属于国家秘密");
  EXPECT_EQ(t.rows[3][0].text, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(t.rows[3][0].col_span, 3);
  EXPECT_EQ(t.rows.back()[0].text, "四、结转下年度继续办理");
}

TEST(OfficialTableTest, EmptyTablesHaveEmptyCellsAndTheNote) {
  const auto t = fakes::annualTables(Layout::Y2021, false, false, false);
  for (const auto& table :
       {detail::table2(t, Lang::Zh), detail::table3(t, Lang::Zh), detail::table4(t, Lang::Zh)}) {
    SCOPED_TRACE(table.id);
    EXPECT_FALSE(table.has_data);
    EXPECT_EQ(table.note, kNoData);
    for (const auto& row : table.rows)
      for (const auto& c : row)
        if (!c.key.empty()) {
          EXPECT_EQ(c.text, "") << c.key;
        }
  }
  const auto full = detail::table2(fakes::annualTables(Layout::Y2021), Lang::Zh);
  EXPECT_TRUE(full.has_data);
  EXPECT_EQ(full.note, "");
}

TEST(OfficialTableTest, MoneyIsWrittenInTheTablesUnit) {
  auto t = fakes::annualTables(Layout::Y2021);
  auto valueOf = [](const detail::OfficialTable& table, const std::string& key) {
    for (const auto& row : table.rows)
      for (const auto& c : row)
        if (c.key == key) return c.text;
    return std::string("?");
  };
  EXPECT_EQ(valueOf(detail::table2(t, Lang::Zh), "t2.fees.amount"), "12.35");  // 万元
  EXPECT_EQ(valueOf(detail::table2(t, Lang::Zh), "t2.rules.repealed"), "0");   // a real zero
  t.t2.erase("t2.rules.in_force");  // not entered: empty, not 0
  EXPECT_EQ(valueOf(detail::table2(t, Lang::Zh), "t2.rules.in_force"), "");
  const auto old = fakes::annualTables(Layout::Y2019);
  EXPECT_EQ(valueOf(detail::table2(old, Lang::Zh), "t2.procurement.amount"), "251000");  // 元
  EXPECT_EQ(valueOf(detail::table2(old, Lang::Zh), "t2.fees.items_change"), "-3");
}

TEST(OfficialTableTest, EnglishGlossesFitOrGoToTheLegend) {
  const auto t = detail::table3(fakes::annualTables(Layout::Y2021), Lang::En);
  EXPECT_EQ(t.rows[3][0].text, "一、本年新收政府信息公开申请数量");  // the form stays Chinese
  EXPECT_EQ(t.rows[3][0].gloss, "1. new requests this year");
  EXPECT_EQ(t.rows[1][0].gloss, "");  // 自然人's column is too narrow
  EXPECT_THAT(t.legend, HasSubstr("自然人: natural persons"));
  EXPECT_THAT(t.legend, HasSubstr("（三）不予公开: (3) withheld"));
  const auto t4 = detail::table4(fakes::annualTables(Layout::Y2021), Lang::En);
  EXPECT_EQ(count(t4.legend, "结果维持: upheld"), 1u);  // once, though three blocks have it
  EXPECT_EQ(t4.rows[0][0].gloss, "administrative review");
  EXPECT_EQ(detail::table3(fakes::annualTables(Layout::Y2021), Lang::Zh).legend, "");
}

// ---- The writers ---------------------------------------------------------------------------

TEST(AnnualMarkdownTest, HasTheSixSectionsTheOfficialTablesAndTheAppendix) {
  for (const auto& lc : kLayouts) {
    for (const Lang lang : {Lang::Zh, Lang::En}) {
      SCOPED_TRACE(std::string(model::toString(lc.layout)) + " " +
                   std::string(model::toString(lang)));
      const bool en = lang == Lang::En;
      const auto f = fakes::annualFigures(lc.layout);
      const std::string md = renderMarkdown(f, {lang, 500});
      EXPECT_EQ(md.rfind(en ? "# 2019 Annual Report on Government Information Disclosure\n"
                            : "# 深圳市国资委2019年政府信息公开工作年度报告\n",
                         0),
                0u);
      // The six headings in order, then the appendix.
      size_t at = 0;
      for (const auto& s : model::reportSections()) {
        const auto p = md.find("\n## " + core::markdownEscape(en ? s.title_en : s.title_zh) + "\n");
        ASSERT_NE(p, std::string::npos) << s.key;
        EXPECT_GT(p, at) << s.key;
        at = p;
      }
      const std::string appendix = en ? "Appendix: media and outreach details" : "附：宣传数据明细";
      EXPECT_GT(md.find("\n## " + appendix + "\n"), at);
      EXPECT_THAT(md,
                  HasSubstr(en ? "Table A1. WeChat official accounts" : "附表1 微信公众号数据"));
      // 一 has the narrative and the five sub-topics to fill; 五 and 六 are placeholders.
      const std::string overview =
          markdownSection(md, std::string(en ? model::reportSections()[0].title_en
                                             : model::reportSections()[0].title_zh));
      EXPECT_THAT(overview, HasSubstr(en ? "nearly 800 posts" : "近800条"));
      const std::string mark = "> " + core::markdownEscape(en ? "[To be written: " : "【待填写：");
      EXPECT_EQ(count(overview, mark), 5u);
      for (size_t k : {4u, 5u}) {
        const auto& s = model::reportSections()[k];
        EXPECT_THAT(markdownSection(md, std::string(en ? s.title_en : s.title_zh)),
                    HasSubstr(mark));
      }
      // Every label of the forms, in Chinese in both languages.
      for (const auto& label : officialLabels(lc.layout))
        EXPECT_THAT(md, HasSubstr(core::markdownEscape(label))) << label;
      // The tables under 二, 三, 四, with the official number of rows (+ the separator line).
      const std::vector<std::pair<size_t, size_t>> tables = {
          {1, lc.table2_rows}, {2, lc.table3_rows}, {3, lc.table4_rows}};
      for (const auto& [k, rows] : tables) {
        const auto& s = model::reportSections()[k];
        const auto table =
            firstMarkdownTable(markdownSection(md, std::string(en ? s.title_en : s.title_zh)));
        EXPECT_EQ(table.size(), rows + 1) << s.key;
      }
      fakes::expectMarkdownTablesRectangular(md);
      EXPECT_THAT(md, HasSubstr("| 119 | 25 | 91 | 24 | 259 | 7 | 0 | 15 | 6 | 28 | 21 | 1 |"));
      EXPECT_THAT(md, Not(HasSubstr(kNoData)));
    }
  }
}

TEST(AnnualMarkdownTest, EmptyTablesShowTheNoteNotZeros) {
  for (const auto& lc : kLayouts) {
    SCOPED_TRACE(std::string(model::toString(lc.layout)));
    const std::string md = renderMarkdown(fakes::annualFigures(lc.layout, false, true, false), {});
    for (size_t k : {1u, 3u}) {  // 表二 and 表四 are empty
      const std::string sec = markdownSection(md, std::string(model::reportSections()[k].title_zh));
      EXPECT_THAT(sec, HasSubstr(std::string("**") + kNoData + "**"));
      const auto table = firstMarkdownTable(sec);
      EXPECT_EQ(table.size(), (k == 1 ? lc.table2_rows : lc.table4_rows) + 1);
      for (const auto& line : table)
        EXPECT_FALSE(std::regex_search(line, std::regex("[0-9]"))) << line;
    }
    const std::string requests =
        markdownSection(md, std::string(model::reportSections()[2].title_zh));
    EXPECT_THAT(requests, Not(HasSubstr(kNoData)));
    // The checks say why, in the appendix.
    EXPECT_THAT(md, HasSubstr("表二尚无数据"));
  }
}

TEST(AnnualHtmlTest, DrawsTheFormsWithMergedCells) {
  for (const auto& lc : kLayouts) {
    for (const Lang lang : {Lang::Zh, Lang::En}) {
      SCOPED_TRACE(std::string(model::toString(lc.layout)) + " " +
                   std::string(model::toString(lang)));
      const std::string html = renderHtml(fakes::annualFigures(lc.layout), {lang, 500});
      fakes::expectSelfContained(html);
      EXPECT_THAT(html, HasSubstr("<body class=\"annual\">"));
      for (const auto& s : model::reportSections())
        EXPECT_THAT(
            html,
            HasSubstr("<section id=\"" + std::string(s.key) + "\" class=\"body\"><h2>" +
                      core::htmlEscape(lang == Lang::En ? s.title_en : s.title_zh) + "</h2>"));
      EXPECT_THAT(html, HasSubstr("<section id=\"appendix\" class=\"appendix\">"));
      EXPECT_THAT(html, HasSubstr("<svg viewBox="));  // the charts stay, in the appendix
      for (const auto& label : officialLabels(lc.layout))
        EXPECT_THAT(html, HasSubstr(core::htmlEscape(label))) << label;
      const std::vector<std::tuple<std::string, size_t, std::string>> tables = {
          {"table2", lc.table2_rows, "t2."},
          {"table3", lc.table3_rows, "t3."},
          {"table4", lc.table4_rows, "t4."}};
      for (const auto& [id, rows, prefix] : tables) {
        const std::string t = htmlTable(html, id);
        EXPECT_EQ(count(t, "<tr>"), rows) << id;
        EXPECT_EQ(count(t, "data-key=\"" + prefix), keysOf(lc.layout, prefix).size()) << id;
      }
      const std::string t3 = htmlTable(html, "table3");
      EXPECT_THAT(t3, HasSubstr("<thead><tr><th colspan=\"3\" rowspan=\"3\">"));
      EXPECT_THAT(t3, HasSubstr("colspan=\"7\">申请人情况"));
      EXPECT_THAT(t3, HasSubstr("colspan=\"5\">法人或其他组织"));
      EXPECT_THAT(t3, HasSubstr("rowspan=\"" + std::to_string(lc.table3_results) +
                                "\">三、本年度办理结果"));
      EXPECT_THAT(t3, HasSubstr("rowspan=\"8\">（三）不予公开"));
      const std::string t4 = htmlTable(html, "table4");
      EXPECT_THAT(t4, HasSubstr("colspan=\"5\">行政复议"));
      EXPECT_THAT(t4, HasSubstr("colspan=\"10\">行政诉讼"));
      EXPECT_THAT(t4, HasSubstr("data-key=\"t4.review.total\">259</td>"));
    }
  }
}

TEST(AnnualHtmlTest, EmptyTablesHaveEmptyCells) {
  const std::string html = renderHtml(fakes::annualFigures(Layout::Y2021, false, false, false), {});
  fakes::expectSelfContained(html);
  EXPECT_EQ(count(html, std::string("<p class=\"table-note\">") + kNoData + "</p>"), 3u);
  const std::regex cell("data-key=\"[^\"]*\">([^<]*)</td>");
  size_t cells = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator();
       ++it, ++cells)
    EXPECT_EQ((*it)[1].str(), "") << (*it)[0];
  EXPECT_EQ(cells, model::tableCells(Layout::Y2021).size());
}

TEST(AnnualJsonTest, HasEveryCellKeyTheUnitsAndNullsForEmptyTables) {
  for (const auto& lc : kLayouts) {
    for (const bool full : {true, false}) {
      SCOPED_TRACE(std::string(model::toString(lc.layout)) + (full ? " full" : " 表三 only"));
      const std::string json = renderJson(fakes::annualFigures(lc.layout, full, true, full), {});
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
      EXPECT_EQ(std::string_view(doc["schema"]), "pubtrack.figures/1");  // additions only
      const auto t = doc["tables"];
      EXPECT_EQ(std::string_view(t["layout"]), model::toString(lc.layout));
      EXPECT_EQ(bool(t["has_data"]["t2"]), full);
      EXPECT_TRUE(bool(t["has_data"]["t3"]));
      EXPECT_EQ(bool(t["has_data"]["t4"]), full);
      simdjson::dom::object cells = t["cells"], units = t["units"];
      const auto want = model::tableCells(lc.layout);
      EXPECT_EQ(cells.size(), want.size());
      EXPECT_EQ(units.size(), want.size());
      for (const auto& c : want) {
        simdjson::dom::element v;
        ASSERT_EQ(cells[c.key].get(v), simdjson::SUCCESS) << c.key;
        const bool hasData = c.key.rfind("t3.", 0) == 0 || full;
        EXPECT_EQ(v.is_null(), !hasData) << c.key;
        EXPECT_EQ(units[c.key].error(), simdjson::SUCCESS) << c.key;
      }
      if (full) {
        EXPECT_EQ(int64_t(cells["t4.review.total"]), 259);
        EXPECT_EQ(std::string_view(t["computed"].at(0)), "t4.review.total");
      }
    }
  }
  simdjson::dom::parser parser;
  const std::string j21 = renderJson(fakes::annualFigures(Layout::Y2021), {});
  simdjson::dom::element d21 = parser.parse(j21);
  EXPECT_EQ(int64_t(d21["tables"]["cells"]["t2.fees.amount"]), 12'350'000);  // 分
  EXPECT_EQ(std::string_view(d21["tables"]["units"]["t2.fees.amount"]), "wan_yuan_fen");
  EXPECT_EQ(std::string_view(d21["tables"]["units"]["t2.rules.issued"]), "count");
  EXPECT_EQ(std::string_view(d21["tables"]["units"]["t3.new.natural"]), "count");
  simdjson::dom::parser parser19;
  const std::string j19 = renderJson(fakes::annualFigures(Layout::Y2019), {});
  simdjson::dom::element d19 = parser19.parse(j19);
  EXPECT_EQ(std::string_view(d19["tables"]["units"]["t2.procurement.amount"]), "yuan_fen");
  EXPECT_EQ(std::string_view(d19["tables"]["units"]["t2.fees.items_change"]), "change");
  EXPECT_EQ(int64_t(d19["tables"]["cells"]["t2.fees.items_change"]), -3);
  // A period report has no tables; every other key is still there.
  simdjson::dom::parser parserP;
  const std::string jp = renderJson(fakes::seedFigures(), {});
  simdjson::dom::element dp = parserP.parse(jp);
  EXPECT_TRUE(dp["tables"].is_null());
  for (const char* key :
       {"period", "wechat", "media", "outreach", "previous", "checks", "narrative"})
    EXPECT_EQ(d21[key].error(), simdjson::SUCCESS) << key;
}

std::map<std::string, std::string> csvRows(const std::string& csv) {
  std::map<std::string, std::string> rows;
  for (auto line : lines(csv)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    rows[line.substr(0, line.find(','))] = line;
  }
  return rows;
}

TEST(AnnualCsvTest, OneRowPerCellAsTheTableShowsIt) {
  for (const auto& lc : kLayouts) {
    for (const bool full : {true, false}) {
      SCOPED_TRACE(std::string(model::toString(lc.layout)) + (full ? " full" : " 表三 only"));
      const std::string csv = renderCsv(fakes::annualFigures(lc.layout, full, true, full), {});
      const auto rows = csvRows(csv);
      EXPECT_EQ(rows.at("tables.layout"),
                "tables.layout," + std::string(model::toString(lc.layout)) + ",,表格格式（年版）");
      const auto cells = model::tableCells(lc.layout);
      for (const auto& c : cells) {
        ASSERT_EQ(rows.count(c.key), 1u) << c.key;
        const std::string& row = rows.at(c.key);
        const bool hasData = c.key.rfind("t3.", 0) == 0 || full;
        EXPECT_EQ(row.rfind(c.key + (hasData ? "," : ",,"), 0), 0u) << row;
        EXPECT_THAT(row, HasSubstr(c.label_zh));
      }
      // Today's rows first, then the cells in reading order: one line per cell.
      EXPECT_LT(csv.find("checks.count,"), csv.find("\r\n" + cells.front().key + ","));
      EXPECT_EQ(count(csv, "\r\nt2."), keysOf(lc.layout, "t2.").size());
      EXPECT_EQ(count(csv, "\r\nt3."), keysOf(lc.layout, "t3.").size());
      EXPECT_EQ(count(csv, "\r\nt4."), 15u);
    }
  }
  const auto rows = csvRows(renderCsv(fakes::annualFigures(Layout::Y2021), {}));
  EXPECT_EQ(rows.at("t2.fees.amount"),
            "t2.fees.amount,12.35,万元,表二 第二十条第（八）项 行政事业性收费 "
            "本年收费金额（单位：万元）");
  EXPECT_EQ(rows.at("t4.review.total"), "t4.review.total,259,,表四 行政复议 总计");
  EXPECT_EQ(rows.at("t3.withheld.state_secret.natural"),
            "t3.withheld.state_secret.natural,39,,表三 （三）不予公开 1.属于国家秘密 自然人");
  EXPECT_THAT(rows.at("t3.new.commercial"),
              HasSubstr("表三 一、本年新收政府信息公开申请数量 法人或其他组织 商业企业"));
  const auto old = csvRows(renderCsv(fakes::annualFigures(Layout::Y2019), {Lang::En, 500}));
  // A key both layouts keep is labelled in the layout's own words.
  EXPECT_THAT(old.at("t2.licensing.decisions"),
              HasSubstr(",表二 第二十条第（五）项 行政许可 处理决定数量"));
  EXPECT_THAT(rows.at("t2.licensing.decisions"),
              HasSubstr(",表二 第二十条第（五）项 行政许可 本年处理决定数量"));
  EXPECT_THAT(old.at("t2.procurement.amount"), HasSubstr("t2.procurement.amount,251000,yuan,"));
  // A period report has no table rows.
  const std::string period = renderCsv(fakes::seedFigures(), {});
  EXPECT_THAT(period, Not(HasSubstr("tables.layout")));
  EXPECT_THAT(period, Not(HasSubstr("\r\nt3.")));
}

TEST(AnnualTextTest, IsStillTheNarrativeOnly) {
  const auto f = fakes::annualFigures(Layout::Y2021);
  const std::string text = renderText(f, {});
  EXPECT_EQ(text, narrative(f, Lang::Zh, 500) + "\n");
  EXPECT_THAT(text, Not(HasSubstr("待填写")));
  EXPECT_THAT(text, Not(HasSubstr("总体情况")));
}

TEST(AnnualReportTest, TitlesAndPeriodReportsKeepTheirLayout) {
  const auto f = fakes::annualFigures(Layout::Y2021);
  EXPECT_EQ(detail::reportTitle(f, Lang::Zh), "深圳市国资委2019年政府信息公开工作年度报告");
  EXPECT_EQ(detail::reportTitle(f, Lang::En),
            "2019 Annual Report on Government Information Disclosure");
  EXPECT_THAT(detail::reportSubtitle(f, Lang::Zh), HasSubstr("表格格式：2021年版"));
  EXPECT_THAT(detail::reportSubtitle(f, Lang::En), HasSubstr("深圳市国资委 · Period: 2019-01-01"));
  const auto period = fakes::seedFigures();  // a year, but no tables: the period report
  EXPECT_EQ(detail::reportTitle(period, Lang::Zh), "深圳市国资委2019年度政务新媒体与宣传工作情况");
  const std::string md = renderMarkdown(period, {});
  EXPECT_THAT(md, HasSubstr("## 概述"));
  EXPECT_THAT(md, Not(HasSubstr("总体情况")));
  EXPECT_THAT(md, HasSubstr("## 一、微信公众号"));
  EXPECT_THAT(renderHtml(period, {}), Not(HasSubstr("class=\"official")));
}

}  // namespace
}  // namespace pubtrack::reports
