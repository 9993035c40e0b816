// SPDX-License-Identifier: Apache-2.0
// core::Secret: an app secret or token that never prints. Only `reveal()` gives the bytes, and
// the only callers are the token request body and the HTTP layer.
#pragma once

#include <ostream>
#include <string>

namespace pubtrack::core {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  static constexpr const char* kMasked = "***";
  friend std::ostream& operator<<(std::ostream& os, const Secret&) { return os << kMasked; }

 private:
  std::string value_;
};

}  // namespace pubtrack::core
