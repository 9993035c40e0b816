// SPDX-License-Identifier: Apache-2.0
// sim::Scenario: the simulated WeChat accounts and their yearly targets, read from an INI file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace pubtrack::sim {

// A per-year number: `every_year` unless `by_year` names the year (INI `key.2024 = N`).
struct YearlyValue {
  long long every_year = 0;
  std::map<int, long long> by_year;
  long long forYear(int year) const {
    auto it = by_year.find(year);
    return it == by_year.end() ? every_year : it->second;
  }
};

// One simulated Official Account. Every generated number is a pure function of
// (Scenario::seed, appid, date); targets are per calendar year (China days).
struct AccountSpec {
  std::string appid;
  std::string secret;
  std::string name;
  core::Date from;                // first day with data
  long long followers_start = 0;  // cumulate_user on the day before `from`
  YearlyValue articles;           // distinct msgids published per year (exact)
  YearlyValue page_views;         // Σ getuserread 99999999 int_page_read_count per year (exact)
  YearlyValue read_users;         // Σ daily read users per year (exact)
  YearlyValue followers_net;      // net growth per year when no followers_end target applies
  // cumulate_user on YYYY-12-31. The plain INI key applies to the year of `from`;
  // `followers_end_of_year.YYYY` to other years.
  std::map<int, long long> followers_end;
  bool verified = true;  // false: freepublish and datacube answer 48001
};

struct Scenario {
  uint64_t seed = 1;
  int token_ttl_s = 7200;
  int delay_days = 2;  // new-family days with today - day <= delay_days answer is_delay=true
  core::Date new_family_from = *core::Date::fromYmd(2025, 11, 1);
  // Publishing without notification (发布) exists from this day; before it every article is
  // mass-sent (群发, notified), as on the real platform.
  core::Date silent_from = *core::Date::fromYmd(2021, 1, 1);
  core::Date data_floor = *core::Date::fromYmd(2014, 12, 1);  // datacube keeps data from here
  std::vector<AccountSpec> accounts;

  const AccountSpec* find(std::string_view appid) const;
};

// One account (`wx5f1c3a9b2d7e4c01` / `simsecret-main`) from 2023-01-01 with the example's figures.
Scenario defaultScenario();
// Parses INI text (Poco IniFileConfiguration syntax; `;` comments may also end a line).
// Unknown sections and keys are errors that name them.
core::Result<Scenario> parseScenario(std::string_view ini_text);
core::Result<Scenario> loadScenario(const std::string& path);

}  // namespace pubtrack::sim
