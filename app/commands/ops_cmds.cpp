// SPDX-License-Identifier: Apache-2.0
// backup (SQLite online backup) and export (CSV of every table a dashboard may want).
#include <SQLiteCpp/Statement.h>
#include <sys/stat.h>

#include <fstream>

#include "app/commands/commands.h"
#include "core/strings.h"
#include "store/database.h"

namespace pubtrack::app::cmd {

int backup(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give the backup file name"};
  const std::filesystem::path target = args.positionals()[0];
  auto& db = ctx.database();
  std::error_code ec;
  if (std::filesystem::equivalent(target, db.path(), ec))
    throw ExitError{kUsage, "the backup file is the database itself"};
  if (auto st = db.backupTo(target); !st) throw ExitError{kFatal, st.error().describe()};
  auto copy = store::Database::open(target, store::Database::Mode::ReadOnly);
  if (!copy) throw ExitError{kFatal, copy.error().describe()};
  const std::string check = (*copy)->integrityCheck();
  if (check != "ok") throw ExitError{kFatal, target.string() + ": integrity check: " + check};
  ctx.out << "pubtrack: backed up " << db.path().string() << " to " << target.string()
          << " (integrity ok)\n";
  return kOk;
}

namespace {

// Tables (or views) exported, and the query for each. Secrets are never in the database; the
// raw response bodies are left out (large, and not for dashboards).
struct Export {
  const char* file;
  const char* sql;
};
constexpr Export kExports[] = {
    {"wechat_daily.csv",
     "SELECT c.account, c.ref_date AS date, s.new_user, s.cancel_user, c.cumulate_user, "
     "r.int_page_read_count AS page_views, coalesce(r.int_page_read_user, b.read_user) AS "
     "read_users FROM wechat_user_cumulate c LEFT JOIN (SELECT account, ref_date, sum(new_user) "
     "new_user, sum(cancel_user) cancel_user FROM wechat_user_summary GROUP BY 1, 2) s USING "
     "(account, ref_date) LEFT JOIN wechat_user_read r ON r.account = c.account AND r.ref_date = "
     "c.ref_date AND r.user_source = 99999999 LEFT JOIN wechat_biz_daily b ON b.account = "
     "c.account AND b.ref_date = c.ref_date ORDER BY 1, 2"},
    {"wechat_articles.csv",
     "SELECT a.account, a.msgid, a.publish_date, a.publish_type, a.title, a.url, "
     "max(s.read_user) AS read_users, max(s.read_count) AS page_views FROM wechat_articles a "
     "LEFT JOIN wechat_article_stats s USING (account, msgid) GROUP BY 1, 2 ORDER BY 3, 2"},
    {"wechat_days.csv",
     "SELECT account, endpoint, ref_date, state, detail FROM wechat_days ORDER "
     "BY 1, 3, 2"},
    {"mentions.csv",
     "SELECT id, day, outlet, tier, title, url, status, origin, keywords, same_as, duplicate_of "
     "FROM mentions ORDER BY day, id"},
    {"feed_items.csv",
     "SELECT feed, guid, title, link, published, published_raw, first_seen FROM feed_items "
     "ORDER BY feed, id"},
    {"ledger.csv",
     "SELECT id, kind, date, title, count, role, origin FROM ledger ORDER BY date, id"},
    {"runs.csv",
     "SELECT id, collector, source, started_at, finished_at, status, items_new, items_updated, "
     "errors, error FROM runs ORDER BY id"},
    {"run_errors.csv",
     "SELECT run_id, source, kind, code, message, at FROM run_errors ORDER BY id"},
    {"sources.csv",
     "SELECT source, last_fetch_at, last_success_at, last_status, last_error, last_warning, "
     "error_count, next_due_at FROM source_state ORDER BY source"},
};

}  // namespace

int exportCsv(Context& ctx, const Args& args) {
  const auto dir = args.value("dir");
  if (!dir) throw ExitError{kUsage, "--dir is required"};
  std::error_code ec;
  std::filesystem::create_directories(*dir, ec);
  if (ec) throw ExitError{kFatal, *dir + ": " + ec.message()};
  auto& db = ctx.database();
  for (const auto& e : kExports) {
    const auto path = std::filesystem::path(*dir) / e.file;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw ExitError{kFatal, path.string() + ": cannot be written"};
    SQLite::Statement q(db.sql(), e.sql);
    const int n = q.getColumnCount();
    for (int i = 0; i < n; ++i) out << (i ? "," : "") << q.getColumnName(i);
    out << "\r\n";
    int64_t rows = 0;
    while (q.executeStep()) {
      for (int i = 0; i < n; ++i) {
        const auto c = q.getColumn(i);
        out << (i ? "," : "");
        if (c.isNull()) continue;
        if (c.isInteger())
          out << c.getInt64();
        else
          out << core::csvField(c.getString());
      }
      out << "\r\n";
      ++rows;
    }
    out.close();
    ::chmod(path.c_str(), 0640);
    ctx.out << path.string() << ": " << rows << " rows\n";
  }
  return kOk;
}

}  // namespace pubtrack::app::cmd
