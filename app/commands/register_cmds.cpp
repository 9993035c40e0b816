// SPDX-License-Identifier: Apache-2.0
// requests add|import|list|close (the disclosure request register behind 表三) and
// figures set|import|list|delete (表二 and 表四 of a year). The same habits as `record`: every
// value checked with a message naming its field, imports all or nothing and idempotent (a row
// imported again updates the same request or figure), listings as table, JSON or CSV.
#include <algorithm>
#include <map>

#include "app/commands/commands.h"
#include "app/commands/csv_import.h"
#include "core/strings.h"
#include "model/annual_tables.h"
#include "store/registers_repo.h"

namespace pubtrack::app::cmd {

namespace {

std::string outcomeHelp() {
  return "expected a code such as disclosed, partial, withheld.state_secret, unavailable.not_held, "
         "not_processed.repeated, other.no_correction, or the table's words (予以公开, 部分公开, "
         "属于国家秘密, 重复申请 ...; `pubtrack requests outcomes` lists them all)";
}

// Checks a request as given in text and fills `r`; returns "" or the problem ("received: ...").
std::string validateRequest(store::DisclosureRequest& r, const std::string& received,
                            const std::string& applicant, const std::string& outcome,
                            const std::string& closed, core::Date today) {
  const auto day = core::Date::parse(received);
  if (!day) return "received: expected YYYY-MM-DD, got '" + received + "'";
  if (*day > today) return "received: " + received + " is after today";
  r.received = *day;
  const auto a = model::parseApplicant(applicant);
  if (!a)
    return "applicant: expected natural (自然人), commercial (商业企业), research (科研机构), "
           "public_interest (社会公益组织), legal_services (法律服务机构) or other_org (其他), got "
           "'" +
           applicant + "'";
  r.applicant = std::string(model::toString(*a));
  if (outcome.empty() != closed.empty())
    return outcome.empty() ? "outcome: a closed request needs its outcome"
                           : "closed: a request with an outcome needs the day it was closed";
  if (outcome.empty()) return "";
  const auto* o = model::parseOutcome(outcome);
  if (!o) return "outcome: unknown outcome '" + outcome + "' (" + outcomeHelp() + ")";
  r.outcome = std::string(o->code);
  const auto c = core::Date::parse(closed);
  if (!c) return "closed: expected YYYY-MM-DD, got '" + closed + "'";
  if (*c < r.received)
    return "closed: " + closed + " is before the request was received (" + r.received.toString() +
           ")";
  if (*c > today) return "closed: " + closed + " is after today";
  r.closed = *c;
  return "";
}

core::Date todayOf(Context& ctx) {
  return core::dateAt(ctx.clock().now(), ctx.settings().report.timezone);
}

std::string outcomeZh(const std::string& code) {
  const auto* o = model::outcomeByCode(code);
  if (!o) return "";
  return std::string(o->group_zh.substr(0, o->group_zh.find("（", 3))) +
         (o->item_zh.empty() ? "" : " " + std::string(o->item_zh));
}

}  // namespace

int requestsAdd(Context& ctx, const Args& args) {
  store::DisclosureRequest r;
  const std::string received = args.value("received").value_or("");
  const std::string applicant = args.value("applicant").value_or("");
  if (received.empty() || applicant.empty())
    throw ExitError{kUsage, "--received and --applicant are required"};
  r.ref = args.value("ref").value_or("");
  r.subject = args.value("subject").value_or("");
  r.note = args.value("note").value_or("");
  r.origin = "cli";
  if (auto p = validateRequest(r, received, applicant, args.value("outcome").value_or(""),
                               args.value("closed").value_or(""), todayOf(ctx));
      !p.empty())
    throw ExitError{kUsage, "--" + p};
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  const auto [id, fresh] = repo.upsertRequest(r, core::formatUtc(ctx.clock().now()));
  ctx.out << "pubtrack: " << (fresh ? "recorded" : "updated") << " request #" << id
          << (r.ref.empty() ? "" : " (" + r.ref + ")") << " received " << r.received.toString()
          << (r.closed ? ", closed " + r.closed->toString() + " (" + r.outcome + ")" : ", open")
          << "\n";
  return kOk;
}

int requestsImport(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give one CSV file"};
  CsvImport csv(args.positionals()[0],
                {{"received", {"收到日期", "申请日期", "收到申请日期"}, true},
                 {"applicant", {"申请人类型", "申请人"}, true},
                 {"ref", {"编号", "申请编号"}},
                 {"subject", {"申请内容", "内容"}},
                 {"outcome", {"办理结果", "结果"}},
                 {"closed", {"办结日期", "答复日期"}},
                 {"note", {"备注"}}});
  const core::Date today = todayOf(ctx);
  std::vector<store::DisclosureRequest> requests;
  std::map<std::string, int> refs;  // ref -> line, to refuse a number used twice in the file
  for (const auto& row : csv.rows()) {
    store::DisclosureRequest r;
    r.ref = csv.get(row, "ref");
    r.subject = csv.get(row, "subject");
    r.note = csv.get(row, "note");
    r.origin = csv.origin();
    if (auto p = validateRequest(r, csv.get(row, "received"), csv.get(row, "applicant"),
                                 csv.get(row, "outcome"), csv.get(row, "closed"), today);
        !p.empty()) {
      csv.problem(row, p);
      continue;
    }
    if (!r.ref.empty()) {
      auto [it, fresh] = refs.emplace(r.ref, row.line);
      if (!fresh) {
        csv.problem(row, "ref: '" + r.ref + "' is also on line " + std::to_string(it->second));
        continue;
      }
    }
    requests.push_back(std::move(r));
  }
  csv.finish(ctx);
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  const std::string now = core::formatUtc(ctx.clock().now());
  int64_t added = 0, updated = 0;
  store::Transaction tx(db);
  for (const auto& r : requests) (repo.upsertRequest(r, now).second ? added : updated) += 1;
  tx.commit();
  ctx.out << "pubtrack: imported " << requests.size() << " request"
          << (requests.size() == 1 ? "" : "s") << " from " << csv.file() << " (" << added
          << " new, " << updated << " updated)\n";
  return kOk;
}

int requestsClose(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1)
    throw ExitError{kUsage, "give the request's id or its ref (number)"};
  const std::string which = args.positionals()[0];
  const std::string outcome = args.value("outcome").value_or("");
  const std::string closed = args.value("closed").value_or("");
  if (outcome.empty() || closed.empty())
    throw ExitError{kUsage, "--outcome and --closed are required"};
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  auto r = repo.requestByRef(which);
  long long id = 0;
  if (!r && core::parseInt64(which, id) && id > 0) r = repo.request(id);
  if (!r) throw ExitError{kUsage, "no request with id or ref '" + which + "' (nothing changed)"};
  store::DisclosureRequest next = *r;
  if (auto p = validateRequest(next, r->received.toString(), r->applicant, outcome, closed,
                               todayOf(ctx));
      !p.empty())
    throw ExitError{kUsage, "--" + p};
  repo.closeRequest(r->id, next.outcome, *next.closed, core::formatUtc(ctx.clock().now()));
  ctx.out << "pubtrack: request #" << r->id << (r->ref.empty() ? "" : " (" + r->ref + ")")
          << " closed " << next.closed->toString() << " (" << next.outcome << ")\n";
  return kOk;
}

int requestsList(Context& ctx, const Args& args) {
  const Format format = args.format();
  std::optional<core::Date> from = args.date("from"), to = args.date("to");
  if (auto year = args.integer("year", 2000, 2100)) {
    from = core::Date::fromYmd(static_cast<int>(*year), 1, 1);
    to = core::Date::fromYmd(static_cast<int>(*year), 12, 31);
  }
  store::RegistersRepo repo(ctx.database());
  Table t;
  t.columns = {"id",      "ref",    "received", "applicant", "subject",
               "outcome", "closed", "result",   "origin"};
  for (const auto& r : repo.requests(from, to, args.has("open")))
    t.rows.push_back({Cell::num(r.id), Cell::optStr(r.ref), Cell::str(r.received.toString()),
                      Cell::str(r.applicant), Cell::optStr(r.subject), Cell::optStr(r.outcome),
                      Cell::optStr(r.closed ? r.closed->toString() : ""),
                      Cell::optStr(outcomeZh(r.outcome)), Cell::str(r.origin)});
  render(t, format, ctx.out);
  return kOk;
}

int requestsOutcomes(Context& ctx, const Args& args) {
  const Format format = args.format();
  Table t;
  t.columns = {"outcome", "group", "item", "layout"};
  for (const auto& o : model::outcomes())
    t.rows.push_back(
        {Cell::str(std::string(o.code)), Cell::str(std::string(o.group_zh)),
         Cell::optStr(std::string(o.item_zh)),
         Cell::str(o.layout_2021_only ? "2021 (2019: （六）其他处理)" : "2019, 2021")});
  render(t, format, ctx.out);
  return kOk;
}

namespace {

int yearOf(const Args& args) {
  const auto y = args.integer("year", 2000, 2100);
  if (!y) throw ExitError{kUsage, "--year is required"};
  return static_cast<int>(*y);
}

model::Layout layoutOf(const Args& args, int year) {
  if (const auto text = args.value("layout")) {
    const auto l = model::parseLayout(*text);
    if (!l) throw ExitError{kUsage, "--layout: expected 2019 or 2021, got '" + *text + "'"};
    return *l;
  }
  return model::defaultLayout(year);
}

// Checks one figure given as text; fills `value` or returns the problem ("key: ...").
std::string validateFigure(const std::string& key, const std::string& text, model::Layout layout,
                           int year, int64_t& value) {
  const auto unit = model::unitOf(key);
  if (!unit)
    return "key: unknown key '" + key + "' (`pubtrack figures list --year " + std::to_string(year) +
           "` shows every key)";
  if (!model::keyInLayout(key, layout))
    return "key: '" + key + "' is not a cell of the " + std::string(model::toString(layout)) +
           " layout used for " + std::to_string(year);
  std::string why;
  const auto v = model::parseCellValue(text, *unit, why);
  if (!v) return "value: " + why + ", got '" + text + "'";
  value = *v;
  return "";
}

}  // namespace

int figuresSet(Context& ctx, const Args& args) {
  const int year = yearOf(args);
  const auto layout = layoutOf(args, year);
  if (args.positionals().empty()) throw ExitError{kUsage, "give KEY=VALUE pairs"};
  std::vector<std::pair<std::string, int64_t>> values;
  for (const auto& p : args.positionals()) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) throw ExitError{kUsage, "expected KEY=VALUE, got '" + p + "'"};
    int64_t v = 0;
    const std::string key(core::trim(std::string_view(p).substr(0, eq)));
    if (auto problem = validateFigure(key, p.substr(eq + 1), layout, year, v); !problem.empty())
      throw ExitError{kUsage, problem + " (nothing was stored)"};
    values.emplace_back(key, v);
  }
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  const std::string now = core::formatUtc(ctx.clock().now());
  store::Transaction tx(db);
  for (const auto& [k, v] : values) repo.setFigure(year, k, v, "cli", now);
  tx.commit();
  ctx.out << "pubtrack: set " << values.size() << " figure" << (values.size() == 1 ? "" : "s")
          << " of " << year << "\n";
  return kOk;
}

int figuresImport(Context& ctx, const Args& args) {
  if (args.positionals().size() != 1) throw ExitError{kUsage, "give one CSV file"};
  CsvImport csv(args.positionals()[0], {{"year", {"年度"}, true},
                                        {"key", {"项目", "指标"}, true},
                                        {"value", {"数值", "数量"}, true},
                                        {"layout", {"格式"}}});
  struct Figure {
    int year;
    std::string key;
    int64_t value;
  };
  std::vector<Figure> figures;
  std::map<std::pair<int, std::string>, int> seen;
  for (const auto& row : csv.rows()) {
    long long year = 0;
    if (!core::parseInt64(csv.get(row, "year"), year) || year < 2000 || year > 2100) {
      csv.problem(row,
                  "year: expected a year from 2000 to 2100, got '" + csv.get(row, "year") + "'");
      continue;
    }
    auto layout = model::defaultLayout(static_cast<int>(year));
    if (!csv.get(row, "layout").empty()) {
      const auto l = model::parseLayout(csv.get(row, "layout"));
      if (!l) {
        csv.problem(row, "layout: expected 2019 or 2021, got '" + csv.get(row, "layout") + "'");
        continue;
      }
      layout = *l;
    }
    Figure f{static_cast<int>(year), csv.get(row, "key"), 0};
    if (auto p = validateFigure(f.key, csv.get(row, "value"), layout, f.year, f.value);
        !p.empty()) {
      csv.problem(row, p);
      continue;
    }
    auto [it, fresh] = seen.emplace(std::make_pair(f.year, f.key), row.line);
    if (!fresh) {
      csv.problem(row, "key: " + f.key + " of " + std::to_string(f.year) + " is also on line " +
                           std::to_string(it->second));
      continue;
    }
    figures.push_back(std::move(f));
  }
  csv.finish(ctx);
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  const std::string now = core::formatUtc(ctx.clock().now());
  store::Transaction tx(db);
  for (const auto& f : figures) repo.setFigure(f.year, f.key, f.value, csv.origin(), now);
  tx.commit();
  ctx.out << "pubtrack: imported " << figures.size() << " figure"
          << (figures.size() == 1 ? "" : "s") << " from " << csv.file() << "\n";
  return kOk;
}

int figuresList(Context& ctx, const Args& args) {
  const Format format = args.format();
  const int year = yearOf(args);
  const auto layout = layoutOf(args, year);
  store::RegistersRepo repo(ctx.database());
  const auto values = repo.figures(year);
  const auto origins = repo.figureOrigins(year);
  // Labels in the year's layout's own words (a key both layouts keep may read differently).
  std::map<std::string, std::string> labels;
  for (auto& c : model::tableCells(layout)) labels[c.key] = std::move(c.label_zh);
  Table t;
  t.columns = {"key", "value", "label", "origin"};
  for (const auto& key : model::figureKeys(layout)) {
    auto it = values.find(key);
    auto o = origins.find(key);
    t.rows.push_back(
        {Cell::str(key),
         it == values.end()
             ? Cell::none()
             : Cell{model::formatCellValue(it->second, *model::unitOf(key)), true, false},
         Cell::str(labels.count(key) ? labels[key] : model::figureLabelZh(key)),
         Cell::optStr(o == origins.end() ? "" : o->second)});
  }
  render(t, format, ctx.out);
  return kOk;
}

int figuresDelete(Context& ctx, const Args& args) {
  const int year = yearOf(args);
  if (args.positionals().empty()) throw ExitError{kUsage, "give the keys to delete"};
  auto& db = ctx.database();
  store::RegistersRepo repo(db);
  store::Transaction tx(db);
  for (const auto& key : args.positionals())
    if (!repo.deleteFigure(year, key))
      throw ExitError{
          kUsage, "no figure " + key + " for " + std::to_string(year) + " (nothing was deleted)"};
  tx.commit();
  ctx.out << "pubtrack: deleted " << args.positionals().size() << " figure"
          << (args.positionals().size() == 1 ? "" : "s") << " of " << year << "\n";
  return kOk;
}

}  // namespace pubtrack::app::cmd
