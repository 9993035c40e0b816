// SPDX-License-Identifier: Apache-2.0
// The CSV writer: one row per figure, key,value,unit,label, with exact values.
#include <optional>
#include <string>

#include "core/strings.h"
#include "reports/labels.h"
#include "reports/render_model.h"
#include "reports/writers.h"

namespace pubtrack::reports {

namespace {

class CsvOut {
 public:
  explicit CsvOut(Lang lang) : lang_(lang) { out_ = "key,value,unit,label\r\n"; }
  std::string take() { return std::move(out_); }

  void row(const std::string& key, const std::string& value, std::string_view unit,
           std::string_view label) {
    out_ += core::csvField(detail::cleanText(key)) + "," +
            core::csvField(detail::cleanText(value)) + "," + core::csvField(unit) + "," +
            core::csvField(detail::cleanText(label)) + "\r\n";
  }
  void num(const std::string& key, std::optional<int64_t> v, std::string_view unitZh,
           std::string_view unitEn, std::string_view labelZh, std::string_view labelEn) {
    const bool en = lang_ == Lang::En;
    row(key, v ? std::to_string(*v) : std::string(), en ? unitEn : unitZh, en ? labelEn : labelZh);
  }
  Lang lang() const { return lang_; }

 private:
  Lang lang_;
  std::string out_;
};

void months(CsvOut& c, const std::string& prefix, const std::vector<MonthValue>& s,
            std::string_view unitZh, std::string_view unitEn, const std::string& labelZh,
            const std::string& labelEn) {
  for (const auto& mv : s)
    c.num(prefix + "." + mv.month, mv.value, unitZh, unitEn, labelZh + " " + mv.month,
          labelEn + " " + mv.month);
}

void account(CsvOut& c, const std::string& p, const WeChatFigures& w, const std::string& who) {
  const std::string zh = who.empty() ? "" : who + " ";
  const std::string en = zh;
  c.num(p + ".articles", w.articles, "条", "posts", zh + "微信推送篇数", en + "WeChat posts");
  c.num(p + ".articles_notified", w.articles_notified, "条", "posts", zh + "群发推送篇数",
        en + "mass-sent posts");
  c.num(p + ".articles_silent", w.articles_silent, "条", "posts", zh + "发布（不通知）篇数",
        en + "published without notification");
  c.num(p + ".page_views", w.page_views, "人次", "page views", zh + "阅读量", en + "page views");
  c.num(p + ".read_users", w.read_users, "人", "readers", zh + "阅读人数（每日之和）",
        en + "readers (sum of daily)");
  const bool pv = w.reads_metric != "read_users";
  c.num(p + ".reads", w.reads, pv ? "人次" : "人", pv ? "page views" : "readers",
        zh + (pv ? "阅读量（报告口径）" : "阅读人数（报告口径）"), en + "reads (report basis)");
  c.num(p + ".followers_start", w.followers_start, "人", "followers", zh + "期初关注人数",
        en + "followers at start");
  c.num(p + ".followers_end", w.followers_end, "人", "followers", zh + "期末关注人数",
        en + "followers at end");
  c.num(p + ".followers_net", w.followers_net, "人", "followers", zh + "净增关注人数",
        en + "net new followers");
  c.num(p + ".followers_new", w.followers_new, "人", "followers", zh + "新增关注人数",
        en + "new followers");
  c.num(p + ".followers_cancel", w.followers_cancel, "人", "followers", zh + "取消关注人数",
        en + "unfollows");
  c.num(p + ".days_with_data", w.days_with_data, "天", "days", zh + "有数据天数",
        en + "days with data");
  c.num(p + ".days_in_period", w.days_in_period, "天", "days", zh + "统计期天数",
        en + "days in period");
  months(c, p + ".articles_by_month", w.articles_by_month, "条", "posts", zh + "月推送篇数",
         en + "posts in");
  months(c, p + ".reads_by_month", w.reads_by_month, pv ? "人次" : "人",
         pv ? "page views" : "readers", zh + (pv ? "月阅读量" : "月阅读人数"), en + "reads in");
  months(c, p + ".followers_by_month", w.followers_by_month, "人", "followers", zh + "月末关注人数",
         en + "followers at end of");
}

}  // namespace

std::string renderCsv(const Figures& f, const RenderOptions& o) {
  const Lang L = o.lang;
  CsvOut c(L);
  c.row("period.from", f.period.from, "", pick(L, "统计期起", "period start"));
  c.row("period.to", f.period.to, "", pick(L, "统计期止", "period end"));

  for (const auto& a : f.accounts) {
    const std::string id = a.id.empty() ? a.name : a.id;
    account(c, "wechat.accounts." + id, a, accountName(a, L));
  }
  account(c, "wechat.totals", f.wechat_totals, "");

  const auto& m = f.media;
  auto media = [&](const std::string& key, int64_t v, std::string_view zh, std::string_view en) {
    c.num(key, m.has_data ? std::optional<int64_t>(v) : std::nullopt, "篇", "reports", zh, en);
  };
  media("media.mainstream", m.mainstream, "主流媒体报道", "mainstream media reports");
  media("media.by_tier.central", m.central, "中央级媒体报道", "central media reports");
  media("media.by_tier.provincial", m.provincial, "省级媒体报道", "provincial media reports");
  media("media.by_tier.municipal", m.municipal, "市级媒体报道", "municipal media reports");
  media("media.by_tier.other", m.other, "其他媒体报道", "other media reports");
  media("media.confirmed", m.confirmed, "已确认报道", "confirmed mentions");
  media("media.candidates", m.candidates, "待审核报道", "mentions awaiting review");
  for (const auto& oc : m.by_outlet)
    c.num("media.by_outlet." + oc.outlet, oc.count, "篇", "reports",
          oc.outlet + "（" + tierLabel(oc.tier, Lang::Zh) + "）",
          oc.outlet + " (" + tierLabel(oc.tier, Lang::En) + ")");
  months(c, "media.by_month", m.by_month, "篇", "reports", "主流媒体报道", "mainstream reports in");
  months(c, "media.by_month.central", m.by_month_central, "篇", "reports", "中央级媒体报道",
         "central reports in");
  months(c, "media.by_month.provincial", m.by_month_provincial, "篇", "reports", "省级媒体报道",
         "provincial reports in");
  months(c, "media.by_month.municipal", m.by_month_municipal, "篇", "reports", "市级媒体报道",
         "municipal reports in");

  for (const auto& l : f.outreach) {
    const std::string key = "outreach." + l.kind;
    const std::string nameEn = l.name_en.empty() ? l.kind : l.name_en;
    c.num(key, l.count, l.unit_zh, "", l.name_zh, nameEn);
    for (const auto& r : l.roles)
      c.num(key + "." + r.role, r.count, l.unit_zh, "", l.name_zh + "（" + r.role + "件）",
            nameEn + " (" + roleLabel(r.role, Lang::En) + ")");
    if (!l.roles.empty())
      c.num(key + ".roles_total", l.roles_total, l.unit_zh, "", l.name_zh + "（分项合计）",
            nameEn + " (sum of roles)");
  }

  for (const auto& ch : f.changes) {
    const ChangeLabel cl = changeLabel(ch.key, f, L);
    const std::string key = "previous." + ch.key;
    c.row(key, std::to_string(ch.previous), cl.unit,
          L == Lang::En ? cl.label + " (previous period)" : cl.label + "（上期）");
    c.row(key + ".delta", std::to_string(ch.current - ch.previous), cl.unit,
          L == Lang::En ? cl.label + " (change)" : cl.label + "（增减）");
    if (ch.previous > 0) {
      // Tenths of a percent, half away from zero: exact enough and free of float noise.
      const int64_t d = ch.current - ch.previous;
      const int64_t mag = (2 * (d < 0 ? -d : d) * 1000 + ch.previous) / (2 * ch.previous);
      std::string pct = formatPercent(d < 0 ? -mag : mag, 1);
      pct.pop_back();  // the unit column says "%"
      c.row(key + ".percent", pct, "%",
            L == Lang::En ? cl.label + " (change, %)" : cl.label + "（同比）");
    }
  }
  c.row("checks.count", std::to_string(f.checks.size()), pick(L, "项", ""),
        pick(L, "数据核查提示", "data checks"));

  if (f.tables) {
    // The official tables, one row per cell in reading order, the value as the table shows it.
    const auto& t = *f.tables;
    c.row("tables.layout", std::string(model::toString(t.layout)), "",
          pick(L, "表格格式（年版）", "table layout (format year)"));
    for (const auto& cell : model::tableCells(t.layout)) {
      const auto v = t.cell(cell.key);
      const std::string unit = cell.unit == model::Unit::WanYuan ? pick(L, "万元", "10k yuan")
                               : cell.unit == model::Unit::Yuan  ? pick(L, "元", "yuan")
                                                                 : std::string();
      c.row(cell.key, v ? model::formatCellValue(*v, cell.unit) : std::string(), unit,
            cell.label_zh);
    }
  }
  return c.take();
}

}  // namespace pubtrack::reports
