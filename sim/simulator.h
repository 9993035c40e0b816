// SPDX-License-Identifier: Apache-2.0
// sim::Simulator: an in-process HTTP server on 127.0.0.1 that speaks the WeChat Official Account
// API (stable_token, datacube, freepublish) and serves news feeds, with injectable faults and a
// movable clock. The admin API under /sim/ reports what a correct collector must compute.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "sim/generator.h"
#include "sim/scenario.h"

namespace pubtrack::sim {

struct SimulatorOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: a random free port, see Simulator::port()
  Scenario scenario = defaultScenario();
  std::string feeds_dir;  // files behind /feeds/<file>; empty: only /feeds/gen/<n>.xml
  int latency_ms = 0;     // added to every simulated (non-admin) response
  // The simulated clock, frozen at this instant (moved by POST /sim/today or setNow()).
  // nullopt: the real clock.
  std::optional<core::TimePoint> now;
  int max_threads = 64;
};

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options);
  ~Simulator();  // stops the server
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Binds and starts serving; throws (a Poco exception) when the address is unavailable.
  void start();
  void stop();
  uint16_t port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT"

  const Generator& generator() const;
  const Scenario& scenario() const;
  core::TimePoint now() const;
  void setNow(core::TimePoint t);  // freezes the simulated clock at t

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// "YYYY-MM-DD" (10:00 China time) or "YYYY-MM-DDTHH:MM[:SS]" (China time).
std::optional<core::TimePoint> parseSimTime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS+08:00".
std::string formatSimTime(core::TimePoint t);

}  // namespace pubtrack::sim
