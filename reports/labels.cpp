// SPDX-License-Identifier: Apache-2.0
// Shared report words: periods, tiers, roles, reads metric and year-on-year key names.
#include "reports/labels.h"

#include <array>
#include <utility>

#include "core/date.h"
#include "core/strings.h"
#include "model/ledger.h"

namespace pubtrack::reports {

namespace {

constexpr std::array<const char*, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};

struct Ymd {
  int y = 0, m = 0, d = 0;
};

std::optional<Ymd> ymd(const std::string& iso) {
  auto date = core::Date::parse(iso);
  if (!date) return std::nullopt;
  return Ymd{date->year(), date->month(), date->day()};
}

std::string zhDay(const Ymd& x, bool withYear) {
  return (withYear ? std::to_string(x.y) + "年" : std::string()) + std::to_string(x.m) + "月" +
         std::to_string(x.d) + "日";
}

std::string enDay(const Ymd& x, bool withYear) {
  return std::to_string(x.d) + " " + kMonthsEn[static_cast<size_t>(x.m - 1)] +
         (withYear ? " " + std::to_string(x.y) : std::string());
}

std::string rangeText(const Period& p, Lang lang) {
  const auto a = ymd(p.from), b = ymd(p.to);
  if (!a || !b) {
    return lang == Lang::En ? p.from + " to " + p.to : p.from + "至" + p.to;
  }
  const bool sameYear = a->y == b->y;
  if (lang == Lang::En) return enDay(*a, !sameYear) + " to " + enDay(*b, true);
  return zhDay(*a, true) + "至" + zhDay(*b, !sameYear);
}

}  // namespace

std::string zhDate(const core::Date& day) {
  return zhDay({day.year(), day.month(), day.day()}, true);
}

bool isCalendarYear(const Period& p) {
  if (p.in_progress) return false;
  if (p.year) return true;
  const auto a = ymd(p.from), b = ymd(p.to);
  return a && b && a->y == b->y && a->m == 1 && a->d == 1 && b->m == 12 && b->d == 31;
}

std::string periodPhrase(const Period& p, Lang lang) {
  if (isCalendarYear(p)) {
    if (lang == Lang::Zh) return "全年";
    const auto a = ymd(p.from);
    return "in " + std::to_string(p.year ? *p.year : (a ? a->y : 0));
  }
  return lang == Lang::En ? "from " + rangeText(p, lang) : rangeText(p, lang) + "期间";
}

std::string periodTitle(const Period& p, Lang lang) {
  if (isCalendarYear(p)) {
    const auto a = ymd(p.from);
    const int y = p.year ? *p.year : (a ? a->y : 0);
    return lang == Lang::En ? std::to_string(y) : std::to_string(y) + "年度";
  }
  return rangeText(p, lang);
}

std::string tierLabel(std::string_view tier, Lang lang) {
  static const std::array<std::array<const char*, 3>, 4> kTiers = {{
      {"central", "中央级", "central"},
      {"provincial", "省级", "provincial"},
      {"municipal", "市级", "municipal"},
      {"other", "其他", "other"},
  }};
  for (const auto& t : kTiers)
    if (tier == t[0]) return lang == Lang::En ? t[2] : t[1];
  return std::string(tier);
}

std::string roleLabel(std::string_view role, Lang lang) {
  if (lang == Lang::Zh) return std::string(role);
  for (const auto& r : model::ledgerRoles())
    if (role == r.zh) return std::string(r.en);
  return std::string(role);
}

std::string checkTitle(std::string_view kind, Lang lang) {
  struct Title {
    std::string_view kind;
    const char *zh, *en;
  };
  static constexpr Title kTitles[] = {
      {"wechat_days_missing", "微信数据缺天", "WeChat days missing"},
      {"wechat_delayed", "微信数据延迟", "WeChat data delayed"},
      {"wechat_unavailable", "微信数据无法获取", "WeChat data unavailable"},
      {"wechat_posts_mass_sent_only", "发文数仅含群发", "post count: mass-sent only"},
      {"followers_mismatch", "粉丝数前后不符", "followers do not add up"},
      {"collection_failed", "采集失败", "collection failed"},
      {"account_silent", "长期未更新", "account silent"},
      {"posts_deleted", "推送已删除", "posts deleted"},
      {"media_partial", "媒体报道采集不全", "media partly collected"},
      {"mentions_unreviewed", "报道待审核", "mentions awaiting review"},
      {"mentions_alias_unreviewed", "别名匹配待审核", "alias matches awaiting review"},
      {"mentions_tier_guessed", "媒体级别系推定", "outlet tier guessed"},
      {"ledger_breakdown", "台账分类合计不符", "ledger breakdown does not add up"},
      {"ledger_vs_tables", "台账与表格不一致", "ledger differs from the tables"},
      {"table_total", "表格合计不符", "table total does not add up"},
      {"table_balance", "表三收支不平衡", "table 3 does not balance"},
      {"table_carried", "上年结转不一致", "carried-over requests differ"},
      {"table_empty", "表格暂无数据", "table without data"},
      {"period_in_progress", "年度尚未结束", "year not over"},
  };
  for (const auto& t : kTitles)
    if (t.kind == kind) return lang == Lang::En ? t.en : t.zh;
  return std::string(kind);
}

std::optional<ReadsFigure> readsOf(const WeChatFigures& w) {
  if (w.reads) return ReadsFigure{*w.reads, w.reads_metric != "read_users"};
  if (w.page_views) return ReadsFigure{*w.page_views, true};
  if (w.read_users) return ReadsFigure{*w.read_users, false};
  return std::nullopt;
}

std::string readsLabel(bool page_views, Lang lang) {
  if (lang == Lang::En) return page_views ? "page views" : "readers";
  return page_views ? "阅读量" : "阅读人数";
}

std::string readsUnit(bool page_views, Lang lang) {
  if (lang == Lang::En) return page_views ? "page views" : "readers";
  return page_views ? "人次" : "人";
}

std::string accountName(const WeChatFigures& w, Lang lang) {
  if (!w.name.empty()) return w.name;
  if (!w.id.empty()) return w.id;
  return pick(lang, "微信公众号", "WeChat");
}

ChangeLabel changeLabel(std::string_view key, const Figures& f, Lang lang) {
  const bool en = lang == Lang::En;
  if (key == "wechat.articles")
    return {pick(lang, "微信推送", "WeChat posts"), pick(lang, "条", "posts"), false, true};
  if (key == "wechat.page_views")
    return {pick(lang, "微信阅读量", "WeChat page views"), readsUnit(true, lang), false, true};
  if (key == "wechat.read_users")
    return {pick(lang, "微信阅读人数", "WeChat readers"), readsUnit(false, lang), false, true};
  if (key == "wechat.reads") {
    const auto r = readsOf(f.wechat_totals);
    const bool pv = !r || r->page_views;
    return {en ? "WeChat " + readsLabel(pv, lang) : "微信" + readsLabel(pv, lang),
            readsUnit(pv, lang), false, true};
  }
  if (key == "wechat.followers_end")
    return {pick(lang, "关注人数", "followers"), pick(lang, "人", "followers"), false, true};
  if (key == "wechat.followers_net")
    return {pick(lang, "净增关注", "net new followers"), pick(lang, "人", "followers"), false,
            true};
  if (key == "media.mainstream")
    return {pick(lang, "主流媒体报道", "mainstream media reports"), pick(lang, "篇", "reports"),
            false, true};
  for (const char* tier : {"central", "provincial", "municipal", "other"}) {
    if (key == std::string("media.") + tier)
      return {en ? tierLabel(tier, lang) + " media reports" : tierLabel(tier, lang) + "媒体报道",
              pick(lang, "篇", "reports"), false, true};
  }
  if (core::startsWith(key, "outreach.")) {
    const std::string_view kind = key.substr(9);
    for (const auto& o : f.outreach) {
      if (o.kind == kind) {
        return {en ? (o.name_en.empty() ? o.kind : o.name_en) : o.name_zh,
                en ? std::string() : o.unit_zh, true, true};
      }
    }
  }
  return {std::string(key), std::string(), false, false};
}

}  // namespace pubtrack::reports
