// SPDX-License-Identifier: Apache-2.0
// XmlTokenizer: memchr-driven scanning; each construct is found with one search for its end.
#include "collectors/feeds/xml_tokenizer.h"

#include <cstring>

namespace pubtrack::feeds {
namespace {

constexpr size_t kMaxIssues = 64;

bool isNameStart(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t findChar(std::string_view s, char c, size_t from) {
  if (from >= s.size()) return std::string_view::npos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
}

bool startsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[at + i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

void XmlTokenizer::issue(size_t offset, std::string_view what) {
  if (issues_.size() < kMaxIssues) issues_.push_back({offset, what});
}

Token XmlTokenizer::text(size_t from, size_t search_from) {
  size_t lt = findChar(doc_, '<', search_from);
  if (lt == std::string_view::npos) lt = doc_.size();
  Token t;
  t.kind = TokenKind::Text;
  t.begin = from;
  t.end = lt;
  t.body = doc_.substr(from, lt - from);
  pos_ = lt;
  return t;
}

Token XmlTokenizer::next() {
  if (pos_ >= doc_.size()) {
    Token t;
    t.begin = t.end = doc_.size();
    return t;
  }
  if (doc_[pos_] != '<') return text(pos_, pos_);
  if (pos_ + 1 >= doc_.size()) {
    issue(pos_, "document truncated after '<'");
    return text(pos_, pos_ + 1);
  }
  const char c = doc_[pos_ + 1];
  if (c == '/') return tag(true);
  if (c == '!') return markupDeclaration();
  if (c == '?') {
    Token t;
    t.kind = TokenKind::Pi;
    t.begin = pos_;
    size_t name_end = pos_ + 2;
    while (name_end < doc_.size() && !isSpace(doc_[name_end]) && doc_[name_end] != '?' &&
           doc_[name_end] != '>')
      ++name_end;
    t.name = doc_.substr(pos_ + 2, name_end - pos_ - 2);
    size_t close = doc_.find("?>", pos_ + 2);
    if (close == std::string_view::npos) {
      // Tolerate "<? ... >" and truncation.
      close = findChar(doc_, '>', pos_ + 2);
      if (close == std::string_view::npos) {
        issue(pos_, "document truncated in a processing instruction");
        t.end = doc_.size();
      } else {
        issue(pos_, "processing instruction not closed by '?>'");
        t.end = close + 1;
      }
    } else {
      t.end = close + 2;
    }
    t.body = doc_.substr(name_end, t.end > name_end ? t.end - name_end : 0);
    pos_ = t.end;
    return t;
  }
  if (isNameStart(c)) return tag(false);
  issue(pos_, "unescaped '<' in text");
  return text(pos_, pos_ + 1);
}

Token XmlTokenizer::markupDeclaration() {
  Token t;
  t.begin = pos_;
  if (doc_.compare(pos_, 4, "<!--") == 0) {
    t.kind = TokenKind::Comment;
    const size_t close = doc_.find("-->", pos_ + 4);
    if (close == std::string_view::npos) {
      issue(pos_, "document truncated in a comment");
      t.body = doc_.substr(pos_ + 4);
      t.end = doc_.size();
    } else {
      t.body = doc_.substr(pos_ + 4, close - pos_ - 4);
      t.end = close + 3;
    }
  } else if (doc_.compare(pos_, 9, "<![CDATA[") == 0) {
    t.kind = TokenKind::CData;
    const size_t close = doc_.find("]]>", pos_ + 9);
    if (close == std::string_view::npos) {
      issue(pos_, "incomplete CDATA section");
      t.body = doc_.substr(pos_ + 9);
      t.end = doc_.size();
    } else {
      t.body = doc_.substr(pos_ + 9, close - pos_ - 9);
      t.end = close + 3;
    }
  } else if (startsWithNoCase(doc_, pos_, "<!DOCTYPE")) {
    t.kind = TokenKind::Doctype;
    // The internal subset may hold '>' inside declarations: skip quoted strings and brackets.
    size_t i = pos_ + 9;
    int brackets = 0;
    while (i < doc_.size()) {
      const char ch = doc_[i];
      if (ch == '"' || ch == '\'') {
        const size_t q = findChar(doc_, ch, i + 1);
        if (q == std::string_view::npos) {
          i = doc_.size();
          break;
        }
        i = q + 1;
        continue;
      }
      if (ch == '[') ++brackets;
      if (ch == ']' && brackets > 0) --brackets;
      if (ch == '>' && brackets == 0) break;
      ++i;
    }
    if (i >= doc_.size()) {
      issue(pos_, "document truncated in the DOCTYPE");
      t.body = doc_.substr(pos_ + 9);
      t.end = doc_.size();
    } else {
      t.body = doc_.substr(pos_ + 9, i - pos_ - 9);
      t.end = i + 1;
    }
  } else if (doc_.compare(pos_, 3, "<![") == 0 && pos_ + 9 > doc_.size()) {
    t.kind = TokenKind::Comment;  // "<![CD" cut off by truncation
    issue(pos_, "document truncated in a CDATA opener");
    t.end = doc_.size();
  } else {
    t.kind = TokenKind::Comment;  // <!ELEMENT ...> and other declarations: skipped
    const size_t close = findChar(doc_, '>', pos_ + 2);
    t.end = close == std::string_view::npos ? doc_.size() : close + 1;
    if (close == std::string_view::npos) issue(pos_, "document truncated in a declaration");
  }
  pos_ = t.end;
  return t;
}

Token XmlTokenizer::tag(bool end_tag) {
  Token t;
  t.kind = end_tag ? TokenKind::EndTag : TokenKind::StartTag;
  t.begin = pos_;
  const size_t name_begin = pos_ + (end_tag ? 2 : 1);
  size_t i = name_begin;
  const size_t n = doc_.size();
  while (i < n && !isSpace(doc_[i]) && doc_[i] != '>' && doc_[i] != '/' && doc_[i] != '<') ++i;
  t.name = doc_.substr(name_begin, i - name_begin);
  const size_t attrs_begin = i;
  // Find the closing '>', skipping quoted attribute values.
  while (i < n) {
    const char ch = doc_[i];
    if (ch == '>') break;
    if (ch == '<') break;  // an unclosed tag: stop before the next one
    if ((ch == '"' || ch == '\'') && !end_tag) {
      // Only a quote right after '=' (maybe with spaces) opens a value.
      size_t k = i;
      while (k > attrs_begin && isSpace(doc_[k - 1])) --k;
      if (k > attrs_begin && doc_[k - 1] == '=') {
        const size_t close = findChar(doc_, ch, i + 1);
        const size_t gt = findChar(doc_, '>', i + 1);
        if (close != std::string_view::npos) {
          // A value running past the next '<' is probably an unbalanced quote.
          const size_t lt = findChar(doc_, '<', i + 1);
          if (lt == std::string_view::npos || close < lt || gt == std::string_view::npos ||
              gt > lt) {
            i = close + 1;
            continue;
          }
        }
        issue(i, "unterminated attribute value");
        if (gt == std::string_view::npos) {
          i = n;
          break;
        }
        i = gt;
        break;
      }
    }
    ++i;
  }
  size_t attrs_end = i;
  if (i >= n) {
    issue(pos_, "document truncated in a tag");
    t.end = n;
  } else if (doc_[i] == '<') {
    issue(pos_, "unclosed tag");
    t.end = i;
  } else {
    t.end = i + 1;
    if (!end_tag && attrs_end > attrs_begin && doc_[attrs_end - 1] == '/') {
      t.self_closing = true;
      --attrs_end;
    }
  }
  if (!end_tag) t.body = doc_.substr(attrs_begin, attrs_end - attrs_begin);
  pos_ = t.end;
  return t;
}

}  // namespace pubtrack::feeds
