// SPDX-License-Identifier: Apache-2.0
// store::FeedsRepo: feed items (every item of every feed, idempotent by feed + item key) and
// mentions, with de-duplication: the same report seen again (same normalised URL, or the same
// normalised title in the same outlet within 7 days) is linked with same_as and not counted; a
// syndicated copy in another outlet is counted for its outlet and linked to the earliest copy
// with duplicate_of, so a story is shown once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "model/mention.h"
#include "store/database.h"

namespace pubtrack::store {

struct ItemRow {
  int64_t id = 0;
  model::FeedItemRecord item;
  core::TimePoint first_seen;
  bool is_mention = false;
};

struct MentionRow {
  int64_t id = 0;
  model::Mention m;
  int64_t same_as = 0, duplicate_of = 0;  // 0 = none
  std::string created_at;                 // UTC instant
};

struct MentionFilter {
  std::optional<core::Date> from, to;  // days, inclusive; nullopt = open
  std::optional<model::MentionStatus> status;
  std::optional<model::Tier> tier;
  bool canonical_only = true;  // hide rows that are the same report seen again
  int limit = 0;               // 0 = all
};

class FeedsRepo {
 public:
  explicit FeedsRepo(Database& db);
  ~FeedsRepo();

  // Inserts or refreshes one item; returns its id and whether it was new.
  std::pair<int64_t, bool> upsertItem(const model::FeedItemRecord& item, core::TimePoint now);
  // Inserts the mention for an item (or updates outlet/keywords of the existing one, keeping
  // its review status); returns its id and whether it was new.
  std::pair<int64_t, bool> upsertMention(const model::Mention& m, core::TimePoint now);
  // What matching decided for one stored item: its mention (m.item_id is set to `item_id`), or
  // none, which removes a still-unreviewed mention it had. Returns true when a mention was
  // created.
  bool setItemMention(int64_t item_id, std::optional<model::Mention> m, core::TimePoint now);
  // Removes the still-unreviewed mention of an item that no longer matches (rematch).
  bool dropCandidate(int64_t item_id);
  bool hasMention(int64_t item_id);
  // Sets the review status of mentions (and of every sighting of the same report). Returns the
  // ids that do not exist.
  std::vector<int64_t> setStatus(const std::vector<int64_t>& ids, model::MentionStatus status);

  // Items of `feed` (every feed when ""), published (or, undated, first seen) on the China-time
  // days [from, to]; by feed, newest sighting first.
  std::vector<ItemRow> listItems(const std::string& feed, std::optional<core::Date> from,
                                 std::optional<core::Date> to, int limit);
  void forEachItem(const std::function<void(const ItemRow&)>& fn);
  std::vector<MentionRow> listMentions(const MentionFilter& filter);
  int64_t countItems(const std::string& feed);

 private:
  Database& db_;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

}  // namespace pubtrack::store
