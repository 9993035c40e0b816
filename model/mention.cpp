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
// The Chinese names: the report's first, then the short forms people also write.
constexpr std::array<std::pair<Tier, std::string_view>, 8> kTiersZh{{
    {Tier::Central, "中央级"},
    {Tier::Provincial, "省级"},
    {Tier::Municipal, "市级"},
    {Tier::Other, "其他"},
    {Tier::Central, "中央"},
    {Tier::Provincial, "省"},
    {Tier::Municipal, "市"},
    {Tier::Other, "其它"},
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
  const std::string name = core::toLowerAscii(core::trim(text));
  if (auto t = valueOf(kTiers, std::string_view(name))) return t;
  return valueOf(kTiersZh, std::string_view(name));
}
std::string tierChoices() {
  std::string s;
  for (size_t i = 0; i < kTiers.size(); ++i)
    s += std::string(i == 0                   ? ""
                     : i + 1 == kTiers.size() ? " or "
                                              : ", ") +
         std::string(kTiers[i].second) + " (" + std::string(kTiersZh[i].second) + ")";
  return s;
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
