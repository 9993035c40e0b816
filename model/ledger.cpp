// SPDX-License-Identifier: Apache-2.0
// Names of the outreach ledger's roles.
#include "model/ledger.h"

#include <array>

#include "core/strings.h"

namespace pubtrack::model {

namespace {

constexpr std::array<LedgerRole, 6> kRoles{{
    {"主办", "lead"},
    {"会办", "co-handled"},
    {"协办", "assisting"},
    {"承办", "undertaken"},
    {"分办", "assigned"},
    {"汇办", "consolidated"},
}};

}  // namespace

std::span<const LedgerRole> ledgerRoles() { return kRoles; }

std::optional<std::string> parseLedgerRole(std::string_view text) {
  const std::string_view t = core::trim(text);
  const std::string lower = core::toLowerAscii(t);
  for (const auto& r : kRoles)
    if (t == r.zh || lower == r.en) return std::string(r.zh);
  return std::nullopt;
}

std::string ledgerRoleChoices() {
  std::string s;
  for (const auto& r : kRoles)
    s += (s.empty() ? "" : ", ") + std::string(r.zh) + " (" + std::string(r.en) + ")";
  return s;
}

}  // namespace pubtrack::model
