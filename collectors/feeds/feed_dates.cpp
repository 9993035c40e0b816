// SPDX-License-Identifier: Apache-2.0
// Feed date parsing: one numeric ISO-like path, one Chinese path and one word-based RFC 822 path.
#include "collectors/feeds/feed_dates.h"

#include <array>
#include <cstdint>
#include <string>

namespace pubtrack::feeds {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Reads up to `max` digits at `pos`; returns the count read (0 if none).
size_t readNumber(std::string_view s, size_t& pos, int& out, size_t max = 9) {
  size_t n = 0;
  int v = 0;
  while (pos < s.size() && n < max && isDigit(s[pos])) {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  if (n) out = v;
  return n;
}

void skipSpaces(std::string_view s, size_t& pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n'))
    ++pos;
}

struct Fields {
  int year = -1, month = -1, day = -1;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset_minutes;
};

std::optional<core::TimePoint> build(const Fields& f, core::UtcOffset default_offset) {
  int year = f.year;
  if (year < 0 || f.month < 1 || f.day < 1) return std::nullopt;
  if (year < 100) year += year < 69 ? 2000 : 1900;  // RFC 2822 section 4.3
  // system_clock counts int64 nanoseconds: only about 1677-09-21 .. 2262-04-11 fits.
  if (year < 1678 || year > 2261) return std::nullopt;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  const auto date = core::Date::fromYmd(year, f.month, f.day);
  if (!date) return std::nullopt;
  const core::UtcOffset offset{f.offset_minutes.value_or(default_offset.minutes)};
  return core::instantOf(*date, f.hour, f.minute, f.second == 60 ? 59 : f.second, offset);
}

// "Z", "+08:00", "+0800", "+08", "-0000" at pos (after optional spaces). False if none.
bool readNumericZone(std::string_view s, size_t& pos, std::optional<int>& out) {
  size_t p = pos;
  skipSpaces(s, p);
  if (p >= s.size()) return false;
  if (s[p] == 'Z' || s[p] == 'z') {
    if (p + 1 < s.size() && isAlpha(s[p + 1])) return false;
    out = 0;
    pos = p + 1;
    return true;
  }
  if (s[p] != '+' && s[p] != '-') return false;
  const int sign = s[p] == '-' ? -1 : 1;
  ++p;
  int hh = 0, mm = 0;
  const size_t n = readNumber(s, p, hh, 4);
  if (n == 4) {
    mm = hh % 100;
    hh /= 100;
  } else if (n == 2 || n == 1) {
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (readNumber(s, p, mm, 2) != 2) return false;
    }
  } else {
    return false;
  }
  if (hh > 14 || mm > 59) return false;
  out = sign * (hh * 60 + mm);
  pos = p;
  return true;
}

struct NamedZone {
  std::string_view name;
  int minutes;
};
constexpr std::array<NamedZone, 24> kZones{
    {{"ut", 0},        {"utc", 0},       {"gmt", 0},        {"z", 0},          {"est", -5 * 60},
     {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},  {"mst", -7 * 60},  {"mdt", -6 * 60},
     {"pst", -8 * 60}, {"pdt", -7 * 60}, {"akst", -9 * 60}, {"akdt", -8 * 60}, {"hst", -10 * 60},
     {"ast", -4 * 60}, {"adt", -3 * 60}, {"cet", 60},       {"cest", 120},     {"bst", 60},
     {"jst", 9 * 60},  {"kst", 9 * 60},  {"hkt", 8 * 60},   {"sgt", 8 * 60}}};

std::optional<int> namedZone(std::string_view word) {
  for (const auto& z : kZones)
    if (iequals(word, z.name)) return z.minutes;
  return std::nullopt;
}

// English, Portuguese, Italian, French, Spanish and German month names and abbreviations.
int monthFromWord(std::string_view word) {
  static constexpr std::array<std::array<std::string_view, 8>, 12> kMonths{{
      {"jan", "january", "janeiro", "gen", "gennaio", "janvier", "enero", "januar"},
      {"feb", "february", "fev", "fevereiro", "febbraio", "fevrier", "febrero", "februar"},
      {"mar", "march", "marco", "marzo", "mars", "marz", "mär", "märz"},
      {"apr", "april", "abr", "abril", "aprile", "avr", "avril", ""},
      {"may", "mai", "maio", "mag", "maggio", "mayo", "", ""},
      {"jun", "june", "junho", "giu", "giugno", "juin", "junio", "juni"},
      {"jul", "july", "julho", "lug", "luglio", "juil", "juillet", "julio"},
      {"aug", "august", "ago", "agosto", "aou", "aout", "", ""},
      {"sep", "sept", "september", "set", "setembro", "settembre", "septembre", "septiembre"},
      {"oct", "october", "out", "outubro", "ott", "ottobre", "octobre", "okt"},
      {"nov", "november", "novembro", "novembre", "noviembre", "", "", ""},
      {"dec", "december", "dez", "dezembro", "dic", "dicembre", "decembre", "diciembre"},
  }};
  if (word.empty()) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m)
    for (std::string_view name : kMonths[m])
      if (!name.empty() && iequals(word, name)) return static_cast<int>(m) + 1;
  // "Sept.", "Juli" and other long forms: accept the first three letters of English names.
  return 0;
}

// HH:MM[:SS[.frac]] at pos; false if not a time.
bool readTime(std::string_view s, size_t& pos, Fields& f) {
  size_t p = pos;
  int hh = 0, mm = 0, ss = 0;
  const size_t nh = readNumber(s, p, hh, 2);
  if (nh == 0 || p >= s.size() || s[p] != ':') return false;
  ++p;
  if (readNumber(s, p, mm, 2) != 2) return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (readNumber(s, p, ss, 2) != 2) return false;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      while (p < s.size() && isDigit(s[p])) ++p;
    }
  }
  f.hour = hh;
  f.minute = mm;
  f.second = ss;
  pos = p;
  return true;
}

// Applies "AM"/"PM" to the hour read before it.
bool applyMeridiem(std::string_view word, Fields& f) {
  std::string w;
  for (char c : word)
    if (c != '.') w.push_back(lower(c));
  if (w != "am" && w != "pm") return false;
  if (f.hour < 1 || f.hour > 12) return true;
  if (w == "am" && f.hour == 12) f.hour = 0;
  if (w == "pm" && f.hour != 12) f.hour += 12;
  return true;
}

// "2024-01-10T08:00:00.5+08:00", "2005-5-28 16:05:36", "2020/1/10 14:33", "2004-12-13".
std::optional<core::TimePoint> parseNumeric(std::string_view s, core::UtcOffset def) {
  Fields f;
  size_t p = 0;
  if (readNumber(s, p, f.year, 4) != 4 || p >= s.size()) return std::nullopt;
  const char sep = s[p];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++p;
  if (readNumber(s, p, f.month, 2) == 0) return std::nullopt;
  if (p < s.size() && s[p] == sep) {
    ++p;
    if (readNumber(s, p, f.day, 2) == 0) return std::nullopt;
  } else {
    f.day = 1;  // "2024-01": the month
  }
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    size_t q = p + 1;
    skipSpaces(s, q);
    if (readTime(s, q, f)) {
      p = q;
      skipSpaces(s, q);
      size_t r = q;
      // "02:02:33 PM"
      while (r < s.size() && (isAlpha(s[r]) || s[r] == '.')) ++r;
      if (r > q && applyMeridiem(s.substr(q, r - q), f)) p = r;
    }
  }
  std::optional<int> zone;
  if (readNumericZone(s, p, zone)) {
    f.offset_minutes = zone;
  } else {
    size_t q = p;
    skipSpaces(s, q);
    size_t r = q;
    while (r < s.size() && isAlpha(s[r])) ++r;
    if (r > q) {
      if (auto z = namedZone(s.substr(q, r - q))) {
        f.offset_minutes = *z;
        p = r;
      }
    }
  }
  skipSpaces(s, p);
  if (p != s.size()) return std::nullopt;
  return build(f, def);
}

// "2024年1月10日 08:00", optionally with seconds.
std::optional<core::TimePoint> parseChinese(std::string_view s, core::UtcOffset def) {
  static constexpr std::string_view kYear = "\xE5\xB9\xB4", kMonth = "\xE6\x9C\x88",
                                    kDay = "\xE6\x97\xA5";
  Fields f;
  size_t p = 0;
  if (readNumber(s, p, f.year, 4) != 4 || s.substr(p, 3) != kYear) return std::nullopt;
  p += 3;
  skipSpaces(s, p);
  if (readNumber(s, p, f.month, 2) == 0 || s.substr(p, 3) != kMonth) return std::nullopt;
  p += 3;
  skipSpaces(s, p);
  if (readNumber(s, p, f.day, 2) == 0 || s.substr(p, 3) != kDay) return std::nullopt;
  p += 3;
  skipSpaces(s, p);
  if (p < s.size()) {
    if (!readTime(s, p, f)) return std::nullopt;
    std::optional<int> zone;
    if (readNumericZone(s, p, zone)) f.offset_minutes = zone;
    skipSpaces(s, p);
    if (p != s.size()) return std::nullopt;
  }
  return build(f, def);
}

// RFC 822 and relatives: words and numbers in any reasonable order.
std::optional<core::TimePoint> parseWords(std::string_view s, core::UtcOffset def) {
  Fields f;
  bool have_time = false;
  size_t p = 0;
  std::array<int, 3> numbers{};
  size_t number_count = 0;
  while (p < s.size()) {
    const char c = s[p];
    if (isDigit(c)) {
      if (!have_time) {
        size_t q = p;
        if (readTime(s, q, f)) {
          have_time = true;
          p = q;
          std::optional<int> zone;
          size_t z = p;
          if (z < s.size() && (s[z] == '+' || s[z] == '-') && readNumericZone(s, z, zone)) {
            f.offset_minutes = zone;  // "13:30:33+0900"
            p = z;
          }
          continue;
        }
      }
      int v = 0;
      const size_t n = readNumber(s, p, v);
      if (number_count >= numbers.size()) return std::nullopt;
      if (n == 4 && f.year < 0) {
        f.year = v;
      } else if (n <= 2) {
        numbers[number_count++] = v;
      } else {
        return std::nullopt;
      }
      // "10th", "1st": ordinal suffixes.
      while (p < s.size() && isAlpha(s[p])) ++p;
      continue;
    }
    if ((c == '+' || c == '-') && have_time) {
      std::optional<int> zone;
      if (readNumericZone(s, p, zone)) {
        f.offset_minutes = zone;
        continue;
      }
      ++p;
      continue;
    }
    if (isAlpha(c) || static_cast<unsigned char>(c) >= 0x80) {
      const size_t start = p;
      while (p < s.size() && (isAlpha(s[p]) || static_cast<unsigned char>(s[p]) >= 0x80)) ++p;
      std::string_view word = s.substr(start, p - start);
      if (p < s.size() && s[p] == '.') ++p;  // "Sept." "p.m."
      if (const int m = monthFromWord(word); m && f.month < 0) {
        f.month = m;
        continue;
      }
      if (have_time && applyMeridiem(word, f)) continue;
      if (auto z = namedZone(word); z && have_time) {
        f.offset_minutes = *z;
        continue;
      }
      continue;  // day names and other words carry no information
    }
    ++p;  // separators: ' ' ',' '/' '(' ...
  }
  if (f.month < 0) return std::nullopt;
  // Remaining numbers: day, then a 2-digit year when no 4-digit one was seen.
  if (number_count == 0) return std::nullopt;
  f.day = numbers[0];
  if (f.year < 0) {
    if (number_count < 2) return std::nullopt;
    f.year = numbers[1];
  } else if (number_count > 1) {
    return std::nullopt;
  }
  return build(f, def);
}

}  // namespace

std::optional<core::TimePoint> parseFeedDate(std::string_view text,
                                             core::UtcOffset default_offset) {
  size_t b = 0, e = text.size();
  while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
  const std::string_view s = text.substr(b, e - b);
  if (s.size() < 6 || s.size() > 80) return std::nullopt;
  if (s.size() >= 5 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3])) {
    if (s[4] == '-' || s[4] == '/' || s[4] == '.') return parseNumeric(s, default_offset);
    if (static_cast<unsigned char>(s[4]) == 0xE5) return parseChinese(s, default_offset);
  }
  return parseWords(s, default_offset);
}

}  // namespace pubtrack::feeds
