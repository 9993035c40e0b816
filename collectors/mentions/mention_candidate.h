// SPDX-License-Identifier: Apache-2.0
// The mention a feed item makes: the keywords the matcher finds in it, its outlet and tier, the
// keys de-duplication compares, and the report day from its time. Pure: the collector builds
// candidates on the fetching thread, `mentions rematch` rebuilds them from stored items, and the
// store only writes them.
#pragma once

#include <optional>

#include "collectors/mentions/mention_matcher.h"
#include "config/settings.h"
#include "core/date.h"
#include "model/mention.h"

namespace pubtrack::mentions {

// The candidate mention of `item` (a candidate, origin feed, item_id 0: the store sets it), or
// nullopt when the matcher finds no keyword in it. The report day is the China-time (report
// timezone) day of the item's published time, else of `first_seen`, when it was first fetched.
std::optional<model::Mention> mentionCandidate(const config::Settings& settings,
                                               const config::FeedSettings& feed,
                                               const MentionMatcher& matcher,
                                               const model::FeedItemRecord& item,
                                               core::TimePoint first_seen);

}  // namespace pubtrack::mentions
