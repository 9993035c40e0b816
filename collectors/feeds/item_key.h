// SPDX-License-Identifier: Apache-2.0
// The identity of a feed item within its feed: what makes a re-fetched item the same item (so
// it is never stored twice) and two different items different (so neither is lost).
#pragma once

#include <string>

#include "collectors/feeds/feed_parser.h"

namespace pubtrack::feeds {

// guid, else link + published date as written, else link, else title.
std::string itemKey(const FeedItem& item);

}  // namespace pubtrack::feeds
