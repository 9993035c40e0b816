// SPDX-License-Identifier: Apache-2.0
// Normalisation used by the mention matcher and de-duplication.
#include "collectors/mentions/text_normalize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "core/strings.h"

namespace pubtrack::mentions {

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes give U+FFFD.
uint32_t nextCodePoint(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80             ? 1
             : (c & 0xE0) == 0xC0 ? 2
             : (c & 0xF0) == 0xE0 ? 3
             : (c & 0xF8) == 0xF0 ? 4
                                  : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += n;
  return cp;
}

struct Named {
  std::string_view name;
  uint32_t cp;
};
// The entities that occur in Chinese and English news text; the feed parser already decoded
// XML's own. Sorted by name for binary search.
constexpr std::array<Named, 40> kNamed = {{
    {"amp", '&'},      {"apos", '\''},     {"bull", 0x2022},  {"cent", 0xA2},
    {"copy", 0xA9},    {"deg", 0xB0},      {"divide", 0xF7},  {"emsp", 0x2003},
    {"ensp", 0x2002},  {"euro", 0x20AC},   {"gt", '>'},       {"hellip", 0x2026},
    {"iexcl", 0xA1},   {"laquo", 0xAB},    {"ldquo", 0x201C}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", '<'},        {"mdash", 0x2014}, {"middot", 0xB7},
    {"nbsp", 0xA0},    {"ndash", 0x2013},  {"para", 0xB6},    {"plusmn", 0xB1},
    {"pound", 0xA3},   {"quot", '"'},      {"raquo", 0xBB},   {"rdquo", 0x201D},
    {"reg", 0xAE},     {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sect", 0xA7},
    {"shy", 0xAD},     {"thinsp", 0x2009}, {"times", 0xD7},   {"trade", 0x2122},
    {"yen", 0xA5},     {"zwj", 0x200D},    {"zwnj", 0x200C},  {"zwsp", 0x200B},
}};

bool isSpaceCp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

// Inline elements: rich-text editors wrap parts of a word in them ("深圳<span>国资委</span>"),
// so unlike block elements and <br> they must not become a space.
bool isInlineTag(std::string_view tag) {
  static constexpr std::array<std::string_view, 27> kInline = {
      "a",    "abbr",  "b",    "bdi",    "bdo",    "big", "cite", "code", "del",
      "dfn",  "em",    "font", "i",      "ins",    "kbd", "mark", "q",    "s",
      "samp", "small", "span", "strike", "strong", "sub", "sup",  "u",    "var"};
  return std::find(kInline.begin(), kInline.end(), tag) != kInline.end();
}

// Whether `s` holds `word` (lower-case ASCII) at `pos`, in any case.
bool startsWithNoCase(std::string_view s, size_t pos, std::string_view word) {
  if (pos > s.size() || s.size() - pos < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    char c = s[pos + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

// The lower-case element name of the tag that starts at html[i] ('<'), cut to 15 characters
// (no element whose name matters is longer); "" when none.
std::string tagName(std::string_view html, size_t i) {
  size_t k = i + 1;
  if (k < html.size() && html[k] == '/') ++k;
  const size_t start = k;
  while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k]))) ++k;
  return core::toLowerAscii(html.substr(start, std::min<size_t>(k - start, 15)));
}

bool isPunctuationCp(uint32_t cp) {
  if (cp < 0x80)
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0x2010 && cp <= 0x206F) ||  // general punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation: 、。《》「」【】
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xB7 ||
         isSpaceCp(cp);
}

}  // namespace

std::string decodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      // Copy up to the next '&' at once: most text has no entity at all.
      const size_t amp = std::min(s.find('&', i), s.size());
      out.append(s, i, amp - i);
      i = amp;
      continue;
    }
    const size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!ent.empty() && ent[0] == '#') {
      uint32_t cp = 0;
      bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      std::string_view digits = ent.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        int v = (c >= '0' && c <= '9')          ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (v < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
      if (ok) {
        core::appendUtf8(out, cp);
        done = true;
      }
    } else {
      auto it = std::lower_bound(kNamed.begin(), kNamed.end(), ent,
                                 [](const Named& n, std::string_view k) { return n.name < k; });
      if (it != kNamed.end() && it->name == ent) {
        core::appendUtf8(out, it->cp);
        done = true;
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string htmlToText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const size_t lt = std::min(html.find('<', i), html.size());
      text.append(html, i, lt - i);
      i = lt;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    // Skip script/style bodies entirely (to their closing tag, or the end when unclosed).
    std::string_view closing;
    if (startsWithNoCase(html, i + 1, "script")) closing = "</script";
    if (startsWithNoCase(html, i + 1, "style")) closing = "</style";
    if (!closing.empty()) {
      size_t c = end;
      while ((c = html.find('<', c)) != std::string_view::npos &&
             !startsWithNoCase(html, c, closing))
        ++c;
      const size_t gt = c == std::string_view::npos ? c : html.find('>', c);
      end = gt == std::string_view::npos ? html.size() - 1 : gt;
    }
    if (!isInlineTag(tagName(html, i))) text += ' ';
    i = end + 1;
  }
  std::string decoded = decodeEntities(text);
  // Collapse whitespace.
  std::string out;
  out.reserve(decoded.size());
  bool space = true;
  for (size_t i = 0; i < decoded.size();) {
    const auto c = static_cast<unsigned char>(decoded[i]);
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      out += static_cast<char>(c);  // ASCII that is no space: as it is
      ++i;
      space = false;
      continue;
    }
    const size_t start = i;
    const uint32_t cp = nextCodePoint(decoded, i);
    if (isSpaceCp(cp)) {
      if (!space) out += ' ';
      space = true;
    } else {
      out.append(decoded, start, i - start);
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string foldForMatch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = true;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);  // ASCII fast path
      ++i;
      space = false;
      continue;
    }
    const size_t start = i;
    uint32_t cp = nextCodePoint(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (isSpaceCp(cp)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    if (cp < 0x80)
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    else if (cp == 0xFFFD)
      core::appendUtf8(out, cp);  // an invalid byte becomes U+FFFD
    else
      out.append(text, start, i - start);  // unchanged: its own bytes, not re-encoded
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normalizeTitle(std::string_view title) {
  std::string folded = foldForMatch(decodeEntities(title));
  // Drop a trailing outlet suffix: "标题 - 人民网", "标题_新华网", "标题|央视网".
  for (std::string_view sep : {" - ", "_", "|", " — ", "--"}) {
    const size_t pos = folded.rfind(sep);
    if (pos != std::string::npos && pos > 0) {
      const std::string tail = folded.substr(pos + sep.size());
      if (core::utf8Length(tail) <= 8 && core::utf8Length(folded.substr(0, pos)) >= 6) {
        folded.resize(pos);
        break;
      }
    }
  }
  std::string out;
  for (size_t i = 0; i < folded.size();) {
    const size_t start = i;
    const uint32_t cp = nextCodePoint(folded, i);
    if (!isPunctuationCp(cp)) out.append(folded, start, i - start);
  }
  return out;
}

std::string normalizeUrl(std::string_view url) {
  std::string u(core::trim(url));
  if (const size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  std::string rest = u;
  if (const size_t scheme = u.find("://"); scheme != std::string::npos) rest = u.substr(scheme + 3);
  const size_t pathStart = rest.find_first_of("/?");
  std::string host = core::toLowerAscii(rest.substr(0, pathStart));
  std::string path = pathStart == std::string::npos ? "" : rest.substr(pathStart);
  if (const size_t colon = host.rfind(':');
      colon != std::string::npos && (host.substr(colon) == ":80" || host.substr(colon) == ":443"))
    host.resize(colon);
  for (std::string_view prefix : {"www.", "m.", "wap.", "mobile."}) {
    if (core::startsWith(host, prefix) && host.find('.', prefix.size()) != std::string::npos) {
      host = host.substr(prefix.size());
      break;
    }
  }
  std::string query;
  if (const size_t q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path.resize(q);
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/") path.clear();
  std::vector<std::string> kept;
  for (const auto& param : core::splitList(query, '&')) {
    const std::string key = core::toLowerAscii(param.substr(0, param.find('=')));
    static const std::array<std::string_view, 14> kTracking = {
        "spm",     "from",           "share_token", "sharer", "share_from", "scene", "clicktime",
        "enterid", "isappinstalled", "fbclid",      "gclid",  "wfr",        "ref",   "source"};
    if (core::startsWith(key, "utm_") ||
        std::find(kTracking.begin(), kTracking.end(), key) != kTracking.end())
      continue;
    kept.push_back(param);
  }
  std::sort(kept.begin(), kept.end());
  std::string out = host + path;
  if (!kept.empty()) out += "?" + core::join(kept, "&");
  return out;
}

}  // namespace pubtrack::mentions
