// SPDX-License-Identifier: Apache-2.0
// Item identity.
#include "collectors/feeds/item_key.h"

namespace pubtrack::feeds {

std::string itemKey(const FeedItem& item) {
  if (!item.guid.empty()) return "guid:" + item.guid;
  if (!item.link.empty() && !item.published_raw.empty())
    return "link:" + item.link + "|" + item.published_raw;
  if (!item.link.empty()) return "link:" + item.link;
  return "title:" + item.title;
}

}  // namespace pubtrack::feeds
