// SPDX-License-Identifier: Apache-2.0
// CurlHttpClient against the in-process fake on 127.0.0.1: limits, caching, retries, errors.
#include "net/curl_http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/fakes/fake_http_server.h"

namespace pubtrack::net {
namespace {

using core::ErrorKind;
using fakes::FakeHttpServer;
using fakes::FakeRequest;
using fakes::FakeResponse;
using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

class CurlHttpClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<FakeHttpServer>(); }
  static void TearDownTestSuite() { server_.reset(); }

  // Short timeouts, no retries, no per-host throttling: each test loosens what it checks.
  static HttpSettings settings() {
    HttpSettings s;
    s.timeout_ms = 5000;
    s.connect_timeout_ms = 2000;
    s.retries = 0;
    s.retry_base_ms = 10;
    s.concurrency = 8;
    s.per_host = 8;
    return s;
  }
  static HttpRequest get(const std::string& path, std::string source = "test.source") {
    HttpRequest r;
    r.url = server_->url(path);
    r.source = std::move(source);
    return r;
  }
  static FakeHttpServer& server() { return *server_; }

  static inline std::unique_ptr<FakeHttpServer> server_;
};

long long msSince(Steady::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Steady::now() - start).count();
}

TEST_F(CurlHttpClientTest, ReturnsStatusBodyAndCacheHeaders) {
  auto route =
      server().route("/basic", FakeResponse::json(R"({"ok":true})")
                                   .header("ETag", "\"v7\"")
                                   .header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
  CurlHttpClient http(settings());
  HttpRequest req = get("/basic?x=1");
  req.headers.emplace_back("X-Trace", "abc");
  auto res = http.fetch(req);
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"ok":true})");
  EXPECT_EQ(res->content_type, "application/json; charset=utf-8");
  EXPECT_EQ(res->etag, "\"v7\"");
  EXPECT_EQ(res->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_FALSE(res->retry_after_s);
  EXPECT_EQ(res->effective_url, server().url("/basic?x=1"));
  const auto seen = server().lastRequest("/basic");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->method, "GET");
  EXPECT_EQ(seen->queryParam("x"), "1");
  EXPECT_EQ(seen->header("X-Trace"), "abc");
  EXPECT_EQ(seen->header("User-Agent"), HttpSettings{}.user_agent);
  EXPECT_FALSE(seen->hasHeader("If-None-Match"));
}

TEST_F(CurlHttpClientTest, StatusIsDataNotError) {
  CurlHttpClient http(settings());
  auto res = http.fetch(get("/no-such-route"));
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body, R"({"errcode":99999})");
}

TEST_F(CurlHttpClientTest, PostsBodyAndHeaders) {
  auto route = server().route("POST", "/post", FakeResponse::json("{}"));
  CurlHttpClient http(settings());
  HttpRequest req = get("/post");
  req.method = "POST";
  req.body = R"({"begin_date":"2024-01-01"})" + std::string(4000, ' ');  // no 100-continue
  req.headers.emplace_back("Content-Type", "application/json");
  auto res = http.fetch(req);
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 200);
  const auto seen = server().lastRequest("/post");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->method, "POST");
  EXPECT_EQ(seen->body, req.body);
  EXPECT_EQ(seen->header("Content-Type"), "application/json");
  EXPECT_FALSE(seen->hasHeader("Expect"));
}

TEST_F(CurlHttpClientTest, FetchAllKeepsRequestOrder) {
  auto route = server().route("/echo", [](const FakeRequest& r) {
    return FakeResponse::text(r.queryParam("i"))
        .delay(milliseconds(r.queryParam("i") == "0" ? 150 : 0));
  });
  CurlHttpClient http(settings());
  std::vector<HttpRequest> reqs;
  for (int i = 0; i < 6; ++i) reqs.push_back(get("/echo?i=" + std::to_string(i)));
  const auto results = http.fetchAll(reqs);
  ASSERT_EQ(results.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(results[i]) << results[i].error().describe();
    EXPECT_EQ(results[i]->body, std::to_string(i));
  }
}

TEST_F(CurlHttpClientTest, ConcurrentTransfersOverlap) {
  auto route = server().route("/slow", FakeResponse::text("ok").delay(milliseconds(200)));
  HttpSettings s = settings();
  s.concurrency = 8;
  s.per_host = 8;
  CurlHttpClient http(s);
  std::vector<HttpRequest> reqs(16, get("/slow"));
  const auto start = Steady::now();
  const auto results = http.fetchAll(reqs);
  const auto wall = msSince(start);
  for (const auto& r : results) ASSERT_TRUE(r && r->status == 200);
  // Serial would be 3200 ms; ideal is 400 ms. Only a generous bound: the machine is shared.
  EXPECT_LT(wall, 2000);
  EXPECT_GT(server().peakConcurrent("/slow"), 1);
  EXPECT_LE(server().peakConcurrent("/slow"), 8);
}

TEST_F(CurlHttpClientTest, PerHostLimitIsHonoured) {
  auto route = server().route("/perhost", FakeResponse::text("ok").delay(milliseconds(120)));
  HttpSettings s = settings();
  s.concurrency = 8;
  s.per_host = 2;
  CurlHttpClient http(s);
  const auto results = http.fetchAll(std::vector<HttpRequest>(8, get("/perhost")));
  for (const auto& r : results) ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(server().hits("/perhost"), 8);
  EXPECT_EQ(server().peakConcurrent("/perhost"), 2);
}

TEST_F(CurlHttpClientTest, ConcurrencyLimitIsHonoured) {
  auto route = server().route("/limit", FakeResponse::text("ok").delay(milliseconds(80)));
  HttpSettings s = settings();
  s.concurrency = 3;
  s.per_host = 8;
  CurlHttpClient http(s);
  const auto results = http.fetchAll(std::vector<HttpRequest>(9, get("/limit")));
  for (const auto& r : results) ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(server().peakConcurrent("/limit"), 3);
}

TEST_F(CurlHttpClientTest, ConditionalGetSendsValidatorsAndReturns304) {
  auto route = server().route("/feed.xml", [](const FakeRequest& r) {
    if (r.header("If-None-Match") == "\"abc\"")
      return FakeResponse::empty(304).header("ETag", "\"abc\"");
    return FakeResponse::text("<rss/>", "application/rss+xml").header("ETag", "\"abc\"");
  });
  CurlHttpClient http(settings());
  HttpRequest req = get("/feed.xml", "feed.people");
  req.etag = "\"abc\"";
  req.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  auto res = http.fetch(req);
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 304);
  EXPECT_EQ(res->body, "");
  EXPECT_EQ(res->etag, "\"abc\"");
  const auto seen = server().lastRequest("/feed.xml");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->header("If-None-Match"), "\"abc\"");
  EXPECT_EQ(seen->header("If-Modified-Since"), "Wed, 21 Oct 2015 07:28:00 GMT");
}

TEST_F(CurlHttpClientTest, GzipBodyIsDecoded) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "<item>line " + std::to_string(i) + "</item>\n";
  FakeResponse resp = FakeResponse::text(text, "application/xml");
  resp.gzip = true;
  auto route = server().route("/gz", resp);
  CurlHttpClient http(settings());
  auto res = http.fetch(get("/gz"));
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->body, text);
  EXPECT_NE(server().lastRequest("/gz")->header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(CurlHttpClientTest, FollowsFiveRedirectsAndRefusesTheSixth) {
  std::vector<fakes::RouteHandle> routes;
  for (int i = 1; i <= 6; ++i) {
    routes.push_back(server().route("/hop" + std::to_string(i),
                                    FakeResponse::redirect("/hop" + std::to_string(i + 1))));
  }
  routes.push_back(server().route("/hop7", FakeResponse::text("landed")));
  CurlHttpClient http(settings());

  auto five = http.fetch(get("/hop2"));  // 2->3->4->5->6->7: five redirects
  ASSERT_TRUE(five) << five.error().describe();
  EXPECT_EQ(five->body, "landed");
  EXPECT_EQ(five->effective_url, server().url("/hop7"));

  auto six = http.fetch(get("/hop1", "feed.loop"));
  ASSERT_FALSE(six);
  EXPECT_EQ(six.error().kind, ErrorKind::Network);
  EXPECT_EQ(six.error().source, "feed.loop");
  EXPECT_NE(six.error().message.find("redirect"), std::string::npos) << six.error().message;
  EXPECT_EQ(server().hits("/hop7"), 1);
}

TEST_F(CurlHttpClientTest, RefusesRedirectToOtherSchemes) {
  for (const char* target : {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/"}) {
    SCOPED_TRACE(target);
    auto route = server().route("/away", FakeResponse::redirect(target));
    CurlHttpClient http(settings());
    auto res = http.fetch(get("/away"));
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().kind, ErrorKind::Network);
  }
}

TEST_F(CurlHttpClientTest, TooLargeFailsOnlyThatTransfer) {
  FakeResponse declared;
  declared.stream_bytes = 8u << 20;  // Content-Length says 8 MiB
  FakeResponse bomb = FakeResponse::text(std::string(1u << 20, 'a'));
  bomb.gzip = true;  // ~1 KiB on the wire, 1 MiB decoded
  auto r1 = server().route("/huge", declared);
  auto r2 = server().route("/bomb", bomb);
  auto r3 = server().route("/small", FakeResponse::text(std::string(1000, 's')));
  HttpSettings s = settings();
  s.max_body_bytes = 64 * 1024;
  s.retries = 2;  // over-size is never retried
  CurlHttpClient http(s);
  const auto results = http.fetchAll({get("/small"), get("/huge", "feed.huge"), get("/small"),
                                      get("/bomb", "feed.bomb"), get("/small")});
  for (size_t i : {0u, 2u, 4u}) {
    ASSERT_TRUE(results[i]) << results[i].error().describe();
    EXPECT_EQ(results[i]->body.size(), 1000u);
  }
  for (size_t i : {1u, 3u}) {
    ASSERT_FALSE(results[i]);
    EXPECT_EQ(results[i].error().kind, ErrorKind::TooLarge);
    EXPECT_NE(results[i].error().message.find("response body exceeds max_body_bytes (65536)"),
              std::string::npos)
        << results[i].error().message;
  }
  EXPECT_EQ(results[1].error().source, "feed.huge");
  EXPECT_EQ(server().hits("/huge"), 1);
  EXPECT_EQ(server().hits("/bomb"), 1);
}

TEST_F(CurlHttpClientTest, ConnectionRefusedIsNetworkErrorNamingSource) {
  CurlHttpClient http(settings());
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(fakes::unusedLocalPort()) + "/feed.xml";
  req.source = "feed.refused";
  auto res = http.fetch(req);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().kind, ErrorKind::Network);
  EXPECT_EQ(res.error().source, "feed.refused");
  EXPECT_NE(res.error().message.find(req.url), std::string::npos) << res.error().message;
  EXPECT_NE(res.error().describe().find("feed.refused"), std::string::npos);
}

TEST_F(CurlHttpClientTest, SlowServerIsTimeout) {
  auto route = server().route("/stall", FakeResponse::text("late").delay(milliseconds(3000)));
  HttpSettings s = settings();
  s.timeout_ms = 300;
  CurlHttpClient http(s);
  const auto start = Steady::now();
  auto res = http.fetch(get("/stall", "feed.slow"));
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().kind, ErrorKind::Timeout);
  EXPECT_EQ(res.error().source, "feed.slow");
  EXPECT_LT(msSince(start), 2500);
}

TEST_F(CurlHttpClientTest, ParsesRetryAfterInBothForms) {
  // Fri, 01 Mar 2024 12:00:00 GMT, and the same instant on a fixed clock.
  const core::TimePoint now =
      std::chrono::sys_days(std::chrono::year(2024) / 3 / 1) + std::chrono::hours(12);
  core::FixedClock clock(now);
  auto delta = server().route("/ra-delta", FakeResponse::empty(503).header("Retry-After", "7"));
  auto date = server().route(
      "/ra-date", FakeResponse::empty(429).header("Retry-After", "Fri, 01 Mar 2024 12:02:00 GMT"));
  CurlHttpClient http(settings(), &clock);
  const auto results = http.fetchAll({get("/ra-delta"), get("/ra-date")});
  ASSERT_TRUE(results[0]) << results[0].error().describe();
  ASSERT_TRUE(results[1]) << results[1].error().describe();
  EXPECT_EQ(results[0]->status, 503);
  EXPECT_EQ(results[0]->retry_after_s, 7);
  EXPECT_EQ(results[1]->status, 429);
  EXPECT_EQ(results[1]->retry_after_s, 120);
}

TEST_F(CurlHttpClientTest, RetriesServerErrorsThenSucceeds) {
  auto ok = server().route("/flaky", FakeResponse::text("fine"));
  auto fail1 = server().respondOnce("/flaky", FakeResponse::empty(500));
  auto fail2 = server().respondOnce("/flaky", FakeResponse::empty(502));
  HttpSettings s = settings();
  s.retries = 2;
  CurlHttpClient http(s);
  auto res = http.fetch(get("/flaky"));
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "fine");
  EXPECT_EQ(server().hits("/flaky"), 3);
}

TEST_F(CurlHttpClientTest, ReturnsLastStatusWhenRetriesRunOut) {
  auto route = server().route("/down", FakeResponse::empty(503));
  HttpSettings s = settings();
  s.retries = 2;
  CurlHttpClient http(s);
  auto res = http.fetch(get("/down"));
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(server().hits("/down"), 3);
}

TEST_F(CurlHttpClientTest, ZeroRetriesMeansOneAttempt) {
  auto route = server().route("/down-once", FakeResponse::empty(500));
  auto cut = server().route("/cut-once", [](const FakeRequest&) {
    FakeResponse r = FakeResponse::text("partial");
    r.truncated = true;
    return r;
  });
  CurlHttpClient http(settings());  // retries = 0
  const auto results = http.fetchAll({get("/down-once"), get("/cut-once", "feed.cut")});
  ASSERT_TRUE(results[0]);
  EXPECT_EQ(results[0]->status, 500);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().kind, ErrorKind::Network);
  EXPECT_EQ(server().hits("/down-once"), 1);
  EXPECT_EQ(server().hits("/cut-once"), 1);
}

TEST_F(CurlHttpClientTest, RetriesTransportErrors) {
  auto ok = server().route("/cut", FakeResponse::text("whole"));
  FakeResponse truncated = FakeResponse::text("par");
  truncated.truncated = true;
  auto once = server().respondOnce("/cut", truncated);
  HttpSettings s = settings();
  s.retries = 1;
  CurlHttpClient http(s);
  auto res = http.fetch(get("/cut"));
  ASSERT_TRUE(res) << res.error().describe();
  EXPECT_EQ(res->body, "whole");
  EXPECT_EQ(server().hits("/cut"), 2);
}

TEST_F(CurlHttpClientTest, HonoursRetryAfterWithoutBlockingOthers) {
  auto ok = server().route("/busy", FakeResponse::text("done"));
  auto once = server().respondOnce("/busy", FakeResponse::empty(429).header("Retry-After", "1"));
  auto quick = server().route("/quick", FakeResponse::text("q").delay(milliseconds(50)));
  HttpSettings s = settings();
  s.retries = 1;
  s.concurrency = 1;  // the quick ones run while /busy waits for its retry
  CurlHttpClient http(s);
  std::vector<HttpRequest> reqs{get("/busy"), get("/quick"), get("/quick"), get("/quick")};
  std::vector<size_t> order;
  std::vector<long long> at(reqs.size());
  const auto start = Steady::now();
  http.fetchEach(reqs, [&](size_t i, core::Result<HttpResponse> r) {
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->status, 200);
    order.push_back(i);
    at[i] = msSince(start);
  });
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order.back(), 0u);  // the retried one finishes last
  EXPECT_GE(at[0], 900);        // waited for Retry-After: 1
  EXPECT_LT(at[3], 900);        // the others did not wait behind it
  EXPECT_EQ(server().hits("/busy"), 2);
}

TEST_F(CurlHttpClientTest, StopFlagInterruptsWhatHasNotStarted) {
  auto route = server().route("/stoppable", FakeResponse::text("ok").delay(milliseconds(100)));
  HttpSettings s = settings();
  s.concurrency = 1;
  CurlHttpClient http(s);
  std::atomic<bool> stop{false};
  std::vector<HttpRequest> reqs(5, get("/stoppable", "feed.stop"));
  std::vector<std::optional<core::Result<HttpResponse>>> out(reqs.size());
  http.fetchEach(
      reqs,
      [&](size_t i, core::Result<HttpResponse> r) {
        out[i].emplace(std::move(r));
        stop = true;  // SIGTERM arrived while the first transfer ran
      },
      &stop);
  ASSERT_TRUE(out[0] && *out[0]);
  EXPECT_EQ((*out[0])->status, 200);
  for (size_t i = 1; i < out.size(); ++i) {
    ASSERT_TRUE(out[i]);
    ASSERT_FALSE(*out[i]);
    EXPECT_EQ(out[i]->error().kind, ErrorKind::Interrupted);
    EXPECT_EQ(out[i]->error().source, "feed.stop");
  }
  EXPECT_EQ(server().hits("/stoppable"), 1);
}

TEST_F(CurlHttpClientTest, StopLetsRunningTransfersFinish) {
  auto route = server().route("/running", FakeResponse::text("ok").delay(milliseconds(400)));
  HttpSettings s = settings();
  s.concurrency = 2;
  CurlHttpClient http(s);
  std::atomic<bool> stop{false};
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(milliseconds(150));
    stop = true;
  });
  const auto results = http.fetchAll(std::vector<HttpRequest>(5, get("/running")), &stop);
  stopper.join();
  int ok = 0;
  int interrupted = 0;
  for (const auto& r : results) {
    if (r && r->status == 200) ++ok;
    if (!r && r.error().kind == ErrorKind::Interrupted) ++interrupted;
  }
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(interrupted, 3);
}

TEST_F(CurlHttpClientTest, StopSetBeforehandStartsNothing) {
  auto route = server().route("/never", FakeResponse::text("ok"));
  CurlHttpClient http(settings());
  const std::atomic<bool> stop{true};
  const auto results = http.fetchAll(std::vector<HttpRequest>(3, get("/never")), &stop);
  for (const auto& r : results) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Interrupted);
  }
  EXPECT_EQ(server().hits("/never"), 0);
}

TEST_F(CurlHttpClientTest, ErrorsNeverContainTokens) {
  HttpSettings s = settings();
  s.retries = 1;
  CurlHttpClient http(s);
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(fakes::unusedLocalPort()) +
            "/datacube/getusersummary?access_token=TOKEN123&secret=SEKRIT";
  req.source = "account.main getusersummary";
  auto res = http.fetch(req);
  ASSERT_FALSE(res);
  const std::string text = res.error().describe();
  EXPECT_EQ(text.find("TOKEN123"), std::string::npos) << text;
  EXPECT_EQ(text.find("SEKRIT"), std::string::npos) << text;
  EXPECT_NE(text.find("access_token=***"), std::string::npos) << text;
  EXPECT_NE(text.find("account.main getusersummary"), std::string::npos) << text;
  EXPECT_NE(text.find("after 2 attempts"), std::string::npos) << text;
}

TEST_F(CurlHttpClientTest, CompletionMayFetchAgain) {
  auto a = server().route("/outer", FakeResponse::text("outer"));
  auto b = server().route("/inner", FakeResponse::text("inner"));
  CurlHttpClient http(settings());
  std::vector<std::string> bodies;
  http.fetchEach({get("/outer"), get("/outer")}, [&](size_t, core::Result<HttpResponse> r) {
    ASSERT_TRUE(r);
    bodies.push_back(r->body);
    auto inner = http.fetch(get("/inner"));  // e.g. refresh a token, then carry on
    ASSERT_TRUE(inner) << inner.error().describe();
    bodies.push_back(inner->body);
  });
  EXPECT_EQ(bodies, (std::vector<std::string>{"outer", "inner", "outer", "inner"}));
}

}  // namespace
}  // namespace pubtrack::net
