// SPDX-License-Identifier: Apache-2.0
// Encoding detection and conversion to UTF-8 (UTF-16/32 by hand, legacy encodings via iconv).
#include "collectors/feeds/feed_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>

#include "core/strings.h"

namespace pubtrack::feeds {
namespace {

struct Label {
  std::string_view key;        // lower-case, only [a-z0-9]
  std::string_view canonical;  // what we report
};

// Keys are labels with everything but letters and digits removed.
constexpr std::array<Label, 95> kLabels{{
    {"utf8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"u8", "utf-8"},
    {"utf16", "utf-16"},
    {"u16", "utf-16"},
    {"ucs2", "utf-16"},
    {"unicode", "utf-16"},
    {"iso10646ucs2", "utf-16"},
    {"csunicode", "utf-16"},
    {"utf16be", "utf-16be"},
    {"unicodefffe", "utf-16be"},
    {"utf16le", "utf-16le"},
    {"unicodefeff", "utf-16le"},
    {"utf32", "utf-32"},
    {"u32", "utf-32"},
    {"ucs4", "utf-32"},
    {"iso10646ucs4", "utf-32"},
    {"utf32be", "utf-32be"},
    {"utf32le", "utf-32le"},
    {"gb2312", "gb18030"},
    {"gbk", "gb18030"},
    {"cp936", "gb18030"},
    {"ms936", "gb18030"},
    {"windows936", "gb18030"},
    {"gb18030", "gb18030"},
    {"xgbk", "gb18030"},
    {"euccn", "gb18030"},
    {"csgb2312", "gb18030"},
    {"gb231280", "gb18030"},
    {"chinese", "gb18030"},
    {"csiso58gb231280", "gb18030"},
    {"hzgb2312", "gb18030"},
    {"big5", "big5"},
    {"big5hkscs", "big5"},
    {"cp950", "big5"},
    {"csbig5", "big5"},
    {"xxbig5", "big5"},
    {"cnbig5", "big5"},
    {"eucjp", "euc-jp"},
    {"xeucjp", "euc-jp"},
    {"cseucpkdfmtjapanese", "euc-jp"},
    {"shiftjis", "shift_jis"},
    {"sjis", "shift_jis"},
    {"mskanji", "shift_jis"},
    {"xsjis", "shift_jis"},
    {"cp932", "shift_jis"},
    {"windows31j", "shift_jis"},
    {"csshiftjis", "shift_jis"},
    {"euckr", "euc-kr"},
    {"ksc56011987", "euc-kr"},
    {"cseuckr", "euc-kr"},
    {"cp949", "cp949"},
    {"uhc", "cp949"},
    {"windows949", "cp949"},
    {"iso88591", "iso-8859-1"},
    {"latin1", "iso-8859-1"},
    {"l1", "iso-8859-1"},
    {"iso885911987", "iso-8859-1"},
    {"iso88592", "iso-8859-2"},
    {"latin2", "iso-8859-2"},
    {"iso88593", "iso-8859-3"},
    {"iso88594", "iso-8859-4"},
    {"iso88595", "iso-8859-5"},
    {"iso88596", "iso-8859-6"},
    {"iso88597", "iso-8859-7"},
    {"iso88598", "iso-8859-8"},
    {"iso88599", "iso-8859-9"},
    {"iso885910", "iso-8859-10"},
    {"iso885913", "iso-8859-13"},
    {"iso885915", "iso-8859-15"},
    {"latin9", "iso-8859-15"},
    {"iso885916", "iso-8859-16"},
    {"windows1250", "windows-1250"},
    {"windows1251", "windows-1251"},
    {"windows1252", "windows-1252"},
    {"windows1253", "windows-1253"},
    {"windows1254", "windows-1254"},
    {"windows1255", "windows-1255"},
    {"windows1256", "windows-1256"},
    {"windows1257", "windows-1257"},
    {"windows1258", "windows-1258"},
    {"cp1251", "windows-1251"},
    {"cp1252", "windows-1252"},
    {"koi8r", "koi8-r"},
    {"koi8u", "koi8-u"},
    {"ibm855", "ibm855"},
    {"cp855", "ibm855"},
    {"ibm866", "ibm866"},
    {"cp866", "ibm866"},
    {"maccyrillic", "maccyrillic"},
    {"xmaccyrillic", "maccyrillic"},
    {"tis620", "tis-620"},
    {"windows874", "tis-620"},
    {"ascii", "ascii"},
    {"usascii", "ascii"},
}};

// The iconv name for a canonical encoding (supersets where Python's codec is stricter).
const char* iconvName(std::string_view canonical) {
  if (canonical == "gb18030") return "GB18030";
  if (canonical == "big5") return "BIG5-HKSCS";
  if (canonical == "shift_jis") return "CP932";
  if (canonical == "euc-kr" || canonical == "cp949") return "CP949";
  if (canonical == "euc-jp") return "EUC-JP";
  if (canonical == "maccyrillic") return "MACCYRILLIC";
  if (canonical == "tis-620") return "TIS-620";
  if (canonical == "ibm855") return "IBM855";
  if (canonical == "ibm866") return "IBM866";
  return nullptr;  // the canonical name itself, upper-cased
}

constexpr char32_t kReplacement = 0xFFFD;

uint8_t byteAt(std::string_view s, size_t i) { return static_cast<uint8_t>(s[i]); }

// UTF-16 (big or little endian) to UTF-8; unpaired surrogates become U+FFFD.
size_t decodeUtf16(std::string_view in, bool big_endian, std::string& out) {
  size_t errors = 0;
  out.reserve(in.size() * 3 / 2);
  auto unit = [&](size_t i) -> char32_t {
    return big_endian ? static_cast<char32_t>((byteAt(in, i) << 8) | byteAt(in, i + 1))
                      : static_cast<char32_t>((byteAt(in, i + 1) << 8) | byteAt(in, i));
  };
  size_t i = 0;
  for (; i + 1 < in.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < in.size()) {
      const char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        core::appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      u = kReplacement;
      ++errors;
    }
    core::appendUtf8(out, u);
  }
  if (i < in.size()) ++errors;  // odd trailing byte
  return errors;
}

size_t decodeUtf32(std::string_view in, bool big_endian, std::string& out) {
  size_t errors = 0;
  out.reserve(in.size());
  for (size_t i = 0; i + 3 < in.size(); i += 4) {
    char32_t u = big_endian
                     ? (static_cast<char32_t>(byteAt(in, i)) << 24) |
                           (static_cast<char32_t>(byteAt(in, i + 1)) << 16) |
                           (static_cast<char32_t>(byteAt(in, i + 2)) << 8) | byteAt(in, i + 3)
                     : (static_cast<char32_t>(byteAt(in, i + 3)) << 24) |
                           (static_cast<char32_t>(byteAt(in, i + 2)) << 16) |
                           (static_cast<char32_t>(byteAt(in, i + 1)) << 8) | byteAt(in, i);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
      u = kReplacement;
      ++errors;
    }
    core::appendUtf8(out, u);
  }
  if (in.size() % 4) ++errors;
  return errors;
}

struct IconvCloser {
  void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};

// Converts with iconv; undecodable bytes become U+FFFD. Returns the number of such bytes, or
// SIZE_MAX when iconv does not know the encoding.
size_t decodeIconv(std::string_view in, std::string_view canonical, std::string& out) {
  std::string name;
  if (const char* n = iconvName(canonical)) {
    name = n;
  } else {
    for (char c : canonical) name.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  }
  iconv_t raw = iconv_open("UTF-8", name.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) return SIZE_MAX;
  std::unique_ptr<void, IconvCloser> cd(raw);
  out.resize(in.size() * 2 + 16);
  // iconv's API takes non-const input pointers; it never writes through them.
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t used = 0;
  size_t errors = 0;
  while (src_left > 0) {
    char* dst = out.data() + used;
    size_t dst_left = out.size() - used;
    const size_t rc = iconv(raw, &src, &src_left, &dst, &dst_left);
    used = static_cast<size_t>(dst - out.data());
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ or EINVAL (truncated sequence): replace one byte and go on.
    ++errors;
    ++src;
    --src_left;
    if (out.size() - used < 8) out.resize(out.size() * 2 + 8);
    out[used++] = '\xEF';  // U+FFFD
    out[used++] = '\xBF';
    out[used++] = '\xBD';
    iconv(raw, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
  }
  out.resize(used);
  return errors;
}

// Finds `encoding="..."` in an XML declaration near the start. "" if none.
std::string_view declaredEncoding(std::string_view bytes) {
  const size_t limit = std::min<size_t>(bytes.size(), 4096);
  const std::string_view head = bytes.substr(0, limit);
  const size_t decl = head.find("<?xml");
  if (decl == std::string_view::npos) return {};
  const size_t end = head.find("?>", decl);
  const std::string_view d =
      head.substr(decl, end == std::string_view::npos ? head.size() - decl : end - decl);
  const size_t at = d.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t p = at + 8;
  while (p < d.size() && (d[p] == ' ' || d[p] == '\t' || d[p] == '\r' || d[p] == '\n')) ++p;
  if (p >= d.size() || d[p] != '=') return {};
  ++p;
  while (p < d.size() && (d[p] == ' ' || d[p] == '\t' || d[p] == '\r' || d[p] == '\n')) ++p;
  if (p >= d.size() || (d[p] != '"' && d[p] != '\'')) return {};
  const char q = d[p++];
  const size_t close = d.find(q, p);
  if (close == std::string_view::npos) return {};
  return d.substr(p, close - p);
}

// Well-formed two-byte characters and bytes that fit no character, when the high bytes are read
// as one double-byte family.
struct PairScan {
  size_t pairs = 0;
  size_t bad = 0;
};

// True when the bytes read as this family with at most a few stray bytes: one, plus one per 16
// characters. Real feeds carry such bytes (a title cut inside a character, a pasted byte), and one
// of them must not turn a Chinese feed into Cyrillic mojibake. Single-byte text fails this: its
// words of odd length leave a lone byte each.
bool fits(const PairScan& p) { return p.pairs > 0 && p.bad <= 1 + p.pairs / 16; }

struct ByteStats {
  size_t high = 0;          // bytes >= 0x80
  size_t letters = 0;       // ASCII letters
  size_t c0_df = 0;         // 0xC0..0xDF
  size_t e0_ff = 0;         // 0xE0..0xFF
  PairScan euc;             // A1-FE A1-FE (EUC-JP also 8E)
  PairScan big5;            // lead A1-F9, trail 40-7E/A1-FE
  PairScan sjis;            // lead 81-9F/E0-FC, trail 40-7E/80-FC; A1-DF are single kana
  PairScan gbk;             // lead 81-FE, trail 40-7E/80-FE (and GB18030's four-byte form)
  size_t kana_pairs = 0;    // EUC leads A4/A5: kana in EUC-JP (and in GB2312, but rare there)
  size_t hangul_pairs = 0;  // EUC leads B0-C8: Hangul syllables in EUC-KR
  size_t gb2312_pairs = 0;  // GBK pairs in GB2312's range (A1-F7 A1-FE): common Chinese
};

// Reads the high bytes of `s` as pairs (lead accepted by `lead`, trail by `trail`); bytes
// `single` accepts stand alone. A pair that does not fit costs one bad byte and resyncs after it.
template <class Lead, class Trail, class Single>
PairScan scanPairs(std::string_view s, Lead lead, Trail trail, Single single) {
  PairScan r;
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const uint8_t c = byteAt(s, i);
    if (c < 0x80 || single(c)) continue;
    const uint8_t t = i + 1 < n ? byteAt(s, i + 1) : 0;
    if (lead(c) && trail(t)) {
      ++r.pairs;
      ++i;
    } else {
      ++r.bad;
    }
  }
  return r;
}

ByteStats byteStats(std::string_view s) {
  ByteStats st;
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const uint8_t c = byteAt(s, i);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++st.letters;
      continue;
    }
    ++st.high;
    if (c >= 0xC0 && c <= 0xDF) ++st.c0_df;
    if (c >= 0xE0) ++st.e0_ff;
  }
  const auto none = [](uint8_t) { return false; };
  const auto a1fe = [](uint8_t c) { return c >= 0xA1 && c <= 0xFE; };
  st.euc = scanPairs(
      s, [&](uint8_t c) { return a1fe(c) || c == 0x8E; }, a1fe, none);
  st.big5 = scanPairs(
      s, [](uint8_t c) { return c >= 0xA1 && c <= 0xF9; },
      [&](uint8_t t) { return (t >= 0x40 && t <= 0x7E) || a1fe(t); }, none);
  st.sjis = scanPairs(
      s, [](uint8_t c) { return (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC); },
      [](uint8_t t) { return (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC); },
      [](uint8_t c) { return c >= 0xA1 && c <= 0xDF; });
  // GBK/GB18030 and the EUC pair shares need the pairs themselves, so they are scanned here.
  for (size_t i = 0; i < n; ++i) {
    const uint8_t c = byteAt(s, i);
    if (c < 0x80) continue;
    const uint8_t t = i + 1 < n ? byteAt(s, i + 1) : 0;
    if (c >= 0x81 && c <= 0xFE && ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE))) {
      ++st.gbk.pairs;
      if (c >= 0xA1 && c <= 0xF7 && a1fe(t)) ++st.gb2312_pairs;
      if (a1fe(c) && a1fe(t)) {
        if (c == 0xA4 || c == 0xA5) ++st.kana_pairs;
        if (c >= 0xB0 && c <= 0xC8) ++st.hangul_pairs;
      }
      ++i;
      continue;
    }
    if (c >= 0x81 && c <= 0xFE && t >= 0x30 && t <= 0x39 && i + 3 < n) {
      ++st.gbk.pairs;
      i += 3;
      continue;
    }
    ++st.gbk.bad;
  }
  return st;
}

// A guess for bytes that are not UTF-8 and carry no usable declaration, after the families
// chardet tells apart: EUC-JP/EUC-KR/GB2312 (pair statistics), GBK, Shift_JIS, Big5, then
// KOI8-R, windows-1251 or ISO-8859-1. Chinese comes first wherever the bytes allow it: this
// product's feeds are Chinese, and a single-byte guess turns every title into mojibake.
std::string_view guessLegacy(std::string_view s) {
  const ByteStats st = byteStats(s);
  if (st.high == 0) return "utf-8";
  if (fits(st.euc)) {
    if (st.kana_pairs * 5 > st.euc.pairs) return "euc-jp";
    if (st.hangul_pairs * 10 >= st.euc.pairs * 9) return "euc-kr";
    return "gb18030";
  }
  // GBK: nearly all characters in GB2312's range, the rest GBK-only (镕, 堃, 喆). Big5 puts
  // about a third of its trail bytes below A1, Shift_JIS its kana at leads 82/83.
  if (fits(st.gbk) && st.gb2312_pairs * 20 >= st.gbk.pairs * 17) return "gb18030";
  if (fits(st.sjis) && !fits(st.big5)) return "shift_jis";
  if (fits(st.big5)) return "big5";
  if (fits(st.sjis)) return "shift_jis";
  if (fits(st.gbk)) return "gb18030";
  // Single-byte: Cyrillic text is mostly high bytes; KOI8-R puts lower case at C0-DF.
  if (st.high * 2 > st.letters && st.c0_df > st.e0_ff * 2) return "koi8-r";
  if (st.high * 2 > st.letters) return "windows-1251";
  return "iso-8859-1";
}

void convertLegacy(std::string_view bytes, std::string_view canonical, DecodedDocument& doc) {
  const size_t errors = decodeIconv(bytes, canonical, doc.storage);
  if (errors == SIZE_MAX) {  // iconv lacks it: read as ISO-8859-1
    doc.storage.clear();
    for (char c : bytes) core::appendUtf8(doc.storage, static_cast<uint8_t>(c));
    doc.warnings.push_back("encoding " + std::string(canonical) +
                           " unavailable, read as iso-8859-1");
    doc.encoding = "iso-8859-1";
  } else {
    doc.encoding = std::string(canonical);
    if (errors > 0)
      doc.warnings.push_back(std::to_string(errors) + " bytes invalid in " + doc.encoding +
                             " replaced by U+FFFD");
  }
  doc.utf8 = doc.storage;
}

struct Utf8Reading {
  size_t multibyte = 0;      // well-formed characters of 2 to 4 bytes
  size_t invalid = 0;        // ill-formed sequences
  size_t first_invalid = 0;  // byte offset of the first one
};

// Reads `s` as UTF-8. With `out`, also writes the text with each ill-formed sequence (its
// maximal subpart, as WHATWG and Python decode) replaced by one U+FFFD, where it is.
Utf8Reading readUtf8(std::string_view s, std::string* out) {
  Utf8Reading r;
  const size_t n = s.size();
  if (out) out->reserve(n + n / 8);
  size_t i = 0, copied = 0;  // [copied, i) is well-formed text not yet appended
  while (i < n) {
    const uint8_t c = byteAt(s, i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint8_t lo = 0x80, hi = 0xBF;  // the second byte's range (narrower after E0, ED, F0, F4)
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    size_t k = 1;
    while (k < len && i + k < n) {
      const uint8_t t = byteAt(s, i + k);
      if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) break;
      ++k;
    }
    if (len && k == len) {
      ++r.multibyte;
      i += len;
      continue;
    }
    if (r.invalid++ == 0) r.first_invalid = i;
    if (out) {
      out->append(s.data() + copied, i - copied);
      out->append("\xEF\xBF\xBD");
    }
    i += k;
    copied = i;
  }
  if (out) out->append(s.data() + copied, n - copied);
  return r;
}

// Keeps `bytes` as UTF-8 with ill-formed sequences replaced, and says so (`why`: what made it
// UTF-8, "by byte-order mark", "declared in the XML declaration", "detected").
void repairUtf8(std::string_view bytes, std::string_view why, DecodedDocument& doc) {
  const Utf8Reading r = readUtf8(bytes, &doc.storage);
  const std::string_view before = bytes.substr(0, r.first_invalid);
  const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  doc.warnings.push_back(std::to_string(r.invalid) +
                         " invalid utf-8 sequences replaced by U+FFFD, the first at line " +
                         std::to_string(line) + " (utf-8 " + std::string(why) + ")");
  doc.utf8 = doc.storage;
  doc.encoding = "utf-8";
}

bool hasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<uint8_t>(c) >= 0x80) return true;
  return false;
}

}  // namespace

bool isUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = p + s.size();
  while (p < end) {
    // ASCII fast path, 8 bytes at a time.
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    const uint8_t c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t len;
    uint32_t min;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      min = 0x80;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      min = 0x800;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      min = 0x10000;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) < len) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += len;
  }
  return true;
}

std::string canonicalEncoding(std::string_view label) {
  std::string key;
  for (char c : label) {
    if (c >= 'A' && c <= 'Z') key.push_back(static_cast<char>(c + 32));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key.push_back(c);
  }
  if (key.starts_with("cp125") && key.size() == 6) return "windows-125" + key.substr(5);
  for (const auto& l : kLabels)
    if (l.key == key) return std::string(l.canonical);
  return {};
}

DecodedDocument decodeDocument(std::string_view bytes, std::string_view http_charset) {
  DecodedDocument doc;
  const auto b = [&](size_t i) -> int { return i < bytes.size() ? byteAt(bytes, i) : -1; };

  // 1. Byte-order marks.
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) {
    const std::string_view rest = bytes.substr(3);
    if (isUtf8(rest)) {
      doc.utf8 = rest;
      doc.encoding = "utf-8";
      return doc;
    }
    // The mark is no accident: the text is UTF-8, and bad bytes are bad where they are.
    repairUtf8(rest, "by byte-order mark", doc);
    return doc;
  }
  bool wide = false, big = false, is32 = false;
  size_t skip = 0;
  if (b(0) == 0 && b(1) == 0 && b(2) == 0xFE && b(3) == 0xFF) {
    wide = is32 = big = true;
    skip = 4;
  } else if (b(0) == 0xFF && b(1) == 0xFE && b(2) == 0 && b(3) == 0) {
    wide = is32 = true;
    skip = 4;
  } else if (b(0) == 0xFE && b(1) == 0xFF) {
    wide = big = true;
    skip = 2;
  } else if (b(0) == 0xFF && b(1) == 0xFE) {
    wide = true;
    skip = 2;
  } else if (bytes.size() >= 4) {
    // 2. No BOM: the zero-byte pattern of the first character ('<' or whitespace).
    if (b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) != 0) {
      wide = is32 = big = true;
    } else if (b(0) != 0 && b(1) == 0 && b(2) == 0 && b(3) == 0) {
      wide = is32 = true;
    } else if (b(0) == 0 && b(1) != 0 && b(2) == 0 && b(3) != 0) {
      wide = big = true;
    } else if (b(0) != 0 && b(1) == 0 && b(2) != 0 && b(3) == 0) {
      wide = true;
    }
  }
  if (wide) {
    const std::string_view rest = bytes.substr(skip);
    const size_t errors =
        is32 ? decodeUtf32(rest, big, doc.storage) : decodeUtf16(rest, big, doc.storage);
    doc.encoding = std::string(is32 ? "utf-32" : "utf-16") + (big ? "be" : "le");
    if (errors) doc.warnings.push_back("invalid " + doc.encoding + " sequences replaced");
    doc.utf8 = doc.storage;
    return doc;
  }

  // 3. HTTP charset, else the XML declaration.
  std::string label;
  std::string_view origin;
  if (!http_charset.empty()) {
    label = std::string(http_charset);
    origin = "HTTP charset";
  } else {
    label = std::string(declaredEncoding(bytes));
    origin = "XML declaration";
  }
  std::string declared = label.empty() ? std::string() : canonicalEncoding(label);
  if (!label.empty() && declared.empty()) {
    // The label is raw bytes of the document or the header: keep the warning UTF-8.
    doc.warnings.push_back("unknown encoding '" + core::sanitizeUtf8(label) + "' in " +
                           std::string(origin));
  }
  if (declared.starts_with("utf-16") || declared.starts_with("utf-32")) {
    // The prolog was readable as ASCII, so the bytes are not UTF-16/32: the label lies.
    doc.warnings.push_back(std::string(origin) + " says " + declared +
                           " but the bytes are ASCII-compatible");
    declared.clear();
  }
  const bool valid_utf8 = isUtf8(bytes);
  if (declared.empty() || declared == "utf-8" || declared == "ascii") {
    if (valid_utf8) {
      doc.utf8 = bytes;
      doc.encoding = "utf-8";
      return doc;
    }
    // UTF-8 (declared, or XML's default) stays UTF-8 when its well-formed characters outnumber
    // the bad sequences two to one: a few stray bytes must cost a character each, not turn the
    // whole feed into mojibake. Bytes that are plainly no UTF-8 (a GBK feed labelled utf-8,
    // Latin-1 text) go to detection.
    if (const Utf8Reading r = readUtf8(bytes, nullptr); r.multibyte >= 2 * r.invalid) {
      repairUtf8(bytes, declared.empty() ? "detected" : "declared in the " + std::string(origin),
                 doc);
      return doc;
    }
    const std::string_view guess = guessLegacy(bytes);
    doc.warnings.push_back("document declared as " + (declared.empty() ? "utf-8" : declared) +
                           ", but parsed as " + std::string(guess));
    convertLegacy(bytes, guess, doc);
    return doc;
  }
  if (valid_utf8 && hasNonAscii(bytes)) {
    doc.warnings.push_back("document declared as " + declared + ", but parsed as utf-8");
    doc.utf8 = bytes;
    doc.encoding = "utf-8";
    return doc;
  }
  if (!hasNonAscii(bytes)) {
    doc.utf8 = bytes;  // every supported ASCII-compatible encoding reads ASCII alike
    doc.encoding = declared;
    return doc;
  }
  convertLegacy(bytes, declared, doc);
  return doc;
}

}  // namespace pubtrack::feeds
