// SPDX-License-Identifier: Apache-2.0
// Mention matching (keywords in title, summary or content; no exclude phrase) and outlet
// classification (link domain in the registry, else the aggregator's source, else the feed's).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/settings.h"

namespace pubtrack::mentions {

class MentionMatcher {
 public:
  MentionMatcher(const std::vector<std::string>& keywords, const std::vector<std::string>& exclude);
  // The keywords found (as configured), or empty when the item is no mention. `title` is plain
  // text; `summary` and `content` may be HTML.
  std::vector<std::string> match(std::string_view title, std::string_view summary,
                                 std::string_view content) const;

 private:
  std::vector<std::pair<std::string, std::string>> keywords_;  // (folded, as configured)
  std::vector<std::string> exclude_;                           // folded
};

struct Outlet {
  std::string name;
  std::string id;  // registry id, or "" when it came from the feed or the source element
  model::Tier tier = model::Tier::Other;
  // How it was decided: "domain" (the link's host is the outlet's own), "domain_suffix" (a
  // host below one of the outlet's: a guess worth a look), "source" / "source_suffix" (the
  // aggregator's <source url>), "source_name", "feed" (the feed's outlet).
  std::string basis;
};

// Outlet and tier of one item: by the link's host in the registry (longest suffix wins), else
// the aggregator's <source> (its URL's domain, else its name matching a registry outlet), else
// the feed's outlet/tier.
Outlet classifyOutlet(const config::Settings& settings, const config::FeedSettings& feed,
                      std::string_view link, std::string_view source_name,
                      std::string_view source_url);

}  // namespace pubtrack::mentions
