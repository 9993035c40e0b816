// SPDX-License-Identifier: Apache-2.0
// The inspection checks.
#include "reports/inspection.h"

#include <algorithm>

#include "model/wechat_calendar.h"
#include "reports/labels.h"
#include "store/figure_queries.h"

namespace pubtrack::reports {

std::vector<AccountInspection> inspect(store::Database& db, const config::Settings& settings,
                                       const std::vector<std::string>& accounts, core::Date from,
                                       core::Date to, core::TimePoint now) {
  std::vector<AccountInspection> out;
  const int max = settings.monitor.max_silent_days;
  to = std::min(to, model::latestCollectableDay(now));
  if (accounts.empty() || to < from) return out;
  store::WeChatFigureQueries q(db);
  const store::AccountSet set(accounts);
  const auto known = q.articleDaysKnown(set, to);
  // Posts from before the period too, so a window that began before it is measured whole.
  const auto posts = q.postDays(set, from - (max + 1), to);
  const auto deleted = q.deletedPosts(set, from, to);
  for (const auto& id : accounts) {
    AccountInspection a{id, {}, {}};
    if (auto k = known.find(id); k != known.end()) {
      auto p = posts.find(id);
      a.silent = model::silentWindows(p == posts.end() ? std::vector<core::Date>{} : p->second,
                                      from, std::min(to, k->second.second), max, k->second.first);
    }
    if (auto d = deleted.find(id); d != deleted.end())
      for (const auto& x : d->second) a.deleted.push_back({x.day, x.title});
    out.push_back(std::move(a));
  }
  return out;
}

std::string describeWindow(const model::SilentWindow& w, bool zh) {
  if (zh)
    return zhDate(w.first) + "至" + zhDate(w.last) + "（" + std::to_string(w.days) + "天" +
           (w.ongoing ? "，仍未更新" : "") + "）";
  return w.first.toString() + ".." + w.last.toString() + " (" + std::to_string(w.days) + " days" +
         (w.ongoing ? ", still silent" : "") + ")";
}

void addInspectionChecks(const std::vector<AccountInspection>& inspections, int max_silent_days,
                         std::vector<Check>& checks) {
  for (const auto& a : inspections) {
    const std::string src = "account." + a.account;
    if (!a.silent.empty()) {
      std::string en, zh;
      for (size_t i = 0; i < a.silent.size() && i < 5; ++i) {
        en += (i ? ", " : "") + describeWindow(a.silent[i], false);
        zh += (i ? "；" : "") + describeWindow(a.silent[i], true);
      }
      if (a.silent.size() > 5) en += " ...", zh += "……";
      const std::string n = std::to_string(a.silent.size()), max = std::to_string(max_silent_days);
      checks.push_back(
          {"account_silent", src,
           n + " window(s) of more than " + max +
               " days without a post (the 政务新媒体 inspection's no-update rule, "
               "[monitor] max_silent_days): " +
               en,
           "有" + n + "段超过" + max + "天未发布信息（政务新媒体检查“长期未更新”规则）：" + zh});
    }
    if (!a.deleted.empty()) {
      std::vector<core::Date> days;
      for (const auto& d : a.deleted) days.push_back(d.day);
      days.erase(std::unique(days.begin(), days.end()), days.end());
      std::string list, listZh;
      for (size_t i = 0; i < days.size() && i < 5; ++i) {
        list += (i ? ", " : "") + days[i].toString();
        listZh += (i ? "、" : "") + zhDate(days[i]);
      }
      if (days.size() > 5) list += " ...", listZh += "等";
      const std::string n = std::to_string(a.deleted.size());
      checks.push_back({"posts_deleted", src,
                        n + " published post(s) deleted afterwards, on " + list,
                        "有" + n + "篇已发布信息被删除，日期：" + listZh});
    }
  }
}

}  // namespace pubtrack::reports
