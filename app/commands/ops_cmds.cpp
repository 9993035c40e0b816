// SPDX-License-Identifier: Apache-2.0
// backup (SQLite online backup) and export (CSV of every table a dashboard may want).
#include <sys/stat.h>

#include <fstream>

#include "app/commands/commands.h"
#include "core/strings.h"
#include "store/database.h"
#include "store/exports.h"

namespace pubtrack::app::cmd {

int backup(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give the backup file name"};
  const std::filesystem::path target = args.positionals()[0];
  auto& db = ctx.database();
  std::error_code ec;
  if (std::filesystem::equivalent(target, db.path(), ec))
    throw ExitError{kUsage, "the backup file is the database itself"};
  if (auto st = db.backupTo(target); !st) throw ExitError{kFatal, st.error().describe()};
  auto copy = store::Database::open(target, store::Database::Mode::ReadOnly);
  if (!copy) throw ExitError{kFatal, copy.error().describe()};
  const std::string check = (*copy)->integrityCheck();
  if (check != "ok") throw ExitError{kFatal, target.string() + ": integrity check: " + check};
  ctx.out << "pubtrack: backed up " << db.path().string() << " to " << target.string()
          << " (integrity ok)\n";
  return kOk;
}

int exportCsv(Context& ctx, const Args& args) {
  const auto dir = args.value("dir");
  if (!dir) throw ExitError{kUsage, "--dir is required"};
  std::error_code ec;
  std::filesystem::create_directories(*dir, ec);
  if (ec) throw ExitError{kFatal, *dir + ": " + ec.message()};
  auto& db = ctx.database();
  for (const auto& name : store::exportNames()) {
    const auto path = std::filesystem::path(*dir) / (name + ".csv");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw ExitError{kFatal, path.string() + ": cannot be written"};
    int64_t rows = 0;
    store::exportTable(
        db, name,
        [&](const std::vector<std::string>& columns) {
          for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
          out << "\r\n";
        },
        [&](const std::vector<store::ExportValue>& values) {
          for (size_t i = 0; i < values.size(); ++i) {
            out << (i ? "," : "");
            if (const auto* n = std::get_if<int64_t>(&values[i]))
              out << *n;
            else if (const auto* t = std::get_if<std::string>(&values[i]))
              out << core::csvField(*t);
          }
          out << "\r\n";
          ++rows;
        });
    out.close();
    ::chmod(path.c_str(), 0640);
    ctx.out << path.string() << ": " << rows << " rows\n";
  }
  return kOk;
}

}  // namespace pubtrack::app::cmd
