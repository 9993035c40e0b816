// SPDX-License-Identifier: Apache-2.0
// The three fixed tables of the 政府信息公开工作年度报告 (shared/reference/annual-report.md
// §2.2-2.5), as data: their rows, columns and the stable keys of every cell, in the 2019 (试行)
// and the 2021 layouts. The store keeps figures under these keys, the report computes and checks
// them, every writer lays them out from here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace pubtrack::model {

// 国办公开办函〔2019〕60号 (2019 and 2020 reports) or 〔2021〕30号 (2021 on).
enum class Layout { Y2019, Y2021 };
std::string_view toString(Layout layout);  // "2019" | "2021"
std::optional<Layout> parseLayout(std::string_view text);
Layout defaultLayout(int year);  // 2021 from 2021 on

// How a cell's value is stored and written.
enum class Unit {
  Count,    // a whole number of documents, decisions, requests (件, 项)
  Change,   // a signed whole number (本年增/减)
  WanYuan,  // money kept in 分, entered and shown in 万元 (up to 6 decimals)
  Yuan,     // money kept in 分, entered and shown in 元 (up to 2 decimals)
};

struct TableColumn {
  std::string_view key;  // "issued"
  std::string_view label_zh;
  std::string_view label_en;
  Unit unit = Unit::Count;
};

struct TableRow {
  std::string_view key;  // "rules"
  std::string_view label_zh;
  std::string_view label_en;
};

// One sub-table of 表二 (a caption row over its rows, with its own columns).
struct TableBlock {
  std::string_view caption_zh;  // "第二十条第（一）项"
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
};

// 表二 of a layout. Cell keys are "t2.<row>.<column>".
const std::vector<TableBlock>& table2(Layout layout);

// ---- 表三: requests by applicant and by outcome ----------------------------------------------

enum class Applicant { Natural, Commercial, Research, PublicInterest, LegalServices, OtherOrg };
inline constexpr std::array<Applicant, 6> kApplicants{
    Applicant::Natural,        Applicant::Commercial,    Applicant::Research,
    Applicant::PublicInterest, Applicant::LegalServices, Applicant::OtherOrg};
std::string_view toString(Applicant a);  // "natural", "commercial", ...
std::string_view labelZh(Applicant a);  // 自然人, 商业企业, 科研机构, 社会公益组织, ...
std::string_view labelEn(Applicant a);
// A code or a Chinese label (自然人, 商业企业 ...; 法人 / 其他组织 alone mean "other_org").
std::optional<Applicant> parseApplicant(std::string_view text);

// One result row of 表三's 三、本年度办理结果. Codes are "<group>.<item>" ("withheld.
// state_secret"), or the group alone for 予以公开 and 部分公开.
struct Outcome {
  std::string_view code;      // "unavailable.not_held"
  std::string_view group;     // "unavailable"
  std::string_view group_zh;  // "（四）无法提供"
  std::string_view item_zh;   // "1.本机关不掌握相关政府信息" ("" for a one-row group)
  std::string_view label_en;
  bool layout_2021_only = false;  // 2019's （六）其他处理 has no sub-rows
};
// Every outcome of the 2021 layout, in 表三's order.
const std::vector<Outcome>& outcomes();
const Outcome* outcomeByCode(std::string_view code);
// A code, a group's or an item's Chinese text ("予以公开", "属于国家秘密", "不予公开-属于国家秘密",
// "重复申请"), or an item's number within its group written as "<group>.<n>" ("withheld.1").
const Outcome* parseOutcome(std::string_view text);
// The row an outcome is counted in under a layout: 2019 folds （六）'s items into "other".
std::string_view rowOf(const Outcome& outcome, Layout layout);

// 表三's rows under a layout, keys in order: "new", "carried", then the result rows
// ("disclosed", "partial", "withheld.state_secret" ..., "other" or "other.<item>"), "total",
// "pending". Cell keys are "t3.<row>.<column>", columns being the applicant codes and "total".
struct Table3Row {
  std::string key;
  std::string label_zh;  // "一、本年新收政府信息公开申请数量", "（一）予以公开", "1.属于国家秘密"
  std::string group_zh;  // the merged group cell of a result item ("（三）不予公开"), else ""
  bool result = false;   // under 三、本年度办理结果 (the result rows and （七）总计)
};
inline constexpr std::string_view kTable3Results = "三、本年度办理结果";
std::vector<Table3Row> table3Rows(Layout layout);

// ---- 表四: administrative review and litigation ----------------------------------------------

// Blocks "review" (行政复议), "suit_direct" (未经复议直接起诉), "suit_after_review" (复议后起诉),
// each with the columns "upheld" (结果维持), "corrected" (结果纠正), "other" (其他结果),
// "pending" (尚未审结), "total" (总计). Cell keys are "t4.<block>.<column>".
struct Table4Block {
  std::string_view key, label_zh, label_en;
};
const std::vector<Table4Block>& table4Blocks();
const std::vector<TableColumn>& table4Columns();

// Every key a figure may be stored under for a layout: 表二's cells and 表四's (表三 comes from
// the request register). Totals are included: a total given by hand is kept and checked.
std::vector<std::string> figureKeys(Layout layout);
// The unit of a 表二/表四 key (nullopt for an unknown key).
std::optional<Unit> unitOf(std::string_view key);
// The layout(s) a key belongs to: keys of one layout only are refused for a year of the other.
bool keyInLayout(std::string_view key, Layout layout);

// What a 表二/表四 key is, in the table's own words: "表二 第二十条第（一）项 规章 本年制发件数",
// "表四 行政复议 总计"; "" for an unknown key.
std::string figureLabelZh(std::string_view key);

// ---- The report around the tables (§2.1) and the forms' own header texts -----------------------

// The six sections, the same in both layouts, in order: "overview" (一、总体情况), "proactive"
// (二、主动公开政府信息情况, 表二), "requests" (三、收到和处理政府信息公开申请情况, 表三), "review"
// (四、政府信息公开行政复议、行政诉讼情况, 表四), "problems" (五、存在的主要问题及改进情况),
// "other" (六、其他需要报告的事项). Titles carry their numbering ("一、总体情况", "1. Overview").
struct ReportSection {
  std::string_view key, title_zh, title_en;
};
const std::vector<ReportSection>& reportSections();
// 一、总体情况's sub-topics as the 2021 format lists them (主动公开、依申请公开、政府信息管理、
// 政府信息公开平台建设、监督保障), without numbering.
struct ReportTopic {
  std::string_view key, label_zh, label_en;
};
const std::vector<ReportTopic>& overviewTopics();

// 表二's first column header.
inline constexpr std::string_view kTable2ContentZh = "信息内容";
inline constexpr std::string_view kTable2ContentEn = "content";
// 表三's header texts: the note in the top-left cell, the applicant columns' caption, the
// organisations' caption over the five organisation columns, the last column.
inline constexpr std::string_view kTable3NoteZh =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
inline constexpr std::string_view kTable3NoteEn = "(rows 1 + 2 = rows 3 + 4)";
inline constexpr std::string_view kTable3ApplicantsZh = "申请人情况";
inline constexpr std::string_view kTable3ApplicantsEn = "applicants";
inline constexpr std::string_view kTable3OrganisationsZh = "法人或其他组织";
inline constexpr std::string_view kTable3OrganisationsEn = "legal persons or other organisations";
inline constexpr std::string_view kTable3TotalZh = "总计";
inline constexpr std::string_view kTable3TotalEn = "total";
inline constexpr std::string_view kTable3ResultsEn = "results this year";
// 表四's caption over its two litigation blocks.
inline constexpr std::string_view kTable4SuitZh = "行政诉讼";
inline constexpr std::string_view kTable4SuitEn = "administrative litigation";

// English for a 表三 row ("new" -> "new requests this year", "withheld.state_secret" -> "state
// secret") and for a result group ("withheld" -> "(3) withheld"); "" for an unknown one.
std::string table3RowLabelEn(std::string_view row);
std::string_view outcomeGroupEn(std::string_view group);

// Every cell of 表二, 表三 and 表四 under a layout, in reading order (each table row by row),
// with its unit (表三's cells count requests) and its label in the table's own words
// ("表三 （三）不予公开 1.属于国家秘密 自然人"; 表二 and 表四 as figureLabelZh).
struct TableCell {
  std::string key;
  Unit unit = Unit::Count;
  std::string label_zh;
};
std::vector<TableCell> tableCells(Layout layout);

// A value as typed for a cell of `unit` ("12", "-3", "12.35" 万元) -> the stored integer (分 for
// money); nullopt when it is not one (`why` says why).
std::optional<int64_t> parseCellValue(std::string_view text, Unit unit, std::string& why);
// The stored integer as written in a table ("12", "-3", "12.35").
std::string formatCellValue(int64_t value, Unit unit);

}  // namespace pubtrack::model
