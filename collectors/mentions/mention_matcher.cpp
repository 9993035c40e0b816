// SPDX-License-Identifier: Apache-2.0
// Keyword matching over normalised text and outlet classification.
#include "collectors/mentions/mention_matcher.h"

#include "collectors/mentions/text_normalize.h"
#include "core/strings.h"

namespace pubtrack::mentions {

MentionMatcher::MentionMatcher(const std::vector<std::string>& keywords,
                               const std::vector<std::string>& exclude) {
  for (const auto& k : keywords) {
    std::string folded = foldForMatch(k);
    if (!folded.empty()) keywords_.emplace_back(std::move(folded), k);
  }
  for (const auto& e : exclude) {
    std::string folded = foldForMatch(e);
    if (!folded.empty()) exclude_.push_back(std::move(folded));
  }
}

std::vector<std::string> MentionMatcher::match(std::string_view title, std::string_view summary,
                                               std::string_view content) const {
  std::vector<std::string> found;
  if (keywords_.empty()) return found;
  std::string text = foldForMatch(decodeEntities(title));
  text += " \n ";
  text += foldForMatch(htmlToText(summary));
  if (!content.empty()) {
    text += " \n ";
    text += foldForMatch(htmlToText(content));
  }
  for (const auto& e : exclude_)
    if (text.find(e) != std::string::npos) return {};
  for (const auto& [folded, original] : keywords_)
    if (text.find(folded) != std::string::npos) found.push_back(original);
  return found;
}

Outlet classifyOutlet(const config::Settings& settings, const config::FeedSettings& feed,
                      std::string_view link, std::string_view source_name,
                      std::string_view source_url) {
  const std::string linkHost = config::hostOf(link);
  if (const auto* o = settings.outletForHost(linkHost))
    return {o->name, o->id, o->tier,
            config::Settings::isOwnHost(*o, linkHost) ? "domain" : "domain_suffix"};
  // The aggregator case: the item lives elsewhere than the feed and names its original outlet.
  const std::string feedHost = config::hostOf(core::replaceAll(feed.url, "{keyword}", "x"));
  // A feed that names a registry outlet owns the links on its own host (a reprint it carries is
  // its report); any other feed is treated as an aggregator whose <source> names the outlet.
  const bool elsewhere = config::hostOf(link) != feedHost;
  if (elsewhere || config::hostOf(link).empty() || feed.outlet_id.empty()) {
    if (!source_url.empty())
      if (const auto* o = settings.outletForHost(config::hostOf(source_url)))
        return {o->name, o->id, o->tier,
                config::Settings::isOwnHost(*o, config::hostOf(source_url)) ? "source"
                                                                            : "source_suffix"};
    const std::string name(core::trim(source_name));
    if (!name.empty()) {
      for (const auto& o : settings.outlets)
        if (o.name == name) return {o.name, o.id, o.tier, "source_name"};
      // An outlet the registry does not know: its tier stays "other" until the team adds it.
      return {name, "", model::Tier::Other, "source_name"};
    }
  }
  return {feed.outlet, feed.outlet_id, feed.tier.value_or(model::Tier::Other), "feed"};
}

}  // namespace pubtrack::mentions
