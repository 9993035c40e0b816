// SPDX-License-Identifier: Apache-2.0
// The dashboard's JSON API and pages.
#include "dashboard/api.h"

#include <algorithm>
#include <mutex>

#include "core/json_writer.h"
#include "core/strings.h"
#include "dashboard/page.h"
#include "dashboard/query.h"
#include "model/source_health.h"
#include "reports/annual_figures.h"
#include "reports/inspection.h"
#include "reports/writers.h"
#include "store/data_years.h"
#include "store/feeds_repo.h"
#include "store/runs_repo.h"
#include "store/wechat_listing.h"
#include "store/wechat_repo.h"

namespace pubtrack::dashboard::detail {

namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

Response badRequest(const core::Error& e) { return jsonError(400, e.message, e.source); }

Response html(std::string body) {
  Response r;
  r.content_type = kHtml;
  r.body = std::move(body);
  return r;
}

int64_t hourOf(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::hours>(t.time_since_epoch()).count();
}

reports::RenderOptions renderOptions(const config::Settings& s) {
  return {s.report.lang, s.report.round_threshold};
}

store::ListFilter listFilter(const Filters& f) {
  store::ListFilter l;
  l.from = f.from;
  l.to = f.to;
  l.accounts = f.accounts;
  l.limit = f.limit;
  return l;
}

// The same health rule as `pubtrack status` (model::healthOf).
std::vector<HealthRow> healthRows(store::Database& db, const config::Settings& s,
                                  core::TimePoint now) {
  store::RunsRepo runs(db);
  std::vector<HealthRow> rows;
  std::vector<std::string> ids;
  for (const auto& a : s.accounts) ids.push_back(a.id);
  const core::Date yesterday = core::dateAt(now, core::kChinaTime) - 1;
  const auto inspections = reports::inspect(db, s, ids, yesterday - 365, yesterday, now);
  auto add = [&](const std::string& source, const std::string& kind, const std::string& name) {
    const auto h = runs.health(source);
    HealthRow r{source, kind, name, "", "", "", "", model::healthOf(h, now, s.monitor.stale_hours),
                {}};
    if (h) {
      r.last_run = h->last_run_at;
      r.last_status = h->last_status;
      r.last_success = h->last_success_at;
      r.last_error = h->last_error;
    }
    rows.push_back(std::move(r));
  };
  for (size_t i = 0; i < s.accounts.size(); ++i) {
    add("account." + s.accounts[i].id, "wechat", s.accounts[i].name);
    for (const auto& w : inspections[i].silent) rows.back().notes.push_back(w);
  }
  for (const auto& f : s.feeds) add("feed." + f.id, "feed", f.outlet);
  return rows;
}

}  // namespace

Response json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response jsonError(int status, const std::string& message, const std::string& parameter) {
  core::JsonWriter j;
  j.beginObject().key("error").str(message);
  if (!parameter.empty()) j.key("parameter").str(parameter);
  j.endObject();
  return json(status, j.take());
}

FiguresCache::Entry& FiguresCache::get(store::Database& db, const config::Settings& settings,
                                       const core::Clock& clock, int year, int64_t data_version) {
  const auto now = clock.now();
  const int64_t hour = hourOf(now);
  auto& e = by_year_[year];
  if (e.figures && e.data_version == data_version && e.hour == hour) return e;
  reports::FigureRequest req;
  req.from = *core::Date::fromYmd(year, 1, 1);
  req.to = *core::Date::fromYmd(year, 12, 31);
  req.year = year;
  e = Entry{};
  e.figures =
      std::make_shared<const reports::Figures>(reports::computeFigures(db, settings, req, now));
  e.data_version = data_version;
  e.hour = hour;
  return e;
}

Response apiReport(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{"year"}, 0, 1}, c.settings);
  if (!f) return badRequest(f.error());
  const auto year = reportYear(*f, c.clock.now());
  if (!year) return badRequest(year.error());
  auto& e = c.figures.get(c.db, c.settings, c.clock, *year, c.data_version);
  if (e.json.empty()) e.json = reports::renderJson(*e.figures, renderOptions(c.settings));
  return json(200, e.json);
}

Response apiYears(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{}, 0, 1}, c.settings);
  if (!f) return badRequest(f.error());
  core::JsonWriter j;
  j.beginObject().key("years").beginArray();
  for (const int y : store::yearsWithData(c.db)) j.num(y);
  j.endArray().key("default").num(defaultYear(c.clock.now())).endObject();
  return json(200, j.take());
}

Response reportPage(ReadContext& c, const std::string& year_text) {
  auto year = parseYear(year_text);
  if (!year)
    return jsonError(400,
                     "year: not a year between " + std::to_string(kMinYear) + " and " +
                         std::to_string(kMaxYear) + ": " +
                         core::sanitizeUtf8(year_text.substr(0, 64)),
                     "year");
  Filters f;
  f.year = year;
  if (auto checked = reportYear(f, c.clock.now()); !checked) return badRequest(checked.error());
  auto& e = c.figures.get(c.db, c.settings, c.clock, *year, c.data_version);
  if (e.html.empty()) e.html = reports::renderHtml(*e.figures, renderOptions(c.settings));
  return html(e.html);
}

Response apiDaily(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "account", "limit"}, 10000, 100000},
                        c.settings);
  if (!f) return badRequest(f.error());
  core::JsonWriter j;
  j.beginObject().key("rows").beginArray();
  int64_t n = 0;
  for (const auto& r : store::WeChatListing(c.db).daily(listFilter(*f))) {
    ++n;
    j.beginObject().key("account").str(r.account).key("date").str(r.day.toString());
    j.key("new").num(r.new_users).key("cancel").num(r.cancel_users).key("net").num(r.net());
    j.key("cumulate").num(r.followers).key("page_views").num(r.page_views);
    j.key("read_users").num(r.read_users).key("is_delay");
    if (r.is_delay)
      j.boolean(*r.is_delay);
    else
      j.null();
    j.endObject();
  }
  j.endArray().key("count").num(n).endObject();
  return json(200, j.take());
}

Response apiArticles(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "account", "limit"}, 10000, 100000},
                        c.settings);
  if (!f) return badRequest(f.error());
  core::JsonWriter j;
  j.beginObject().key("rows").beginArray();
  int64_t n = 0;
  for (const auto& r : store::WeChatListing(c.db).articles(listFilter(*f))) {
    ++n;
    j.beginObject().key("account").str(r.account).key("msgid").str(r.msgid);
    j.key("title").str(r.title).key("url").optStr(r.url);
    j.key("publish_date").str(r.publish_date.toString()).key("publish_type").num(r.publish_type);
    j.key("read_users").num(r.read_users).key("page_views").num(r.page_views);
    j.endObject();
  }
  j.endArray().key("count").num(n).endObject();
  return json(200, j.take());
}

Response apiMentions(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "status", "tier", "limit"}, 100, 10000},
                        c.settings);
  if (!f) return badRequest(f.error());
  store::MentionFilter mf;
  mf.from = f->from;
  mf.to = f->to;
  if (!f->status.empty()) mf.status = model::parseMentionStatus(f->status);
  if (!f->tier.empty()) mf.tier = model::parseTier(f->tier);
  mf.limit = f->limit;
  const auto rows = store::FeedsRepo(c.db).listMentions(mf);
  core::JsonWriter j;
  j.beginObject().key("rows").beginArray();
  for (const auto& r : rows) {
    j.beginObject().key("id").num(r.id).key("day").str(r.m.day.toString());
    j.key("outlet").str(r.m.outlet).key("outlet_id").optStr(r.m.outlet_id);
    j.key("tier").str(model::toString(r.m.tier));
    j.key("title").str(r.m.title).key("url").optStr(r.m.url);
    j.key("published").optStr(r.m.published ? core::formatUtc(*r.m.published) : "");
    j.key("status").str(model::toString(r.m.status)).key("origin").str(model::toString(r.m.origin));
    j.key("keywords").optStr(r.m.keywords);
    j.key("match_where").optStr(r.m.match_where).key("match_rule").optStr(r.m.match_rule);
    j.key("duplicate_of");
    if (r.duplicate_of)
      j.num(r.duplicate_of);
    else
      j.null();
    j.key("note").optStr(r.m.note);
    j.endObject();
  }
  j.endArray().key("count").num(static_cast<int64_t>(rows.size())).endObject();
  return json(200, j.take());
}

Response apiStatus(ReadContext& c, const Request& req) {
  auto f = parseFilters(req.query, {{}, 0, 1}, c.settings);
  if (!f) return badRequest(f.error());
  const auto now = c.clock.now();
  const auto& s = c.settings;
  core::JsonWriter j;
  j.beginObject().key("schema_version").num(c.db.schemaVersion());
  j.key("stale_hours").num(s.monitor.stale_hours).key("sources").beginArray();
  int64_t failing = 0;
  for (const auto& h : healthRows(c.db, s, now)) {
    if (model::needsAttention(h.health)) ++failing;
    j.beginObject().key("source").str(h.source).key("kind").str(h.kind).key("name").str(h.name);
    j.key("last_run").optStr(h.last_run).key("last_status").optStr(h.last_status);
    j.key("last_success").optStr(h.last_success).key("last_error").optStr(h.last_error);
    j.key("health").str(h.health).endObject();
  }
  j.endArray().key("failing").num(failing).key("wechat").beginArray();
  store::WeChatRepo wechat(c.db);
  const core::Date yesterday = core::dateAt(now, core::kChinaTime) - 1;
  auto day = [](const std::optional<core::Date>& d) { return d ? d->toString() : ""; };
  std::vector<std::string> ids;
  for (const auto& a : s.accounts) ids.push_back(a.id);
  // The inspection checks over the last year, as `pubtrack status` shows them.
  const auto inspections = reports::inspect(c.db, s, ids, yesterday - 365, yesterday, now);
  for (size_t i = 0; i < s.accounts.size(); ++i) {
    const auto& a = s.accounts[i];
    const auto cov = wechat.coverage(a.id, s.wechat.new_api_from, yesterday);
    j.beginObject().key("account").str(a.id).key("name").str(a.name);
    j.key("first_day").optStr(day(cov.first_day));
    j.key("last_complete_day").optStr(day(cov.last_complete_day));
    j.key("days_missing").num(cov.days_missing).key("days_delayed").num(cov.days_delayed);
    j.key("days_unavailable").num(cov.days_unavailable);
    j.key("max_silent_days").num(s.monitor.max_silent_days).key("silent_windows").beginArray();
    for (const auto& w : inspections[i].silent)
      j.beginObject()
          .key("from")
          .str(w.first.toString())
          .key("to")
          .str(w.last.toString())
          .key("days")
          .num(w.days)
          .key("ongoing")
          .boolean(w.ongoing)
          .endObject();
    j.endArray().key("deleted_posts").num(static_cast<int64_t>(inspections[i].deleted.size()));
    j.endObject();
  }
  j.endArray().endObject();
  return json(200, j.take());
}

Response setMentionStatus(ServerContext& ctx, const std::string& id_text,
                          model::MentionStatus status) {
  const bool digits =
      !id_text.empty() && id_text.size() <= 18 &&
      std::all_of(id_text.begin(), id_text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!digits)
    return jsonError(400, "id: not a mention id: " + core::sanitizeUtf8(id_text.substr(0, 64)),
                     "id");
  const int64_t id = std::stoll(id_text);
  std::lock_guard lock(ctx.write_mutex);
  auto rw = store::Database::open(ctx.settings.database_path, store::Database::Mode::ReadWrite);
  if (!rw) return jsonError(503, rw.error().describe());
  store::FeedsRepo repo(**rw);
  if (!repo.setStatus({id}, status).empty())
    return jsonError(404, "no mention " + std::to_string(id));
  {
    // Every answer from before this write is out, even while it is being recomputed.
    std::lock_guard cacheLock(ctx.cache_mutex);
    ctx.servable_epoch = ctx.epoch.fetch_add(1) + 1;
  }
  core::JsonWriter j;
  j.beginObject().key("id").num(id).key("status").str(model::toString(status)).endObject();
  return json(200, j.take());
}

Response dashboardPage(ReadContext& c, const Request& req) {
  auto filters = parseFilters(req.query, {{"year"}, 0, 1}, c.settings);
  if (!filters) return badRequest(filters.error());
  const auto now = c.clock.now();
  const auto year = reportYear(*filters, now);
  if (!year) return badRequest(year.error());
  const auto& s = c.settings;
  PageModel m;
  m.lang = s.report.lang;
  m.year = *year;
  m.today = core::dateAt(now, core::kChinaTime).toString();
  m.agency = s.report.agency;
  m.years = store::yearsWithData(c.db);
  // The year's figures and 同比 exactly as the report computes them (a year in progress up to
  // the latest collectable day, compared with the same days of the previous year, and only
  // with a previous period that was collected).
  auto& e = c.figures.get(c.db, s, c.clock, m.year, c.data_version);
  m.figures = e.figures.get();
  store::MentionFilter mf;
  mf.limit = 20;
  mf.from = core::Date::fromYmd(m.year, 1, 1);  // the year shown, as every figure on the page
  mf.to = core::Date::fromYmd(m.year, 12, 31);
  m.latest = store::FeedsRepo(c.db).listMentions(mf);
  m.health = healthRows(c.db, s, now);
  m.can_write = !s.server.auth_token.empty();
  m.max_silent_days = s.monitor.max_silent_days;
  return html(renderDashboard(m));
}

}  // namespace pubtrack::dashboard::detail
