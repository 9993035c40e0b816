// SPDX-License-Identifier: Apache-2.0
// fakes::DashboardFixture: a real SQLite file filled through the store repos (two WeChat
// accounts with daily followers, reads and articles for 2024 and 2025 up to "today", mentions in
// every tier, outreach records, runs) and the Settings that describe it. Shared by the dashboard
// tests and bench/dashboard_load.cpp.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "model/mention.h"
#include "model/wechat_calendar.h"
#include "model/wechat_days.h"
#include "model/wechat_rows.h"
#include "store/database.h"
#include "store/feeds_repo.h"
#include "store/ledger_repo.h"
#include "store/runs_repo.h"
#include "store/wechat_repo.h"

namespace pubtrack::fakes {

struct DashboardData {
  core::Date first = *core::Date::parse("2024-01-01");
  core::Date today = *core::Date::parse("2025-06-15");  // China time; data up to yesterday
  // now = today 12:00 China time
  core::TimePoint now() const { return core::instantOf(today, 12, 0, 0, core::kChinaTime); }
  int64_t hostile_mention_id = 0;  // its title is <script>alert(1)</script>
  int64_t mentions = 0;
};

inline config::Settings dashboardSettings(const std::filesystem::path& db,
                                          const std::string& token = "") {
  config::Settings s;
  s.config_file = db.parent_path() / "pubtrack.ini";
  s.database_path = db;
  s.accounts = {{"main", "深圳国资", "wx0001", "PUBTRACK_SECRET_MAIN", ""},
                {"second", "国资小号", "wx0002", "PUBTRACK_SECRET_SECOND", ""}};
  config::FeedSettings people;
  people.id = "people";
  people.url = "http://127.0.0.1:9/people.xml";
  people.outlet = "人民网";
  people.tier = model::Tier::Central;
  config::FeedSettings local;
  local.id = "sznews";
  local.url = "http://127.0.0.1:9/sznews.xml";
  local.outlet = "深圳新闻网";
  local.tier = model::Tier::Municipal;
  s.feeds = {people, local};
  s.outlets = config::builtinOutlets();
  s.ledger_kinds = config::builtinLedgerKinds();
  s.monitor.keywords = {"深圳市国资委"};
  s.report.agency = "深圳市国资委";
  s.server.auth_token = core::Secret(token);
  return s;
}

// Fills `db` (created when missing). Deterministic. WeChat statistics and mentions start on
// `first` (a later day leaves 2024 partly collected).
inline DashboardData fillDashboardDatabase(const std::filesystem::path& path,
                                           core::Date first = *core::Date::parse("2024-01-01")) {
  DashboardData d;
  d.first = first;
  auto opened = store::Database::open(path, store::Database::Mode::ReadWrite);
  if (!opened) throw std::runtime_error(opened.error().describe());
  auto& db = **opened;
  const core::Date newApi = *core::Date::parse("2025-11-01");
  store::Transaction tx(db);
  store::WeChatRepo wx(db);
  const core::TimePoint fetched = *core::parseUtc("2025-06-15T00:30:00Z");
  int article = 0;
  for (const std::string account : {"main", "second"}) {
    const int64_t scale = account == "main" ? 10 : 1;
    int64_t followers = 120000 / (account == "main" ? 1 : 8);
    for (core::Date day = d.first; day < d.today; ++day) {
      const std::string ds = day.toString();
      const int i = day - d.first;
      const int64_t gained = (30 + (i * 7) % 23) * scale, lost = (8 + (i * 5) % 11) * scale;
      followers += gained - lost;
      wx.replaceUserSummary(account, {day},
                            {{ds, 0, gained / 2, lost}, {ds, 1, gained - gained / 2, 0}});
      wx.upsertCumulate(account, {{ds, followers}});
      model::UserReadRow total;
      total.ref_date = ds;
      total.user_source = model::kAllReadSources;
      total.reads.int_page_read_user = (900 + (i * 37) % 400) * scale;
      total.reads.int_page_read_count = total.reads.int_page_read_user * 3 / 2;
      wx.replaceUserRead(account, {day}, {total});
      if (i % 3 == 0) {
        model::ArticleTotal a;
        a.ref_date = ds;
        a.msgid = std::to_string(2247480000 + (++article)) + "_1";
        a.title = account == "main" ? "国资动态第" + std::to_string(article) + "期" : "通知公告";
        a.url = "https://mp.weixin.qq.com/s/a" + std::to_string(article);
        model::ArticleTotalSnapshot snap;
        snap.stat_date = ds;
        snap.reads.int_page_read_user = (400 + (i * 13) % 300) * scale;
        snap.reads.int_page_read_count = snap.reads.int_page_read_user + 50;
        a.details = {snap};
        wx.upsertArticleTotal(account, a);
      }
      std::vector<model::DayState> states;
      for (auto e : model::endpointsForDay(day, newApi))
        states.push_back({e, day, model::DayStatus::Final, ""});
      wx.setDayStates(account, states, fetched);
    }
  }

  store::FeedsRepo feeds(db);
  struct Outlet {
    const char *name, *id;
    model::Tier tier;
  };
  const Outlet outlets[] = {{"人民网", "people", model::Tier::Central},
                            {"新华网", "xinhua", model::Tier::Central},
                            {"南方日报", "nfdaily", model::Tier::Provincial},
                            {"深圳特区报", "sztqb", model::Tier::Municipal},
                            {"深圳新闻网", "sznews", model::Tier::Municipal},
                            {"某商业网站", "", model::Tier::Other}};
  int n = 0;
  for (core::Date day = d.first; day < d.today - 1; day = day + 9) {
    const Outlet& o = outlets[static_cast<size_t>(n % 6)];
    model::Mention m;
    m.origin = model::MentionOrigin::Manual;
    m.outlet = o.name;
    m.outlet_id = o.id;
    m.tier = o.tier;
    m.title = "深圳市国资委推进国企改革 第" + std::to_string(n) + "篇";
    m.url = "https://news.example.cn/" + std::to_string(n) + ".html";
    m.norm_url = "news.example.cn/" + std::to_string(n) + ".html";
    m.norm_title = "深圳市国资委推进国企改革第" + std::to_string(n) + "篇";
    m.day = day;
    m.published = core::instantOf(day, 9, 0, 0, core::kChinaTime);
    m.keywords = "深圳市国资委";
    m.status = n % 4 == 0 ? model::MentionStatus::Confirmed : model::MentionStatus::Candidate;
    feeds.upsertMention(m, fetched);
    ++n;
  }
  model::Mention hostile;
  hostile.origin = model::MentionOrigin::Manual;
  hostile.outlet = "<b>Evil</b> \"outlet\"";
  hostile.tier = model::Tier::Municipal;
  hostile.title = "<script>alert(1)</script>";
  hostile.url = "javascript:alert(2)";
  hostile.norm_title = "hostile-title-script-alert";
  hostile.day = d.today - 1;
  hostile.status = model::MentionStatus::Candidate;
  d.hostile_mention_id = feeds.upsertMention(hostile, fetched).first;
  d.mentions = n + 1;

  store::LedgerRepo ledger(db);
  const std::string created = core::formatUtc(fetched);
  ledger.add({0, "interview", *core::Date::parse("2024-05-10"), "在线访谈：国企改革", 2, "主办",
              "cli", created});
  ledger.add({0, "interview", *core::Date::parse("2025-03-10"), "在线访谈：营商环境", 3, "主办",
              "cli", created});

  store::RunsRepo runs(db);
  const auto at = core::instantOf(d.today, 8, 30, 0, core::kChinaTime);
  for (const std::string src : {"account.main", "account.second", "feed.people"}) {
    const auto id = runs.start(src == "feed.people" ? "feeds" : "wechat", src, at);
    runs.finish(id, src == "feed.people" ? "failed" : "ok", 3, 1, src == "feed.people" ? 1 : 0,
                src == "feed.people" ? "HTTP 503 <from upstream>" : "",
                at + std::chrono::seconds(20));
  }
  tx.commit();
  return d;
}

}  // namespace pubtrack::fakes
