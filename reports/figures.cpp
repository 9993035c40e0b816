// SPDX-License-Identifier: Apache-2.0
// Out-of-line parts of the plain report data model.
#include "reports/figures.h"

namespace pubtrack::reports {

std::string Period::label() const {
  if (year) return std::to_string(*year) + "年";
  return from + "至" + to;
}

}  // namespace pubtrack::reports
