// SPDX-License-Identifier: Apache-2.0
// wechat::TokenProvider: one account's access token from cgi-bin/stable_token, cached in memory.
#pragma once

// Why stable_token and never cgi-bin/token: stable tokens are isolated from classic ones, so
// pubtrack cannot knock out the agency's other integrations that share the AppID, and normal
// mode (force_refresh:false) hands every caller the same token until shortly before it expires
// (reference §2.2-2.3).
//
// Secrets: the AppSecret only goes into the token request body, which is never logged or
// stored; the token only into the `access_token=` query parameter (net/ redacts it from logged
// URLs). Neither appears in any Error this class returns, and the token response body is kept
// nowhere.

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "core/secret.h"
#include "net/http_client.h"

namespace pubtrack::wechat {

// Refetch when fewer than min(kRefreshMargin, expires_in / 2) seconds remain.
inline constexpr std::chrono::seconds kRefreshMargin{300};

struct TokenAccount {
  std::string id;  // [account.<id>]: names the account in errors
  std::string appid;
  core::Secret secret;
};

// Thread-safe: every method may be called from several workers at once. A fetch happens under
// the mutex, so concurrent callers that find no valid token wait for one fetch instead of each
// making their own (double-checked: they re-read the cache after the lock).
class TokenProvider {
 public:
  // `api_base` like "https://api.weixin.qq.com" (no trailing slash). `http` and `clock` are not
  // owned and must outlive the provider.
  TokenProvider(std::string api_base, TokenAccount account, net::HttpClient& http,
                const core::Clock& clock);

  // The cached token, or a fresh one (normal mode) when none is cached or it is about to
  // expire. Errors:
  // - an API error from the token endpoint (apiErrorOf() gives errcode and rid) with the
  //   operator's message, e.g. "WeChat refuses calls from IP 203.0.113.7: add it to the
  //   account's IP whitelist (errcode 40164, rid ...)";
  // - transport and payload errors as net/ and the parser report them.
  // A configuration error (isFatal()) is remembered: later calls return it without asking
  // WeChat again.
  core::Result<core::Secret> token(const std::atomic<bool>* stop = nullptr);

  // Compare-and-expire: drops the cached token only if it is still `failed`, so a worker holding
  // an old token cannot throw away the fresh one another worker just fetched.
  void invalidate(const core::Secret& failed);

  // After `failed` was rejected even when freshly fetched: asks for a new token with
  // force_refresh:true (which invalidates the previous stable token). Allowed once until
  // resetRun(); if the cache already holds a token other than `failed` (someone refreshed
  // meanwhile), that token is returned without asking. A second forced refresh is refused
  // with ErrorKind::AuthExpired.
  core::Result<core::Secret> forceRefresh(const core::Secret& failed,
                                          const std::atomic<bool>* stop = nullptr);

  // Starts a new run: the forced refresh may be used again and a remembered fatal error is
  // forgotten (the admin may have fixed it). The cached token is kept.
  void resetRun();

  // Token endpoint calls made (for tests and the run summary).
  int calls() const;
  int forcedRefreshes() const;

  // Whether an error from token() means "stop the account" rather than "try again later":
  // every API error except -1 (busy) and 45011 (per-minute limit).
  static bool isFatal(const core::Error& error);

  const TokenAccount& account() const { return account_; }

 private:
  core::Result<core::Secret> fetchLocked(bool force, const std::atomic<bool>* stop);
  bool validLocked(core::TimePoint now) const;

  std::string api_base_;
  TokenAccount account_;
  net::HttpClient& http_;
  const core::Clock& clock_;

  mutable std::mutex mu_;
  std::optional<core::Secret> token_;
  core::TimePoint refresh_at_{};  // refetch from this instant on
  bool forced_used_ = false;
  std::optional<core::Error> fatal_;
  int calls_ = 0;
  int forced_ = 0;
};

// The operator-facing message for an errcode from the token endpoint or from a business API
// that stops the account (40164, 895xx, 40013, 40125, 40243, 48001, 50001, 50002 ...): what to
// fix, then "(errcode N, rid R)". `account_id` names the [account.<id>] section.
std::string stopMessage(int errcode, std::string_view errmsg, std::string_view rid,
                        std::string_view account_id);

}  // namespace pubtrack::wechat
