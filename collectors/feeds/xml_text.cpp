// SPDX-License-Identifier: Apache-2.0
// Entity decoding with a bounded expansion budget, and HTML-to-text for titles.
#include "collectors/feeds/xml_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "collectors/feeds/html_entities.h"
#include "core/strings.h"

namespace pubtrack::feeds {
namespace {

constexpr size_t kMaxWarnings = 32;
constexpr size_t kMaxEntities = 1000;
constexpr int kMaxEntityDepth = 16;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::optional<char32_t> predefined(std::string_view name) {
  if (name == "amp") return U'&';
  if (name == "lt") return U'<';
  if (name == "gt") return U'>';
  if (name == "quot") return U'"';
  if (name == "apos") return U'\'';
  return std::nullopt;
}

// Windows-1252 for &#128;..&#159;, as HTML parsers read them.
char32_t fixC1(char32_t cp) {
  static constexpr char32_t kMap[32] = {
      0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
      0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  return cp >= 0x80 && cp <= 0x9F ? kMap[cp - 0x80] : cp;
}

// Parses "&#123;" / "&#x1F;" / "&name;" at raw[i] == '&'. On success sets `end` past the
// reference, `name` (for named ones) or `cp` (numeric). `terminated` tells whether ';' was seen.
struct EntityRef {
  bool ok = false;
  bool numeric = false;
  bool terminated = false;
  std::string_view name;
  char32_t cp = 0;
  size_t end = 0;
};

EntityRef scanEntity(std::string_view raw, size_t i) {
  EntityRef r;
  size_t j = i + 1;
  const size_t n = raw.size();
  if (j < n && raw[j] == '#') {
    ++j;
    bool hex = false;
    if (j < n && (raw[j] == 'x' || raw[j] == 'X')) {
      hex = true;
      ++j;
    }
    const size_t digits = j;
    uint32_t v = 0;
    while (j < n) {
      const char c = raw[j];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      if (v <= 0x10FFFF) v = v * (hex ? 16u : 10u) + static_cast<uint32_t>(d);
      ++j;
    }
    if (j == digits) return r;
    r.ok = r.numeric = true;
    r.cp = v;
    r.terminated = j < n && raw[j] == ';';
    r.end = r.terminated ? j + 1 : j;
    return r;
  }
  const size_t name_begin = j;
  while (j < n && j - name_begin < 40 &&
         (isAlnum(raw[j]) || raw[j] == '_' || raw[j] == '-' || raw[j] == '.' || raw[j] == ':'))
    ++j;
  if (j == name_begin) return r;
  r.name = raw.substr(name_begin, j - name_begin);
  r.terminated = j < n && raw[j] == ';';
  r.ok = true;
  r.end = r.terminated ? j + 1 : j;
  return r;
}

}  // namespace

const DtdEntities::Entry* DtdEntities::find(std::string_view name) const {
  for (const auto& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

void parseDoctype(std::string_view body, DtdEntities& out, std::vector<std::string>& warnings) {
  size_t i = 0;
  while ((i = body.find("<!ENTITY", i)) != std::string_view::npos) {
    i += 8;
    auto skip = [&] {
      while (i < body.size() && isSpace(body[i])) ++i;
    };
    skip();
    if (i < body.size() && body[i] == '%') continue;  // parameter entities: ignored
    const size_t nb = i;
    while (i < body.size() && !isSpace(body[i]) && body[i] != '>') ++i;
    DtdEntities::Entry e;
    e.name = std::string(body.substr(nb, i - nb));
    skip();
    if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
      const char q = body[i++];
      const size_t close = body.find(q, i);
      if (close == std::string_view::npos) break;
      e.value = std::string(body.substr(i, close - i));
      i = close + 1;
    } else {
      e.external = true;  // SYSTEM or PUBLIC: never fetched, never read
      if (warnings.size() < kMaxWarnings)
        warnings.push_back("external entity '" + e.name + "' declared; it is not loaded");
    }
    if (out.entries.size() >= kMaxEntities) {
      if (warnings.size() < kMaxWarnings) warnings.push_back("too many DTD entities");
      break;
    }
    if (!e.name.empty() && !out.find(e.name)) out.entries.push_back(std::move(e));
  }
}

TextDecoder::TextDecoder(std::string_view doc, const DtdEntities& dtd, size_t entity_budget,
                         std::vector<std::string>& warnings)
    : doc_(doc), dtd_(dtd), budget_(entity_budget), warnings_(warnings) {}

size_t TextDecoder::lineOf(const char* where) {
  if (where < doc_.data() || where > doc_.data() + doc_.size()) return 0;
  const auto offset = static_cast<size_t>(where - doc_.data());
  if (offset < line_offset_) {
    line_offset_ = 0;
    line_ = 1;
  }
  line_ += static_cast<size_t>(std::count(doc_.data() + line_offset_, doc_.data() + offset, '\n'));
  line_offset_ = offset;
  return line_;
}

void TextDecoder::warn(std::string_view what, const char* where) {
  if (warnings_.size() >= kMaxWarnings) return;
  std::string w(what);
  if (const size_t line = lineOf(where)) w += " at line " + std::to_string(line);
  if (std::find(warnings_.begin(), warnings_.end(), w) == warnings_.end())
    warnings_.push_back(std::move(w));
}

void TextDecoder::entity(std::string_view raw, size_t& i, std::string& out, int depth) {
  const EntityRef r = scanEntity(raw, i);
  if (!r.ok) {
    warn("unescaped '&'", raw.data() + i);
    out.push_back('&');
    ++i;
    return;
  }
  if (r.numeric) {
    if (!r.terminated) warn("character reference without ';'", raw.data() + i);
    core::appendUtf8(out, fixC1(r.cp));
    i = r.end;
    return;
  }
  if (!r.terminated) {
    // "&b=2" in a URL: not a reference. HTML would still read "&amp" or "&copy".
    warn("unescaped '&'", raw.data() + i);
    out.push_back('&');
    ++i;
    return;
  }
  if (auto cp = predefined(r.name)) {
    core::appendUtf8(out, *cp);
    i = r.end;
    return;
  }
  if (const auto* e = dtd_.find(r.name)) {
    // Every reference costs a byte of the budget, whatever it expands to: references to
    // external or empty entities otherwise cost nothing, and nested ten by ten they number in
    // the billions.
    constexpr size_t cost = 1;
    i = r.end;
    if (depth >= kMaxEntityDepth || budget_ < cost) {
      budget_ = 0;
      if (!budget_warned_) {
        budget_warned_ = true;
        warn("entity expansion limit reached", nullptr);
      }
      return;
    }
    budget_ -= cost;
    if (e->external) {
      warn("external entity '&" + std::string(r.name) + ";' not loaded", raw.data());
      return;
    }
    const size_t before = out.size();
    decode(e->value, out, true, depth + 1);
    const size_t grown = out.size() - before;
    if (grown > budget_) {
      size_t cut = before + budget_;
      while (cut > before && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
      out.resize(cut);  // on a character boundary
      budget_ = 0;
    } else {
      budget_ -= grown;
    }
    return;
  }
  if (auto cp = lookupHtmlEntity(r.name)) {
    warn("undefined entity '&" + std::string(r.name) + ";' read as HTML", raw.data() + i);
    core::appendUtf8(out, *cp);
    i = r.end;
    return;
  }
  warn("undefined entity '&" + std::string(r.name) + ";'", raw.data() + i);
  out.append(raw.substr(i, r.end - i));  // kept literally, as feedparser does
  i = r.end;
}

void TextDecoder::decode(std::string_view raw, std::string& out, bool markup, int depth) {
  size_t i = 0;
  const size_t n = raw.size();
  while (i < n) {
    // Copy the plain run up to the next '&' or '<'.
    size_t j = i;
    while (j < n && raw[j] != '&' && raw[j] != '<') ++j;
    out.append(raw.data() + i, j - i);
    i = j;
    if (i >= n) break;
    if (raw[i] == '&') {
      entity(raw, i, out, depth);
      continue;
    }
    if (!markup) {
      out.push_back('<');
      ++i;
      continue;
    }
    const std::string_view rest = raw.substr(i);
    if (rest.starts_with("<![CDATA[")) {
      const size_t close = raw.find("]]>", i + 9);
      const size_t stop = close == std::string_view::npos ? n : close;
      out.append(raw.data() + i + 9, stop - i - 9);
      i = close == std::string_view::npos ? n : close + 3;
      continue;
    }
    if (rest.starts_with("<![")) {  // truncated CDATA opener
      const size_t close = raw.find('>', i);
      i = close == std::string_view::npos ? n : close + 1;
      continue;
    }
    if (rest.starts_with("<!--")) {
      const size_t close = raw.find("-->", i + 4);
      i = close == std::string_view::npos ? n : close + 3;
      continue;
    }
    // A tag: copied verbatim (it is markup the field carries, like XHTML content).
    const size_t close = raw.find('>', i);
    const size_t stop = close == std::string_view::npos ? n : close + 1;
    out.append(raw.data() + i, stop - i);
    i = stop;
  }
}

void TextDecoder::content(std::string_view raw, std::string& out) { decode(raw, out, true, 0); }
void TextDecoder::text(std::string_view raw, std::string& out) { decode(raw, out, false, 0); }

bool looksLikeHtml(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (i + 1 >= s.size()) break;
    const char c = s[i + 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!') return true;
  }
  return false;
}

std::string collapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (isSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string htmlToText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    const char c = html[i];
    if (c == '<') {
      const std::string_view rest = html.substr(i);
      if (rest.starts_with("<![CDATA[")) {
        const size_t close = html.find("]]>", i + 9);
        const size_t stop = close == std::string_view::npos ? n : close;
        text.append(html.data() + i + 9, stop - i - 9);
        i = close == std::string_view::npos ? n : close + 3;
        continue;
      }
      if (rest.starts_with("<!--")) {
        const size_t close = html.find("-->", i + 4);
        i = close == std::string_view::npos ? n : close + 3;
        continue;
      }
      if (i + 1 < n && (std::isalpha(static_cast<unsigned char>(html[i + 1])) ||
                        html[i + 1] == '/' || html[i + 1] == '!' || html[i + 1] == '?')) {
        const size_t close = html.find('>', i);
        i = close == std::string_view::npos ? n : close + 1;
        continue;
      }
      text.push_back(c);
      ++i;
      continue;
    }
    if (c == '&') {
      const EntityRef r = scanEntity(html, i);
      if (r.ok && r.numeric) {
        core::appendUtf8(text, fixC1(r.cp));
        i = r.end;
        continue;
      }
      if (r.ok && r.terminated) {
        if (auto cp = predefined(r.name)) {
          core::appendUtf8(text, *cp);
          i = r.end;
          continue;
        }
        if (auto cp = lookupHtmlEntity(r.name)) {
          core::appendUtf8(text, *cp);
          i = r.end;
          continue;
        }
      }
    }
    text.push_back(c);
    ++i;
  }
  return collapseWhitespace(text);
}

}  // namespace pubtrack::feeds
