// SPDX-License-Identifier: Apache-2.0
// The tables `pubtrack export` writes for dashboards and spreadsheets: each a fixed query over
// the store, read row by row. Secrets are never in the database; the raw response bodies are
// left out (large, and not for dashboards).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/database.h"

namespace pubtrack::store {

// One value of an exported row: NULL, an integer or text.
using ExportValue = std::variant<std::monostate, int64_t, std::string>;

// The exported tables, in export order: "wechat_daily", "wechat_articles", "wechat_days",
// "mentions", "feed_items", "ledger", "disclosure_requests", "table_figures", "runs",
// "run_errors", "sources". table_figures' money values are in 分.
const std::vector<std::string>& exportNames();

// Reads one exported table: `header` once with the column names, then `row` per row. Returns
// false (and calls nothing) for a name exportNames() does not hold.
bool exportTable(Database& db, std::string_view name,
                 const std::function<void(const std::vector<std::string>&)>& header,
                 const std::function<void(const std::vector<ExportValue>&)>& row);

}  // namespace pubtrack::store
