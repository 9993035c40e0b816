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

#include "store/database.h"

namespace pubtrack::store {

struct ItemRecord {
  std::string feed, item_key, guid, title, link, summary, content, author;
  std::string published;  // UTC ISO instant or ""
  std::string published_raw, source_name, source_url;
  int64_t position = 0;
};

struct ItemRow {
  int64_t id = 0;
  ItemRecord item;
  std::string first_seen;
  bool is_mention = false;
};

struct MentionInput {
  int64_t item_id = 0;  // 0 for a mention recorded by hand
  std::string origin = "feed";
  std::string outlet, outlet_id, tier, title, url, norm_url, norm_title;
  std::string published;  // UTC ISO or ""
  std::string day;        // report day (China time)
  std::string keywords;
  std::string status = "candidate";
  std::string note;
};

struct MentionRow {
  int64_t id = 0;
  MentionInput m;
  int64_t same_as = 0, duplicate_of = 0;
  std::string created_at;
};

struct MentionFilter {
  std::string from, to;        // days, inclusive; "" = open
  std::string status;          // "" = any
  std::string tier;            // "" = any
  bool canonical_only = true;  // hide rows that are the same report seen again
  int limit = 0;               // 0 = all
};

class FeedsRepo {
 public:
  explicit FeedsRepo(Database& db);
  ~FeedsRepo();

  // Inserts or refreshes one item; returns its id and whether it was new.
  std::pair<int64_t, bool> upsertItem(const ItemRecord& item, const std::string& now);
  // Inserts the mention for an item (or updates outlet/keywords of the existing one, keeping
  // its review status); returns its id and whether it was new.
  std::pair<int64_t, bool> upsertMention(const MentionInput& m, const std::string& now);
  // Removes the still-unreviewed mention of an item that no longer matches (rematch).
  bool dropCandidate(int64_t item_id);
  bool hasMention(int64_t item_id);
  // Sets the review status of mentions (and of every sighting of the same report). Returns the
  // ids that do not exist.
  std::vector<int64_t> setStatus(const std::vector<int64_t>& ids, const std::string& status);

  std::vector<ItemRow> listItems(const std::string& feed, const std::string& from_day,
                                 const std::string& to_day, int limit);
  void forEachItem(const std::function<void(const ItemRow&)>& fn);
  std::vector<MentionRow> listMentions(const MentionFilter& filter);
  int64_t countItems(const std::string& feed);

 private:
  Database& db_;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

}  // namespace pubtrack::store
