// SPDX-License-Identifier: Apache-2.0
// One way every `... import FILE.csv` reads its file: a header row naming the columns (in any
// order, by their English names or their Chinese ones, as an Excel user saves them), every
// problem collected with its file and line, and all or nothing: a file with any problem stores
// none of its rows, and says so.
#pragma once

#include <string>
#include <vector>

#include "app/commands/commands.h"
#include "app/csv_reader.h"

namespace pubtrack::app::cmd {

struct CsvColumn {
  std::string name;                  // "date"
  std::vector<std::string> aliases;  // other accepted headers: "日期"
  bool required = false;
};

class CsvImport {
 public:
  // Reads `file`; throws ExitError{kUsage} (nothing stored) when it cannot be read, a required
  // column is missing or a column is unknown.
  CsvImport(std::string file, std::vector<CsvColumn> columns);

  const std::vector<CsvRow>& rows() const { return table_.rows; }
  // The field of `column` in `row`, trimmed; "" when the column is absent or the row short.
  std::string get(const CsvRow& row, const std::string& column) const;
  bool hasColumn(const std::string& column) const;
  // Records a problem of `row`: "file: line N: <message>".
  void problem(const CsvRow& row, const std::string& message);
  // Throws ExitError{kUsage} when any problem was recorded: every one but the last on `ctx.err`,
  // the last in the error, which adds "(nothing of FILE was stored)".
  void finish(Context& ctx) const;
  const std::string& file() const { return file_; }
  // The file's name without its folder, for a row's origin ("import:ledger.csv").
  std::string origin() const;

 private:
  std::string expected() const;  // "kind,date[,title,count,role]"

  std::string file_;
  std::vector<CsvColumn> columns_;
  CsvTable table_;
  std::vector<int> index_;  // per column of columns_: its index in the file, or -1
  std::vector<std::string> problems_;
};

}  // namespace pubtrack::app::cmd
