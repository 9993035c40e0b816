// SPDX-License-Identifier: Apache-2.0
// Out-of-line parts of the plain report data model.
#include "reports/figures.h"

namespace pubtrack::reports {

std::string Period::label() const {
  if (year && !in_progress) return std::to_string(*year) + "年";
  return from + "至" + to;
}

std::optional<int64_t> AnnualTables::cell(const std::string& key) const {
  for (const auto* m : {&t2, &t3, &t4}) {
    auto it = m->find(key);
    if (it != m->end()) return it->second;
  }
  return std::nullopt;
}

std::optional<int64_t> Figures::disclosureCount(std::string_view kind) const {
  if (tables) {
    const auto& t = *tables;
    if (kind == "disclosure_request" && t.t3_has_data()) return t.cell("t3.new.total");
    if (kind == "admin_review" && t.t4_has_data()) return t.cell("t4.review.total");
    if (kind == "lawsuit" && t.t4_has_data()) {
      const auto direct = t.cell("t4.suit_direct.total"),
                 after = t.cell("t4.suit_after_review.total");
      if (direct || after) return direct.value_or(0) + after.value_or(0);
    }
  }
  for (const auto& o : outreach)
    if (o.kind == kind) return o.count;
  return std::nullopt;
}

}  // namespace pubtrack::reports
