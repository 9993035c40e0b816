// SPDX-License-Identifier: Apache-2.0
// Text of feed fields: entity references (XML, internal DTD, HTML), CDATA, markup stripping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::feeds {

// General entities declared in a document's internal DTD subset. External ones are recorded
// only so that a reference to them can be reported; they are never resolved or read.
struct DtdEntities {
  struct Entry {
    std::string name;
    std::string value;  // replacement text, raw
    bool external = false;
  };
  std::vector<Entry> entries;
  const Entry* find(std::string_view name) const;
};

// Reads <!ENTITY name "value"> declarations from a DOCTYPE body (at most 1000).
void parseDoctype(std::string_view doctype_body, DtdEntities& out,
                  std::vector<std::string>& warnings);

// Decodes field text. Holds the whole document to compute line numbers for warnings, and a
// budget for DTD entity expansion shared by every call (billion laughs stops at the budget).
class TextDecoder {
 public:
  TextDecoder(std::string_view doc, const DtdEntities& dtd, size_t entity_budget,
              std::vector<std::string>& warnings);

  // Element content: CDATA sections unwrapped, comments dropped, entities decoded, tags kept
  // verbatim. `raw` must point into the document (for line numbers).
  void content(std::string_view raw, std::string& out);
  // Attribute values and other markup-free text: entities decoded.
  void text(std::string_view raw, std::string& out);

 private:
  void entity(std::string_view raw, size_t& i, std::string& out, int depth);
  void decode(std::string_view raw, std::string& out, bool markup, int depth);
  void warn(std::string_view what, const char* where);
  size_t lineOf(const char* where);

  std::string_view doc_;
  const DtdEntities& dtd_;
  size_t budget_;
  std::vector<std::string>& warnings_;
  size_t line_offset_ = 0;
  size_t line_ = 1;
  bool budget_warned_ = false;
};

// HTML to plain text: tags and comments removed, CDATA unwrapped, HTML entities decoded,
// whitespace runs collapsed to one space, ends trimmed.
std::string htmlToText(std::string_view html);
// True when `s` seems to hold HTML markup ("<b>", "</p>", "<br/>", "&amp;").
bool looksLikeHtml(std::string_view s);
// Collapses whitespace runs to one space and trims.
std::string collapseWhitespace(std::string_view s);

}  // namespace pubtrack::feeds
