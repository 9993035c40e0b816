// SPDX-License-Identifier: Apache-2.0
// Hand-built Figures for the report tests: the 2019 seed report's figures, a large report
// (10 accounts, 100 outlets) for size and layout checks, and a --year report with 表二/三/四.
#pragma once

#include <string>

#include "model/annual_tables.h"
#include "reports/figures.h"

namespace pubtrack::fakes {

inline reports::LedgerFigure ledger(std::string kind, std::string zh, std::string en,
                                    std::string unit, int64_t count,
                                    std::vector<reports::LedgerRole> roles = {}) {
  reports::LedgerFigure l;
  l.kind = std::move(kind);
  l.name_zh = std::move(zh);
  l.name_en = std::move(en);
  l.unit_zh = std::move(unit);
  l.count = count;
  for (const auto& r : roles) l.roles_total += r.count;
  l.roles = std::move(roles);
  return l;
}

inline std::vector<reports::MonthValue> monthly(int year, int64_t first, int64_t step) {
  std::vector<reports::MonthValue> out;
  for (int m = 1; m <= 12; ++m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
    out.push_back({buf, first + step * (m - 1)});
  }
  return out;
}

// 深圳市国资委 2019: 近800条, 突破150万人次, 近5万人, 79篇, 访谈2期, 征集3期, 建议25件, 提案7件.
inline reports::Figures seedFigures() {
  reports::Figures f;
  f.agency = "深圳市国资委";
  f.period = {"2019-01-01", "2019-12-31", 2019};
  f.generated_at = "2020-01-20T02:00:00Z";
  reports::WeChatFigures a;
  a.id = "main";
  a.name = "深圳国资";
  a.articles = 795;
  a.page_views = 1'523'456;
  a.read_users = 901'234;
  a.reads = 1'523'456;
  a.reads_metric = "page_views";
  a.followers_start = 41'000;
  a.followers_end = 49'210;
  a.followers_net = 8'210;
  a.days_with_data = 365;
  a.days_in_period = 365;
  a.articles_by_month = monthly(2019, 60, 1);
  a.reads_by_month = monthly(2019, 100'000, 5'000);
  a.followers_by_month = monthly(2019, 41'700, 700);
  a.top_articles = {
      {"m1", "深圳国资国企改革发展新闻发布会", "https://mp.weixin.qq.com/s/abc", "2019-08-01",
       23'456},
      {"m2", "市属国企2019年经营情况", "https://mp.weixin.qq.com/s/def", "2019-12-20", 12'345}};
  f.accounts.push_back(a);
  f.wechat_totals = a;
  f.wechat_totals.id.clear();
  f.wechat_totals.name.clear();

  auto& m = f.media;
  m.has_data = true;
  m.central = 10;
  m.provincial = 20;
  m.municipal = 49;
  m.mainstream = 79;
  m.other = 5;
  m.confirmed = 70;
  m.candidates = 14;
  m.by_outlet = {{"深圳特区报", "municipal", 30}, {"南方日报", "provincial", 20},
                 {"人民日报", "central", 6},      {"新华社", "central", 4},
                 {"深圳商报", "municipal", 19},   {"某网站", "other", 5}};
  m.by_month = monthly(2019, 4, 0);
  m.by_month[11].value = 35;
  m.by_month_central = monthly(2019, 0, 0);
  m.by_month_central[11].value = 10;
  m.by_month_provincial = monthly(2019, 1, 0);
  m.by_month_provincial[11].value = 9;
  m.by_month_municipal = monthly(2019, 3, 0);
  m.by_month_municipal[11].value = 16;
  m.top_stories = {{"深圳国资改革“双百行动”取得新进展",
                    "https://news.example.cn/a?x=1&y=2",
                    "2019-11-02",
                    "central",
                    {"人民日报", "新华社"}}};

  f.outreach = {
      ledger("interview", "在线访谈", "online interviews", "期", 2),
      ledger("consultation", "民意征集", "public consultations", "期", 3),
      ledger("npc_suggestion", "人大代表建议", "NPC deputies' suggestions", "件", 25,
             {{"承办", 2}, {"主办", 3}, {"分办", 1}, {"汇办", 19}}),
      ledger("cppcc_proposal", "政协提案", "CPPCC members' proposals", "件", 7,
             {{"主办", 1}, {"会办", 6}}),
      ledger("disclosure_request", "依申请公开", "disclosure requests", "件", 5),
  };
  return f;
}

// A report at the top of the expected size: 10 accounts, 100 outlets, 10 stories.
inline reports::Figures largeFigures() {
  reports::Figures f = seedFigures();
  f.accounts.clear();
  for (int i = 0; i < 10; ++i) {
    reports::WeChatFigures a = seedFigures().accounts.front();
    a.id = "acc" + std::to_string(i);
    a.name = "账号" + std::to_string(i) + "“政务发布”<b>";
    for (int k = 0; k < 10; ++k) {
      a.top_articles.push_back({"x" + std::to_string(k),
                                "一个很长的文章标题，用来检查表格在 A4 纸上不会溢出，" +
                                    std::string(40, 'W') + std::to_string(k),
                                "https://mp.weixin.qq.com/s/" + std::to_string(k), "2019-05-05",
                                1000 - k});
    }
    f.accounts.push_back(a);
  }
  f.wechat_totals.top_articles.clear();  // per-account tables instead: 10 x 10 rows
  f.wechat_totals.articles = 7'950;
  f.wechat_totals.reads = 15'234'560;
  f.wechat_totals.followers_end = 492'100;
  f.media.by_outlet.clear();
  for (int i = 0; i < 100; ++i) {
    const char* tiers[] = {"central", "provincial", "municipal", "other"};
    f.media.by_outlet.push_back({"媒体" + std::to_string(i) + " & Co <i>", tiers[i % 4], 100 - i});
  }
  for (int i = 0; i < 10; ++i) {
    f.media.top_stories.push_back({"报道标题" + std::to_string(i),
                                   "https://news.example.cn/" + std::to_string(i),
                                   "2019-06-0" + std::to_string(i % 9 + 1),
                                   "municipal",
                                   {"深圳特区报", "深圳商报"}});
  }
  return f;
}

// 表二, 表三 and 表四 of a layout; a table left out has no cells, as reports::annualTables leaves
// it. Every cell of a table given has a value: 表二 2021 has 宿迁 2025's 规章 3/0/15,
// 行政规范性文件 61/59/422 and a fee of 12.35 万元; 表四 is 宿迁's 119/25/91/24/259 | 7/0/15/6/28 |
// 21/1/7/9/38 (review total marked computed); 表三's cells are 1, 2, 3 ... in reading order.
inline reports::AnnualTables annualTables(model::Layout layout, bool t2 = true, bool t3 = true,
                                          bool t4 = true) {
  reports::AnnualTables t;
  t.layout = layout;
  int64_t n = 0;
  for (const auto& cell : model::tableCells(layout)) {
    const std::string& k = cell.key;
    if (k.rfind("t2.", 0) == 0 && t2) {
      int64_t v = ++n;
      if (cell.unit == model::Unit::Change) v = -3;
      if (cell.unit == model::Unit::WanYuan) v = 12'350'000;  // 分: 12.35 万元
      if (cell.unit == model::Unit::Yuan) v = 25'100'000;     // 分: 251000 元
      t.t2[k] = v;
    }
    if (k.rfind("t3.", 0) == 0 && t3) t.t3[k] = ++n;
  }
  if (t2 && layout == model::Layout::Y2021) {
    t.t2["t2.rules.issued"] = 3;
    t.t2["t2.rules.repealed"] = 0;
    t.t2["t2.rules.in_force"] = 15;
    t.t2["t2.normative_docs.issued"] = 61;
    t.t2["t2.normative_docs.repealed"] = 59;
    t.t2["t2.normative_docs.in_force"] = 422;
  }
  if (t4) {
    const int64_t values[] = {119, 25, 91, 24, 259, 7, 0, 15, 6, 28, 21, 1, 7, 9, 38};
    size_t i = 0;
    for (const auto& b : model::table4Blocks())
      for (const auto& c : model::table4Columns())
        t.t4["t4." + std::string(b.key) + "." + std::string(c.key)] = values[i++];
    t.computed.push_back("t4.review.total");
  }
  return t;
}

// The seed's figures as a --year report with tables (tables left out are flagged as the real
// report does).
inline reports::Figures annualFigures(model::Layout layout, bool t2 = true, bool t3 = true,
                                      bool t4 = true) {
  reports::Figures f = seedFigures();
  f.tables = annualTables(layout, t2, t3, t4);
  if (!t2) f.checks.push_back({"table_empty", "table2", "表二 has no figures", "表二尚无数据"});
  if (!t3) f.checks.push_back({"table_empty", "table3", "表三 has no figures", "表三尚无数据"});
  if (!t4) f.checks.push_back({"table_empty", "table4", "表四 has no figures", "表四尚无数据"});
  return f;
}

}  // namespace pubtrack::fakes
