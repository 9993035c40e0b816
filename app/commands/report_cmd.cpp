// SPDX-License-Identifier: Apache-2.0
// report: the annual figures from the store, in the report's own phrasing and every format.
#include "app/commands/commands.h"
#include "core/strings.h"
#include "reports/annual_figures.h"
#include "reports/writers.h"
#include "store/database.h"

namespace pubtrack::app::cmd {

int report(Context& ctx, const Args& args) {
  applyToday(ctx, args);
  const auto& s = ctx.settings();
  reports::FigureRequest req;
  const auto year = args.integer("year", 2014, 9999);
  const auto from = args.date("from"), to = args.date("to");
  if (year && (from || to)) throw ExitError{kUsage, "give either --year or --from/--to, not both"};
  if (year) {
    req.year = static_cast<int>(*year);
    req.from = *core::Date::fromYmd(*req.year, 1, 1);
    req.to = *core::Date::fromYmd(*req.year, 12, 31);
  } else if (from && to) {
    if (*to < *from) throw ExitError{kUsage, "--to is before --from"};
    req.from = *from;
    req.to = *to;
  } else {
    throw ExitError{kUsage, "give --year Y, or --from D and --to D"};
  }
  if (const auto layout = args.value("layout")) {
    if (!req.year)
      throw ExitError{kUsage, "--layout: the tables are a calendar year's: give --year"};
    req.layout = model::parseLayout(*layout);
    if (!req.layout)
      throw ExitError{kUsage, "--layout: expected 2019 or 2021, got '" + *layout + "'"};
  }
  for (const auto& id : args.values("account")) {
    if (!s.account(id)) throw ExitError{kUsage, "--account: no [account." + id + "] configured"};
    req.accounts.push_back(id);
  }
  const std::string formatName = args.value("format").value_or("text");
  const auto format = reports::parseFormat(formatName);
  if (!format)
    throw ExitError{kUsage, "--format: expected text, markdown, json, csv, html or docx, got '" +
                                formatName + "'"};
  reports::RenderOptions opts;
  opts.lang = s.report.lang;
  if (const auto lang = args.value("lang")) {
    const auto parsed = model::parseLang(*lang);
    if (!parsed || (*lang != "zh" && *lang != "en"))
      throw ExitError{kUsage, "--lang: expected zh or en, got '" + *lang + "'"};
    opts.lang = *parsed;
  }
  opts.round_threshold = s.report.round_threshold;
  const auto out = args.value("out");
  if (*format == reports::Format::Docx && !out)
    throw ExitError{kUsage, "--format docx writes a file: give --out FILE.docx"};

  const auto figures = reports::computeFigures(ctx.database(), s, req, ctx.clock().now());
  const std::string body = reports::render(*format, figures, opts);
  if (!out) {
    ctx.out << body;
    if (!body.empty() && body.back() != '\n') ctx.out << "\n";
  } else {
    if (const auto error = writeFileAtomically(*out, body); !error.empty())
      throw ExitError{kFatal, error};
    ctx.out << "pubtrack: wrote " << *out << " (" << body.size() << " bytes)\n";
  }
  // Doubtful figures are listed in the report itself; say so on stderr too for the terminal.
  if (!figures.checks.empty() && (out || *format == reports::Format::Text))
    ctx.err << "pubtrack: " << figures.checks.size() << " check"
            << (figures.checks.size() == 1 ? "" : "s")
            << " make some figures doubtful (listed in the report under checks)\n";
  return kOk;
}

}  // namespace pubtrack::app::cmd
