// SPDX-License-Identifier: Apache-2.0
// CSV parsing for the importers.
#include "app/csv_reader.h"

#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace pubtrack::app {

core::Result<CsvTable> parseCsv(std::string_view text, const std::string& name) {
  auto fail = [&](int line, const std::string& msg) {
    return core::makeError(core::ErrorKind::BadPayload, name,
                           "line " + std::to_string(line) + ": " + msg);
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!core::isValidUtf8(text)) {
    // Name the first line that is not valid UTF-8.
    int bad = 1;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      if (!core::isValidUtf8(text.substr(start, nl - start))) break;
      ++bad;
      start = nl + 1;
    }
    return fail(bad, "not UTF-8 (save the file as UTF-8 CSV)");
  }
  CsvTable table;
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> fields;
  std::string field;
  int line = 1, recordLine = 1;
  bool inQuotes = false, quotedField = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    const char c = end ? '\n' : text[i];
    if (inQuotes) {
      if (end) return fail(recordLine, "unterminated quoted field");
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          inQuotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty()) return fail(line, "a quote inside an unquoted field");
      inQuotes = quotedField = true;
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      quotedField = false;
      continue;
    }
    if (c == '\r') continue;
    if (c == '\n') {
      fields.push_back(std::move(field));
      field.clear();
      const bool blank = fields.size() == 1 && fields[0].empty() && !quotedField;
      if (!blank) {
        records.push_back(std::move(fields));
        lines.push_back(recordLine);
      }
      fields.clear();
      quotedField = false;
      ++line;
      recordLine = line;
      if (end) break;
      continue;
    }
    field += c;
  }
  if (records.empty()) return fail(1, "empty file (expected a header row)");
  for (auto& h : records[0]) h = core::toLowerAscii(core::trim(h));
  table.header = records[0];
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size())
      return fail(lines[r], "expected " + std::to_string(table.header.size()) + " fields, got " +
                                std::to_string(records[r].size()));
    table.rows.push_back({lines[r], std::move(records[r])});
  }
  return table;
}

core::Result<CsvTable> readCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::makeError(core::ErrorKind::Io, path, "cannot be read");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  if (text.size() > (64u << 20))
    return core::makeError(core::ErrorKind::Io, path, "larger than 64 MB");
  return parseCsv(text, path);
}

}  // namespace pubtrack::app
