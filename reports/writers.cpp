// SPDX-License-Identifier: Apache-2.0
// The text and Markdown writers, and the format dispatch used by `pubtrack report --format`.
#include "reports/writers.h"

#include "core/strings.h"
#include "reports/labels.h"
#include "reports/narrative.h"
#include "reports/render_model.h"

namespace pubtrack::reports {

namespace {

// Markdown link target: only safe http(s) URLs, with the characters that end a link encoded.
std::string markdownUrl(const std::string& url) {
  std::string out;
  for (char c : url) {
    switch (c) {
      case '(':
        out += "%28";
        break;
      case ')':
        out += "%29";
        break;
      case '[':
        out += "%5B";
        break;
      case ']':
        out += "%5D";
        break;
      case '|':
        out += "%7C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdownCell(const detail::Cell& c) {
  const std::string t = core::markdownEscape(detail::cleanText(c.text));
  if (c.url.empty()) return t.empty() ? " " : t;
  return "[" + t + "](" + markdownUrl(c.url) + ")";
}

void markdownTable(std::string& out, const detail::Table& t) {
  out += "**" + core::markdownEscape(t.caption) + "**\n\n|";
  for (const auto& h : t.header) out += " " + core::markdownEscape(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.header.size(); ++i)
    out += (i < t.numeric.size() && t.numeric[i]) ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& c : row) out += " " + markdownCell(c) + " |";
    out += "\n";
  }
  out += "\n";
}

// A cell of an official table: the Chinese text, the English gloss in brackets.
std::string markdownFormCell(const detail::FormCell& c, bool bold) {
  std::string t = c.text;
  if (!c.gloss.empty()) t += t.empty() ? c.gloss : " (" + c.gloss + ")";
  t = core::markdownEscape(detail::cleanText(t));
  if (t.empty()) return " ";
  return bold ? "**" + t + "**" : t;
}

// Markdown has no merged cells: a merged cell's text is written where it starts and the cells it
// covers are left empty. Grid columns where no cell starts (表二 2019's finer grid) are dropped;
// the header rows after the first are written bold.
void markdownOfficialTable(std::string& out, const detail::OfficialTable& t) {
  if (!t.note.empty()) out += "**" + core::markdownEscape(t.note) + "**\n\n";
  const auto grid = detail::gridOf(t);
  const size_t cols = t.widths.size();
  std::vector<size_t> keep;
  std::vector<bool> numeric;
  for (size_t c = 0; c < cols; ++c) {
    bool starts = false, value = false;
    for (const auto& row : grid) {
      if (row[c].cell && row[c].origin && row[c].first_col) starts = true;
      if (row[c].cell && !row[c].cell->key.empty()) value = true;
    }
    if (starts) {
      keep.push_back(c);
      numeric.push_back(value);
    }
  }
  for (size_t r = 0; r < grid.size(); ++r) {
    out += "|";
    for (size_t c : keep) {
      const auto& slot = grid[r][c];
      const bool shown = slot.cell && slot.origin && slot.first_col;
      out += " " + (shown ? markdownFormCell(*slot.cell, r > 0 && slot.cell->header) : " ") + " |";
    }
    out += "\n";
    if (r == 0) {
      out += "|";
      for (bool n : numeric) out += n ? " ---: |" : " --- |";
      out += "\n";
    }
  }
  out += "\n";
  if (!t.legend.empty()) out += core::markdownEscape(t.legend) + "\n\n";
}

std::string renderAnnualMarkdown(const Figures& f, const RenderOptions& o) {
  const auto report = detail::buildAnnualReport(f, o.lang, o.round_threshold);
  std::string out = "# " + core::markdownEscape(report.title) + "\n\n";
  out += core::markdownEscape(report.subtitle) + "\n\n";
  for (const auto& s : report.sections) {
    out += "## " + core::markdownEscape(s.heading) + "\n\n";
    for (const auto& p : s.paragraphs) out += core::markdownEscape(detail::cleanText(p)) + "\n\n";
    for (const auto& t : s.topics) {
      out += "### " + core::markdownEscape(t.heading) + "\n\n";
      out += "> " + core::markdownEscape(t.placeholder) + "\n\n";
    }
    for (const auto& p : s.placeholders) out += "> " + core::markdownEscape(p) + "\n\n";
    if (s.table) markdownOfficialTable(out, *s.table);
  }
  if (report.appendix.empty()) return out;
  out += "## " + core::markdownEscape(report.appendix_heading) + "\n\n";
  for (const auto& s : report.appendix) {
    out += "### " + core::markdownEscape(s.heading) + "\n\n";
    for (const auto& n : s.notes) out += core::markdownEscape(n) + "\n\n";
    for (const auto& t : s.tables) markdownTable(out, t);
  }
  return out;
}

}  // namespace

std::string renderText(const Figures& f, const RenderOptions& o) {
  const auto paras = narrativeParagraphs(f, o.lang, o.round_threshold);
  std::string out;
  if (!paras.empty()) out = detail::cleanText(core::join(paras, "\n\n")) + "\n";
  if (f.checks.empty()) return out;
  // The checks after the narrative, set apart so that it can still be pasted on its own.
  const bool en = o.lang == Lang::En;
  if (!out.empty()) out += "\n";
  out +=
      en ? "Data checks (" + std::to_string(f.checks.size()) +
               "; review before publishing, not part of the text):\n"
         : "数据核查（共" + std::to_string(f.checks.size()) + "项，发布前请核实，不属于正文）：\n";
  for (const auto& c : f.checks) {
    const std::string& message = !en && !c.message_zh.empty() ? c.message_zh : c.message;
    std::string line = en ? "- [" + checkTitle(c.kind, o.lang) + "] " + c.source + ": " + message
                          : "- 【" + checkTitle(c.kind, o.lang) + "】" + c.source + "：" + message;
    for (auto& ch : line)
      if (ch == '\n' || ch == '\r') ch = ' ';  // one line each, whatever an error message holds
    out += detail::cleanText(line) + "\n";
  }
  return out;
}

std::string renderMarkdown(const Figures& f, const RenderOptions& o) {
  if (f.tables) return renderAnnualMarkdown(f, o);
  const Lang L = o.lang;
  std::string out = "# " + core::markdownEscape(detail::reportTitle(f, L)) + "\n\n";
  out += core::markdownEscape(detail::reportSubtitle(f, L)) + "\n\n";
  const auto paras = narrativeParagraphs(f, L, o.round_threshold);
  if (!paras.empty()) {
    out += L == Lang::En ? "## Summary\n\n" : "## 概述\n\n";
    for (const auto& p : paras) out += core::markdownEscape(detail::cleanText(p)) + "\n\n";
  }
  for (const auto& s : detail::buildSections(f, L, o.round_threshold)) {
    out += "## " + core::markdownEscape(s.heading) + "\n\n";
    for (const auto& n : s.notes) out += core::markdownEscape(n) + "\n\n";
    for (const auto& t : s.tables) markdownTable(out, t);
  }
  return out;
}

std::optional<Format> parseFormat(std::string_view name) {
  const std::string n = core::toLowerAscii(name);
  if (n == "text" || n == "txt") return Format::Text;
  if (n == "markdown" || n == "md") return Format::Markdown;
  if (n == "json") return Format::Json;
  if (n == "csv") return Format::Csv;
  if (n == "html") return Format::Html;
  if (n == "docx") return Format::Docx;
  return std::nullopt;
}

std::string_view fileExtension(Format format) {
  switch (format) {
    case Format::Text:
      return "txt";
    case Format::Markdown:
      return "md";
    case Format::Json:
      return "json";
    case Format::Csv:
      return "csv";
    case Format::Html:
      return "html";
    case Format::Docx:
      return "docx";
  }
  return "txt";
}

std::string render(Format format, const Figures& f, const RenderOptions& o) {
  switch (format) {
    case Format::Text:
      return renderText(f, o);
    case Format::Markdown:
      return renderMarkdown(f, o);
    case Format::Json:
      return renderJson(f, o);
    case Format::Csv:
      return renderCsv(f, o);
    case Format::Html:
      return renderHtml(f, o);
    case Format::Docx:
      return renderDocx(f, o);
  }
  return {};
}

}  // namespace pubtrack::reports
