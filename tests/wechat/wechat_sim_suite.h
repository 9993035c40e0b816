// SPDX-License-Identifier: Apache-2.0
// Test support for the WeChat collector: one in-process pubtrack-sim per suite, reached with the
// real net::CurlHttpClient on 127.0.0.1, a fixed clock and a recording sleep.
#pragma once

#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collectors/wechat/wechat_collector.h"
#include "core/clock.h"
#include "net/curl_http_client.h"
#include "sim/simulator.h"

namespace pubtrack::fakes {

inline constexpr const char* kAppA = "wxc0ffee0000000a01";
inline constexpr const char* kSecretA = "sim-secret-alpha-7f3e9d";
inline constexpr const char* kAppB = "wxc0ffee0000000b02";
inline constexpr const char* kSecretB = "sim-secret-bravo-41c2aa";

// Two accounts with data from 2024-01-01 (see wechat_sim_suite.cpp).
sim::Scenario collectorScenario();

// Records every wait the collector asks for, without waiting. Thread-safe.
class RecordingSleep {
 public:
  wechat::SleepFn fn() {
    return [this](std::chrono::milliseconds ms) {
      std::lock_guard lock(mu_);
      waits_.push_back(ms);
    };
  }
  std::vector<std::chrono::milliseconds> waits() const {
    std::lock_guard lock(mu_);
    return waits_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::chrono::milliseconds> waits_;
};

class WeChatSimSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;  // resets the simulator (hits, faults, tokens) and both clocks

 public:
  // The simulated "now": 2026-01-10 10:00:00 China time.
  static core::TimePoint simNow();
  static std::string baseUrl() { return sim_->baseUrl(); }
  // Moves the simulator's clock and the collector's clock together.
  void setNow(core::TimePoint t);

  // POST /sim/fault with the given JSON object body; fails the test on an error.
  static void fault(const std::string& json);
  // GET /sim/hits: requests served for `path` since the last reset.
  static long long hits(const std::string& path);
  // GET /sim/expected for [from, to].
  static Poco::JSON::Object::Ptr expected(const std::string& appid, const std::string& from,
                                          const std::string& to);
  // The token the simulator would hand out now in normal mode (same as the cached one).
  static std::string currentToken(const std::string& appid, const std::string& secret);

  wechat::WeChatCollector makeCollector(int concurrency = 2, int retries = 2,
                                        long retry_base_ms = 10);
  static wechat::AccountJob job(const std::string& appid, const std::string& secret,
                                std::vector<wechat::PlannedCall> calls, int publish_pages = 0);
  // planCalls over [from, to] for the given endpoints.
  static std::vector<wechat::PlannedCall> plan(const std::vector<model::Endpoint>& endpoints,
                                               const std::string& from, const std::string& to);

  static std::unique_ptr<sim::Simulator> sim_;
  static std::unique_ptr<net::CurlHttpClient> http_;  // retries 0: the collector retries
  core::FixedClock clock_{simNow()};
  RecordingSleep sleep_;
};

}  // namespace pubtrack::fakes
