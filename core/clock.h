// SPDX-License-Identifier: Apache-2.0
// core::Clock: nothing below app/ calls system_clock::now(); tests and `--today` replace it.
#pragma once

#include <chrono>

#include "core/date.h"

namespace pubtrack::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that always answers the same instant (tests, `--today`).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  TimePoint now() const override { return t_; }
  void set(TimePoint t) { t_ = t; }

 private:
  TimePoint t_;
};

}  // namespace pubtrack::core
