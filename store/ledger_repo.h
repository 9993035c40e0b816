// SPDX-License-Identifier: Apache-2.0
// store::LedgerRepo: the outreach ledger (online interviews, consultations, deputies'
// suggestions ...), one row per record as the team entered it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/database.h"

namespace pubtrack::store {

struct LedgerEntry {
  int64_t id = 0;
  std::string kind;
  core::Date date;  // China-time day
  std::string title;
  int64_t count = 1;
  std::string role;        // 主办, 会办, ... or "" when none was given
  std::string origin;      // "cli", "import:<file name>"
  std::string created_at;  // UTC instant
};

// Σ count of the records of one kind and role.
struct LedgerSum {
  std::string kind, role;  // role "" for records without one
  int64_t count = 0;
};

class LedgerRepo {
 public:
  explicit LedgerRepo(Database& db) : db_(db) {}

  int64_t add(const LedgerEntry& entry);
  // An imported row: the record with the same kind, date, title and role gets its count and
  // origin, else the row is added. So importing a file again never doubles a figure. Returns
  // the record's id and whether it was new.
  std::pair<int64_t, bool> upsertImported(const LedgerEntry& entry);
  bool remove(int64_t id);
  // Records dated in [from, to] (nullopt = open), of `kind` when not empty; by date, then id.
  std::vector<LedgerEntry> list(std::optional<core::Date> from, std::optional<core::Date> to,
                                const std::string& kind);
  // Σ count per kind and role of the records dated in [from, to].
  std::vector<LedgerSum> sums(core::Date from, core::Date to);

 private:
  Database& db_;
};

}  // namespace pubtrack::store
