// SPDX-License-Identifier: Apache-2.0
// Parsers for WeChat API response bodies (datacube, freepublish, stable_token) into wechat_types.
#pragma once

// Every parser:
// - takes the body by non-const reference because simdjson needs padding after the bytes; the
//   body's capacity may grow, its contents are never changed;
// - checks `errcode` first: a non-zero errcode becomes an Error whose kind is AuthExpired
//   (40001/40014/42001), RateLimited (45009/45011) or Api (others) and whose message is
//   "errcode N: <errmsg> (rid <rid>)" (apiErrorOf() recovers the parts);
// - returns BadPayload for non-JSON, truncated or HTML bodies and for fields of the wrong type,
//   with the endpoint as Error::source and the field path ("list[2].details[0].stat_date") in
//   the message;
// - ignores unknown fields, treats missing ones as 0 / "" / empty, accepts numbers sent as
//   strings ("123") and IDs sent as numbers, and treats null as missing.
// Thread-safe: each thread reuses its own simdjson parser; results own all their strings.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/wechat/wechat_types.h"
#include "core/error.h"
#include "core/result.h"

namespace pubtrack::wechat {

// An API-level error: HTTP 200 with {"errcode":N,"errmsg":"... rid: xxx"}.
struct ApiError {
  int errcode = 0;
  std::string errmsg;  // without the " rid: ..." / " hint: [...]" suffix
  std::string rid;     // request id for openapi/rid/get (valid 7 days); "" when absent
};

// The ErrorKind an errcode maps to (AuthExpired, RateLimited or Api).
core::ErrorKind errorKindFor(int errcode);
// Splits "text rid: 617682e0-..." (or the older "text hint: [xxxx]") into errmsg and rid.
ApiError makeApiError(int errcode, std::string_view raw_errmsg);
// The core::Error for an ApiError; `source` names the endpoint, `code` is the errcode ("45009").
core::Error toError(const ApiError& api, std::string source);
// The ApiError inside an Error made by these parsers; nullopt for transport or payload errors.
std::optional<ApiError> apiErrorOf(const core::Error& error);

// Endpoint sources used in errors.
inline constexpr std::string_view kUserSummarySource = "datacube/getusersummary";
inline constexpr std::string_view kUserCumulateSource = "datacube/getusercumulate";
inline constexpr std::string_view kArticleSummarySource = "datacube/getarticlesummary";
inline constexpr std::string_view kArticleTotalSource = "datacube/getarticletotal";
inline constexpr std::string_view kUserReadSource = "datacube/getuserread";
inline constexpr std::string_view kBizSummarySource = "datacube/getbizsummary";
inline constexpr std::string_view kArticleTotalDetailSource = "datacube/getarticletotaldetail";
inline constexpr std::string_view kArticleReadSource = "datacube/getarticleread";
inline constexpr std::string_view kBatchGetSource = "freepublish/batchget";
inline constexpr std::string_view kStableTokenSource = "cgi-bin/stable_token";

core::Result<std::vector<model::UserSummaryRow>> parseUserSummary(std::string& body);
core::Result<std::vector<model::UserCumulateRow>> parseUserCumulate(std::string& body);
core::Result<std::vector<model::ArticleSummaryRow>> parseArticleSummary(std::string& body);
core::Result<std::vector<model::ArticleTotal>> parseArticleTotal(std::string& body);
core::Result<std::vector<model::UserReadRow>> parseUserRead(std::string& body);
core::Result<BizSummaryResponse> parseBizSummary(std::string& body);
core::Result<ArticleTotalDetailResponse> parseArticleTotalDetail(std::string& body);
core::Result<ArticleReadResponse> parseArticleRead(std::string& body);
core::Result<PublishedPage> parsePublishedPage(std::string& body);
// Also accepts cgi-bin/token answers (same shape). A success without a token, or with a
// non-positive expires_in, is BadPayload.
core::Result<TokenResponse> parseToken(std::string& body);
// For any other endpoint: only the errcode check (Ok when errcode is absent or 0).
core::Status checkApiStatus(std::string& body, std::string_view source);

// ---- Helpers over parsed rows -----------------------------------------------------------------

// getusersummary summed over every follow channel of each day, in ref_date order.
struct UserSummaryDay {
  std::string ref_date;
  int64_t new_user = 0;
  int64_t cancel_user = 0;
  int64_t net() const { return new_user - cancel_user; }
};
std::vector<UserSummaryDay> sumUserSummaryByDay(const std::vector<model::UserSummaryRow>& rows);

// getuserread's account total per day, in ref_date order: the 99999999 row, or the single row of
// a day whose rows carry no user_source (old days). A day with neither (only channel rows, or
// several rows without user_source) has no trustworthy total and is listed in `unresolved`.
struct UserReadTotals {
  std::vector<model::UserReadRow> totals;
  std::vector<std::string> unresolved;  // ref_dates
};
UserReadTotals selectUserReadTotals(const std::vector<model::UserReadRow>& rows);

// msgid "2247483904_1" -> {"2247483904", 1}; without "_index" (old fixtures) index is 0.
struct MsgidParts {
  std::string msg_data_id;
  int index = 0;
};
MsgidParts splitMsgid(std::string_view msgid);

}  // namespace pubtrack::wechat
