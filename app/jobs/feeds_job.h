// SPDX-License-Identifier: Apache-2.0
// The feeds part of `collect`: due sources are fetched, parsed and matched by
// feeds::FeedCollector, which hands over each feed's item records and mention candidates; this
// job writes each result (items, mentions, source state, raw body, run record) whole, a batch of
// results per transaction, so a killed run loses at most the batch being written (those feeds
// are fetched again next time) and never leaves half a feed behind.
#pragma once

#include <atomic>
#include <cstdint>
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

struct FeedsJobSummary {
  int sources = 0, ok = 0, not_modified = 0, failed = 0, backed_off = 0, warnings = 0;
  int64_t items_new = 0, items_updated = 0, mentions_new = 0;
  bool interrupted = false;
  std::vector<std::string> errors;  // one line each, naming the source
};

FeedsJobSummary runFeedsJob(const config::Settings& settings, store::Database& db,
                            net::HttpClient& http, const core::Clock& clock,
                            const std::atomic<bool>* stop, Poco::Logger& log);

}  // namespace pubtrack::app
