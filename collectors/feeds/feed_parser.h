// SPDX-License-Identifier: Apache-2.0
// parseFeed: a tolerant, single-pass reader for RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed.
#pragma once

#include <string_view>

#include "collectors/feeds/feed_types.h"
#include "core/result.h"

namespace pubtrack::feeds {

// Parses a feed body. Never reads files or the network (external entities are ignored).
// Fails (ErrorKind::BadPayload) only when the bytes are no feed at all: an empty body, an HTML
// page, a document whose root is not a feed and holds no items, or JSON that is no JSON Feed.
// Thread-safe: no shared state.
core::Result<ParsedFeed> parseFeed(std::string_view bytes, const ParseOptions& options = {});

}  // namespace pubtrack::feeds
