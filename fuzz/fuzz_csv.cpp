// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: parseCsv (the importers' reader) and the shape the importers rely on.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "app/csv_reader.h"
#include "core/strings.h"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_csv: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto table = pubtrack::app::parseCsv(text, "fuzz.csv");
  if (!table) {
    if (!pubtrack::core::isValidUtf8(table.error().message)) fail("error message not UTF-8");
    return 0;
  }
  // record import and mentions import index row.fields by header position without checks.
  int previous_line = 1;
  for (const auto& row : table->rows) {
    if (row.fields.size() != table->header.size()) fail("row width differs from the header");
    if (row.line <= previous_line) fail("row line numbers do not increase");
    previous_line = row.line;
    for (const auto& f : row.fields)
      if (!pubtrack::core::isValidUtf8(f)) fail("field not UTF-8");
  }
  for (const auto& h : table->header)
    if (!pubtrack::core::isValidUtf8(h)) fail("header not UTF-8");
  return 0;
}
