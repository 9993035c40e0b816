// SPDX-License-Identifier: Apache-2.0
// store::yearsWithData: the calendar years the store holds anything for, so the dashboard can
// offer them. Read-only.
#pragma once

#include <vector>

#include "store/database.h"

namespace pubtrack::store {

// The years (of China-time days, as stored) with any WeChat statistics or article, any
// mention, any outreach-ledger record, or any register entry (disclosure requests, 表二/表四
// figures), ascending and without repeats.
std::vector<int> yearsWithData(Database& db);

}  // namespace pubtrack::store
