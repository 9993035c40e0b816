// SPDX-License-Identifier: Apache-2.0
// The HTML writer: one self-contained A4 page (inline CSS and SVG, CSP forbids every fetch).
#include <algorithm>
#include <string>
#include <vector>

#include "core/strings.h"
#include "reports/labels.h"
#include "reports/narrative.h"
#include "reports/render_model.h"
#include "reports/svg_charts.h"
#include "reports/writers.h"

namespace pubtrack::reports {

namespace {

using charts::Point;

std::string esc(std::string_view s) { return core::htmlEscape(detail::cleanText(s)); }

constexpr const char* kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "base-uri 'none'";

constexpr const char* kRed = "#b0191e";
constexpr const char* kBlue = "#2f6f9f";
constexpr const char* kOrange = "#d9822b";
constexpr const char* kGrey = "#9aa0a6";

constexpr const char* kCss = R"CSS(
@page { size: A4; margin: 18mm; }
* { box-sizing: border-box; }
html { background: #eceae4; }
body { margin: 0; color: #1b1b1b; font-size: 10.5pt; line-height: 1.7;
  font-family: "Times New Roman", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC",
    "WenQuanYi Micro Hei", serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: 210mm; max-width: 100%; margin: 8mm auto; padding: 18mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.18); }
h1, h2, h3, caption, figcaption, th, .masthead .kicker {
  font-family: "Arial", "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", sans-serif; }
.masthead { text-align: center; padding-bottom: 5mm; margin-bottom: 6mm;
  border-bottom: 2.2pt solid #b0191e; position: relative; }
.masthead::after { content: ""; position: absolute; left: 0; right: 0; bottom: -4.5pt;
  border-bottom: 0.6pt solid #b0191e; }
.masthead .kicker { color: #b0191e; font-size: 10pt; letter-spacing: .3em; margin: 0 0 2mm; }
h1 { font-size: 17pt; font-weight: 700; line-height: 1.4; margin: 0 0 2mm; }
.masthead .sub { color: #555; font-size: 9pt; margin: 0; }
h2 { font-size: 13pt; font-weight: 700; margin: 7mm 0 3mm; padding-bottom: 1mm;
  border-bottom: 0.6pt solid #c9c9c9; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2.5mm; }
.summary p { text-indent: 2em; text-align: justify; }
p.note { font-size: 9pt; color: #4a4a4a; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 5mm;
  font-size: 8.8pt; line-height: 1.45; }
caption { caption-side: top; font-size: 9.5pt; font-weight: 700; padding: 0 0 1.5mm; }
th, td { border: 0.6pt solid #9a9a9a; padding: 1.1mm 1.6mm; vertical-align: middle;
  overflow-wrap: anywhere; word-break: break-word; }
th { background: #e9edf2; font-weight: 700; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f8f9fa; }
tr.total td { font-weight: 700; background: #f1f1ee; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
a { color: #1f4e79; text-decoration: none; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 6mm; margin: 2mm 0 4mm; }
.charts.one { grid-template-columns: 1fr; }
figure { margin: 0; min-width: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { text-align: center; font-size: 8.8pt; color: #333; margin-top: 1mm; }
)CSS";
// ... then the charts' rules (charts::kCss), then:
constexpr const char* kCssAfterCharts =
    R"CSS(.checks td:first-child { font-family: monospace; font-size: 8pt; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 0.6pt solid #c9c9c9; color: #777;
  font-size: 8pt; text-align: center; }
@media print {
  html { background: #fff; }
  .page { width: auto; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; }
}
)CSS";

// The annual report's rules: 仿宋 body text, placeholders, the official tables (merged cells, kept
// on one page, centred values), English glosses.
constexpr const char* kAnnualCss =
    R"CSS(body.annual .body p { font-family: "Times New Roman", "FangSong", "仿宋", "FangSong_GB2312",
  "仿宋_GB2312", "STFangsong", "SimSun", "Noto Serif CJK SC", serif; font-size: 12pt;
  text-indent: 2em; text-align: justify; }
body.annual .body p.placeholder, body.annual .body p.table-note, body.annual .body p.legend {
  text-indent: 0; }
body.annual .body p.legend { font-size: 9pt; }
h3 { font-size: 11.5pt; font-weight: 700; margin: 4mm 0 2mm; break-after: avoid;
  page-break-after: avoid; }
p.placeholder { border: 0.8pt dashed #b0191e; background: #fff8d6; color: #8a1c1c;
  padding: 1.5mm 2.5mm; text-indent: 0; }
p.table-note { text-align: center; font-weight: 700; color: #b0191e; margin: 1mm 0; }
table.official { font-size: 8.6pt; margin-top: 1mm; break-inside: avoid;
  page-break-inside: avoid; }
table.official.dense { font-size: 7.8pt; }
table.official th, table.official td { padding: 0.8mm 1mm; text-align: center; }
table.official td.label { text-align: left; }
table.official th { background: #f2f2f2; font-weight: 400; }
table.official th.caption { font-weight: 700; }
table.official tbody tr:nth-child(even) td { background: #fff; }
table.official td.n { text-align: center; }
.gloss { display: block; font-size: 0.85em; color: #555; font-weight: 400; }
section.appendix { break-before: page; page-break-before: always; }
)CSS";

class Page {
 public:
  explicit Page(Lang lang) : lang_(lang) {}

  std::string figure(const std::string& svg, const std::string& caption) {
    ++figureNo_;
    const std::string label = lang_ == Lang::En ? "Figure " + std::to_string(figureNo_) + ". "
                                                : "图" + std::to_string(figureNo_) + " ";
    return "<figure>" + svg + "<figcaption>" + esc(label + caption) + "</figcaption></figure>";
  }

  static std::string table(const detail::Table& t, bool lastIsTotal, const char* cls = nullptr) {
    std::string s = std::string("<table") + (cls ? std::string(" class=\"") + cls + "\"" : "") +
                    "><caption>" + esc(t.caption) + "</caption><colgroup>";
    int sum = 0;
    for (size_t i = 0; i < t.header.size(); ++i) sum += i < t.widths.size() ? t.widths[i] : 10;
    for (size_t i = 0; i < t.header.size(); ++i) {
      const int w = i < t.widths.size() ? t.widths[i] : 10;
      s += "<col style=\"width:" + std::to_string(sum > 0 ? w * 100 / sum : 10) + "%\">";
    }
    s += "</colgroup><thead><tr>";
    for (const auto& h : t.header) s += "<th>" + esc(h) + "</th>";
    s += "</tr></thead><tbody>";
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const bool total = lastIsTotal && r + 1 == t.rows.size() && t.rows.size() > 1;
      s += total ? "<tr class=\"total\">" : "<tr>";
      for (size_t i = 0; i < t.rows[r].size(); ++i) {
        const auto& c = t.rows[r][i];
        const bool numeric = i < t.numeric.size() && t.numeric[i];
        s += numeric ? "<td class=\"n\">" : "<td>";
        if (!c.url.empty()) {
          s += "<a href=\"" + core::htmlEscape(c.url) + "\" rel=\"noopener noreferrer\">" +
               esc(c.text) + "</a>";
        } else {
          s += esc(c.text);
        }
        s += "</td>";
      }
      s += "</tr>";
    }
    return s + "</tbody></table>";
  }

 private:
  Lang lang_;
  int figureNo_ = 0;
};

// One cell of an official table, with its spans.
std::string formCell(const detail::FormCell& c, size_t gridCols) {
  const bool caption = c.header && static_cast<size_t>(c.col_span) == gridCols;
  std::string cls = c.header ? (caption ? "caption" : "") : c.key.empty() ? "label" : "n";
  if (!c.header && c.key.empty() && c.row_span > 1) cls.clear();  // merged group labels: centred
  std::string s = c.header ? "<th" : "<td";
  if (!cls.empty()) s += " class=\"" + cls + "\"";
  if (c.col_span > 1) s += " colspan=\"" + std::to_string(c.col_span) + "\"";
  if (c.row_span > 1) s += " rowspan=\"" + std::to_string(c.row_span) + "\"";
  if (!c.key.empty()) s += " data-key=\"" + esc(c.key) + "\"";
  s += ">" + esc(c.text);
  if (!c.gloss.empty()) s += "<span class=\"gloss\">" + esc(c.gloss) + "</span>";
  return s + (c.header ? "</th>" : "</td>");
}

std::string officialTable(const detail::OfficialTable& t) {
  std::string s;
  if (!t.note.empty()) s += "<p class=\"table-note\">" + esc(t.note) + "</p>\n";
  s += "<table class=\"official" + std::string(t.widths.size() > 8 ? " dense" : "") + "\" id=\"" +
       esc(t.id) + "\"><colgroup>";
  int sum = 0;
  for (int w : t.widths) sum += w;
  for (int w : t.widths) {
    const int permille = sum > 0 ? w * 1000 / sum : 0;
    s += "<col style=\"width:" + std::to_string(permille / 10) + "." +
         std::to_string(permille % 10) + "%\">";
  }
  s += "</colgroup>";
  const size_t cols = t.widths.size();
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const int header = t.header_rows;
    if (r == 0) s += header > 0 ? "<thead>" : "<tbody>";
    if (header > 0 && r == static_cast<size_t>(header)) s += "</thead><tbody>";
    s += "<tr>";
    for (const auto& c : t.rows[r]) s += formCell(c, cols);
    s += "</tr>";
  }
  s += "</tbody></table>\n";
  if (!t.legend.empty()) s += "<p class=\"note legend\">" + esc(t.legend) + "</p>\n";
  return s;
}

std::vector<Point> monthPoints(const std::vector<MonthValue>& series, Lang L) {
  bool multiYear = false;
  for (const auto& mv : series)
    if (!series.empty() && mv.month.substr(0, 4) != series.front().month.substr(0, 4))
      multiYear = true;
  std::vector<Point> out;
  for (const auto& mv : series)
    out.push_back({charts::monthLabel(mv.month, L, multiYear), mv.value});
  return out;
}

std::string tierColor(std::string_view tier) {
  if (tier == "central") return kRed;
  if (tier == "provincial") return kOrange;
  if (tier == "municipal") return kBlue;
  return kGrey;
}

std::string wechatCharts(Page& page, const Figures& f, Lang L) {
  const WeChatFigures& w = f.accounts.size() == 1 ? f.accounts.front() : f.wechat_totals;
  std::vector<std::string> figs;
  const auto r = readsOf(w);
  const bool pv = !r || r->page_views;
  if (!w.reads_by_month.empty()) {
    const std::string t =
        L == Lang::En ? "WeChat " + readsLabel(pv, L) + " by month"
                      : "微信公众号月度" + readsLabel(pv, L) + "（" + readsUnit(pv, L) + "）";
    figs.push_back(page.figure(charts::barChart(monthPoints(w.reads_by_month, L), kBlue, t, L), t));
  }
  if (!w.followers_by_month.empty()) {
    const std::string t = pick(L, "关注人数变化（月末，人）", "Followers at month end");
    figs.push_back(
        page.figure(charts::lineChart(monthPoints(w.followers_by_month, L), kRed, t, L), t));
  }
  if (f.accounts.size() > 1) {
    std::vector<Point> pts;
    for (const auto& a : f.accounts)
      if (auto ar = readsOf(a)) pts.push_back({accountName(a, L), ar->value});
    if (!pts.empty()) {
      const std::string t = pick(L, "各账号阅读量", "Reads by account");
      figs.push_back(page.figure(charts::hBarChart(pts, {kBlue}, t, L, 360), t));
    }
  }
  if (figs.empty()) return {};
  return "<div class=\"charts\">" + core::join(figs, "") + "</div>";
}

std::string mediaCharts(Page& page, const Figures& f, Lang L) {
  const auto& m = f.media;
  std::string s = "<div class=\"charts\">";
  {
    const std::vector<Point> pts = {{tierLabel("central", L), m.central},
                                    {tierLabel("provincial", L), m.provincial},
                                    {tierLabel("municipal", L), m.municipal},
                                    {tierLabel("other", L), m.other}};
    const std::string t = pick(L, "各级媒体报道数量（篇）", "Reports by media tier");
    s += page.figure(charts::hBarChart(pts, {kRed, kOrange, kBlue, kGrey}, t, L, 360), t);
  }
  std::vector<std::string> months;
  for (const auto* series :
       {&m.by_month, &m.by_month_central, &m.by_month_provincial, &m.by_month_municipal})
    for (const auto& mv : *series)
      if (std::find(months.begin(), months.end(), mv.month) == months.end())
        months.push_back(mv.month);
  std::sort(months.begin(), months.end());
  if (!months.empty()) {
    auto values = [&](const std::vector<MonthValue>& series) {
      std::vector<int64_t> v;
      for (const auto& mo : months) {
        int64_t x = 0;
        for (const auto& mv : series)
          if (mv.month == mo) x = mv.value;
        v.push_back(x);
      }
      return v;
    };
    std::vector<charts::Series> series;
    if (m.by_month_central.empty() && m.by_month_provincial.empty() &&
        m.by_month_municipal.empty()) {
      series.push_back({pick(L, "主流媒体", "mainstream"), kBlue, values(m.by_month)});
    } else {
      series.push_back({tierLabel("central", L), kRed, values(m.by_month_central)});
      series.push_back({tierLabel("provincial", L), kOrange, values(m.by_month_provincial)});
      series.push_back({tierLabel("municipal", L), kBlue, values(m.by_month_municipal)});
    }
    bool multiYear = months.front().substr(0, 4) != months.back().substr(0, 4);
    std::vector<std::string> labels;
    for (const auto& mo : months) labels.push_back(charts::monthLabel(mo, L, multiYear));
    const std::string t = pick(L, "主流媒体报道月度分布（篇）", "Mainstream reports by month");
    s += page.figure(charts::stackedBarChart(labels, series, t, L), t);
  }
  s += "</div>";
  if (!m.by_outlet.empty()) {
    std::vector<Point> pts;
    std::vector<std::string> colors;
    for (const auto& o : m.by_outlet) {
      if (pts.size() == 10) break;
      pts.push_back({o.outlet, o.count});
      colors.push_back(tierColor(o.tier));
    }
    const std::string t = pick(L, "报道数量居前的媒体（篇）", "Outlets with the most reports");
    s += "<div class=\"charts one\">" + page.figure(charts::hBarChart(pts, colors, t, L, 720), t) +
         "</div>";
  }
  return s;
}

// One of the report's data sections (WeChat, media, outreach, changes, checks), with its charts.
std::string dataSection(Page& page, const Figures& f, const detail::Section& s, Lang L,
                        const char* heading) {
  std::string h = "<section id=\"" + esc(s.id) + "\"" +
                  (s.id == "checks" ? " class=\"checks\"" : "") + "><" + heading + ">" +
                  esc(s.heading) + "</" + heading + ">\n";
  for (const auto& n : s.notes) h += "<p class=\"note\">" + esc(n) + "</p>\n";
  if (s.id == "wechat") h += wechatCharts(page, f, L);
  if (s.id == "media") h += mediaCharts(page, f, L);
  for (size_t i = 0; i < s.tables.size(); ++i) {
    // The accounts table ends with the totals row when there are several accounts.
    const bool total = s.id == "wechat" && i == 0 && f.accounts.size() > 1;
    h += Page::table(s.tables[i], total) + "\n";
  }
  return h + "</section>\n";
}

// The annual report's body: the six sections with the official tables, then the appendix.
std::string annualBody(Page& page, const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  const auto report = detail::buildAnnualReport(f, L, o.round_threshold);
  std::string h;
  for (const auto& s : report.sections) {
    h += "<section id=\"" + esc(s.id) + "\" class=\"body\"><h2>" + esc(s.heading) + "</h2>\n";
    for (const auto& p : s.paragraphs) h += "<p>" + esc(p) + "</p>\n";
    for (const auto& t : s.topics) {
      h += "<h3>" + esc(t.heading) + "</h3>\n<p class=\"placeholder\">" + esc(t.placeholder) +
           "</p>\n";
    }
    for (const auto& p : s.placeholders) h += "<p class=\"placeholder\">" + esc(p) + "</p>\n";
    if (s.table) h += officialTable(*s.table);
    h += "</section>\n";
  }
  if (report.appendix.empty()) return h;
  h +=
      "<section id=\"appendix\" class=\"appendix\"><h2>" + esc(report.appendix_heading) + "</h2>\n";
  for (const auto& s : report.appendix) h += dataSection(page, f, s, L, "h3");
  return h + "</section>\n";
}

}  // namespace

std::string renderHtml(const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  const bool annual = f.tables.has_value();
  Page page(L);
  const std::string title = detail::reportTitle(f, L);
  std::string h;
  h.reserve(64 * 1024);
  h += "<!DOCTYPE html>\n<html lang=\"";
  h += L == Lang::En ? "en" : "zh-CN";
  h += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kCsp) + "\">\n";
  h += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"pubtrack\">\n";
  h += "<title>" + esc(title) + "</title>\n<style>" + kCss + charts::kCss + kCssAfterCharts +
       (annual ? kAnnualCss : "") + "</style>\n</head>\n" +
       (annual ? "<body class=\"annual\">\n" : "<body>\n");
  h += "<main class=\"page\">\n<header class=\"masthead\">";
  if (!annual) {
    h += "<p class=\"kicker\">" +
         esc(pick(L, "政府信息公开工作年度报告 · 附表", "Information disclosure annual report")) +
         "</p>";
  }
  h += "<h1>" + esc(title) + "</h1><p class=\"sub\">" + esc(detail::reportSubtitle(f, L)) +
       "</p></header>\n";

  if (annual) {
    h += annualBody(page, f, o);
  } else {
    const auto paras = narrativeParagraphs(f, L, o.round_threshold);
    if (!paras.empty()) {
      h += "<section class=\"summary\"><h2>" + esc(pick(L, "概述", "Summary")) + "</h2>\n";
      for (const auto& p : paras) h += "<p>" + esc(p) + "</p>\n";
      h += "</section>\n";
    }
    for (const auto& s : detail::buildSections(f, L, o.round_threshold))
      h += dataSection(page, f, s, L, "h2");
  }
  h +=
      "<footer>" +
      esc(L == Lang::En
              ? "Generated by pubtrack from WeChat statistics, news mentions and the "
                "outreach ledger. Figures are exact in the tables; the summary rounds "
                "large numbers."
              : "本页由 pubtrack 根据微信公众号统计数据、新闻监测与工作台账生成。表格数据为精确值，"
                "概述中的较大数字按报告惯例取约数。") +
      "</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace pubtrack::reports
