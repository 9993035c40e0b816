// SPDX-License-Identifier: Apache-2.0
// JSON Feed reading with simdjson on-demand: one forward pass, error codes, no exceptions.
#include "collectors/feeds/json_feed.h"

#include <simdjson.h>

#include <string>

#include "collectors/feeds/feed_dates.h"
#include "collectors/feeds/xml_text.h"

namespace pubtrack::feeds {
namespace {

namespace od = simdjson::ondemand;

core::Error bad(std::string message) {
  return core::makeError(core::ErrorKind::BadPayload, "feed", std::move(message));
}

// A string value, or a number's text (JSON Feed ids are sometimes numbers). "" otherwise.
std::string scalarText(od::value v) {
  od::json_type type;
  if (v.type().get(type)) return {};
  if (type == od::json_type::string) {
    std::string_view s;
    if (v.get_string().get(s)) return {};
    return std::string(s);
  }
  if (type == od::json_type::number) {
    std::string_view raw = v.raw_json_token();
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
      raw.remove_suffix(1);
    return std::string(raw);
  }
  return {};
}

std::string authorName(od::value v) {
  od::object o;
  if (v.get_object().get(o)) return {};
  for (auto field : o) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return {};
    if (key == "name") return scalarText(field.value());
  }
  return {};
}

// The first attachment's URL ("" when none).
std::string firstAttachment(od::value v) {
  od::array attachments;
  if (v.get_array().get(attachments)) return {};
  for (auto a : attachments) {
    od::object o;
    if (a.get_object().get(o)) continue;
    for (auto field : o) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return {};
      std::string_view url;
      if (key == "url" && !field.value().get_string().get(url) && !url.empty())
        return std::string(url);
    }
  }
  return {};
}

simdjson::error_code readItem(od::value v, FeedItem& item, const ParseOptions& options) {
  od::object o;
  if (auto e = v.get_object().get(o)) return e;
  std::string modified, external_url;
  for (auto field : o) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value value = field.value();
    if (key == "id") {
      item.guid = scalarText(value);
    } else if (key == "url") {
      item.link = scalarText(value);
    } else if (key == "external_url") {
      external_url = scalarText(value);
    } else if (key == "title") {
      item.title = htmlToText(scalarText(value));
    } else if (key == "summary") {
      item.summary = scalarText(value);
    } else if (key == "content_html") {
      item.content = scalarText(value);
    } else if (key == "content_text") {
      if (item.content.empty()) item.content = scalarText(value);
    } else if (key == "date_published") {
      item.published_raw = scalarText(value);
    } else if (key == "date_modified") {
      modified = scalarText(value);
    } else if (key == "author") {
      if (item.author.empty()) item.author = authorName(value);
    } else if (key == "attachments") {
      if (item.enclosure.empty()) item.enclosure = firstAttachment(value);
    } else if (key == "authors") {
      od::array authors;
      if (!value.get_array().get(authors)) {
        for (auto a : authors) {
          od::value av;
          if (a.get(av)) break;
          if (item.author.empty()) item.author = authorName(av);
        }
      }
    }
  }
  if (item.link.empty()) item.link = external_url;
  item.updated_raw = modified;
  if (item.published_raw.empty()) item.published_raw = modified;
  if (!item.published_raw.empty())
    item.published = parseFeedDate(item.published_raw, options.default_offset);
  return simdjson::SUCCESS;
}

}  // namespace

core::Result<ParsedFeed> parseJsonFeed(std::string_view utf8, const ParseOptions& options,
                                       ParsedFeed base) {
  ParsedFeed feed = std::move(base);
  const simdjson::padded_string json(utf8);
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(json).get(doc))
    return bad(std::string("not a feed: invalid JSON (") + simdjson::error_message(e) + ")");
  od::object root;
  if (doc.get_object().get(root)) return bad("not a feed: JSON whose root is not an object");
  bool has_version = false, has_items = false;
  for (auto field : root) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key))
      return bad(std::string("not a feed: invalid JSON (") + simdjson::error_message(e) + ")");
    od::value value = field.value();
    if (key == "version") {
      const std::string v = scalarText(value);
      if (v.find("jsonfeed.org/version/") == std::string::npos)
        return bad("not a feed: JSON \"version\" is not a JSON Feed version: " + v);
      has_version = true;
      feed.format = v.ends_with("/1.1") ? "jsonfeed1.1" : "jsonfeed1.0";
    } else if (key == "title") {
      feed.title = htmlToText(scalarText(value));
    } else if (key == "home_page_url") {
      feed.link = scalarText(value);
    } else if (key == "items") {
      od::array items;
      if (value.get_array().get(items)) return bad("JSON Feed: \"items\" is not an array");
      has_items = true;
      size_t dropped = 0, index = 0;
      for (auto element : items) {
        ++index;
        od::value iv;
        if (auto e = element.get(iv))
          return bad(std::string("JSON Feed: bad item (") + simdjson::error_message(e) + ")");
        if (feed.items.size() >= options.max_items) {
          ++dropped;
          continue;
        }
        FeedItem item;
        if (auto e = readItem(iv, item, options)) {
          // A null or a string among the items is skipped alone (the array goes on past a value
          // that was not read); malformed JSON inside an item ends the list.
          const bool not_object = e == simdjson::INCORRECT_TYPE;
          if (feed.warnings.size() < kMaxWarnings)
            feed.warnings.push_back("JSON Feed item " + std::to_string(index) +
                                    (not_object
                                         ? std::string(" is not an object: skipped")
                                         : std::string(" skipped: ") + simdjson::error_message(e)));
          if (not_object) continue;
          break;
        }
        feed.items.push_back(std::move(item));
      }
      if (dropped) feed.warnings.push_back(std::to_string(dropped) + " items beyond max_items");
    }
  }
  if (!has_version && !has_items) return bad("not a feed: JSON without \"version\" or \"items\"");
  if (!has_version) {
    feed.format = "jsonfeed";
    feed.warnings.push_back("JSON Feed without \"version\"");
  }
  return feed;
}

}  // namespace pubtrack::feeds
