// SPDX-License-Identifier: Apache-2.0
// The WeChat part of `collect` and `backfill`: plans each account's calls from what the store
// already holds, runs them through WeChatCollector (accounts concurrently), and writes each
// account's batch in one transaction with its run record.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/clock.h"
#include "net/http_client.h"
#include "store/database.h"

namespace Poco {
class Logger;
}

namespace pubtrack::app {

struct WeChatJobSummary {
  int accounts = 0, ok = 0, failed = 0;
  int calls = 0;
  int64_t days_written = 0;
  int days_unavailable = 0, days_delayed = 0;
  bool interrupted = false;
  std::vector<std::string> errors;  // one line each, naming account, endpoint, range, errcode
};

// An explicit range (backfill) instead of "from the last complete day to yesterday".
struct BackfillRange {
  core::Date from, to;
  std::vector<std::string> accounts;  // config ids; empty = all
};

// Called with (calls done, calls planned) as the run progresses (for the progress display).
using ProgressFn = std::function<void(int done, int total)>;

WeChatJobSummary runWeChatJob(const config::Settings& settings, store::Database& db,
                              net::HttpClient& http, const core::Clock& clock,
                              const std::atomic<bool>* stop, Poco::Logger& log,
                              const BackfillRange* backfill, const ProgressFn& progress = {});

// The first day collected for an account with no data: [wechat] backfill_from, else January 1
// of last year (so last year's report can be made on the first night).
core::Date defaultBackfillFrom(const config::Settings& settings, core::TimePoint now);

}  // namespace pubtrack::app
