// SPDX-License-Identifier: Apache-2.0
// The gazetteer of Chinese places (config/places_zh.tsv, compiled in): provinces, prefecture-level
// cities and county-level districts with their headline short forms. The mention matcher uses it
// to tell "广州市国资委" (another city's agency) from "市国资委" (the agency's own alias).
#pragma once

#include <string_view>
#include <vector>

namespace pubtrack::config {

struct Place {
  std::string_view name;        // 深圳市
  std::string_view short_name;  // 深圳, or "" when the short form is a common word
  std::string_view level;       // province | city | district
  std::string_view parent;      // full name of the parent, "" for provinces
};

// Every place, in the file's (GB/T 2260 code) order. Built once; thread-safe to read.
const std::vector<Place>& places();

// The places whose name or short form is `name` (深圳 -> 深圳市), provinces and cities first.
std::vector<const Place*> findPlaces(std::string_view name);

}  // namespace pubtrack::config
