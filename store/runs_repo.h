// SPDX-License-Identifier: Apache-2.0
// store::RunsRepo: the run history (`runs`, `run_errors`), one row per collector source per run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "model/source_health.h"
#include "store/database.h"

namespace pubtrack::store {

struct RunRecord {
  int64_t id = 0;
  std::string collector, source, started_at, finished_at, status;
  int64_t items_new = 0, items_updated = 0, errors = 0;
  std::string error;
  int64_t pid = 0;
};

struct RunErrorRecord {
  int64_t run_id = 0;
  std::string source, kind, code, message, at;
};

class RunsRepo {
 public:
  explicit RunsRepo(Database& db) : db_(db) {}

  int64_t start(const std::string& collector, const std::string& source, core::TimePoint at);
  void addError(int64_t run_id, const core::Error& error, const std::string& code,
                core::TimePoint at);
  void finish(int64_t run_id, const std::string& status, int64_t items_new, int64_t items_updated,
              int64_t errors, const std::string& first_error, core::TimePoint at);
  // Newest first; `source` filters when not empty.
  std::vector<RunRecord> list(int limit, const std::string& source = "");
  std::vector<RunErrorRecord> errors(int64_t run_id);
  std::vector<RunErrorRecord> allErrors();
  std::optional<model::SourceHealth> health(const std::string& source);
  // Rows still 'running' whose process is gone (killed) become 'interrupted'.
  int reapStale(core::TimePoint at);

 private:
  Database& db_;
};

}  // namespace pubtrack::store
