// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the dashboard's query-parameter validation (parseFilters, parseYear).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/settings.h"
#include "dashboard/query.h"

namespace {

namespace dash = pubtrack::dashboard::detail;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_query_params: %s\n", what);
  std::abort();
}

const pubtrack::config::Settings& settings() {
  static const pubtrack::config::Settings s = [] {
    pubtrack::config::Settings v;
    v.accounts.push_back({"main", "主账号", "wx0000000000000001", "MAIN_SECRET", ""});
    v.accounts.push_back({"news", "新闻", "wx0000000000000002", "NEWS_SECRET", ""});
    return v;
  }();
  return s;
}

// Params arrive decoded, so any byte may be in a name or a value: split the raw input on '&'
// and the first '=' only.
dash::Params split(std::string_view raw) {
  dash::Params params;
  while (!raw.empty()) {
    const size_t amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos)
      params.emplace_back(std::string(pair), std::string());
    else
      params.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    raw.remove_prefix(amp + 1);
  }
  return params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the endpoint's spec.
  dash::FilterSpec spec;
  switch (data[0] % 4) {
    case 0:
      spec.allowed = {"from", "to", "year", "account", "limit"};
      spec.default_limit = 100;
      spec.max_limit = 1000;
      break;
    case 1:
      spec.allowed = {"from", "to", "year", "status", "tier", "limit"};
      spec.default_limit = 50;
      break;
    case 2:
      spec.allowed = {"year"};
      break;
    default:
      spec.allowed = {"from", "to", "year", "account", "status", "tier", "limit"};
      spec.max_limit = 1;
      break;
  }
  const std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto params = split(raw);
  for (const auto& [name, value] : params) {
    if (auto y = dash::parseYear(value); y && (*y < dash::kMinYear || *y > dash::kMaxYear))
      fail("parseYear out of range");
  }
  const auto f = dash::parseFilters(params, spec, settings());
  if (!f) return 0;
  if (f->from && f->to && *f->to < *f->from) fail("to before from accepted");
  if (f->limit != spec.default_limit && (f->limit < 1 || f->limit > spec.max_limit))
    fail("limit out of range accepted");
  if (f->year && (!f->from || !f->to)) fail("year without from/to");
  for (const auto& id : f->accounts)
    if (!settings().account(id)) fail("unknown account accepted");
  return 0;
}
