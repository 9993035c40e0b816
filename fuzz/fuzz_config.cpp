// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: loadSettingsFromString (pubtrack.ini) and rendering what it accepts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A path that does not exist: loading from a string must not need the file.
  const auto result = pubtrack::config::loadSettingsFromString(text, "/nonexistent/pubtrack.ini");
  if (result.settings.has_value() != result.problems.empty()) {
    std::fprintf(stderr, "fuzz_config: settings present but %zu problems\n",
                 result.problems.size());
    std::abort();
  }
  if (!result.settings) return 0;
  const auto& s = *result.settings;
  (void)pubtrack::config::renderEffective(s);
  for (const auto& feed : s.feeds) (void)s.outletForHost(pubtrack::config::hostOf(feed.url));
  for (const auto& account : s.accounts) (void)s.account(account.id);
  return 0;
}
