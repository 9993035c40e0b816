// SPDX-License-Identifier: Apache-2.0
// The JSON writer.
#include "core/json_writer.h"

#include <charconv>
#include <cmath>

#include "core/strings.h"

namespace pubtrack::core {

void JsonWriter::separate() {
  if (pending_key_) {
    pending_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  if (pretty_) {
    out_ += '\n';
    out_.append(first_.size() * 2, ' ');
  }
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  out_ += jsonString(sanitizeUtf8(k));
  out_ += pretty_ ? ": " : ":";
  pending_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::str(std::string_view s) { return scalar(jsonString(sanitizeUtf8(s))); }

JsonWriter& JsonWriter::real(double v) {
  if (!std::isfinite(v)) return null();
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return scalar(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}

JsonWriter& JsonWriter::scalar(std::string_view text) {
  separate();
  out_ += text;
  return *this;
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  const bool empty = first_.empty() || first_.back();
  if (!first_.empty()) first_.pop_back();
  if (pretty_ && !empty) {
    out_ += '\n';
    out_.append(first_.size() * 2, ' ');
  }
  out_ += c;
  return *this;
}

std::string JsonWriter::take() {
  first_.clear();
  pending_key_ = false;
  std::string text;
  text.swap(out_);
  return text;
}

}  // namespace pubtrack::core
