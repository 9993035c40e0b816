// SPDX-License-Identifier: Apache-2.0
// core::Result<T>: a value or a core::Error, with std::expected's names so C++23 can replace it.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.h"

namespace pubtrack::core {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  explicit operator bool() const noexcept { return v_.index() == 0; }
  bool has_value() const noexcept { return v_.index() == 0; }

  T& value() & {
    assert(has_value());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!has_value());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

inline Error makeError(ErrorKind kind, std::string source, std::string message) {
  return Error{kind, std::move(source), std::move(message)};
}

}  // namespace pubtrack::core
