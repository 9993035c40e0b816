// SPDX-License-Identifier: Apache-2.0
// The feeds part of `collect`: due sources are fetched, parsed and matched by FeedCollector; each
// result (items, mentions, source state, raw body, run record) is written whole, a batch of
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
#include "store/feeds_repo.h"

namespace Poco {
class Logger;
}

namespace pubtrack::mentions {
class MentionMatcher;
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

// The identity of an item within its feed: guid, else link + published, else link, else title.
std::string itemKey(const std::string& guid, const std::string& link,
                    const std::string& published_raw, const std::string& title);

// Writes (or drops) the mention of one stored item, given the keywords the matcher found in it
// (MentionMatcher::match). Returns true when a new mention was created.
bool applyMatching(const config::Settings& settings, const config::FeedSettings& feed,
                   const std::vector<std::string>& found, store::FeedsRepo& repo, int64_t item_id,
                   const store::ItemRecord& item, const std::string& first_seen,
                   const std::string& now);

}  // namespace pubtrack::app
