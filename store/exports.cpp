// SPDX-License-Identifier: Apache-2.0
// The export queries.
#include "store/exports.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <utility>

#include "store/detail/sql.h"

namespace pubtrack::store {

namespace {

constexpr std::array<std::pair<std::string_view, const char*>, 11> kExports{{
    {"wechat_daily",
     "SELECT account, ref_date AS date, new_user, cancel_user, cumulate_user, page_views, "
     "read_users FROM wechat_daily ORDER BY 1, 2"},
    {"wechat_articles",
     "SELECT account, msgid, publish_date, publish_type, title, url, read_user_max AS read_users, "
     "read_count_max AS page_views FROM wechat_articles ORDER BY 3, 2, 1"},
    {"wechat_days",
     "SELECT account, endpoint, ref_date, state, detail FROM wechat_days ORDER BY 1, 3, 2"},
    {"mentions",
     "SELECT id, day, outlet, tier, title, url, status, origin, keywords, same_as, duplicate_of "
     "FROM mentions ORDER BY day, id"},
    {"feed_items",
     "SELECT feed, guid, title, link, published, published_raw, first_seen FROM feed_items "
     "ORDER BY feed, id"},
    {"ledger", "SELECT id, kind, date, title, count, role, origin FROM ledger ORDER BY date, id"},
    {"disclosure_requests",
     "SELECT id, ref, received, applicant, subject, outcome, closed, origin, note FROM "
     "disclosure_requests ORDER BY received, id"},
    {"table_figures", "SELECT year, key, value, origin FROM table_figures ORDER BY year, key"},
    {"runs",
     "SELECT id, collector, source, started_at, finished_at, status, items_new, items_updated, "
     "errors, error FROM runs ORDER BY id"},
    {"run_errors", "SELECT run_id, source, kind, code, message, at FROM run_errors ORDER BY id"},
    {"sources",
     "SELECT source, last_fetch_at, last_success_at, last_status, last_error, last_warning, "
     "error_count, next_due_at FROM source_state ORDER BY source"},
}};

}  // namespace

const std::vector<std::string>& exportNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, text] : kExports) out.emplace_back(name);
    return out;
  }();
  return names;
}

bool exportTable(Database& db, std::string_view name,
                 const std::function<void(const std::vector<std::string>&)>& header,
                 const std::function<void(const std::vector<ExportValue>&)>& row) {
  const char* text = nullptr;
  for (const auto& [n, t] : kExports)
    if (n == name) text = t;
  if (!text) return false;
  SQLite::Statement q(detail::sql(db), text);
  const int n = q.getColumnCount();
  std::vector<std::string> columns;
  for (int i = 0; i < n; ++i) columns.emplace_back(q.getColumnName(i));
  header(columns);
  std::vector<ExportValue> values(static_cast<size_t>(n));
  while (q.executeStep()) {
    for (int i = 0; i < n; ++i) {
      const auto c = q.getColumn(i);
      auto& v = values[static_cast<size_t>(i)];
      if (c.isNull())
        v = std::monostate{};
      else if (c.isInteger())
        v = c.getInt64();
      else
        v = c.getString();
    }
    row(values);
  }
  return true;
}

}  // namespace pubtrack::store
