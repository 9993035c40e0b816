// SPDX-License-Identifier: Apache-2.0
// The text and Markdown writers, and the format dispatch used by `pubtrack report --format`.
#include "reports/writers.h"

#include "core/strings.h"
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

}  // namespace

std::string renderText(const Figures& f, const RenderOptions& o) {
  const auto paras = narrativeParagraphs(f, o.lang, o.round_threshold);
  if (paras.empty()) return {};
  return detail::cleanText(core::join(paras, "\n\n")) + "\n";
}

std::string renderMarkdown(const Figures& f, const RenderOptions& o) {
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
