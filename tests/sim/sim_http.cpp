// SPDX-License-Identifier: Apache-2.0
// libcurl client and the shared simulator for tests/sim.
#include "sim_http.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>

namespace pubtrack::fakes {

namespace {

size_t onBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t onHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
  }
  return size * n;
}

}  // namespace

HttpReply httpRequest(const std::string& method, const std::string& url, const std::string& body,
                      const std::vector<std::string>& headers, bool gzip, long timeout_ms) {
  HttpReply r;
  CURL* h = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& hd : headers) list = curl_slist_append(list, hd.c_str());
  if (method == "POST") list = curl_slist_append(list, "Content-Type: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &r.headers);
  if (list) curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  if (gzip) curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
  if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  r.code = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(h);
  return r;
}

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
  Poco::JSON::Parser p;
  return p.parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr parseArray(const std::string& body) {
  Poco::JSON::Parser p;
  return p.parse(body).extract<Poco::JSON::Array::Ptr>();
}

sim::Scenario sampleScenario() {
  auto sc = sim::loadScenario(std::string(PUBTRACK_TEST_DATA_DIR) + "/sim/scenario.ini");
  EXPECT_TRUE(sc) << sc.error().describe();
  return sc.value();
}

std::unique_ptr<sim::Simulator> SimSuite::sim_;

void SimSuite::SetUpTestSuite() {
  sim::SimulatorOptions o;
  o.scenario = sampleScenario();
  o.feeds_dir = std::string(PUBTRACK_TEST_DATA_DIR) + "/sim/feeds";
  o.now = sim::parseSimTime("2026-01-10T10:00");
  o.max_threads = 8;
  sim_ = std::make_unique<sim::Simulator>(std::move(o));
  sim_->start();
}

void SimSuite::TearDownTestSuite() { sim_.reset(); }

void SimSuite::SetUp() {
  sim_->setNow(*sim::parseSimTime("2026-01-10T10:00"));
  ASSERT_EQ(httpPost(url("/sim/reset"), "{}").status, 200);
}

std::string SimSuite::token(const std::string& appid, const std::string& secret, bool force) {
  const auto r =
      httpPost(url("/cgi-bin/stable_token"),
               "{\"grant_type\":\"client_credential\",\"appid\":\"" + appid + "\",\"secret\":\"" +
                   secret + "\",\"force_refresh\":" + (force ? "true" : "false") + "}");
  const auto o = parseObject(r.body);
  return o->has("access_token") ? o->getValue<std::string>("access_token") : "";
}

HttpReply SimSuite::datacube(const std::string& name, const std::string& begin,
                             const std::string& end, const std::string& tok) {
  return httpPost(url("/datacube/" + name + "?access_token=" + (tok.empty() ? token() : tok)),
                  "{\"begin_date\":\"" + begin + "\",\"end_date\":\"" + end + "\"}");
}

void SimSuite::setToday(const std::string& t) {
  const auto r = httpPost(url("/sim/today"), "{\"today\":\"" + t + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
}

}  // namespace pubtrack::fakes
