// SPDX-License-Identifier: Apache-2.0
// The dashboard page (inline CSS, server-drawn SVG), the sign-in page and the page's script.
#include "dashboard/page.h"

#include <cstdio>
#include <map>
#include <set>

#include "core/date.h"
#include "core/strings.h"
#include "reports/inspection.h"
#include "reports/phrasing.h"
#include "reports/svg_charts.h"

namespace pubtrack::dashboard::detail {

namespace {

using core::htmlEscape;

constexpr const char* kCss = R"css(
:root{--ink:#1d2330;--muted:#5d6677;--line:#e3e7ee;--bg:#f4f6f9;--card:#fff;--red:#b0191e;
--blue:#1f5fbf;--green:#177245;--amber:#a86a00}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{background:linear-gradient(90deg,#8f1216,#b0191e);color:#fff;padding:18px 32px;
display:flex;align-items:baseline;gap:16px;flex-wrap:wrap}
header h1{font-size:20px;margin:0;font-weight:600}
header .sub{opacity:.85}
header nav{margin-left:auto;display:flex;gap:14px}
header nav.years{gap:8px}
header nav.years+nav{margin-left:0}
header a{color:#fff;text-decoration:none;border-bottom:1px solid rgba(255,255,255,.5)}
header nav.years a{border:0;opacity:.8;padding:0 4px;border-radius:4px}
header nav.years a.cur{opacity:1;background:rgba(255,255,255,.2);font-weight:600}
main{max-width:1240px;margin:0 auto;padding:24px 32px 40px}
h2{font-size:16px;margin:0 0 12px;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:14px;
margin-bottom:22px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
box-shadow:0 1px 2px rgba(20,30,50,.04)}
.card .label{color:var(--muted);font-size:13px}
.card .value{font-size:26px;font-weight:650;margin:4px 0 2px;font-variant-numeric:tabular-nums}
.card .unit{font-size:13px;color:var(--muted);font-weight:400;margin-left:2px}
.yoy{font-size:12.5px;color:var(--muted)}
.yoy.none{color:#9aa3b2}
.up{color:var(--green)}.down{color:var(--red)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:22px}
@media (max-width:900px){.grid2{grid-template-columns:1fr}main{padding:16px}}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;
margin-bottom:22px}
.grid2 .panel{margin-bottom:0}
.panel svg{width:100%;height:auto;display:block}
.tiers{display:flex;gap:10px;flex-wrap:wrap;margin:-4px 0 8px}
.chip{border-radius:999px;padding:2px 10px;font-size:12.5px;background:#f1f3f7}
.chip b{font-variant-numeric:tabular-nums}
table{width:100%;border-collapse:collapse;font-size:13.5px}
th{text-align:left;color:var(--muted);font-weight:500;border-bottom:1px solid var(--line);
padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid #f0f2f5;padding:7px 8px;vertical-align:top}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
td.title{max-width:520px}
td a{color:var(--blue);text-decoration:none}
td a:hover{text-decoration:underline}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;white-space:nowrap}
.t-central{background:#fde8e8;color:#9b1c1c}.t-provincial{background:#fff1db;color:#8a5300}
.t-municipal{background:#e4efff;color:#1e4f9c}.t-other{background:#eef0f3;color:#4b5563}
.s-candidate{background:#fff6d6;color:#7a5a00}.s-confirmed{background:#dcf5e7;color:#14643c}
.s-rejected{background:#eef0f3;color:#6b7280;text-decoration:line-through}
.h-ok{background:#dcf5e7;color:#14643c}.h-failing{background:#fde8e8;color:#9b1c1c}
.h-stale{background:#fff1db;color:#8a5300}.h-never{background:#eef0f3;color:#4b5563}
button{font:inherit;font-size:12.5px;border:1px solid var(--line);background:#fff;border-radius:6px;
padding:2px 9px;cursor:pointer;margin-right:4px}
button:hover{border-color:#9aa3b2}
button.confirm{color:var(--green)}button.reject{color:var(--red)}
.toolbar{display:flex;align-items:center;gap:12px;margin-bottom:10px;flex-wrap:wrap}
.toolbar h2{margin:0}
.toolbar label{margin-left:auto;color:var(--muted);font-size:13px}
.toolbar input{font:inherit;font-size:13px;padding:3px 8px;border:1px solid var(--line);
border-radius:6px;width:180px}
#msg{color:var(--red);font-size:13px;min-height:1em}
.err{color:var(--red);font-size:12.5px}
footer{color:var(--muted);font-size:12.5px;text-align:center;padding:0 0 28px}
footer a{color:var(--muted)}
)css";

using model::Lang;

struct L {
  bool zh;
  explicit L(Lang lang) : zh(lang == Lang::Zh) {}
  const char* operator()(const char* z, const char* e) const { return zh ? z : e; }
};

// Exact figures with thousands separators ("1,234,567") in either language: the report's own
// English form.
std::string number(int64_t v) { return reports::exactNumber(v, Lang::En); }

std::string tierName(const std::string& tier, const L& l) {
  if (tier == "central") return l("中央", "Central");
  if (tier == "provincial") return l("省级", "Provincial");
  if (tier == "municipal") return l("市级", "Municipal");
  return l("其他", "Other");
}

std::string statusName(const std::string& status, const L& l) {
  if (status == "confirmed") return l("已确认", "Confirmed");
  if (status == "rejected") return l("已排除", "Rejected");
  return l("待审核", "Candidate");
}

// Why a mention counts: its keywords, then where they were found and by which rule, so that a
// reviewer sees at once which matches rest on an alias only.
std::string matchExplanation(const model::Mention& m, const L& l) {
  if (m.keywords.empty()) return "";
  std::string where;
  for (const auto& f : core::splitList(m.match_where, ',')) {
    const std::string name = f == "title"     ? l("标题", "title")
                             : f == "summary" ? l("摘要", "summary")
                             : f == "content" ? l("正文", "content")
                                              : f;
    where += (where.empty() ? "" : l("、", ", ")) + name;
  }
  const std::string& r = m.match_rule;
  const std::string rule = r == "full_name"            ? l("全称", "full name")
                           : r == "alias_local_outlet" ? l("简称·本地媒体", "alias, local outlet")
                           : r == "alias_place_in_text"
                               ? l("简称·文中有地名", "alias, place in text")
                           : r == "alias" ? l("简称", "alias")
                                          : r;
  std::string h = htmlEscape(m.keywords);
  if (!where.empty() || !rule.empty())
    h += "<br><small class=\"rule r-" + htmlEscape(r) + "\">" + htmlEscape(where) +
         (where.empty() || rule.empty() ? "" : " · ") + htmlEscape(rule) + "</small>";
  return h;
}

std::string healthName(const std::string& h, const L& l) {
  if (h == "ok") return l("正常", "OK");
  if (h == "failing") return l("失败", "Failing");
  if (h == "stale") return l("过期", "Stale");
  if (h == "never collected") return l("从未采集", "Never collected");
  return h;
}

std::string healthClass(const std::string& h) {
  if (h == "ok" || h == "not-modified") return "h-ok";
  if (h == "failing") return "h-failing";
  if (h == "stale") return "h-stale";
  return "h-never";
}

bool safeUrl(const std::string& u) {
  const std::string l = core::toLowerAscii(u.substr(0, 8));
  return core::startsWith(l, "http://") || core::startsWith(l, "https://");
}

const reports::Change* changeOf(const reports::Figures& f, const std::string& key) {
  for (const auto& c : f.changes)
    if (c.key == key) return &c;
  return nullptr;
}

// What the 同比 of a card compares with, for its tooltip: the same days of the previous year
// for a year in progress, else the previous year.
std::string comparedWith(const reports::Figures& f, const L& l) {
  if (!f.previous_period) return "";
  const auto& p = *f.previous_period;
  if (f.period.in_progress)
    return l("与上年同期（", "vs the same days last year (") + p.from + l("至", " to ") + p.to +
           l("）相比", ")");
  const std::string y = p.year ? std::to_string(*p.year) : p.from.substr(0, 4);
  return l.zh ? "与" + y + "年相比" : "vs " + y;
}

// A headline card. data-key/data-value/data-delta carry the figures as the report computed them
// (reports::Figures), so they can be compared with /api/report.
std::string card(const std::string& label, const std::string& key, std::optional<int64_t> value,
                 const std::string& unit, const reports::Figures& f, const L& l,
                 bool showYoy = true) {
  std::string s =
      "<div class=\"card\" data-key=\"" + key + "\"" +
      (value ? " data-value=\"" + std::to_string(*value) + "\"" : "") + "><div class=\"label\">" +
      htmlEscape(label) + "</div><div class=\"value\">" + (value ? number(*value) : "—") +
      (value && !unit.empty() ? "<span class=\"unit\">" + htmlEscape(unit) + "</span>" : "") +
      "</div>";
  if (showYoy) {
    const reports::Change* change = changeOf(f, key);
    if (!change) {
      // The report leaves this comparison out (the previous period was not collected enough),
      // and so does the page.
      s += "<div class=\"yoy none\" title=\"" +
           std::string(l("上年同期数据未完整采集，年度报告同样不作比较",
                         "last year's data for these days is incomplete; the report does not "
                         "compare it either")) +
           "\">" + l("同比：无可比数据", "YoY: no comparable data") + "</div>";
    } else {
      s += "<div class=\"yoy\" data-delta=\"" + std::to_string(change->delta) +
           "\" data-previous=\"" + std::to_string(change->previous) + "\" title=\"" +
           htmlEscape(comparedWith(f, l)) + "\">";
      if (!change->percent) {
        s += std::string(l("同比：", "YoY: ")) + (change->delta >= 0 ? "+" : "") +
             number(change->delta);
      } else {
        char pct[32];
        std::snprintf(pct, sizeof pct, "%.1f%%",
                      *change->percent < 0 ? -*change->percent : *change->percent);
        const bool up = change->delta >= 0;
        s += std::string(l("同比 ", "YoY ")) + "<span class=\"" + (up ? "up" : "down") + "\">" +
             (up ? "▲ " : "▼ ") + pct + "</span>";
      }
      s += "</div>";
    }
  }
  return s + "</div>";
}

}  // namespace

std::string renderDashboard(const PageModel& m) {
  const L l(m.lang);
  const auto& f = *m.figures;
  const auto& w = f.wechat_totals;
  const std::string title = (m.agency.empty() ? std::string() : m.agency + " · ") +
                            l("宣传数据看板", "communications dashboard");
  std::string h;
  h.reserve(32768);
  h += "<!DOCTYPE html><html lang=\"";
  h += l.zh ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
       "content=\"width=device-width,initial-scale=1\"><meta name=\"referrer\" "
       "content=\"no-referrer\"><title>" +
       htmlEscape(title) + "</title><style>" + kCss + reports::charts::kCss +
       "</style></head><body>";
  const std::string y = std::to_string(m.year);
  const bool inProgress = f.period.in_progress;
  h += "<header><h1>" + htmlEscape(title) + "</h1><span class=\"sub\">" + y +
       (inProgress ? l("年 · 数据截至 ", " · data to ") + htmlEscape(f.period.to)
                   : std::string(l("年 · 全年", " · whole year"))) +
       "</span><nav class=\"years\" aria-label=\"" + l("年份", "Years") + "\">";
  std::set<int> years(m.years.begin(), m.years.end());
  years.insert(m.year);
  for (const int year : years) {
    const std::string ys = std::to_string(year);
    h += "<a href=\"/?year=" + ys + "\"" +
         (year == m.year ? " class=\"cur\" aria-current=\"page\"" : "") + ">" + ys + "</a>";
  }
  h += "</nav><nav><a href=\"/report/" + y + "\">" + y + l("年度报告", " annual report") +
       "</a></nav></header>";
  h += "<main>";

  // Headline figures with 同比: the report's own changes.
  const bool pv = w.reads_metric == "page_views";
  h += "<section class=\"cards\" id=\"headline\">";
  h += card(l("发布文章", "Articles"), "wechat.articles", w.articles, l("篇", ""), f, l);
  h += card(pv ? l("阅读量", "Page views") : l("阅读人数", "Readers"), "wechat.reads", w.reads, "",
            f, l);
  h += card(l("粉丝总数", "Followers"), "wechat.followers_end", w.followers_end, "", f, l);
  h += card(l("净增粉丝", "Net new followers"), "wechat.followers_net", w.followers_net, "", f, l);
  const auto& md = f.media;
  h += card(l("主流媒体报道", "Mainstream coverage"), "media.mainstream",
            md.has_data ? std::optional<int64_t>(md.mainstream) : std::nullopt, l("篇", ""), f, l);
  h += card(l("待审核报道", "Mentions to review"), "media.candidates",
            md.has_data ? std::optional<int64_t>(md.candidates) : std::nullopt, l("篇", ""), f, l,
            false);
  h += "</section>";

  // Followers and reads over time.
  auto points = [&](const std::vector<reports::MonthValue>& series) {
    std::vector<reports::charts::Point> out;
    for (const auto& p : series)
      out.push_back({reports::charts::monthLabel(p.month, m.lang, false), p.value});
    return out;
  };
  const std::string readsName = pv ? l("阅读量", "Page views") : l("阅读人数", "Readers");
  h += "<div class=\"grid2\"><section class=\"panel\" id=\"followers\"><h2>" +
       std::string(l("粉丝数（月末）", "Followers (month end)")) + "</h2>" +
       reports::charts::lineChart(points(w.followers_by_month), "#b0191e",
                                  l("粉丝数（月末）", "Followers (month end)"), m.lang) +
       "</section>";
  h += "<section class=\"panel\" id=\"reads\"><h2>" + readsName + l("（按月）", " by month") +
       "</h2>" + reports::charts::barChart(points(w.reads_by_month), "#1f5fbf", readsName, m.lang) +
       "</section></div>";

  // Mentions by tier and month.
  std::set<std::string> months;
  for (const auto* v : {&md.by_month_central, &md.by_month_provincial, &md.by_month_municipal})
    for (const auto& p : *v) months.insert(p.month);
  std::vector<std::string> ml;
  for (const auto& mo : months) ml.push_back(reports::charts::monthLabel(mo, m.lang, false));
  auto seriesOf = [&](const std::vector<reports::MonthValue>& v, const char* name,
                      const char* color) {
    reports::charts::Series s{name, color, {}};
    std::map<std::string, int64_t> by;
    for (const auto& p : v) by[p.month] = p.value;
    for (const auto& mo : months) s.values.push_back(by.count(mo) ? by[mo] : 0);
    return s;
  };
  h += "<div class=\"grid2\"><section class=\"panel\" id=\"mentions-chart\"><h2>" +
       std::string(l("媒体报道（按级别、月份）", "Mentions by tier and month")) + "</h2>";
  h += "<div class=\"tiers\">";
  for (const auto& [tier, n] :
       std::vector<std::pair<std::string, int64_t>>{{"central", md.central},
                                                    {"provincial", md.provincial},
                                                    {"municipal", md.municipal},
                                                    {"other", md.other}})
    h += "<span class=\"chip t-" + tier + "\">" + tierName(tier, l) + " <b>" + number(n) +
         "</b></span>";
  h += "</div>";
  h += reports::charts::stackedBarChart(
      ml,
      {seriesOf(md.by_month_central, l("中央", "Central"), "#b0191e"),
       seriesOf(md.by_month_provincial, l("省级", "Provincial"), "#e08a00"),
       seriesOf(md.by_month_municipal, l("市级", "Municipal"), "#1f5fbf")},
      l("媒体报道（按级别、月份）", "Mentions by tier and month"), m.lang);
  h += "</section>";

  // Collection health.
  h += "<section class=\"panel\" id=\"health\"><h2>" +
       std::string(l("采集状态", "Collection health")) + "</h2><table><thead><tr><th>" +
       l("来源", "Source") + "</th><th>" + l("名称", "Name") + "</th><th>" +
       l("最近成功", "Last success") + "</th><th>" + l("状态", "Health") +
       "</th></tr></thead><tbody>";
  for (const auto& r : m.health) {
    h += "<tr><td>" + htmlEscape(r.source) + "</td><td>" + htmlEscape(r.name) +
         "</td><td class=\"num\">" +
         (r.last_success.empty() ? "—"
                                 : htmlEscape(core::utcTextAt(r.last_success, core::kChinaTime))) +
         "</td><td><span class=\"badge " + healthClass(r.health) + "\">" +
         htmlEscape(healthName(r.health, l)) + "</span>";
    if (!r.last_error.empty() && r.health != "ok")
      h += "<div class=\"err\">" + htmlEscape(r.last_error) + "</div>";
    for (const auto& window : r.notes)
      h += "<div class=\"err\">" +
           (l.zh ? "超过" + std::to_string(m.max_silent_days) + "天未更新："
                 : "No post for over " + std::to_string(m.max_silent_days) + " days: ") +
           htmlEscape(reports::describeWindow(window, l.zh)) + "</div>";
    h += "</td></tr>";
  }
  if (m.health.empty())
    h += "<tr><td colspan=\"4\">" + std::string(l("未配置来源", "No sources configured")) +
         "</td></tr>";
  h += "</tbody></table></section></div>";

  // Latest mentions.
  h += "<section class=\"panel\" id=\"latest\"><div class=\"toolbar\"><h2>" +
       (m.lang == model::Lang::En ? "Latest mentions of " + std::to_string(m.year)
                                  : std::to_string(m.year) + "年最新媒体报道") +
       "</h2><span id=\"msg\" role=\"status\"></span>";
  if (m.can_write)
    h += std::string("<label>") + l("审核令牌 ", "Review token ") +
         "<input type=\"password\" id=\"token\" autocomplete=\"off\"></label>";
  h += "</div><table><thead><tr><th>" + std::string(l("日期", "Day")) + "</th><th>" +
       l("媒体", "Outlet") + "</th><th>" + l("级别", "Tier") + "</th><th>" + l("标题", "Title") +
       "</th><th>" + l("匹配依据", "Matched by") + "</th><th>" + l("状态", "Status") + "</th>" +
       (m.can_write ? std::string("<th>") + l("审核", "Review") + "</th>" : "") +
       "</tr></thead><tbody>";
  for (const auto& r : m.latest) {
    const std::string id = std::to_string(r.id);
    const std::string tier(model::toString(r.m.tier)), status(model::toString(r.m.status));
    h += "<tr data-id=\"" + id + "\"><td class=\"num\">" + r.m.day.toString() + "</td><td>" +
         htmlEscape(r.m.outlet) + "</td><td><span class=\"badge t-" + tier + "\">" +
         tierName(tier, l) + "</span></td><td class=\"title\">";
    if (safeUrl(r.m.url))
      h += "<a href=\"" + htmlEscape(r.m.url) +
           "\" rel=\"noopener noreferrer\" target=\"_blank\">" + htmlEscape(r.m.title) + "</a>";
    else
      h += htmlEscape(r.m.title);
    h += "</td><td>" + matchExplanation(r.m, l) + "</td><td><span class=\"badge status s-" +
         status + "\">" + statusName(status, l) + "</span></td>";
    if (m.can_write)
      h += "<td class=\"num\"><button type=\"button\" class=\"confirm\" data-action=\"confirm\" "
           "data-id=\"" +
           id + "\">" + l("确认", "Confirm") +
           "</button><button type=\"button\" class=\"reject\" data-action=\"reject\" data-id=\"" +
           id + "\">" + l("排除", "Reject") + "</button></td>";
    h += "</tr>";
  }
  if (m.latest.empty())
    h += "<tr><td colspan=\"7\">" + std::string(l("暂无报道", "No mentions yet")) + "</td></tr>";
  h += "</tbody></table></section>";

  h += "</main><footer>" + htmlEscape(f.period.label()) + " · " + l("数据生成于 ", "generated ") +
       htmlEscape(core::utcTextAt(f.generated_at, core::kChinaTime)) +
       " · JSON: <a href=\"/api/report?year=" + y +
       "\">/api/report</a> · <a "
       "href=\"/api/status\">/api/status</a></footer>";
  h += "<script src=\"/app.js\"></script></body></html>";
  return h;
}

std::string renderLogin(Lang lang, const std::string& message) {
  const L l(lang);
  std::string h = "<!DOCTYPE html><html lang=\"";
  h += l.zh ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><title>pubtrack</title><style>" + std::string(kCss) +
       ".login{max-width:360px;margin:80px auto}.login input{width:100%;font:inherit;padding:"
       "8px;border:1px solid var(--line);border-radius:6px;margin:8px 0 12px}</style></head><body>"
       "<main><section class=\"panel login\"><h2>" +
       l("登录看板", "Sign in to the dashboard") + "</h2>";
  if (!message.empty()) h += "<p id=\"msg\">" + htmlEscape(message) + "</p>";
  h += "<form method=\"post\" action=\"/login\"><label>" + std::string(l("访问令牌", "Token")) +
       "<input type=\"password\" name=\"token\" autocomplete=\"current-password\" "
       "autofocus></label><button type=\"submit\">" +
       l("登录", "Sign in") + "</button></form></section></main></body></html>";
  return h;
}

const std::string& appScript() {
  // Data reaches the DOM only through textContent and attributes, never as markup.
  static const std::string kScript = R"js('use strict';
(function () {
  var KEY = 'pubtrack.reviewToken';
  var token = document.getElementById('token');
  var msg = document.getElementById('msg');
  var zh = document.documentElement.lang !== 'en';
  var names = zh ? {confirmed: '已确认', rejected: '已排除', candidate: '待审核'}
                 : {confirmed: 'Confirmed', rejected: 'Rejected', candidate: 'Candidate'};
  if (token) {
    token.value = sessionStorage.getItem(KEY) || '';
    token.addEventListener('change', function () { sessionStorage.setItem(KEY, token.value); });
  }
  function say(text) { if (msg) msg.textContent = text; }
  document.querySelectorAll('button[data-action]').forEach(function (b) {
    b.addEventListener('click', function () {
      var id = b.getAttribute('data-id');
      var action = b.getAttribute('data-action');
      if (!/^[0-9]+$/.test(id) || (action !== 'confirm' && action !== 'reject')) return;
      var t = token ? token.value : '';
      if (!t) { say(zh ? '请先输入审核令牌。' : 'Enter the review token first.'); return; }
      sessionStorage.setItem(KEY, t);
      b.disabled = true;
      fetch('/api/mentions/' + id + '/' + action, {
        method: 'POST', credentials: 'same-origin', headers: {'Authorization': 'Bearer ' + t}
      }).then(function (r) {
        return r.json().then(function (j) { return {ok: r.ok, body: j}; });
      }).then(function (res) {
        b.disabled = false;
        if (!res.ok) { say(String(res.body.error || 'error')); return; }
        say('');
        var row = b.closest('tr');
        var cell = row && row.querySelector('.status');
        var st = String(res.body.status);
        if (cell && names[st]) { cell.textContent = names[st]; cell.className = 'badge status s-' + st; }
        if (row) row.setAttribute('data-status', st);
      }).catch(function (e) { b.disabled = false; say(String(e)); });
    });
  });
})();
)js";
  return kScript;
}

}  // namespace pubtrack::dashboard::detail
