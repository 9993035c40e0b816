// SPDX-License-Identifier: Apache-2.0
// Names of tiers, review statuses and origins, as stored and as typed on the command line.
#include "model/mention.h"

#include <array>
#include <utility>

#include "core/strings.h"

namespace pubtrack::model {

namespace {

template <class E, size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "unknown";
}

template <class E, size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& names,
                         std::string_view text) {
  for (const auto& [v, name] : names)
    if (name == text) return v;
  return std::nullopt;
}

constexpr std::array<std::pair<Tier, std::string_view>, 4> kTiers{{
    {Tier::Central, "central"},
    {Tier::Provincial, "provincial"},
    {Tier::Municipal, "municipal"},
    {Tier::Other, "other"},
}};
constexpr std::array<std::pair<MentionStatus, std::string_view>, 3> kStatuses{{
    {MentionStatus::Candidate, "candidate"},
    {MentionStatus::Confirmed, "confirmed"},
    {MentionStatus::Rejected, "rejected"},
}};
constexpr std::array<std::pair<MentionOrigin, std::string_view>, 2> kOrigins{{
    {MentionOrigin::Feed, "feed"},
    {MentionOrigin::Manual, "manual"},
}};

}  // namespace

std::string_view toString(Tier tier) { return nameOf(kTiers, tier); }
std::optional<Tier> parseTier(std::string_view text) {
  return valueOf(kTiers, std::string_view(core::toLowerAscii(core::trim(text))));
}
std::string_view toString(MentionStatus status) { return nameOf(kStatuses, status); }
std::optional<MentionStatus> parseMentionStatus(std::string_view text) {
  return valueOf(kStatuses, text);
}
std::string_view toString(MentionOrigin origin) { return nameOf(kOrigins, origin); }
std::optional<MentionOrigin> parseMentionOrigin(std::string_view text) {
  return valueOf(kOrigins, text);
}

}  // namespace pubtrack::model
