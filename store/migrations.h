// SPDX-License-Identifier: Apache-2.0
// The schema, as an append-only list of migrations: never edit a released entry, only append.
#pragma once

#include <span>

namespace pubtrack::store {

// kMigrations[i] takes the schema from version i to version i + 1.
std::span<const char* const> migrations();

}  // namespace pubtrack::store
