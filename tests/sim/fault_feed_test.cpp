// SPDX-License-Identifier: Apache-2.0
// Faults (each served exactly as often as asked, and logged) and the feed server (ETag,
// Last-Modified, gzip, charsets, generated feeds).
#include <thread>

#include "sim_http.h"

namespace pubtrack::fakes {
namespace {

using FaultTest = SimSuite;
using FeedTest = SimSuite;

long long errcodeOf(const HttpReply& r) {
  try {
    const auto o = parseObject(r.body);
    return o->has("errcode") ? o->getValue<long long>("errcode") : 0;
  } catch (const Poco::Exception&) {
    return -999;  // not JSON
  }
}

void addFault(const std::string& json) {
  const auto r = httpPost(SimSuite::url("/sim/fault"), json);
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST_F(FaultTest, EachFaultIsServedOnceThenTheNormalAnswer) {
  const std::string tok = token();
  struct Case {
    const char* fault;
    long long errcode;  // expected errcode of the faulty answer (-999: not JSON)
    long http_status;
  } cases[] = {
      {R"({"path":"/datacube/getusersummary","errcode":45009})", 45009, 200},
      {R"({"path":"/datacube/getusersummary","errcode":45011})", 45011, 200},
      {R"({"path":"/datacube/getusersummary","errcode":-1})", -1, 200},
      {R"({"path":"/datacube/getusersummary","errcode":48001})", 48001, 200},
      {R"({"path":"/datacube/getusersummary","errcode":61501})", 61501, 200},
      {R"({"path":"*","appid":"wxa1b2c3d4e5f60001","errcode":61503})", 61503, 200},
      {R"({"path":"/datacube/getusersummary","http_status":502})", -999, 502},
      {R"({"path":"/datacube/getusersummary","kind":"html"})", -999, 200},
      {R"({"path":"/datacube/getusersummary","kind":"garbage"})", -999, 200},
      {R"({"path":"/datacube/getusersummary","kind":"cut"})", -999, 200},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fault);
    addFault(c.fault);
    const auto bad = datacube("getusersummary", "2025-12-01", "2025-12-07", tok);
    EXPECT_EQ(bad.status, c.http_status);
    EXPECT_EQ(errcodeOf(bad), c.errcode) << bad.body;
    const auto good = datacube("getusersummary", "2025-12-01", "2025-12-07", tok);
    EXPECT_EQ(errcodeOf(good), 0) << good.body;
  }
  const auto served = parseArray(httpGet(url("/sim/faults-served")).body);
  ASSERT_EQ(served->size(), std::size(cases));
  const auto first = served->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("path"), "/datacube/getusersummary");
  EXPECT_EQ(first->getValue<std::string>("appid"), kApp1);
  EXPECT_EQ(first->getValue<long long>("errcode"), 45009);
  EXPECT_EQ(first->getValue<std::string>("begin_date"), "2025-12-01");
  EXPECT_EQ(first->getValue<std::string>("end_date"), "2025-12-07");
}

TEST_F(FaultTest, TokenFaultsAndTheWhitelistError) {
  addFault(R"({"path":"/cgi-bin/stable_token","errcode":40164,"ip":"198.51.100.9"})");
  const auto r = httpPost(url("/cgi-bin/stable_token"),
                          std::string("{\"grant_type\":\"client_credential\",\"appid\":\"") +
                              kApp1 + "\",\"secret\":\"" + kSecret1 + "\"}");
  EXPECT_EQ(errcodeOf(r), 40164);
  EXPECT_NE(r.body.find("invalid ip 198.51.100.9 ipv6 ::ffff:198.51.100.9, not in whitelist rid: "),
            std::string::npos)
      << r.body;

  // 40001 from a business call also invalidates the token, as a replaced token would be.
  const std::string tok = token();
  addFault(R"({"path":"/datacube/getusercumulate","errcode":40001})");
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-01", tok)), 40001);
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-01", tok)), 40001);
  const std::string tok2 = token();
  EXPECT_NE(tok2, tok);
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-01", tok2)), 0);

  addFault(R"({"path":"/datacube/getusercumulate","errcode":42001})");
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-01", tok2)), 42001);
  const std::string tok3 = token();
  EXPECT_NE(tok3, tok2);
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-01", tok3)), 0);
}

TEST_F(FaultTest, TruncatedAndSlowAndRepeatedFaults) {
  const std::string tok = token();
  addFault(R"({"path":"/datacube/getusersummary","kind":"truncated"})");
  const auto cut = datacube("getusersummary", "2025-12-01", "2025-12-01", tok);
  EXPECT_EQ(cut.code, CURLE_PARTIAL_FILE);

  addFault(R"({"path":"/datacube/getusersummary","kind":"slow","delay_ms":300})");
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2025-12-01", "2025-12-01", tok)), 0);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));

  addFault(R"({"path":"/datacube/getuserread","errcode":45009,"times":3})");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(errcodeOf(datacube("getuserread", "2025-12-01", "2025-12-01", tok)), 45009);
  EXPECT_EQ(errcodeOf(datacube("getuserread", "2025-12-01", "2025-12-01", tok)), 0);

  addFault(R"({"path":"/datacube/getuserread","errcode":-1,"date":"2025-12-05"})");
  EXPECT_EQ(errcodeOf(datacube("getuserread", "2025-12-01", "2025-12-01", tok)), 0);
  EXPECT_EQ(errcodeOf(datacube("getuserread", "2025-12-04", "2025-12-06", tok)), -1);
  EXPECT_EQ(httpPost(url("/sim/fault"), R"({"path":"x","kind":"nonsense"})").status, 400);
}

TEST_F(FeedTest, EtagAndLastModifiedAnswer304) {
  const auto first = httpGet(url("/feeds/people_utf8.xml"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.headers.at("content-type"), "application/rss+xml; charset=UTF-8");
  const std::string etag = first.headers.at("etag");
  const std::string lm = first.headers.at("last-modified");
  EXPECT_EQ(httpGet(url("/feeds/people_utf8.xml"), {"If-None-Match: " + etag}).status, 304);
  EXPECT_EQ(httpGet(url("/feeds/people_utf8.xml"), {"If-None-Match: \"other\""}).status, 200);
  EXPECT_EQ(httpGet(url("/feeds/people_utf8.xml"), {"If-Modified-Since: " + lm}).status, 304);
  EXPECT_EQ(
      httpGet(url("/feeds/people_utf8.xml"), {"If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"})
          .status,
      200);
  EXPECT_EQ(httpGet(url("/feeds/missing.xml")).status, 404);
  EXPECT_EQ(httpGet(url("/feeds/../scenario.ini")).status, 404);
}

TEST_F(FeedTest, GzipAndCharsets) {
  const auto plain = httpGet(url("/feeds/local_gbk.xml"));
  EXPECT_EQ(plain.headers.at("content-type"), "application/xml; charset=GBK");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  const auto zipped = httpGet(url("/feeds/local_gbk.xml"), {}, true);
  EXPECT_EQ(zipped.headers.at("content-encoding"), "gzip");
  EXPECT_EQ(zipped.body, plain.body);  // curl decoded it
  EXPECT_EQ(zipped.headers.at("etag"), plain.headers.at("etag"));
}

TEST_F(FeedTest, GeneratedFeedsAreStableAndFaultsApply) {
  const auto a = httpGet(url("/feeds/gen/42.xml"));
  const auto b = httpGet(url("/feeds/gen/42.xml"));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.headers.at("etag"), b.headers.at("etag"));
  EXPECT_NE(a.body, httpGet(url("/feeds/gen/43.xml")).body);
  EXPECT_NE(a.body.find("<item>"), std::string::npos);
  EXPECT_EQ(httpGet(url("/feeds/gen/42.xml"), {"If-None-Match: " + a.headers.at("etag")}).status,
            304);

  addFault(R"({"path":"/feeds/gen/42.xml","http_status":503,"retry_after":120})");
  const auto down = httpGet(url("/feeds/gen/42.xml"));
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.headers.at("retry-after"), "120");
  addFault(R"({"path":"/feeds/people_utf8.xml","kind":"huge","bytes":3000000})");
  const auto huge = httpGet(url("/feeds/people_utf8.xml"));
  EXPECT_EQ(huge.status, 200);
  EXPECT_GE(huge.body.size(), 3000000u);
  addFault(R"({"path":"/feeds/people_utf8.xml","kind":"html"})");
  EXPECT_NE(httpGet(url("/feeds/people_utf8.xml")).body.find("<html>"), std::string::npos);
  EXPECT_EQ(httpGet(url("/feeds/people_utf8.xml")).status, 200);
  const auto served = parseArray(httpGet(url("/sim/faults-served")).body);
  EXPECT_EQ(served->size(), 3u);
  const auto hits = parseObject(httpGet(url("/sim/hits")).body);
  EXPECT_EQ(hits->getValue<long long>("/feeds/gen/42.xml"), 4);
}

}  // namespace
}  // namespace pubtrack::fakes
