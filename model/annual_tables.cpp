// SPDX-License-Identifier: Apache-2.0
// The tables' rows, columns and keys (shared/reference/annual-report.md §2.2-2.5).
#include "model/annual_tables.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "core/strings.h"

namespace pubtrack::model {

namespace {

const TableColumn kIssued{"issued", "本年制发件数", "issued this year", Unit::Count};
const TableColumn kRepealed{"repealed", "本年废止件数", "repealed this year", Unit::Count};
const TableColumn kInForce{"in_force", "现行有效件数", "in force", Unit::Count};
const TableColumn kDecisions2021{"decisions", "本年处理决定数量", "decisions this year",
                                 Unit::Count};
const TableColumn kFeeAmount{"amount", "本年收费金额（单位：万元）", "fees this year (10k yuan)",
                             Unit::WanYuan};

const TableColumn kMade{"made", "本年新制作数量", "made this year", Unit::Count};
const TableColumn kPublished{"published", "本年新公开数量", "published this year", Unit::Count};
const TableColumn kTotalPublic{"total", "对外公开总数量", "published in all", Unit::Count};
const TableColumn kItemsLastYear{"items_last_year", "上一年项目数量", "items last year",
                                 Unit::Count};
const TableColumn kItemsChange{"items_change", "本年增/减", "change this year", Unit::Change};
const TableColumn kDecisions2019{"decisions", "处理决定数量", "decisions", Unit::Count};
const TableColumn kProjects{"projects", "采购项目数量", "procurement projects", Unit::Count};
const TableColumn kProcurementAmount{"amount", "采购总金额", "procurement amount (yuan)",
                                     Unit::Yuan};

const TableRow kRules{"rules", "规章", "rules"};
const TableRow kNormative2021{"normative_docs", "行政规范性文件", "normative documents"};
const TableRow kNormative2019{"normative_docs", "规范性文件", "normative documents"};
const TableRow kLicensing{"licensing", "行政许可", "administrative licensing"};
const TableRow kOtherServices{"other_services", "其他对外管理服务事项",
                              "other external management services"};
const TableRow kPenalty{"penalty", "行政处罚", "administrative penalties"};
const TableRow kCoercion{"coercion", "行政强制", "administrative coercion"};
const TableRow kFees{"fees", "行政事业性收费", "administrative fees"};
const TableRow kProcurement{"procurement", "政府集中采购", "government procurement"};

const std::vector<TableBlock> kTable2021 = {
    {"第二十条第（一）项", {kIssued, kRepealed, kInForce}, {kRules, kNormative2021}},
    {"第二十条第（五）项", {kDecisions2021}, {kLicensing}},
    {"第二十条第（六）项", {kDecisions2021}, {kPenalty, kCoercion}},
    {"第二十条第（八）项", {kFeeAmount}, {kFees}},
};

const std::vector<TableBlock> kTable2019 = {
    {"第二十条第（一）项", {kMade, kPublished, kTotalPublic}, {kRules, kNormative2019}},
    {"第二十条第（五）项",
     {kItemsLastYear, kItemsChange, kDecisions2019},
     {kLicensing, kOtherServices}},
    {"第二十条第（六）项", {kItemsLastYear, kItemsChange, kDecisions2019}, {kPenalty, kCoercion}},
    {"第二十条第（八）项", {kItemsLastYear, kItemsChange}, {kFees}},
    {"第二十条第（九）项", {kProjects, kProcurementAmount}, {kProcurement}},
};

constexpr std::array<std::tuple<Applicant, std::string_view, std::string_view, std::string_view>, 6>
    kApplicantNames{{
        {Applicant::Natural, "natural", "自然人", "natural persons"},
        {Applicant::Commercial, "commercial", "商业企业", "commercial enterprises"},
        {Applicant::Research, "research", "科研机构", "research institutions"},
        {Applicant::PublicInterest, "public_interest", "社会公益组织",
         "public-interest organisations"},
        {Applicant::LegalServices, "legal_services", "法律服务机构", "legal service institutions"},
        {Applicant::OtherOrg, "other_org", "其他", "other organisations"},
    }};

const std::vector<Outcome> kOutcomes = {
    {"disclosed", "disclosed", "（一）予以公开", "", "disclosed"},
    {"partial", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "",
     "partly disclosed"},
    {"withheld.state_secret", "withheld", "（三）不予公开", "1.属于国家秘密",
     "withheld: state secret"},
    {"withheld.law_prohibited", "withheld", "（三）不予公开", "2.其他法律行政法规禁止公开",
     "withheld: prohibited by other laws"},
    {"withheld.three_safety", "withheld", "（三）不予公开", "3.危及“三安全一稳定”",
     "withheld: endangers security or stability"},
    {"withheld.third_party", "withheld", "（三）不予公开", "4.保护第三方合法权益",
     "withheld: third-party rights"},
    {"withheld.internal_affairs", "withheld", "（三）不予公开", "5.属于三类内部事务信息",
     "withheld: internal affairs"},
    {"withheld.process_info", "withheld", "（三）不予公开", "6.属于四类过程性信息",
     "withheld: process information"},
    {"withheld.enforcement_file", "withheld", "（三）不予公开", "7.属于行政执法案卷",
     "withheld: enforcement files"},
    {"withheld.inquiry", "withheld", "（三）不予公开", "8.属于行政查询事项",
     "withheld: administrative inquiry"},
    {"unavailable.not_held", "unavailable", "（四）无法提供", "1.本机关不掌握相关政府信息",
     "unavailable: not held"},
    {"unavailable.needs_creation", "unavailable", "（四）无法提供", "2.没有现成信息需要另行制作",
     "unavailable: would have to be made"},
    {"unavailable.unclear", "unavailable", "（四）无法提供", "3.补正后申请内容仍不明确",
     "unavailable: still unclear after correction"},
    {"not_processed.petition", "not_processed", "（五）不予处理", "1.信访举报投诉类申请",
     "not processed: petition or complaint"},
    {"not_processed.repeated", "not_processed", "（五）不予处理", "2.重复申请",
     "not processed: repeated"},
    {"not_processed.publication", "not_processed", "（五）不予处理", "3.要求提供公开出版物",
     "not processed: asks for a publication"},
    {"not_processed.excessive", "not_processed", "（五）不予处理", "4.无正当理由大量反复申请",
     "not processed: excessive without reason"},
    {"not_processed.confirmation", "not_processed", "（五）不予处理",
     "5.要求行政机关确认或重新出具已获取信息", "not processed: asks to confirm or reissue"},
    {"other.no_correction", "other", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "other: not corrected in time", true},
    {"other.unpaid_fee", "other", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "other: fee not paid in time", true},
    {"other.other", "other", "（六）其他处理", "3.其他", "other: other", true},
};

const std::vector<Table4Block> kTable4Blocks = {
    {"review", "行政复议", "administrative review"},
    {"suit_direct", "未经复议直接起诉", "lawsuit without prior review"},
    {"suit_after_review", "复议后起诉", "lawsuit after review"},
};
const std::vector<TableColumn> kTable4Columns = {
    {"upheld", "结果维持", "upheld", Unit::Count},
    {"corrected", "结果纠正", "corrected", Unit::Count},
    {"other", "其他结果", "other result", Unit::Count},
    {"pending", "尚未审结", "pending", Unit::Count},
    {"total", "总计", "total", Unit::Count},
};

// "（三）不予公开" -> "不予公开"; "1.属于国家秘密" -> "属于国家秘密"; the 2021 sub-row texts are
// long, so their first clause is accepted too.
std::string_view withoutNumbering(std::string_view s) {
  if (core::startsWith(s, "（")) {
    const auto close = s.find("）");
    if (close != std::string_view::npos) s.remove_prefix(close + std::string_view("）").size());
  }
  size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k > 0 && k < s.size() && s[k] == '.') s.remove_prefix(k + 1);
  const auto paren = s.find("（");
  if (paren != std::string_view::npos && paren > 0) s = s.substr(0, paren);
  return s;
}

}  // namespace

std::string_view toString(Layout layout) { return layout == Layout::Y2019 ? "2019" : "2021"; }

std::optional<Layout> parseLayout(std::string_view text) {
  const auto t = core::trim(text);
  if (t == "2019") return Layout::Y2019;
  if (t == "2021") return Layout::Y2021;
  return std::nullopt;
}

Layout defaultLayout(int year) { return year >= 2021 ? Layout::Y2021 : Layout::Y2019; }

const std::vector<TableBlock>& table2(Layout layout) {
  return layout == Layout::Y2019 ? kTable2019 : kTable2021;
}

std::string_view toString(Applicant a) {
  for (const auto& [v, code, zh, en] : kApplicantNames)
    if (v == a) return code;
  return "other_org";
}
std::string_view labelZh(Applicant a) {
  for (const auto& [v, code, zh, en] : kApplicantNames)
    if (v == a) return zh;
  return "其他";
}
std::string_view labelEn(Applicant a) {
  for (const auto& [v, code, zh, en] : kApplicantNames)
    if (v == a) return en;
  return "other organisations";
}

std::optional<Applicant> parseApplicant(std::string_view text) {
  const std::string t = core::toLowerAscii(core::trim(text));
  for (const auto& [v, code, zh, en] : kApplicantNames)
    if (t == code || t == zh) return v;
  if (t == "法人" || t == "其他组织" || t == "法人或其他组织" || t == "其他法人或其他组织")
    return Applicant::OtherOrg;
  return std::nullopt;
}

const std::vector<Outcome>& outcomes() { return kOutcomes; }

const Outcome* outcomeByCode(std::string_view code) {
  for (const auto& o : kOutcomes)
    if (o.code == code) return &o;
  return nullptr;
}

const Outcome* parseOutcome(std::string_view text) {
  const std::string t(core::trim(text));
  if (t.empty()) return nullptr;
  if (const auto* o = outcomeByCode(core::toLowerAscii(t))) return o;
  // "withheld.1": the n-th item of a group.
  const auto dot = t.find('.');
  if (dot != std::string::npos) {
    const std::string group = core::toLowerAscii(std::string_view(t).substr(0, dot));
    long long n = 0;
    if (core::parseInt64(std::string_view(t).substr(dot + 1), n) && n >= 1) {
      long long k = 0;
      for (const auto& o : kOutcomes)
        if (o.group == group && ++k == n) return &o;
    }
  }
  // Chinese: a one-row group's name, an item's text, or "group-item".
  std::string_view groupPart, itemPart = t;
  for (std::string_view sep : {"-", "：", ":", "／", "/", "—"}) {
    const auto p = t.find(sep);
    if (p != std::string::npos) {
      groupPart = std::string_view(t).substr(0, p);
      itemPart = std::string_view(t).substr(p + sep.size());
      break;
    }
  }
  const std::string_view wantItem = withoutNumbering(core::trim(itemPart));
  const std::string_view wantGroup = withoutNumbering(core::trim(groupPart));
  for (const auto& o : kOutcomes) {
    const std::string_view group = withoutNumbering(o.group_zh);
    if (o.item_zh.empty()) {
      if (groupPart.empty() && wantItem == group) return &o;
      continue;
    }
    if (!wantGroup.empty() && wantGroup != group) continue;
    const std::string_view item = withoutNumbering(o.item_zh);
    if (wantItem == item) return &o;
    // The long 2021 （六） texts: their first clause ("申请人无正当理由逾期不补正") will do.
    const auto comma = item.find("、");
    if (comma != std::string_view::npos && wantItem == item.substr(0, comma)) return &o;
  }
  return nullptr;
}

std::string_view rowOf(const Outcome& outcome, Layout layout) {
  if (layout == Layout::Y2019 && outcome.layout_2021_only) return outcome.group;
  return outcome.code;
}

std::vector<Table3Row> table3Rows(Layout layout) {
  std::vector<Table3Row> rows;
  rows.push_back({"new", "一、本年新收政府信息公开申请数量", "", false});
  rows.push_back({"carried", "二、上年结转政府信息公开申请数量", "", false});
  for (const auto& o : kOutcomes) {
    const std::string_view key = rowOf(o, layout);
    if (!rows.empty() && rows.back().key == key) continue;
    if (key == o.code && !o.item_zh.empty())
      rows.push_back({std::string(o.code), std::string(o.item_zh), std::string(o.group_zh), true});
    else
      rows.push_back({std::string(key), std::string(o.group_zh), "", true});
  }
  rows.push_back({"total", "（七）总计", "", true});
  rows.push_back({"pending", "四、结转下年度继续办理", "", false});
  return rows;
}

const std::vector<Table4Block>& table4Blocks() { return kTable4Blocks; }
const std::vector<TableColumn>& table4Columns() { return kTable4Columns; }

std::vector<std::string> figureKeys(Layout layout) {
  std::vector<std::string> keys;
  for (const auto& b : table2(layout))
    for (const auto& r : b.rows)
      for (const auto& c : b.columns)
        keys.push_back("t2." + std::string(r.key) + "." + std::string(c.key));
  for (const auto& b : kTable4Blocks)
    for (const auto& c : kTable4Columns)
      keys.push_back("t4." + std::string(b.key) + "." + std::string(c.key));
  return keys;
}

std::optional<Unit> unitOf(std::string_view key) {
  for (Layout layout : {Layout::Y2021, Layout::Y2019})
    for (const auto& b : table2(layout))
      for (const auto& r : b.rows)
        for (const auto& c : b.columns)
          if (key == "t2." + std::string(r.key) + "." + std::string(c.key)) return c.unit;
  for (const auto& b : kTable4Blocks)
    for (const auto& c : kTable4Columns)
      if (key == "t4." + std::string(b.key) + "." + std::string(c.key)) return c.unit;
  return std::nullopt;
}

bool keyInLayout(std::string_view key, Layout layout) {
  const auto keys = figureKeys(layout);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string figureLabelZh(std::string_view key) {
  for (Layout layout : {Layout::Y2021, Layout::Y2019})
    for (const auto& b : table2(layout))
      for (const auto& r : b.rows)
        for (const auto& c : b.columns)
          if (key == "t2." + std::string(r.key) + "." + std::string(c.key))
            return "表二 " + std::string(b.caption_zh) + " " + std::string(r.label_zh) + " " +
                   std::string(c.label_zh);
  for (const auto& b : kTable4Blocks)
    for (const auto& c : kTable4Columns)
      if (key == "t4." + std::string(b.key) + "." + std::string(c.key))
        return "表四 " + std::string(b.label_zh) + " " + std::string(c.label_zh);
  return "";
}

namespace {

const std::vector<ReportSection> kReportSections = {
    {"overview", "一、总体情况", "1. Overview"},
    {"proactive", "二、主动公开政府信息情况", "2. Information disclosed proactively"},
    {"requests", "三、收到和处理政府信息公开申请情况",
     "3. Requests for disclosure received and handled"},
    {"review", "四、政府信息公开行政复议、行政诉讼情况",
     "4. Administrative reviews and lawsuits about disclosure"},
    {"problems", "五、存在的主要问题及改进情况", "5. Main problems and improvements"},
    {"other", "六、其他需要报告的事项", "6. Other matters to report"},
};

const std::vector<ReportTopic> kOverviewTopics = {
    {"proactive", "主动公开", "proactive disclosure"},
    {"requests", "依申请公开", "disclosure on request"},
    {"management", "政府信息管理", "management of government information"},
    {"platforms", "政府信息公开平台建设", "disclosure platforms"},
    {"supervision", "监督保障", "supervision and safeguards"},
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kGroupsEn{{
    {"disclosed", "(1) disclosed"},
    {"partial", "(2) partly disclosed"},
    {"withheld", "(3) withheld"},
    {"unavailable", "(4) cannot be provided"},
    {"not_processed", "(5) not processed"},
    {"other", "(6) other handling"},
}};

}  // namespace

const std::vector<ReportSection>& reportSections() { return kReportSections; }
const std::vector<ReportTopic>& overviewTopics() { return kOverviewTopics; }

std::string_view outcomeGroupEn(std::string_view group) {
  for (const auto& [g, en] : kGroupsEn)
    if (g == group) return en;
  return "";
}

std::string table3RowLabelEn(std::string_view row) {
  if (row == "new") return "1. new requests this year";
  if (row == "carried") return "2. carried over from last year";
  if (row == "total") return "(7) total";
  if (row == "pending") return "4. carried over to next year";
  if (const auto group = outcomeGroupEn(row); !group.empty()) return std::string(group);
  if (const auto* o = outcomeByCode(row)) {
    const std::string_view en = o->label_en;  // "withheld: state secret" -> "state secret"
    const auto colon = en.find(": ");
    return std::string(colon == std::string_view::npos ? en : en.substr(colon + 2));
  }
  return "";
}

std::vector<TableCell> tableCells(Layout layout) {
  std::vector<TableCell> cells;
  // The layout's own words: a key kept by both layouts may be labelled differently in each
  // ("t2.licensing.decisions": 本年处理决定数量 in 2021, 处理决定数量 in 2019).
  for (const auto& b : table2(layout))
    for (const auto& r : b.rows)
      for (const auto& c : b.columns)
        cells.push_back({"t2." + std::string(r.key) + "." + std::string(c.key), c.unit,
                         "表二 " + std::string(b.caption_zh) + " " + std::string(r.label_zh) + " " +
                             std::string(c.label_zh)});
  for (const auto& r : table3Rows(layout)) {
    const std::string row = "表三 " + (r.group_zh.empty() ? "" : r.group_zh + " ") + r.label_zh;
    for (Applicant a : kApplicants) {
      const std::string org =
          a == Applicant::Natural ? std::string() : std::string(kTable3OrganisationsZh) + " ";
      cells.push_back({"t3." + r.key + "." + std::string(toString(a)), Unit::Count,
                       row + " " + org + std::string(labelZh(a))});
    }
    cells.push_back(
        {"t3." + r.key + ".total", Unit::Count, row + " " + std::string(kTable3TotalZh)});
  }
  for (const auto& b : kTable4Blocks)
    for (const auto& c : kTable4Columns) {
      std::string key = "t4." + std::string(b.key) + "." + std::string(c.key);
      std::string label = figureLabelZh(key);
      cells.push_back({std::move(key), c.unit, std::move(label)});
    }
  return cells;
}

std::optional<int64_t> parseCellValue(std::string_view text, Unit unit, std::string& why) {
  std::string_view t = core::trim(text);
  bool negative = false;
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  if (negative && unit != Unit::Change) {
    why = "must not be negative";
    return std::nullopt;
  }
  const auto dot = t.find('.');
  const std::string_view whole = t.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : t.substr(dot + 1);
  const int decimals = unit == Unit::WanYuan ? 6 : unit == Unit::Yuan ? 2 : 0;
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(frac) || whole.size() > 12 ||
      (dot != std::string_view::npos && frac.empty())) {
    why = decimals == 0 ? "expected a whole number" : "expected a number";
    return std::nullopt;
  }
  if (static_cast<int>(frac.size()) > decimals) {
    why = decimals == 0 ? "expected a whole number"
                        : "at most " + std::to_string(decimals) + " decimals";
    return std::nullopt;
  }
  int64_t v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (int k = 0; k < decimals; ++k)
    v = v * 10 + (static_cast<size_t>(k) < frac.size() ? frac[static_cast<size_t>(k)] - '0' : 0);
  return negative ? -v : v;
}

std::string formatCellValue(int64_t value, Unit unit) {
  const int decimals = unit == Unit::WanYuan ? 6 : unit == Unit::Yuan ? 2 : 0;
  if (decimals == 0) return std::to_string(value);
  const bool negative = value < 0;
  const uint64_t mag =
      negative ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  uint64_t scale = 1;
  for (int k = 0; k < decimals; ++k) scale *= 10;
  std::string frac = std::to_string(mag % scale);
  frac.insert(0, static_cast<size_t>(decimals) - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return (negative ? "-" : "") + std::to_string(mag / scale) + (frac.empty() ? "" : "." + frac);
}

}  // namespace pubtrack::model
