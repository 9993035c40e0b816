// SPDX-License-Identifier: Apache-2.0
// A tolerant pull tokenizer for feed XML: never fails, never reads outside the given bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::feeds {

enum class TokenKind : uint8_t {
  Text,      // character data, raw (entities not decoded)
  StartTag,  // name + raw attribute text
  EndTag,    // name
  CData,     // the section's content
  Comment,
  Pi,       // processing instruction (including the XML declaration)
  Doctype,  // body: everything between "<!DOCTYPE" and the final '>'
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  bool self_closing = false;
  std::string_view name;  // tags and PIs
  std::string_view body;  // Text raw; CData/Comment/Doctype content; StartTag attribute text
  size_t begin = 0;       // byte offsets of the whole token in the document
  size_t end = 0;
};

struct TokenIssue {
  size_t offset;
  std::string_view what;  // static text: "unclosed tag", "document truncated in a comment", ...
};

// Splits UTF-8 (or any ASCII-compatible) XML into tokens in one forward pass. Malformed markup
// is recovered the way a browser would (a stray '<' is text, an unclosed tag ends at the next
// '<', a truncated construct runs to the end) and reported in issues().
class XmlTokenizer {
 public:
  explicit XmlTokenizer(std::string_view doc) : doc_(doc) {}
  Token next();
  const std::vector<TokenIssue>& issues() const { return issues_; }

 private:
  Token text(size_t from, size_t search_from);
  Token markupDeclaration();
  Token tag(bool end_tag);
  void issue(size_t offset, std::string_view what);

  std::string_view doc_;
  size_t pos_ = 0;
  std::vector<TokenIssue> issues_;
};

// Calls f(name, raw_value) for each attribute in a start tag's attribute text. Values keep their
// entity references; a valueless attribute has an empty value.
template <class F>
void forEachAttribute(std::string_view attrs, F&& f) {
  size_t i = 0;
  const size_t n = attrs.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < n) {
    while (i < n && (space(attrs[i]) || attrs[i] == '/')) ++i;
    if (i >= n) break;
    const size_t name_begin = i;
    while (i < n && !space(attrs[i]) && attrs[i] != '=' && attrs[i] != '/') ++i;
    const std::string_view name = attrs.substr(name_begin, i - name_begin);
    while (i < n && space(attrs[i])) ++i;
    std::string_view value;
    if (i < n && attrs[i] == '=') {
      ++i;
      while (i < n && space(attrs[i])) ++i;
      if (i < n && (attrs[i] == '"' || attrs[i] == '\'')) {
        const char q = attrs[i++];
        const size_t close = attrs.find(q, i);
        const size_t stop = close == std::string_view::npos ? n : close;
        value = attrs.substr(i, stop - i);
        i = stop == n ? n : stop + 1;
      } else {
        const size_t vb = i;
        while (i < n && !space(attrs[i])) ++i;
        value = attrs.substr(vb, i - vb);
      }
    }
    if (!name.empty()) f(name, value);
    if (i == name_begin) ++i;  // always make progress
  }
}

}  // namespace pubtrack::feeds
