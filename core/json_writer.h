// SPDX-License-Identifier: Apache-2.0
// core::JsonWriter: JSON text written in one pass, commas and nesting handled, strings made
// valid UTF-8 and escaped. The report's JSON (pretty) and the dashboard's API (compact) both
// write with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::core {

class JsonWriter {
 public:
  enum class Style {
    Compact,  // no whitespace: {"a":1,"b":[2,3]}
    Pretty,   // two-space indent, one member or element per line, "key": value
  };
  explicit JsonWriter(Style style = Style::Compact) : pretty_(style == Style::Pretty) {}

  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  // The next member's key, inside an object.
  JsonWriter& key(std::string_view k);

  JsonWriter& str(std::string_view s);  // invalid UTF-8 replaced with U+FFFD, then escaped
  JsonWriter& optStr(std::string_view s) { return s.empty() ? null() : str(s); }  // "" -> null
  JsonWriter& num(int64_t v) { return scalar(std::to_string(v)); }
  JsonWriter& num(const std::optional<int64_t>& v) { return v ? num(*v) : null(); }
  JsonWriter& real(double v);  // shortest round-trip form; null when not finite
  JsonWriter& boolean(bool b) { return scalar(b ? "true" : "false"); }
  JsonWriter& null() { return scalar("null"); }

  // The text written so far; the writer is empty afterwards.
  std::string take();

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  JsonWriter& scalar(std::string_view text);
  void separate();  // the comma (and, pretty, the line break) before a value or a key

  bool pretty_;
  bool pending_key_ = false;  // a key was written: its value follows without a separator
  std::vector<bool> first_;   // per open container: nothing written in it yet
  std::string out_;
};

}  // namespace pubtrack::core
