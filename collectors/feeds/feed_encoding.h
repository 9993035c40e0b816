// SPDX-License-Identifier: Apache-2.0
// Turns a feed body in any encoding into UTF-8: BOM, HTTP charset, XML prolog, then sniffing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::feeds {

struct DecodedDocument {
  std::string_view utf8;  // the document as UTF-8: into the input bytes or into `storage`
  std::string storage;    // owns the converted text when the input was not usable as is
  std::string encoding;   // lower-case name of the encoding used ("utf-8", "gb18030", ...)
  std::vector<std::string> warnings;  // declared/detected conflicts, invalid bytes
};

// Decides the encoding and converts. Never fails: undecodable bytes become U+FFFD.
// Order: byte-order mark, `http_charset`, the XML declaration, then sniffing (UTF-16/32 from the
// '<' pattern, UTF-8 validity, then a small legacy detector that puts GB18030 first). UTF-8 from
// a BOM, or declared, or undeclared but mostly well-formed, stays UTF-8 with each bad sequence
// replaced where it is (and a warning). A declaration that contradicts the bytes (utf-16 in an
// ASCII-compatible prolog, ISO-8859-1 over valid UTF-8, utf-8 over bytes with hardly a
// well-formed UTF-8 character) is overridden with a warning.
DecodedDocument decodeDocument(std::string_view bytes, std::string_view http_charset);

// Canonical lower-case name for an encoding label ("GB2312" -> "gb18030", "u16" -> "utf-16",
// "MacCyrillic" -> "maccyrillic"), or "" when the label is unknown.
std::string canonicalEncoding(std::string_view label);

// True when `s` is well-formed UTF-8.
bool isUtf8(std::string_view s);

}  // namespace pubtrack::feeds
