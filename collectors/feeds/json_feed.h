// SPDX-License-Identifier: Apache-2.0
// JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) into the common feed model.
#pragma once

#include <string_view>

#include "collectors/feeds/feed_types.h"
#include "core/result.h"

namespace pubtrack::feeds {

// `utf8` is the whole body; `base` carries the encoding and warnings found so far. Fails
// (BadPayload) when the JSON is malformed or is not a JSON Feed (no "version"/"items").
core::Result<ParsedFeed> parseJsonFeed(std::string_view utf8, const ParseOptions& options,
                                       ParsedFeed base);

}  // namespace pubtrack::feeds
