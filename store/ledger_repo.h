// SPDX-License-Identifier: Apache-2.0
// store::LedgerRepo: the outreach ledger (online interviews, consultations, deputies'
// suggestions ...), one row per record as the team entered it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace pubtrack::store {

struct LedgerEntry {
  int64_t id = 0;
  std::string kind, date, title;
  int64_t count = 1;
  std::string role, origin, created_at;
};

class LedgerRepo {
 public:
  explicit LedgerRepo(Database& db) : db_(db) {}
  int64_t add(const LedgerEntry& entry);
  bool remove(int64_t id);
  // Inclusive days; "" = open. Ordered by date, id.
  std::vector<LedgerEntry> list(const std::string& from, const std::string& to,
                                const std::string& kind);

 private:
  Database& db_;
};

}  // namespace pubtrack::store
