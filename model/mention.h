// SPDX-License-Identifier: Apache-2.0
// A mention: one report about the agency in one outlet, found in a feed or recorded by hand,
// with the outlet's tier and the team's review decision. And the record of a feed item as the
// store keeps it (every item of every feed, mention or not).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace pubtrack::model {

// The level of an outlet, as the annual report counts mainstream media (中央级/省级/市级).
enum class Tier { Central, Provincial, Municipal, Other };
std::string_view toString(Tier tier);  // "central", "provincial", ...
// The names toString gives, in any case, or the Chinese ones the report prints (中央级, 省级,
// 市级, 其他; also 中央, 省, 市, 其它); surrounding spaces ignored.
std::optional<Tier> parseTier(std::string_view text);
// What parseTier accepts, in both languages, for messages:
// "central (中央级), provincial (省级), municipal (市级) or other (其他)".
std::string tierChoices();

// The team's review decision. Candidates are counted until rejected.
enum class MentionStatus { Candidate, Confirmed, Rejected };
std::string_view toString(MentionStatus status);  // "candidate", "confirmed", "rejected"
std::optional<MentionStatus> parseMentionStatus(std::string_view text);

enum class MentionOrigin { Feed, Manual };
std::string_view toString(MentionOrigin origin);  // "feed", "manual"
std::optional<MentionOrigin> parseMentionOrigin(std::string_view text);

struct Mention {
  int64_t item_id = 0;  // the feed item it was found in; 0 for a mention recorded by hand
  MentionOrigin origin = MentionOrigin::Feed;
  std::string outlet, outlet_id;  // display name; registry id or "" (from the feed or by hand)
  Tier tier = Tier::Other;
  std::string title, url;
  // The keys de-duplication compares (collectors/mentions/text_normalize.h).
  std::string norm_url, norm_title;
  std::optional<core::TimePoint> published;
  core::Date day;        // the report day: China-time day of `published`, else of first sight
  std::string keywords;  // the keywords that matched, ", "-separated ("" for manual ones)
  // Why it is a mention and why of its tier, for the reviewer: where the strongest hit was
  // ("title", "summary", "content"), by which matching rule, and how the outlet's tier was
  // decided (mentions::Outlet::basis; "manual" for hand-recorded ones).
  std::string match_where, match_rule, tier_basis;
  MentionStatus status = MentionStatus::Candidate;
  std::string note;
};

// One item of one feed as stored: every item is kept, whether or not it is a mention.
struct FeedItemRecord {
  std::string feed;      // the [feed.<id>] id
  std::string item_key;  // the item's identity within its feed (stable across fetches)
  std::string guid, title, link, summary, content, author;
  std::optional<core::TimePoint> published;  // UTC
  std::string published_raw, source_name, source_url;
  int64_t position = 0;  // index in the feed document
};

}  // namespace pubtrack::model
