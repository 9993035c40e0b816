// SPDX-License-Identifier: Apache-2.0
// core::Error helpers.
#include "core/error.h"

namespace pubtrack::core {

std::string_view toString(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Network:
      return "network";
    case ErrorKind::Timeout:
      return "timeout";
    case ErrorKind::HttpStatus:
      return "http-status";
    case ErrorKind::TooLarge:
      return "too-large";
    case ErrorKind::RateLimited:
      return "rate-limited";
    case ErrorKind::AuthExpired:
      return "auth-expired";
    case ErrorKind::Api:
      return "api";
    case ErrorKind::BadPayload:
      return "bad-payload";
    case ErrorKind::Config:
      return "config";
    case ErrorKind::Io:
      return "io";
    case ErrorKind::Database:
      return "database";
    case ErrorKind::Interrupted:
      return "interrupted";
  }
  return "unknown";
}

std::string Error::describe() const {
  if (source.empty()) return message;
  return source + ": " + message;
}

}  // namespace pubtrack::core
