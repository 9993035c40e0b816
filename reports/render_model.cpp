// SPDX-License-Identifier: Apache-2.0
// Builds the report's tables once (plain text) for the Markdown, HTML and Word writers.
#include "reports/render_model.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "core/date.h"
#include "core/strings.h"
#include "model/annual_tables.h"
#include "reports/labels.h"
#include "reports/narrative.h"

namespace pubtrack::reports::detail {

namespace {

constexpr std::array<const char*, 10> kZhOrdinals = {"一", "二", "三", "四", "五",
                                                     "六", "七", "八", "九", "十"};

Cell text(std::string s) { return Cell{std::move(s), {}}; }

std::string headerCase(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}
Cell num(std::optional<int64_t> v, Lang lang) { return Cell{cellNumber(v, lang), {}}; }

bool anyValue(const WeChatFigures& w) {
  return w.articles || w.page_views || w.read_users || w.reads || w.followers_end ||
         w.followers_start || w.followers_net;
}

// Months present in any of the series, sorted.
std::vector<std::string> monthsOf(std::initializer_list<const std::vector<MonthValue>*> series) {
  std::vector<std::string> months;
  for (const auto* s : series)
    for (const auto& mv : *s) months.push_back(mv.month);
  std::sort(months.begin(), months.end());
  months.erase(std::unique(months.begin(), months.end()), months.end());
  return months;
}

std::optional<int64_t> valueAt(const std::vector<MonthValue>& s, const std::string& month) {
  for (const auto& mv : s)
    if (mv.month == month) return mv.value;
  return std::nullopt;
}

Table accountsTable(const Figures& f, Lang L) {
  const bool en = L == Lang::En;
  Table t;
  t.caption = pick(L, "微信公众号数据", "WeChat official accounts");
  t.header = {pick(L, "账号", "Account"),
              pick(L, "推送（条）", "Posts"),
              pick(L, "阅读量（人次）", "Page views"),
              pick(L, "阅读人数（人）", "Readers"),
              pick(L, "期初关注（人）", "Followers (start)"),
              pick(L, "期末关注（人）", "Followers (end)"),
              pick(L, "净增（人）", "Net change"),
              pick(L, "有数据天数", "Days with data")};
  t.numeric = {false, true, true, true, true, true, true, true};
  t.widths = {22, 10, 13, 13, 12, 12, 10, 10};
  auto row = [&](const WeChatFigures& w, std::string name) {
    std::string days = std::to_string(w.days_with_data) + "/" + std::to_string(w.days_in_period);
    t.rows.push_back({text(std::move(name)), num(w.articles, L), num(w.page_views, L),
                      num(w.read_users, L), num(w.followers_start, L), num(w.followers_end, L),
                      num(w.followers_net, L), text(w.days_in_period > 0 ? days : "—")});
  };
  for (const auto& a : f.accounts) row(a, accountName(a, L));
  if (f.accounts.size() != 1 && anyValue(f.wechat_totals))
    row(f.wechat_totals, en ? "Total" : "合计");
  return t;
}

Table monthlyTable(const WeChatFigures& w, Lang L) {
  Table t;
  t.caption = pick(L, "微信公众号分月数据", "WeChat by month");
  const auto r = readsOf(w);
  const bool pv = !r || r->page_views;
  t.header = {pick(L, "月份", "Month"), pick(L, "推送（条）", "Posts"),
              headerCase(readsLabel(pv, L)) + (L == Lang::En ? "" : "（" + readsUnit(pv, L) + "）"),
              pick(L, "月末关注（人）", "Followers (month end)")};
  t.numeric = {false, true, true, true};
  t.widths = {25, 25, 25, 25};
  for (const auto& m : monthsOf({&w.articles_by_month, &w.reads_by_month, &w.followers_by_month})) {
    t.rows.push_back({text(m), num(valueAt(w.articles_by_month, m), L),
                      num(valueAt(w.reads_by_month, m), L),
                      num(valueAt(w.followers_by_month, m), L)});
  }
  return t;
}

Table topArticlesTable(const std::vector<TopArticle>& list, const std::string& who, Lang L,
                       bool pv) {
  Table t;
  t.caption =
      L == Lang::En ? "Most read articles (" + who + ")" : "阅读量居前的文章（" + who + "）";
  t.header = {"#", pick(L, "标题", "Title"), pick(L, "发布日期", "Published"),
              headerCase(readsLabel(pv, L))};
  t.numeric = {true, false, false, true};
  t.widths = {6, 60, 17, 17};
  int i = 0;
  for (const auto& a : list) {
    t.rows.push_back({text(std::to_string(++i)), Cell{a.title, safeUrl(a.url)},
                      text(a.publish_date), num(a.reads, L)});
  }
  return t;
}

Section wechatSection(const Figures& f, Lang L) {
  Section s;
  s.id = "wechat";
  s.heading = pick(L, "微信公众号", "WeChat official accounts");
  const auto r = readsOf(f.wechat_totals);
  const bool pv = !r || r->page_views;
  s.notes.push_back(
      pv ? pick(L,
                "统计口径：阅读量为统计期内每日图文页阅读次数之和（人次）；关注人数为期末累计关注人"
                "数。",
                "Basis: page views are the sum of daily article page views in the period; "
                "followers are the cumulative count on the last day.")
         : pick(L,
                "统计口径：阅读人数为统计期内每日图文页阅读人数之和（人），同一读者在不同日期分别计"
                "数；关注人数为期末累计关注人数。",
                "Basis: readers are the sum of daily unique readers in the period (a reader "
                "counts once per day); followers are the cumulative count on the last day."));
  if (const std::string& b = f.wechat_totals.articles_basis; !b.empty()) {
    s.notes.push_back(
        b == "datacube"
            ? pick(L, "推送篇数：数据统计接口所列的群发（通知粉丝）与发表（不通知粉丝）文章。",
                   "Posts: mass-sent (notified) and published (not notified) articles, as the "
                   "statistics API lists them.")
        : b == "datacube+freepublish"
            ? pick(L,
                   "推送篇数：群发（通知粉丝）文章据数据统计接口，发表（不通知粉丝）文章据已发布"
                   "消息列表（freepublish），两者相加，同一文章只计一次。",
                   "Posts: mass-sent (notified) articles from the statistics API plus articles "
                   "published without notification from the published-post list (freepublish), "
                   "each article counted once.")
            : pick(L,
                   "推送篇数：仅含群发（通知粉丝）文章。2025年11月前的数据统计接口不含发表（不通知"
                   "粉丝）的文章，且未能完整读取已发布消息列表，实际推送数可能更多（见核查项）。",
                   "Posts: mass-sent (notified) articles only. Before November 2025 the statistics "
                   "API does not list articles published without notification, and the "
                   "published-post list could not be read whole: the real count may be higher "
                   "(see the checks)."));
  }
  s.tables.push_back(accountsTable(f, L));
  const WeChatFigures& series = f.accounts.size() == 1 ? f.accounts.front() : f.wechat_totals;
  Table monthly = monthlyTable(series, L);
  if (!monthly.rows.empty()) s.tables.push_back(std::move(monthly));
  if (!f.wechat_totals.top_articles.empty()) {
    s.tables.push_back(
        topArticlesTable(f.wechat_totals.top_articles, pick(L, "全部账号", "all accounts"), L, pv));
  } else {
    for (const auto& a : f.accounts) {
      if (a.top_articles.empty()) continue;
      const auto ar = readsOf(a);
      s.tables.push_back(
          topArticlesTable(a.top_articles, accountName(a, L), L, !ar || ar->page_views));
    }
  }
  return s;
}

Section mediaSection(const Figures& f, Lang L) {
  const auto& m = f.media;
  const bool en = L == Lang::En;
  Section s;
  s.id = "media";
  s.heading = pick(L, "媒体报道", "Media coverage");
  s.notes.push_back(
      en ? "Mainstream media are central, provincial and municipal outlets. Of all counted "
           "mentions, " +
               exactNumber(m.confirmed, L) + " are confirmed and " + exactNumber(m.candidates, L) +
               " await review."
         : "主流媒体指中央级、省级、市级媒体。全部计入的报道中，已确认" +
               exactNumber(m.confirmed, L) + "篇，待审核" + exactNumber(m.candidates, L) + "篇。");
  {
    Table t;
    t.caption = pick(L, "媒体报道分级统计", "Reports by media tier");
    t.header = {pick(L, "级别", "Tier"), pick(L, "报道（篇）", "Reports"),
                pick(L, "占主流媒体报道比例", "Share of mainstream")};
    t.numeric = {false, true, true};
    t.widths = {40, 30, 30};
    const std::vector<int64_t> parts = {m.central, m.provincial, m.municipal};
    const auto shares = percentShares(parts, m.mainstream, 1);
    const std::array<const char*, 3> tiers = {"central", "provincial", "municipal"};
    for (size_t i = 0; i < tiers.size(); ++i) {
      t.rows.push_back({text(tierLabel(tiers[i], L)), num(parts[i], L),
                        text(m.mainstream > 0 ? formatPercent(shares[i], 1) : "—")});
    }
    t.rows.push_back({text(pick(L, "主流媒体合计", "Mainstream total")), num(m.mainstream, L),
                      text(m.mainstream > 0 ? "100.0%" : "—")});
    t.rows.push_back({text(pick(L, "其他媒体", "Other media")), num(m.other, L), text("")});
    s.tables.push_back(std::move(t));
  }
  if (!m.by_month.empty() || !m.by_month_central.empty()) {
    Table t;
    t.caption = pick(L, "主流媒体报道分月统计", "Mainstream reports by month");
    t.header = {pick(L, "月份", "Month"), tierLabel("central", L), tierLabel("provincial", L),
                tierLabel("municipal", L), pick(L, "合计", "Total")};
    t.numeric = {false, true, true, true, true};
    t.widths = {24, 19, 19, 19, 19};
    for (const auto& mo : monthsOf(
             {&m.by_month, &m.by_month_central, &m.by_month_provincial, &m.by_month_municipal})) {
      t.rows.push_back({text(mo), num(valueAt(m.by_month_central, mo).value_or(0), L),
                        num(valueAt(m.by_month_provincial, mo).value_or(0), L),
                        num(valueAt(m.by_month_municipal, mo).value_or(0), L),
                        num(valueAt(m.by_month, mo).value_or(0), L)});
    }
    s.tables.push_back(std::move(t));
  }
  if (!m.by_outlet.empty()) {
    Table t;
    t.caption = pick(L, "各媒体报道数量", "Reports by outlet");
    t.header = {"#", pick(L, "媒体", "Outlet"), pick(L, "级别", "Tier"),
                pick(L, "报道（篇）", "Reports")};
    t.numeric = {true, false, false, true};
    t.widths = {8, 52, 20, 20};
    int i = 0;
    for (const auto& o : m.by_outlet)
      t.rows.push_back(
          {text(std::to_string(++i)), text(o.outlet), text(tierLabel(o.tier, L)), num(o.count, L)});
    s.tables.push_back(std::move(t));
  }
  if (!m.top_stories.empty()) {
    Table t;
    t.caption = pick(L, "主要报道", "Main stories");
    t.header = {pick(L, "标题", "Title"), pick(L, "日期", "Date"), pick(L, "级别", "Tier"),
                pick(L, "刊发媒体", "Outlets")};
    t.numeric = {false, false, false, false};
    t.widths = {46, 16, 12, 26};
    for (const auto& st : m.top_stories)
      t.rows.push_back({Cell{st.title, safeUrl(st.url)}, text(st.day), text(tierLabel(st.tier, L)),
                        text(core::join(st.outlets, en ? ", " : "、"))});
    s.tables.push_back(std::move(t));
  }
  return s;
}

Section outreachSection(const Figures& f, Lang L) {
  const bool en = L == Lang::En;
  Section s;
  s.id = "outreach";
  s.heading = pick(L, "互动交流与建议提案办理", "Outreach and deputies' suggestions");
  Table t;
  t.caption = pick(L, "工作台账", "Outreach ledger");
  t.header = {pick(L, "事项", "Item"), pick(L, "数量", "Count"), pick(L, "单位", "Unit"),
              pick(L, "分项", "Breakdown by role")};
  t.numeric = {false, true, false, false};
  t.widths = {28, 12, 10, 50};
  for (const auto& o : f.outreach) {
    std::vector<std::string> parts;
    for (const auto& r : o.roles)
      parts.push_back(en ? roleLabel(r.role, L) + " " + exactNumber(r.count, L)
                         : r.role + "件" + exactNumber(r.count, L) + "件");
    std::string breakdown = core::join(parts, en ? ", " : "、");
    if (!o.roles.empty() && o.roles_total != o.count) {
      breakdown += en ? " (parts add up to " + exactNumber(o.roles_total, L) + ", not " +
                            exactNumber(o.count, L) + ")"
                      : "（分项合计" + exactNumber(o.roles_total, L) + "，与总数不符）";
    }
    t.rows.push_back({text(en ? (o.name_en.empty() ? o.kind : o.name_en) : o.name_zh),
                      num(o.count, L), text(en ? "" : o.unit_zh), text(breakdown)});
  }
  s.tables.push_back(std::move(t));
  return s;
}

Section changesSection(const Figures& f, Lang L, int64_t threshold) {
  Section s;
  s.id = "changes";
  s.heading = pick(L, "同比变化", "Year-on-year changes");
  if (f.previous_period) {
    s.notes.push_back(L == Lang::En ? "Previous period: " + periodTitle(*f.previous_period, L) + "."
                                    : "对比期：" + periodTitle(*f.previous_period, L) + "。");
  }
  Table t;
  t.caption = pick(L, "同比变化", "Changes on the previous period");
  t.header = {pick(L, "指标", "Figure"), pick(L, "本期", "Current"), pick(L, "上期", "Previous"),
              pick(L, "增减", "Change"), pick(L, "说明", "Wording")};
  t.numeric = {false, true, true, true, false};
  t.widths = {24, 14, 14, 14, 34};
  for (const auto& c : f.changes) {
    const ChangeLabel l = changeLabel(c.key, f, L);
    const int64_t delta = c.current - c.previous;
    std::string d = (delta > 0 ? "+" : "") + exactNumber(delta, L);
    const std::string words =
        changePhrase(c.current, c.previous, L, l.unit, l.exact ? INT64_MAX : threshold);
    t.rows.push_back({text(l.label), num(c.current, L), num(c.previous, L), text(d), text(words)});
  }
  s.tables.push_back(std::move(t));
  return s;
}

Section checksSection(const Figures& f, Lang L) {
  Section s;
  s.id = "checks";
  s.heading = pick(L, "数据核查", "Data checks");
  s.notes.push_back(pick(L, "以下事项请在发布前核实。", "Please review these before publishing."));
  Table t;
  t.caption = pick(L, "数据核查结果", "Check results");
  t.header = {pick(L, "类型", "Kind"), pick(L, "来源", "Source"), pick(L, "说明", "Message")};
  t.numeric = {false, false, false};
  t.widths = {22, 22, 56};
  for (const auto& c : f.checks) {
    const std::string& msg = (L == Lang::Zh && !c.message_zh.empty()) ? c.message_zh : c.message;
    t.rows.push_back({text(checkTitle(c.kind, L)), text(c.source), text(msg)});
  }
  s.tables.push_back(std::move(t));
  return s;
}

// The sections with data, unnumbered.
std::vector<Section> rawSections(const Figures& f, Lang L, int64_t threshold) {
  std::vector<Section> out;
  if (!f.accounts.empty() || anyValue(f.wechat_totals)) out.push_back(wechatSection(f, L));
  if (f.media.has_data) out.push_back(mediaSection(f, L));
  if (!f.outreach.empty()) out.push_back(outreachSection(f, L));
  if (!f.changes.empty()) out.push_back(changesSection(f, L, threshold));
  if (!f.checks.empty()) out.push_back(checksSection(f, L));
  return out;
}

// ---- The official tables --------------------------------------------------------------------

std::string gloss(Lang L, std::string_view en) { return L == Lang::En ? std::string(en) : ""; }

FormCell headerCell(std::string_view zh, std::string gl, int cols = 1, int rows = 1) {
  FormCell c;
  c.text = std::string(zh);
  c.gloss = std::move(gl);
  c.col_span = cols;
  c.row_span = rows;
  c.header = true;
  return c;
}

FormCell labelCell(std::string_view zh, std::string gl, int cols = 1, int rows = 1) {
  FormCell c = headerCell(zh, std::move(gl), cols, rows);
  c.header = false;
  return c;
}

FormCell valueCell(const AnnualTables& t, std::string key, model::Unit unit, int cols = 1) {
  FormCell c;
  if (const auto v = t.cell(key)) c.text = model::formatCellValue(*v, unit);
  c.key = std::move(key);
  c.col_span = cols;
  return c;
}

void noteIfEmpty(OfficialTable& o, bool hasData, Lang L) {
  o.has_data = hasData;
  if (!hasData) o.note = pick(L, "暂无数据，见核查项", "No data yet: see the data checks");
}

// A gloss in a cell narrower than a tenth of the table would be broken mid-word: it moves to
// the table's legend (once per label).
void moveNarrowGlosses(OfficialTable& t) {
  int sum = 0;
  for (int w : t.widths) sum += w;
  std::vector<std::string> legend;
  const auto grid = gridOf(t);
  for (size_t r = 0; r < grid.size(); ++r) {
    for (size_t c = 0; c < grid[r].size(); ++c) {
      const GridSlot& slot = grid[r][c];
      if (!slot.cell || !slot.origin || !slot.first_col || slot.cell->gloss.empty()) continue;
      int width = 0;
      for (size_t k = c; k < c + static_cast<size_t>(slot.cell->col_span) && k < t.widths.size();
           ++k)
        width += t.widths[k];
      if (width * 10 >= sum) continue;
      FormCell* cell = &t.rows[slot.row][slot.index];
      const std::string entry = cell->text + ": " + cell->gloss;
      if (std::find(legend.begin(), legend.end(), entry) == legend.end()) legend.push_back(entry);
      cell->gloss.clear();
    }
  }
  t.legend = core::join(legend, "; ");
}

std::string placeholder(Lang L, std::string_view zh, std::string_view en) {
  return L == Lang::En ? "[To be written: " + std::string(en) + "]"
                       : "【待填写：" + std::string(zh) + "】";
}

}  // namespace

OfficialTable table2(const AnnualTables& t, Lang L) {
  const auto& blocks = model::table2(t.layout);
  // One grid for blocks of 3, 2 and 1 columns: the least common multiple of their counts.
  int n = 1;
  for (const auto& b : blocks) n = std::lcm(n, static_cast<int>(b.columns.size()));
  OfficialTable o;
  o.id = "table2";
  o.widths.push_back(30);
  for (int i = 0; i < n; ++i) o.widths.push_back(std::max(1, 60 / n));
  noteIfEmpty(o, t.t2_has_data(), L);
  for (const auto& b : blocks) {
    const int span = n / static_cast<int>(b.columns.size());
    o.rows.push_back({headerCell(b.caption_zh, "", 1 + n)});
    std::vector<FormCell> head = {
        headerCell(model::kTable2ContentZh, gloss(L, model::kTable2ContentEn))};
    for (const auto& c : b.columns)
      head.push_back(headerCell(c.label_zh, gloss(L, c.label_en), span));
    o.rows.push_back(std::move(head));
    for (const auto& r : b.rows) {
      std::vector<FormCell> row = {labelCell(r.label_zh, gloss(L, r.label_en))};
      for (const auto& c : b.columns)
        row.push_back(
            valueCell(t, "t2." + std::string(r.key) + "." + std::string(c.key), c.unit, span));
      o.rows.push_back(std::move(row));
    }
  }
  if (L == Lang::En) moveNarrowGlosses(o);
  return o;
}

OfficialTable table3(const AnnualTables& t, Lang L) {
  OfficialTable o;
  o.id = "table3";
  // Three label columns (三、本年度办理结果 | the group | the item), six applicants, 总计.
  o.widths = {9, 14, 45, 12, 12, 12, 12, 12, 12, 12};
  o.header_rows = 3;
  o.font_half_points = 18;
  noteIfEmpty(o, t.t3_has_data(), L);
  o.rows.push_back(
      {headerCell(model::kTable3NoteZh, gloss(L, model::kTable3NoteEn), 3, 3),
       headerCell(model::kTable3ApplicantsZh, gloss(L, model::kTable3ApplicantsEn), 7)});
  o.rows.push_back(
      {headerCell(model::labelZh(model::Applicant::Natural),
                  gloss(L, model::labelEn(model::Applicant::Natural)), 1, 2),
       headerCell(model::kTable3OrganisationsZh, gloss(L, model::kTable3OrganisationsEn), 5),
       headerCell(model::kTable3TotalZh, gloss(L, model::kTable3TotalEn), 1, 2)});
  std::vector<FormCell> orgs;
  for (auto a : model::kApplicants)
    if (a != model::Applicant::Natural)
      orgs.push_back(headerCell(model::labelZh(a), gloss(L, model::labelEn(a))));
  o.rows.push_back(std::move(orgs));

  const auto rows = model::table3Rows(t.layout);
  const int results = static_cast<int>(
      std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.result; }));
  bool firstResult = true;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    std::vector<FormCell> row;
    const std::string en = gloss(L, model::table3RowLabelEn(r.key));
    if (!r.result) {
      row.push_back(labelCell(r.label_zh, en, 3));
    } else {
      if (firstResult) {
        row.push_back(
            labelCell(model::kTable3Results, gloss(L, model::kTable3ResultsEn), 1, results));
        firstResult = false;
      }
      if (r.group_zh.empty()) {
        row.push_back(labelCell(r.label_zh, en, 2));
      } else {
        if (i == 0 || rows[i - 1].group_zh != r.group_zh) {
          int size = 0;
          for (size_t k = i; k < rows.size() && rows[k].group_zh == r.group_zh; ++k) ++size;
          const auto group = r.key.substr(0, r.key.find('.'));
          row.push_back(labelCell(r.group_zh, gloss(L, model::outcomeGroupEn(group)), 1, size));
        }
        row.push_back(labelCell(r.label_zh, en));
      }
    }
    for (auto a : model::kApplicants)
      row.push_back(
          valueCell(t, "t3." + r.key + "." + std::string(model::toString(a)), model::Unit::Count));
    row.push_back(valueCell(t, "t3." + r.key + ".total", model::Unit::Count));
    o.rows.push_back(std::move(row));
  }
  if (L == Lang::En) moveNarrowGlosses(o);
  return o;
}

OfficialTable table4(const AnnualTables& t, Lang L) {
  const auto& blocks = model::table4Blocks();
  const auto& cols = model::table4Columns();
  const int n = static_cast<int>(cols.size());
  OfficialTable o;
  o.id = "table4";
  o.widths.assign(blocks.size() * cols.size(), 1);
  o.header_rows = 3;
  o.font_half_points = 18;
  noteIfEmpty(o, t.t4_has_data(), L);
  // 行政复议 (5) | 行政诉讼 (10); its columns under it span two rows, beside the two suit blocks.
  std::vector<FormCell> top, middle, bottom, values;
  for (const auto& b : blocks) {
    if (b.key == "review") {
      top.push_back(headerCell(b.label_zh, gloss(L, b.label_en), n));
      for (const auto& c : cols)
        middle.push_back(headerCell(c.label_zh, gloss(L, c.label_en), 1, 2));
    } else {
      middle.push_back(headerCell(b.label_zh, gloss(L, b.label_en), n));
      for (const auto& c : cols) bottom.push_back(headerCell(c.label_zh, gloss(L, c.label_en)));
    }
    for (const auto& c : cols)
      values.push_back(valueCell(t, "t4." + std::string(b.key) + "." + std::string(c.key), c.unit));
  }
  top.push_back(headerCell(model::kTable4SuitZh, gloss(L, model::kTable4SuitEn),
                           n * static_cast<int>(blocks.size() - 1)));
  o.rows = {std::move(top), std::move(middle), std::move(bottom), std::move(values)};
  if (L == Lang::En) moveNarrowGlosses(o);
  return o;
}

std::vector<std::vector<GridSlot>> gridOf(const OfficialTable& t) {
  const size_t cols = t.widths.size();
  std::vector<std::vector<GridSlot>> grid(t.rows.size(), std::vector<GridSlot>(cols));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    size_t c = 0;
    for (size_t index = 0; index < t.rows[r].size(); ++index) {
      const FormCell& cell = t.rows[r][index];
      while (c < cols && grid[r][c].cell) ++c;  // covered by a row_span from above
      for (size_t dr = 0; dr < static_cast<size_t>(cell.row_span) && r + dr < grid.size(); ++dr)
        for (size_t dc = 0; dc < static_cast<size_t>(cell.col_span) && c + dc < cols; ++dc)
          grid[r + dr][c + dc] = GridSlot{&cell, dr == 0, dc == 0, r, index};
      c += static_cast<size_t>(cell.col_span);
    }
  }
  return grid;
}

AnnualReport buildAnnualReport(const Figures& f, Lang L, int64_t threshold) {
  static const AnnualTables kNoTables;
  const AnnualTables& t = f.tables ? *f.tables : kNoTables;
  const bool en = L == Lang::En;
  AnnualReport a;
  a.title = reportTitle(f, L);
  a.subtitle = reportSubtitle(f, L);
  for (const auto& s : model::reportSections()) {
    AnnualSection sec;
    sec.id = std::string(s.key);
    sec.heading = std::string(en ? s.title_en : s.title_zh);
    if (s.key == "overview") {
      sec.paragraphs = narrativeParagraphs(f, L, threshold);
      int k = 0;
      for (const auto& topic : model::overviewTopics()) {
        ++k;
        sec.topics.push_back(
            {en ? "1." + std::to_string(k) + " " + headerCase(std::string(topic.label_en))
                : "（" + std::string(kZhOrdinals[static_cast<size_t>(k - 1)]) + "）" +
                      std::string(topic.label_zh),
             placeholder(L, std::string(topic.label_zh) + "工作情况", topic.label_en)});
      }
    } else if (s.key == "proactive") {
      sec.table = table2(t, L);
    } else if (s.key == "requests") {
      sec.table = table3(t, L);
    } else if (s.key == "review") {
      sec.table = table4(t, L);
    } else if (s.key == "problems") {
      sec.placeholders.push_back(
          placeholder(L, "本年度政府信息公开工作存在的主要问题，以及改进情况和下一步工作安排",
                      "the main problems of the year's disclosure work, what was improved and "
                      "what is planned"));
    } else if (s.key == "other") {
      sec.placeholders.push_back(placeholder(
          L,
          "其他需要报告的事项，如收取信息处理费的情况、人大代表建议和政协提案办理结果公开情况、"
          "政务公开年度工作要点落实情况、创新情况等",
          "other matters, such as information processing fees charged, the disclosure of how "
          "deputies' suggestions and members' proposals were handled, the year's key tasks and "
          "innovations"));
    }
    a.sections.push_back(std::move(sec));
  }
  a.appendix_heading = pick(L, "附：宣传数据明细", "Appendix: media and outreach details");
  a.appendix = rawSections(f, L, threshold);
  int tableNo = 0;
  for (size_t i = 0; i < a.appendix.size(); ++i) {
    auto& sec = a.appendix[i];
    sec.heading = en ? "A." + std::to_string(i + 1) + " " + sec.heading
                     : "（" + std::string(kZhOrdinals[std::min<size_t>(i, 9)]) + "）" + sec.heading;
    for (auto& tb : sec.tables) {
      ++tableNo;
      tb.caption = en ? "Table A" + std::to_string(tableNo) + ". " + tb.caption
                      : "附表" + std::to_string(tableNo) + " " + tb.caption;
    }
  }
  return a;
}

std::string cellNumber(std::optional<int64_t> v, Lang lang) {
  return v ? exactNumber(*v, lang) : "—";
}

std::string reportTitle(const Figures& f, Lang L) {
  if (f.tables) {
    const std::string year =
        f.period.year ? std::to_string(*f.period.year) : f.period.from.substr(0, 4);
    return L == Lang::En ? year + " Annual Report on Government Information Disclosure"
                         : f.agency + year + "年政府信息公开工作年度报告";
  }
  const std::string period = periodTitle(f.period, L);
  if (L == Lang::En) {
    return (f.agency.empty() ? std::string() : f.agency + ": ") + "Media and outreach figures, " +
           period;
  }
  return f.agency + period + "政务新媒体与宣传工作情况";
}

std::string reportSubtitle(const Figures& f, Lang L) {
  std::string s = L == Lang::En ? "Period: " + f.period.from + " to " + f.period.to
                                : "统计期限：" + f.period.from + "至" + f.period.to;
  if (f.tables) {
    // The English title has no room for the agency; both say which form the tables follow.
    if (L == Lang::En && !f.agency.empty()) s = f.agency + " · " + s;
    const std::string layout(model::toString(f.tables->layout));
    s += L == Lang::En ? " · tables: " + layout + " format" : " · 表格格式：" + layout + "年版";
  }
  if (!f.generated_at.empty()) {
    // generated_at is a UTC instant; people read China time, with the offset shown.
    const std::string at = core::utcTextAt(f.generated_at, core::kChinaTime);
    s += L == Lang::En ? " · generated " + at : " · 生成时间 " + at;
  }
  return s;
}

std::vector<Section> buildSections(const Figures& f, Lang L, int64_t threshold) {
  std::vector<Section> out = rawSections(f, L, threshold);
  int tableNo = 0;
  for (auto& sec : out) {
    for (auto& t : sec.tables) {
      ++tableNo;
      t.caption = L == Lang::En ? "Table " + std::to_string(tableNo) + ". " + t.caption
                                : "表" + std::to_string(tableNo) + " " + t.caption;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].heading = L == Lang::En
                         ? std::to_string(i + 1) + ". " + out[i].heading
                         : std::string(kZhOrdinals[std::min<size_t>(i, 9)]) + "、" + out[i].heading;
  }
  return out;
}

std::string cleanText(std::string_view s) {
  const std::string valid = core::sanitizeUtf8(s);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n') continue;
    if (u == 0x7F) continue;
    out += c;
  }
  return out;
}

std::string safeUrl(std::string_view url) {
  const std::string lower = core::toLowerAscii(url.substr(0, 8));
  if (!core::startsWith(lower, "http://") && !core::startsWith(lower, "https://")) return {};
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\')
      return {};
  }
  if (!core::isValidUtf8(url)) return {};
  return std::string(url);
}

std::string xmlEscape(std::string_view s) {
  const std::string clean = cleanText(s);
  std::string out;
  out.reserve(clean.size() + 16);
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace pubtrack::reports::detail
