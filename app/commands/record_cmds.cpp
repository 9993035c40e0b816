// SPDX-License-Identifier: Apache-2.0
// record add|import|list|delete: the outreach ledger.
#include <algorithm>
#include <array>
#include <map>

#include "app/commands/commands.h"
#include "app/commands/csv_import.h"
#include "core/strings.h"
#include "model/ledger.h"
#include "store/ledger_repo.h"

namespace pubtrack::app::cmd {

namespace {

// The kind a person typed: its id, or its name as the report prints it (在线访谈; the English
// name in any case). nullptr when none matches.
const config::LedgerKind* findKind(const config::Settings& s, std::string_view text) {
  const std::string_view t = core::trim(text);
  const std::string lower = core::toLowerAscii(t);
  for (const auto& k : s.ledger_kinds)
    if (t == k.id || t == k.name_zh || lower == core::toLowerAscii(k.name_en)) return &k;
  return nullptr;
}

// "interview (在线访谈), consultation (民意征集), ..."
std::string kindChoices(const config::Settings& s) {
  std::vector<std::string> kinds;
  for (const auto& k : s.ledger_kinds)
    kinds.push_back(k.name_zh.empty() || k.name_zh == k.id ? k.id : k.id + " (" + k.name_zh + ")");
  return core::join(kinds, ", ");
}

// Validates one record (its date given as text) and stores its kind by id and its role by its
// Chinese name; returns "" or the problem ("kind: ...").
std::string validate(const config::Settings& s, store::LedgerEntry& e, const std::string& date,
                     const std::string& count) {
  if (const auto* kind = findKind(s, e.kind)) {
    e.kind = kind->id;
  } else {
    std::vector<std::string> kinds;
    for (const auto& k : s.ledger_kinds) kinds.push_back(k.id);
    std::string msg = "kind: unknown kind '" + e.kind + "'";
    if (auto best = core::closestMatch(e.kind, kinds); !best.empty())
      msg += " (did you mean '" + best + "'?)";
    msg += "; known kinds: " + kindChoices(s) + "; more can be declared as [kind.<id>]";
    return msg;
  }
  auto d = core::Date::parse(date);
  if (!d) return "date: expected YYYY-MM-DD, got '" + date + "'";
  e.date = *d;
  if (!count.empty()) {
    long long n = 0;
    if (!core::parseInt64(count, n) || n < 0 || n > 1000000)
      return "count: expected a whole number from 0 to 1000000, got '" + count + "'";
    e.count = n;
  }
  if (!e.role.empty()) {
    const auto role = model::parseLedgerRole(e.role);
    if (!role)
      return "role: expected one of " + model::ledgerRoleChoices() + ", got '" + e.role + "'";
    e.role = *role;
  }
  if (!core::isValidUtf8(e.title)) return "title: not UTF-8";
  return "";
}

}  // namespace

int recordAdd(Context& ctx, const Args& args) {
  const auto& s = ctx.settings();
  store::LedgerEntry e;
  e.kind = args.value("kind").value_or("");
  const std::string date = args.value("date").value_or("");
  if (e.kind.empty() || date.empty()) throw ExitError{kUsage, "--kind and --date are required"};
  e.title = args.value("title").value_or("");
  e.role = args.value("role").value_or("");
  e.origin = "cli";
  e.created_at = core::formatUtc(ctx.clock().now());
  if (auto problem = validate(s, e, date, args.value("count").value_or("")); !problem.empty())
    throw ExitError{kUsage, "--" + problem};
  store::LedgerRepo repo(ctx.database());
  const int64_t id = repo.add(e);
  ctx.out << "pubtrack: recorded #" << id << " " << e.kind << " on " << e.date.toString()
          << " (count " << e.count << (e.role.empty() ? "" : ", " + e.role) << ")\n";
  return kOk;
}

int recordImport(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give one CSV file"};
  const auto& s = ctx.settings();
  CsvImport csv(args.positionals()[0], {{"kind", {"类别", "类型"}, true},
                                        {"date", {"日期"}, true},
                                        {"title", {"标题", "名称"}},
                                        {"count", {"数量", "件数"}},
                                        {"role", {"办理类型", "角色"}}});
  std::vector<store::LedgerEntry> entries;
  const std::string now = core::formatUtc(ctx.clock().now());
  // A row is known by its kind, date, title and role: the same row twice in one file is a
  // mistake (one row with a count says it), and a row imported again replaces its record.
  std::map<std::string, int> rowsSeen;
  for (const auto& row : csv.rows()) {
    store::LedgerEntry e;
    e.kind = csv.get(row, "kind");
    e.title = csv.get(row, "title");
    e.role = csv.get(row, "role");
    e.origin = csv.origin();
    e.created_at = now;
    if (auto p = validate(s, e, csv.get(row, "date"), csv.get(row, "count")); !p.empty()) {
      csv.problem(row, p);
      continue;
    }
    const std::string identity =
        e.kind + '\x1f' + e.date.toString() + '\x1f' + e.title + '\x1f' + e.role;
    if (auto [it, fresh] = rowsSeen.emplace(identity, row.line); !fresh) {
      csv.problem(row, "the same kind, date, title and role as line " + std::to_string(it->second) +
                           " (give them titles that tell them apart, or one row with a count)");
      continue;
    }
    entries.push_back(std::move(e));
  }
  csv.finish(ctx);
  auto& db = ctx.database();
  store::LedgerRepo repo(db);
  int64_t added = 0, updated = 0;
  store::Transaction tx(db);
  for (const auto& e : entries) (repo.upsertImported(e).second ? added : updated) += 1;
  tx.commit();
  ctx.out << "pubtrack: imported " << entries.size() << " record"
          << (entries.size() == 1 ? "" : "s") << " from " << csv.file() << " (" << added << " new, "
          << updated << " already recorded, updated)\n";
  return kOk;
}

int recordList(Context& ctx, const Args& args) {
  const Format format = args.format();
  const auto from = args.date("from"), to = args.date("to");
  store::LedgerRepo repo(ctx.database());
  Table t;
  t.columns = {"id", "kind", "date", "title", "count", "role", "origin"};
  std::string kind = args.value("kind").value_or("");
  if (!kind.empty()) {
    const auto* k = findKind(ctx.settings(), kind);
    if (!k)
      throw ExitError{kUsage, "--kind: unknown kind '" + kind +
                                  "'; known kinds: " + kindChoices(ctx.settings())};
    kind = k->id;
  }
  for (const auto& e : repo.list(from, to, kind)) {
    t.rows.push_back({Cell::num(e.id), Cell::str(e.kind), Cell::str(e.date.toString()),
                      Cell::optStr(e.title), Cell::num(e.count), Cell::optStr(e.role),
                      Cell::str(e.origin)});
  }
  render(t, format, ctx.out);
  return kOk;
}

int recordDelete(Context& ctx, const Args& args) {
  if (args.positionals().empty()) throw ExitError{kUsage, "give the id of a record"};
  auto& db = ctx.database();
  store::LedgerRepo repo(db);
  store::Transaction tx(db);
  for (const auto& p : args.positionals()) {
    long long id = 0;
    if (!core::parseInt64(p, id) || id <= 0)
      throw ExitError{kUsage, "expected a record id (a number), got '" + p + "'"};
    if (!repo.remove(id))
      throw ExitError{kUsage, "no record with id " + p + " (nothing was deleted)"};
  }
  tx.commit();
  ctx.out << "pubtrack: deleted " << args.positionals().size() << " record"
          << (args.positionals().size() == 1 ? "" : "s") << "\n";
  return kOk;
}

}  // namespace pubtrack::app::cmd
