// SPDX-License-Identifier: Apache-2.0
// init, config check, status, version, runs list.
#include <Poco/Logger.h>
#include <sys/stat.h>

#include <fstream>

#include "app/commands/commands.h"
#include "collectors/feeds/feed_collector.h"
#include "core/date.h"
#include "core/strings.h"
#include "model/source_health.h"
#include "model/wechat_calendar.h"
#include "reports/inspection.h"
#include "store/database.h"
#include "store/runs_repo.h"
#include "store/state_repo.h"
#include "store/wechat_repo.h"

namespace pubtrack::app::cmd {

namespace fs = std::filesystem;

int init(Context& ctx, const Args&) {
  const fs::path path = ctx.configPath();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    ctx.out << "pubtrack: " << path.string() << " already exists; left untouched\n";
  } else {
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << config::templateIni();
    f.close();
    if (!f) throw ExitError{kFatal, path.string() + ": cannot write the configuration template"};
    ::chmod(path.c_str(), 0640);
    ctx.out << "pubtrack: wrote a commented configuration template to " << path.string() << "\n";
  }
  const auto& settings = ctx.settings();
  const bool existed = fs::exists(settings.database_path, ec);
  auto& db = ctx.database();
  if (existed)
    ctx.out << "pubtrack: database " << settings.database_path.string()
            << " already exists (schema version " << db.schemaVersion() << ")\n";
  else
    ctx.out << "pubtrack: created database " << settings.database_path.string()
            << " (schema version " << db.schemaVersion() << ")\n";
  return kOk;
}

int configCheck(Context& ctx, const Args&) {
  const auto loaded = config::loadSettings(ctx.configPath());
  if (!loaded.settings) {
    for (const auto& p : loaded.problems) ctx.err << p << "\n";
    ctx.err << "pubtrack: " << loaded.problems.size() << " problem"
            << (loaded.problems.size() == 1 ? "" : "s") << " in " << ctx.configPath().string()
            << "\n";
    return kUsage;
  }
  for (const auto& w : loaded.warnings) ctx.err << "warning: " << w << "\n";
  const auto& s = *loaded.settings;
  int problems = 0;
  for (const auto& a : s.accounts) {
    auto secret = config::resolveSecret(a);
    if (!secret) {
      ctx.err << s.config_file.filename().string() << ": [account." << a.id << "] "
              << secret.error().message << "\n";
      ++problems;
    }
  }
  ctx.out << config::renderEffective(s);
  if (problems) {
    ctx.err << "pubtrack: " << problems << " account secret" << (problems == 1 ? "" : "s")
            << " cannot be read\n";
    return kUsage;
  }
  return kOk;
}

int version(Context& ctx, const Args&) {
  ctx.out << "pubtrack " << PUBTRACK_VERSION << " (database schema " << store::latestSchemaVersion()
          << ")\n";
  return kOk;
}

int status(Context& ctx, const Args& args) {
  const Format format = args.format();
  applyToday(ctx, args);
  const auto& s = ctx.settings();
  auto& db = ctx.database();
  store::RunsRepo runs(db);
  store::WeChatRepo wechat(db);
  store::StateRepo states(db);
  const auto now = ctx.clock().now();
  const core::Date latest = model::latestCollectableDay(now);
  Table t;
  t.columns = {"source",       "kind",         "name",
               "last_run",     "last_status",  "last_success",
               "last_error",   "first_day",    "last_complete_day",
               "days_missing", "days_delayed", "days_unavailable",
               "health",       "silent"};
  int failing = 0;
  auto addRow = [&](const std::string& source, const std::string& kind, const std::string& name,
                    const model::Coverage* cov, const std::string& silent) {
    const auto h = runs.health(source);
    const std::string health = model::healthOf(h, now, s.monitor.stale_hours);
    if (model::needsAttention(health)) ++failing;
    auto day = [](const std::optional<core::Date>& d) { return d ? d->toString() : ""; };
    auto covNum = [&](int64_t v) { return cov ? Cell::num(v) : Cell::none(); };
    t.rows.push_back(
        {Cell::str(source), Cell::str(kind), Cell::str(name), Cell::optStr(h ? h->last_run_at : ""),
         Cell::optStr(h ? h->last_status : ""), Cell::optStr(h ? h->last_success_at : ""),
         Cell::optStr(h ? h->last_error : ""), Cell::optStr(cov ? day(cov->first_day) : ""),
         Cell::optStr(cov ? day(cov->last_complete_day) : ""), covNum(cov ? cov->days_missing : 0),
         covNum(cov ? cov->days_delayed : 0), covNum(cov ? cov->days_unavailable : 0),
         Cell::str(health), Cell::optStr(silent)});
  };
  // The inspection's no-update rule over the last year (reports::inspect).
  std::vector<std::string> ids;
  for (const auto& a : s.accounts) ids.push_back(a.id);
  const auto inspections = reports::inspect(db, s, ids, latest - 365, latest, now);
  std::vector<std::string> notes;
  for (size_t i = 0; i < s.accounts.size(); ++i) {
    const auto& a = s.accounts[i];
    const auto cov = wechat.coverage(a.id, s.wechat.new_api_from, latest);
    std::string silent;
    for (const auto& w : inspections[i].silent)
      silent += (silent.empty() ? "" : "; ") + reports::describeWindow(w, false);
    if (!silent.empty())
      notes.push_back("account." + a.id + ": no post for more than " +
                      std::to_string(s.monitor.max_silent_days) + " days: " + silent);
    addRow("account." + a.id, "wechat", a.name, &cov, silent);
  }
  for (const auto& src : feeds::feedSources(s))
    addRow(src.source, "feed", src.feed->outlet, nullptr, "");
  if (format == Format::Table) {
    ctx.out << "database " << db.path().string() << " (schema " << db.schemaVersion() << "), "
            << s.accounts.size() << " account" << (s.accounts.size() == 1 ? "" : "s") << ", "
            << s.feeds.size() << " feed" << (s.feeds.size() == 1 ? "" : "s")
            << "; WeChat statistics can be collected through " << latest.toString()
            << " (each day is published after 08:00 China time the next day)\n\n";
    // The wide table is for terminals: keep the columns a person scans.
    Table narrow;
    narrow.columns = {
        "source",       "name",         "last_success", "last_error", "last_complete_day",
        "days_missing", "days_delayed", "health"};
    // Times as people read them: China time with its offset (JSON and CSV keep UTC).
    for (const auto& row : t.rows)
      narrow.rows.push_back({row[0], row[2],
                             Cell::optStr(core::utcTextAt(row[5].text, core::kChinaTime)), row[6],
                             row[8], row[9], row[10], row[12]});
    render(narrow, format, ctx.out);
  } else {
    render(t, format, ctx.out);
  }
  if (format == Format::Table)
    for (const auto& n : notes) ctx.out << "\n" << n;
  if (format == Format::Table && !notes.empty()) ctx.out << "\n";
  if (failing && format == Format::Table)
    ctx.err << "pubtrack: " << failing << " source" << (failing == 1 ? " is" : "s are")
            << " failing or stale (no success for over " << s.monitor.stale_hours << " h)\n";
  return failing ? kPartial : kOk;
}

int runsList(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto limit =
      args.integer("limit", 1, 1000000).value_or(format == Format::Table ? 50 : 1000000);
  auto& db = ctx.database();
  store::RunsRepo runs(db);
  Table t;
  t.columns = {"id",     "collector", "source",        "started_at", "finished_at",
               "status", "items_new", "items_updated", "errors",     "error"};
  for (const auto& r : runs.list(static_cast<int>(limit), args.value("source").value_or(""))) {
    // A table is for people: China time with its offset; JSON and CSV keep the stored UTC.
    auto at = [&](const std::string& utc) {
      return format == Format::Table ? core::utcTextAt(utc, core::kChinaTime) : utc;
    };
    t.rows.push_back({Cell::num(r.id), Cell::str(r.collector), Cell::str(r.source),
                      Cell::str(at(r.started_at)), Cell::optStr(at(r.finished_at)),
                      Cell::str(r.status), Cell::num(r.items_new), Cell::num(r.items_updated),
                      Cell::num(r.errors), Cell::optStr(r.error)});
  }
  render(t, format, ctx.out);
  return kOk;
}

}  // namespace pubtrack::app::cmd
