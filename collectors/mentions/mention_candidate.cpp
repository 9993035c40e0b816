// SPDX-License-Identifier: Apache-2.0
// Building a mention candidate from a feed item.
#include "collectors/mentions/mention_candidate.h"

#include "collectors/mentions/text_normalize.h"
#include "core/strings.h"

namespace pubtrack::mentions {

std::optional<model::Mention> mentionCandidate(const config::Settings& settings,
                                               const config::FeedSettings& feed,
                                               const MentionMatcher& matcher,
                                               const model::FeedItemRecord& item,
                                               core::TimePoint first_seen) {
  // The outlet decides whether a place-less alias counts (a local outlet's 市国资委), but most
  // items match no keyword: classify first only when some registry outlet is flagged local.
  std::optional<Outlet> outlet;
  if (!feed.local && settings.any_local_outlet)
    outlet = classifyOutlet(settings, feed, item.link, item.source_name, item.source_url);
  const bool local = feed.local || (outlet && outlet->local);
  const auto found = matcher.match(item.title, item.summary, item.content, local);
  if (!found.matched()) return std::nullopt;
  if (!outlet)
    outlet = classifyOutlet(settings, feed, item.link, item.source_name, item.source_url);
  model::Mention m;
  m.origin = model::MentionOrigin::Feed;
  m.outlet = outlet->name;
  m.outlet_id = outlet->id;
  m.tier = outlet->tier;
  m.title = item.title.empty() ? item.link : item.title;
  m.url = item.link;
  m.norm_url = item.link.empty() ? "" : normalizeUrl(item.link);
  m.norm_title = normalizeTitle(item.title);
  m.published = item.published;
  m.day = core::dateAt(item.published.value_or(first_seen), settings.report.timezone);
  m.keywords = core::join(found.keywords, ", ");
  m.tier_basis = outlet->basis;
  m.match_where = found.where;
  m.match_rule = found.rule;
  m.status = model::MentionStatus::Candidate;
  return m;
}

}  // namespace pubtrack::mentions
