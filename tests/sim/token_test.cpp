// SPDX-License-Identifier: Apache-2.0
// stable_token over HTTP: normal and force modes, expiry, invalidation, configuration errors.
#include "sim_http.h"

namespace pubtrack::fakes {
namespace {

using TokenTest = SimSuite;

std::string tokenBody(const std::string& appid, const std::string& secret, bool force = false) {
  return "{\"grant_type\":\"client_credential\",\"appid\":\"" + appid + "\",\"secret\":\"" +
         secret + "\",\"force_refresh\":" + (force ? "true" : "false") + "}";
}

long long errcodeOf(const HttpReply& r) {
  const auto o = parseObject(r.body);
  return o->has("errcode") ? o->getValue<long long>("errcode") : 0;
}

TEST_F(TokenTest, NormalModeReturnsTheSameTokenWithItsRemainingLifetime) {
  const auto first =
      parseObject(httpPost(url("/cgi-bin/stable_token"), tokenBody(kApp1, kSecret1)).body);
  const std::string tok = first->getValue<std::string>("access_token");
  EXPECT_GE(tok.size(), 100u);
  const long long ttl = first->getValue<long long>("expires_in");
  EXPECT_LE(ttl, 7200);

  sim_->setNow(sim_->now() + std::chrono::seconds(6000));
  const auto again =
      parseObject(httpPost(url("/cgi-bin/stable_token"), tokenBody(kApp1, kSecret1)).body);
  EXPECT_EQ(again->getValue<std::string>("access_token"), tok);
  EXPECT_EQ(again->getValue<long long>("expires_in"), ttl - 6000);

  // In the last five minutes a new token is issued; the old one still works until it expires.
  sim_->setNow(sim_->now() + std::chrono::seconds(ttl - 6000 - 200));
  const auto fresh =
      parseObject(httpPost(url("/cgi-bin/stable_token"), tokenBody(kApp1, kSecret1)).body);
  const std::string tok2 = fresh->getValue<std::string>("access_token");
  EXPECT_NE(tok2, tok);
  EXPECT_EQ(fresh->getValue<long long>("expires_in"), 7200);
  EXPECT_EQ(datacube("getusercumulate", "2025-12-01", "2025-12-03", tok).status, 200);
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-03", tok)), 0);

  sim_->setNow(sim_->now() + std::chrono::seconds(201));
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-03", tok)), 42001);
  EXPECT_EQ(errcodeOf(datacube("getusercumulate", "2025-12-01", "2025-12-03", tok2)), 0);
}

TEST_F(TokenTest, ForceModeInvalidatesThePreviousToken) {
  const std::string old_tok = token();
  const std::string new_tok = token(kApp1, kSecret1, true);
  EXPECT_NE(old_tok, new_tok);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2025-12-01", "2025-12-07", old_tok)), 40001);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2025-12-01", "2025-12-07", new_tok)), 0);
  // Normal mode now hands out the forced token.
  EXPECT_EQ(token(), new_tok);
}

TEST_F(TokenTest, ConfigurationAndCredentialErrors) {
  struct Case {
    const char* what;
    std::string body;
    long long errcode;
  } cases[] = {
      {"unknown appid", tokenBody("wx0000000000000000", kSecret1), 40013},
      {"wrong secret", tokenBody(kApp1, "nope"), 40125},
      {"bad grant", "{\"grant_type\":\"password\",\"appid\":\"x\",\"secret\":\"y\"}", 40002},
      {"not json", "appid=x", 47001},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto r = httpPost(url("/cgi-bin/stable_token"), c.body);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(errcodeOf(r), c.errcode);
    EXPECT_NE(parseObject(r.body)->getValue<std::string>("errmsg").find(" rid: "),
              std::string::npos);
  }
  const std::string body = "{\"begin_date\":\"2025-12-01\",\"end_date\":\"2025-12-01\"}";
  EXPECT_EQ(errcodeOf(httpPost(url("/datacube/getusersummary"), body)), 41001);
  EXPECT_EQ(errcodeOf(httpPost(url("/datacube/getusersummary?access_token=bogus"), body)), 40001);
}

TEST_F(TokenTest, InvalidateTokensAndTheClassicEndpointIsOnlyCounted) {
  const std::string tok = token();
  ASSERT_EQ(httpPost(url("/sim/invalidate-tokens"), "{}").status, 200);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2025-12-01", "2025-12-01", tok)), 40001);
  const std::string tok2 = token();
  EXPECT_NE(tok2, tok);
  EXPECT_EQ(errcodeOf(datacube("getusersummary", "2025-12-01", "2025-12-01", tok2)), 0);

  const auto classic = httpGet(url("/cgi-bin/token?grant_type=client_credential&appid=") + kApp1 +
                               "&secret=" + kSecret1);
  EXPECT_TRUE(parseObject(classic.body)->has("access_token"));
  const auto hits = parseObject(httpGet(url("/sim/hits")).body);
  EXPECT_EQ(hits->getValue<long long>("/cgi-bin/token"), 1);
  EXPECT_EQ(hits->getValue<long long>("/cgi-bin/stable_token"), 2);
}

}  // namespace
}  // namespace pubtrack::fakes
