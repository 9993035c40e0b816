// SPDX-License-Identifier: Apache-2.0
// The importers' CSV handling.
#include "app/commands/csv_import.h"

#include <filesystem>

#include "core/strings.h"

namespace pubtrack::app::cmd {

CsvImport::CsvImport(std::string file, std::vector<CsvColumn> columns)
    : file_(std::move(file)), columns_(std::move(columns)) {
  auto table = readCsvFile(file_);
  if (!table) throw ExitError{kUsage, table.error().describe() + " (nothing was stored)"};
  table_ = std::move(table.value());
  index_.assign(columns_.size(), -1);
  for (size_t h = 0; h < table_.header.size(); ++h) {
    const std::string name(core::trim(table_.header[h]));
    const std::string lower = core::toLowerAscii(name);
    bool known = false;
    for (size_t c = 0; c < columns_.size() && !known; ++c) {
      bool match = lower == columns_[c].name;
      for (const auto& a : columns_[c].aliases) match = match || name == a;
      if (match) {
        index_[c] = static_cast<int>(h);
        known = true;
      }
    }
    if (!known)
      throw ExitError{kUsage, file_ + ": line 1: unknown column '" + name + "' (expected " +
                                  expected() + "; nothing was stored)"};
  }
  for (size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c].required && index_[c] < 0)
      throw ExitError{kUsage, file_ + ": line 1: missing column '" + columns_[c].name +
                                  "' (expected " + expected() + "; nothing was stored)"};
}

std::string CsvImport::expected() const {
  std::string req, opt;
  for (const auto& c : columns_) {
    if (c.required)
      req += (req.empty() ? "" : ",") + c.name;
    else
      opt += "," + c.name;
  }
  return opt.empty() ? req : req + "[" + opt + "]";
}

bool CsvImport::hasColumn(const std::string& column) const {
  for (size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c].name == column) return index_[c] >= 0;
  return false;
}

std::string CsvImport::get(const CsvRow& row, const std::string& column) const {
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].name != column || index_[c] < 0) continue;
    const auto i = static_cast<size_t>(index_[c]);
    return i < row.fields.size() ? std::string(core::trim(row.fields[i])) : std::string();
  }
  return {};
}

void CsvImport::problem(const CsvRow& row, const std::string& message) {
  problems_.push_back(file_ + ": line " + std::to_string(row.line) + ": " + message);
}

void CsvImport::finish(Context& ctx) const {
  if (problems_.empty()) return;
  for (size_t i = 0; i + 1 < problems_.size(); ++i) ctx.err << problems_[i] << "\n";
  throw ExitError{kUsage, problems_.back() + " (nothing of " + file_ + " was stored)"};
}

std::string CsvImport::origin() const {
  return "import:" + std::filesystem::path(file_).filename().string();
}

}  // namespace pubtrack::app::cmd
