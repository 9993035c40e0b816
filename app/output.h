// SPDX-License-Identifier: Apache-2.0
// Listing output: one table rendered as aligned text, JSON (an array of objects) or CSV. JSON and
// CSV are stable interfaces for dashboards: column names are the keys, numbers stay numbers.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::app {

enum class Format { Table, Json, Csv };
std::optional<Format> parseFormat(std::string_view text);

struct Cell {
  std::string text;
  bool number = false;  // JSON writes it bare
  bool null = false;    // JSON null, empty in table/CSV
  static Cell str(std::string s) { return {std::move(s), false, false}; }
  static Cell num(long long n) { return {std::to_string(n), true, false}; }
  static Cell none() { return {"", false, true}; }
  static Cell optStr(const std::string& s) { return s.empty() ? none() : str(s); }
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

void render(const Table& table, Format format, std::ostream& out);

// Writes `bytes` to `path` through `path`.tmp and a rename, mode 0640, so that no reader ever
// sees half a file. Returns "" on success, else what went wrong, naming the file.
std::string writeFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace pubtrack::app
