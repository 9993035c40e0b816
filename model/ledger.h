// SPDX-License-Identifier: Apache-2.0
// The roles an outreach-ledger record may give (办理类型 of suggestions and proposals), stored
// by their Chinese names, with the English names the English report uses.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pubtrack::model {

struct LedgerRole {
  std::string_view zh;  // 主办: as stored and as the Chinese report prints it
  std::string_view en;  // lead
};

// 主办, 会办, 协办, 承办, 分办, 汇办.
std::span<const LedgerRole> ledgerRoles();
// The stored (Chinese) name of a role given by its Chinese or English name (English in any
// case); surrounding spaces ignored. nullopt for anything else.
std::optional<std::string> parseLedgerRole(std::string_view text);
// What parseLedgerRole accepts, for messages: "主办 (lead), 会办 (co-handled), ...".
std::string ledgerRoleChoices();

}  // namespace pubtrack::model
