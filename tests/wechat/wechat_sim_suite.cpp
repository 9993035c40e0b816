// SPDX-License-Identifier: Apache-2.0
// The shared simulator, admin helpers and collector factory for the WeChat collector tests.
#include "wechat_sim_suite.h"

#include <Poco/JSON/Parser.h>

namespace pubtrack::fakes {

std::unique_ptr<sim::Simulator> WeChatSimSuite::sim_;
std::unique_ptr<net::CurlHttpClient> WeChatSimSuite::http_;

namespace {

net::HttpResponse request(const std::string& method, const std::string& path,
                          const std::string& body = "") {
  net::HttpRequest req;
  req.method = method;
  req.url = WeChatSimSuite::baseUrl() + path;
  req.body = body;
  req.headers.emplace_back("Content-Type", "application/json");
  auto resp = WeChatSimSuite::http_->fetch(req);
  EXPECT_TRUE(resp) << resp.error().describe();
  return resp ? resp.value() : net::HttpResponse{};
}

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
  Poco::JSON::Parser p;
  return p.parse(body).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

sim::Scenario collectorScenario() {
  const std::string ini = std::string("[sim]\nseed = 11\ntoken_ttl_s = 7200\ndelay_days = 2\n") +
                          "[account." + kAppA + "]\nsecret = " + kSecretA +
                          "\nname = 甲\nfrom = 2024-01-01\nfollowers_start = 30000\n"
                          "articles_per_year = 700\npage_views_per_year = 1500000\n"
                          "read_users_per_year = 1000000\nfollowers_net_per_year = 5000\n" +
                          "[account." + kAppB + "]\nsecret = " + kSecretB +
                          "\nname = 乙\nfrom = 2024-01-01\nfollowers_start = 1200\n"
                          "articles_per_year = 200\npage_views_per_year = 90000\n"
                          "read_users_per_year = 60000\nfollowers_net_per_year = -100\n";
  auto sc = sim::parseScenario(ini);
  EXPECT_TRUE(sc) << sc.error().describe();
  return sc.value();
}

core::TimePoint WeChatSimSuite::simNow() {
  return core::instantOf(*core::Date::parse("2026-01-10"), 10, 0, 0, core::kChinaTime);
}

void WeChatSimSuite::SetUpTestSuite() {
  sim::SimulatorOptions opts;
  opts.scenario = collectorScenario();
  opts.now = simNow();
  sim_ = std::make_unique<sim::Simulator>(std::move(opts));
  sim_->start();
  net::HttpSettings s;
  s.retries = 0;
  s.timeout_ms = 10000;
  s.concurrency = 8;
  s.per_host = 8;
  http_ = std::make_unique<net::CurlHttpClient>(s);
}

void WeChatSimSuite::TearDownTestSuite() {
  http_.reset();
  sim_.reset();
}

void WeChatSimSuite::SetUp() {
  request("POST", "/sim/reset", "{}");
  setNow(simNow());
}

void WeChatSimSuite::setNow(core::TimePoint t) {
  sim_->setNow(t);
  clock_.set(t);
}

void WeChatSimSuite::fault(const std::string& json) {
  const auto resp = request("POST", "/sim/fault", json);
  ASSERT_EQ(resp.status, 200) << resp.body;
}

long long WeChatSimSuite::hits(const std::string& path) {
  const auto o = parseObject(request("GET", "/sim/hits").body);
  return o->has(path) ? o->getValue<long long>(path) : 0;
}

Poco::JSON::Object::Ptr WeChatSimSuite::expected(const std::string& appid, const std::string& from,
                                                 const std::string& to) {
  return parseObject(
      request("GET", "/sim/expected?appid=" + appid + "&from=" + from + "&to=" + to).body);
}

std::string WeChatSimSuite::currentToken(const std::string& appid, const std::string& secret) {
  const auto resp = request("POST", "/cgi-bin/stable_token",
                            "{\"grant_type\":\"client_credential\",\"appid\":\"" + appid +
                                "\",\"secret\":\"" + secret + "\",\"force_refresh\":false}");
  return parseObject(resp.body)->getValue<std::string>("access_token");
}

wechat::WeChatCollector WeChatSimSuite::makeCollector(int concurrency, int retries,
                                                      long retry_base_ms) {
  config::WeChatSettings s;
  s.api_base = baseUrl();
  s.concurrency = concurrency;
  return wechat::WeChatCollector(s, wechat::RetrySettings{retries, retry_base_ms, 3}, *http_,
                                 clock_, sleep_.fn(), 42);
}

wechat::AccountJob WeChatSimSuite::job(const std::string& appid, const std::string& secret,
                                       std::vector<wechat::PlannedCall> calls, int publish_pages) {
  wechat::AccountJob j;
  j.account.id = appid == kAppA ? "alpha" : appid == kAppB ? "bravo" : "other";
  j.account.name = j.account.id;
  j.account.appid = appid;
  j.secret = core::Secret(secret);
  j.calls = std::move(calls);
  j.publish_pages = publish_pages;
  return j;
}

std::vector<wechat::PlannedCall> WeChatSimSuite::plan(const std::vector<model::Endpoint>& endpoints,
                                                      const std::string& from,
                                                      const std::string& to) {
  wechat::PlanSettings ps;
  ps.endpoints = endpoints;
  ps.backfill_from = *core::Date::parse(from);
  ps.legacy_repull_days = 0;
  ps.new_repull_days = 0;
  const auto b = *core::Date::parse(from), e = *core::Date::parse(to);
  return wechat::planCalls(ps, e, model::DateRange{b, e});
}

}  // namespace pubtrack::fakes
