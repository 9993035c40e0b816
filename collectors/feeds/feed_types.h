// SPDX-License-Identifier: Apache-2.0
// The feed model every format is read into (RSS, RDF, Atom, JSON Feed): items, the parsed feed
// and the parser's options. Plain data, shared by the XML and JSON readers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace pubtrack::feeds {

// One entry of a feed, whatever its format. Every string is valid UTF-8.
struct FeedItem {
  std::string guid;           // RSS <guid>, Atom <id>, JSON Feed "id"
  std::string title;          // plain text: markup stripped, entities decoded; else <dc:title>,
                              // else the first <media:title> anywhere in the item
  std::string link;           // Atom <link rel="alternate" href>, RSS <link>, permalink <guid>
  std::string summary;        // <description>/<summary> as given (may hold HTML); else
                              // <dc:description>, else the first <media:description>
  std::string content;        // <content:encoded>/<content> (may hold HTML)
  std::string author;         // <author>, <dc:creator>, Atom <author><name>
  std::string published_raw;  // date text as written (published, else updated, else created)
  std::optional<core::TimePoint> published;  // published_raw parsed, UTC
  std::string updated_raw;                   // <updated>/<modified>/<dc:date> as written
  std::string source_name, source_url;       // aggregator items: <source url="...">Name</source>
  // The first media file: RSS <enclosure url>, Atom <link rel="enclosure" href>, Media RSS
  // <media:content url>, JSON Feed attachments[0].url. Often the only URL a podcast item has.
  std::string enclosure;
};

struct ParsedFeed {
  // "rss2.0", "rss0.91", "rss0.92", "rss" (no version), "rss1.0", "rss0.90", "atom1.0",
  // "atom0.3", "atom" (no namespace), "jsonfeed1.0", "jsonfeed1.1", "" (unknown root).
  std::string format;
  std::string encoding;  // the encoding actually used, lower-case ("utf-8", "gb18030"...)
  std::string title, link;
  std::vector<FeedItem> items;  // in document order
  // What was wrong but recovered ("unescaped '&' at line 12", "document truncated"). Non-empty
  // means Python feedparser would set `bozo`. Capped at kMaxWarnings entries.
  std::vector<std::string> warnings;
};

struct ParseOptions {
  std::string http_charset;                           // charset from Content-Type, "" if none
  core::UtcOffset default_offset = core::kChinaTime;  // for dates written without a zone
  size_t max_items = 10000;                           // further items are dropped (warning)
  size_t max_depth = 256;                             // deeper elements are ignored (warning)
  size_t entity_budget = 64 << 10;   // bytes that internal DTD entities may expand to, in total
  size_t max_field_bytes = 4 << 20;  // a longer title/summary/content is cut (warning)
};

inline constexpr size_t kMaxWarnings = 32;

}  // namespace pubtrack::feeds
