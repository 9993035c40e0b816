// SPDX-License-Identifier: Apache-2.0
// Mention matching and outlet classification. A keyword found in an item is a hit, a span of
// its title, summary or content; each hit is judged on its own (a hit inside 广州市国资委 is no
// hit for 市国资委), and the item is a mention when one hit remains. Every match says which
// keywords, where and by which rule.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.h"

namespace pubtrack::mentions {

// Why a match counts, strongest first (the item's rule is its strongest hit's):
//   full_name            a keyword that starts with the agency's place (深圳市国资委): anywhere
//   alias_local_outlet   an alias without a place (市国资委) in an outlet of the agency's city
//   alias_place_in_text  an alias in an item that names the agency's place (深圳, 鹏城), or one
//                        right after the place ("深圳：市国资委")
//   alias                an alias when [monitor] place is not set (the older behaviour)
inline constexpr std::string_view kRuleFullName = "full_name";
inline constexpr std::string_view kRuleAliasLocalOutlet = "alias_local_outlet";
inline constexpr std::string_view kRuleAliasPlaceInText = "alias_place_in_text";
inline constexpr std::string_view kRuleAlias = "alias";

struct MatchResult {
  std::vector<std::string> keywords;  // as configured, in configuration order; empty: no mention
  std::string where;                  // the fields with a hit: "title", "title,summary", ...
  std::string rule;                   // one of the kRule* names
  std::string stop_word;              // the stop word that made the item no mention, if any
  bool matched() const { return !keywords.empty(); }
};

// Built once per run from [monitor] (keywords folded, place forms and the gazetteer in hash
// sets), then used from the fetching thread; match() is const and keeps no state.
class MentionMatcher {
 public:
  explicit MentionMatcher(const config::MonitorSettings& monitor);
  // Keywords and exclude phrases only, no place: every keyword matches anywhere.
  MentionMatcher(const std::vector<std::string>& keywords, const std::vector<std::string>& exclude);
  ~MentionMatcher();
  MentionMatcher(MentionMatcher&&) noexcept;
  MentionMatcher& operator=(MentionMatcher&&) noexcept;

  // `title` is plain text (entities decoded here); `summary` and `content` may be HTML.
  // `local_outlet`: the item comes from an outlet of the agency's own city.
  MatchResult match(std::string_view title, std::string_view summary, std::string_view content,
                    bool local_outlet = false) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Outlet {
  std::string name;
  std::string id;  // registry id, or "" when it came from the feed or the source element
  model::Tier tier = model::Tier::Other;
  // How it was decided: "domain" (the link's host is the outlet's own), "domain_suffix" (a
  // host below one of the outlet's: a guess worth a look), "source" / "source_suffix" (the
  // aggregator's <source url>), "source_name", "feed" (the feed's outlet).
  std::string basis;
  bool local = false;  // a [outlet.<id>] with local = true
};

// Outlet and tier of one item: by the link's host in the registry (longest suffix wins), else
// the aggregator's <source> (its URL's domain, else its name matching a registry outlet), else
// the feed's outlet/tier.
Outlet classifyOutlet(const config::Settings& settings, const config::FeedSettings& feed,
                      std::string_view link, std::string_view source_name,
                      std::string_view source_url);

}  // namespace pubtrack::mentions
