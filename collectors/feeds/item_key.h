// SPDX-License-Identifier: Apache-2.0
// The identity of a feed item within its feed: what makes a re-fetched item the same item (so
// it is never stored twice) and two different items different (so neither is lost).
#pragma once

#include <string>
#include <vector>

#include "collectors/feeds/feed_types.h"

namespace pubtrack::feeds {

// How an item is known. Each item gets the first of these it carries:
//   "guid:<guid>"                RSS <guid>, Atom <id>, JSON Feed "id": its own id;
//   "link:<link>|<date>"         no id: its link and its date as written;
//   "link:<link>"                no id, no date;
//   "title:<title>"              nothing but a title.
// Items of one document that would share a key but differ in what they carry (items with only a
// description, entries that all link to the home page, a guid reused for several stories) are
// told apart by a hash of their content: "<key>#<16 hex digits>", the same on every fetch while
// the item is unchanged. Items that are identical in every field keep one key: they are one item.
struct ItemKeys {
  std::vector<std::string> keys;  // one per item, in order
  // How the items are known, for `feeds list`: "guid" when every item has its own id, else the
  // weakest basis used: "link", "title" or "content" (some items told apart by their content).
  std::string basis;
};
ItemKeys itemKeys(const std::vector<FeedItem>& items);

// The content hash used above (64-bit FNV-1a of title, link, summary, content, date and
// enclosure), as 16 hex digits.
std::string contentHash(const FeedItem& item);

}  // namespace pubtrack::feeds
