// SPDX-License-Identifier: Apache-2.0
// Item identity.
#include "collectors/feeds/item_key.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace pubtrack::feeds {

namespace {

std::string baseKey(const FeedItem& item) {
  if (!item.guid.empty()) return "guid:" + item.guid;
  if (!item.link.empty() && !item.published_raw.empty())
    return "link:" + item.link + "|" + item.published_raw;
  if (!item.link.empty()) return "link:" + item.link;
  return "title:" + item.title;
}

int strength(const std::string& key) {  // higher = stronger basis
  if (key.compare(0, 5, "guid:") == 0) return 3;
  if (key.compare(0, 5, "link:") == 0) return 2;
  return 1;
}

}  // namespace

std::string contentHash(const FeedItem& item) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bits: stable across runs and machines
  auto mix = [&](const std::string& field) {
    for (unsigned char c : field) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;  // a field separator, so ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
  };
  for (const std::string* f : {&item.title, &item.link, &item.summary, &item.content,
                               &item.published_raw, &item.enclosure})
    mix(*f);
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 15];
  return out;
}

ItemKeys itemKeys(const std::vector<FeedItem>& items) {
  ItemKeys out;
  out.keys.reserve(items.size());
  std::vector<std::string> hashes;
  hashes.reserve(items.size());
  std::map<std::string, size_t> first;   // base key -> index of its first item
  std::map<std::string, bool> collides;  // base key -> differing items share it
  for (size_t i = 0; i < items.size(); ++i) {
    std::string key = baseKey(items[i]);
    hashes.push_back(contentHash(items[i]));
    auto [pos, fresh] = first.emplace(key, i);
    if (!fresh && hashes[pos->second] != hashes[i]) collides[key] = true;
    out.keys.push_back(std::move(key));
  }
  int weakest = 3;
  bool byContent = false;
  for (size_t i = 0; i < items.size(); ++i) {
    auto& key = out.keys[i];
    weakest = std::min(weakest, strength(key));
    // Every item of a colliding group is told apart (not only the later ones), so an item keeps
    // its key whatever order the feed lists the group in.
    if (collides.count(key)) {
      key += "#" + hashes[i];
      byContent = true;
    }
  }
  out.basis = byContent ? "content" : weakest == 3 ? "guid" : weakest == 2 ? "link" : "title";
  if (items.empty()) out.basis.clear();
  return out;
}

}  // namespace pubtrack::feeds
