// SPDX-License-Identifier: Apache-2.0
// Test helpers for tests/sim: a small libcurl client and a shared Simulator per suite.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/simulator.h"

namespace pubtrack::fakes {

struct HttpReply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// One blocking request. `gzip` asks for gzip and lets curl decode it.
HttpReply httpRequest(const std::string& method, const std::string& url,
                      const std::string& body = "", const std::vector<std::string>& headers = {},
                      bool gzip = false, long timeout_ms = 10000);
inline HttpReply httpGet(const std::string& url, const std::vector<std::string>& headers = {},
                         bool gzip = false) {
  return httpRequest("GET", url, "", headers, gzip);
}
inline HttpReply httpPost(const std::string& url, const std::string& body) {
  return httpRequest("POST", url, body);
}

Poco::JSON::Object::Ptr parseObject(const std::string& body);
Poco::JSON::Array::Ptr parseArray(const std::string& body);

// The sample scenario tests/fixtures/sim/scenario.ini.
sim::Scenario sampleScenario();
inline constexpr const char* kApp1 = "wxa1b2c3d4e5f60001";
inline constexpr const char* kSecret1 = "s3cret-one";
inline constexpr const char* kApp2 = "wxa1b2c3d4e5f60002";
inline constexpr const char* kSecret2 = "s3cret-two";

// A suite sharing one simulator (stopping a server costs ~0.25 s), frozen at 2026-01-10 10:00.
class SimSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;  // resets clock, faults, hits and tokens

 public:
  static std::string url(const std::string& path) { return sim_->baseUrl() + path; }
  static std::string token(const std::string& appid = kApp1, const std::string& secret = kSecret1,
                           bool force = false);
  // POST a datacube call; returns the reply.
  static HttpReply datacube(const std::string& name, const std::string& begin,
                            const std::string& end, const std::string& tok = "");
  static void setToday(const std::string& t);

  static std::unique_ptr<sim::Simulator> sim_;
};

}  // namespace pubtrack::fakes
