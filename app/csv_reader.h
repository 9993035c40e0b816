// SPDX-License-Identifier: Apache-2.0
// A strict RFC 4180 CSV reader for the importers: header row, quoted fields, line numbers kept
// for error messages, UTF-8 only (a BOM is skipped).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pubtrack::app {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

// Errors name the file and line: "ledger.csv: line 7: unterminated quoted field".
core::Result<CsvTable> parseCsv(std::string_view text, const std::string& name);
core::Result<CsvTable> readCsvFile(const std::string& path);

}  // namespace pubtrack::app
