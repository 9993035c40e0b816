// SPDX-License-Identifier: Apache-2.0
// Validation of the API's query parameters.
#include "dashboard/query.h"

#include <algorithm>

#include "core/strings.h"
#include "model/mention.h"

namespace pubtrack::dashboard::detail {

namespace {

core::Error bad(std::string_view param, std::string message) {
  return core::makeError(core::ErrorKind::Config, std::string(param),
                         std::string(param) + ": " + std::move(message));
}

// The value as it may be echoed in an error: valid UTF-8, at most 64 bytes.
std::string echo(std::string_view value) {
  std::string v = core::sanitizeUtf8(value.substr(0, 64));
  if (value.size() > 64) v += "...";
  return v;
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<int> parseYear(std::string_view text) {
  if (text.size() != 4 || !allDigits(text)) return std::nullopt;
  const int y = std::stoi(std::string(text));
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  return y;
}

int defaultYear(core::TimePoint now) {
  const core::Date today = core::dateAt(now, core::kChinaTime);
  return today.month() == 1 ? today.year() - 1 : today.year();
}

core::Result<int> reportYear(const Filters& filters, core::TimePoint now) {
  if (!filters.year) return defaultYear(now);
  const int current = core::dateAt(now, core::kChinaTime).year();
  if (*filters.year > current)
    return bad("year", std::to_string(*filters.year) + " has not begun (this is " +
                           std::to_string(current) + ")");
  return *filters.year;
}

core::Result<Filters> parseFilters(const Params& query, const FilterSpec& spec,
                                   const config::Settings& settings) {
  Filters f;
  f.limit = spec.default_limit;
  std::vector<std::string> seen;
  for (const auto& [name, value] : query) {
    if (std::find(spec.allowed.begin(), spec.allowed.end(), name) == spec.allowed.end()) {
      std::vector<std::string> names(spec.allowed.begin(), spec.allowed.end());
      std::string msg = "unknown parameter";
      if (!names.empty()) msg += " (this endpoint takes " + core::join(names, ", ") + ")";
      return bad(echo(name), msg);
    }
    if (name != "account" && std::find(seen.begin(), seen.end(), name) != seen.end())
      return bad(name, "given more than once");
    seen.push_back(name);
    if (name == "from" || name == "to") {
      auto d = core::Date::parse(value);
      if (!d) return bad(name, "not a date (YYYY-MM-DD): " + echo(value));
      (name == "from" ? f.from : f.to) = d;
    } else if (name == "year") {
      auto y = parseYear(value);
      if (!y)
        return bad(name, "not a year between " + std::to_string(kMinYear) + " and " +
                             std::to_string(kMaxYear) + ": " + echo(value));
      f.year = y;
    } else if (name == "account") {
      for (const auto& id : core::splitList(value)) {
        if (!settings.account(id)) return bad(name, "no [account." + echo(id) + "] configured");
        if (std::find(f.accounts.begin(), f.accounts.end(), id) == f.accounts.end())
          f.accounts.push_back(id);
      }
      if (core::splitList(value).empty()) return bad(name, "empty");
    } else if (name == "status") {
      if (value != "candidate" && value != "confirmed" && value != "rejected")
        return bad(name, "not one of candidate, confirmed, rejected: " + echo(value));
      f.status = value;
    } else if (name == "tier") {
      const auto tier = model::parseTier(value);  // by its English or Chinese name
      if (!tier) return bad(name, "not one of " + model::tierChoices() + ": " + echo(value));
      f.tier = model::toString(*tier);
    } else if (name == "limit") {
      long long n = 0;
      if (!allDigits(value) || value.size() > 9 || !core::parseInt64(value, n) || n < 1 ||
          n > spec.max_limit)
        return bad(name, "not a whole number between 1 and " + std::to_string(spec.max_limit) +
                             ": " + echo(value));
      f.limit = static_cast<int>(n);
    }
  }
  if (f.year && (f.from || f.to)) return bad("year", "cannot be combined with from/to");
  if (f.year) {
    f.from = core::Date::fromYmd(*f.year, 1, 1);
    f.to = core::Date::fromYmd(*f.year, 12, 31);
  }
  if (f.from && f.to && *f.to < *f.from) return bad("to", "is before from");
  return f;
}

}  // namespace pubtrack::dashboard::detail
