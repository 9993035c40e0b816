// SPDX-License-Identifier: Apache-2.0
// FakeHttpServer's own contract: route lifetime, once-responses, request log, 404 default.
#include "tests/fakes/fake_http_server.h"

#include <gtest/gtest.h>

#include <memory>

#include "net/curl_http_client.h"

namespace pubtrack::fakes {
namespace {

class FakeHttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<FakeHttpServer>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static net::HttpSettings settings() {
    net::HttpSettings s;
    s.retries = 0;
    return s;
  }
  static net::HttpRequest get(const std::string& path) {
    net::HttpRequest r;
    r.url = server_->url(path);
    return r;
  }
  static net::HttpRequest post(const std::string& path, std::string body) {
    net::HttpRequest r = get(path);
    r.method = "POST";
    r.body = std::move(body);
    return r;
  }
  static inline std::unique_ptr<FakeHttpServer> server_;
};

TEST_F(FakeHttpServerTest, RouteLivesAsLongAsItsHandle) {
  net::CurlHttpClient http(settings());
  {
    auto route = server_->route("/scoped", FakeResponse::text("here"));
    EXPECT_TRUE(route.active());
    auto res = http.fetch(get("/scoped"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body, "here");
  }
  auto res = http.fetch(get("/scoped"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body, R"({"errcode":99999})");
  EXPECT_EQ(server_->hits("/scoped"), 2);
}

TEST_F(FakeHttpServerTest, RespondOnceThenFallsBackAndNewestRouteWins) {
  net::CurlHttpClient http(settings());
  auto base = server_->route("/layered", FakeResponse::text("base"));
  auto over = server_->route("/layered", FakeResponse::text("override"));
  auto once = server_->respondOnce("/layered", FakeResponse::text("once"));
  EXPECT_EQ(http.fetch(get("/layered"))->body, "once");
  EXPECT_FALSE(once.active());
  EXPECT_EQ(http.fetch(get("/layered"))->body, "override");
  over.reset();
  EXPECT_EQ(http.fetch(get("/layered"))->body, "base");
}

TEST_F(FakeHttpServerTest, MethodSpecificRoutes) {
  net::CurlHttpClient http(settings());
  auto post_route = server_->route("POST", "/m", FakeResponse::text("post"));
  EXPECT_EQ(http.fetch(get("/m"))->status, 404);
  EXPECT_EQ(http.fetch(post("/m", "b"))->body, "post");
}

TEST_F(FakeHttpServerTest, RecordsRequestsInOrder) {
  net::CurlHttpClient http(settings());
  auto route = server_->route("/log", FakeResponse::text("ok"));
  ASSERT_TRUE(http.fetch(get("/log?n=1")));
  ASSERT_TRUE(http.fetch(get("/log?n=2&s=a%20b")));
  const auto all = server_->requests("/log");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].queryParam("n"), "1");
  EXPECT_EQ(all[1].queryParam("s"), "a b");
  EXPECT_EQ(server_->lastRequest("/log")->query, "n=2&s=a%20b");
  EXPECT_FALSE(server_->lastRequest("/nothing"));
  server_->resetStats();
  EXPECT_EQ(server_->hits("/log"), 0);
}

TEST_F(FakeHttpServerTest, HandlerExceptionsBecome500) {
  net::CurlHttpClient http(settings());
  auto route = server_->route(
      "/throws", [](const FakeRequest&) -> FakeResponse { throw std::runtime_error("boom"); });
  auto res = http.fetch(get("/throws"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_NE(res->body.find("boom"), std::string::npos);
}

}  // namespace
}  // namespace pubtrack::fakes
