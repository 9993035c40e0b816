// SPDX-License-Identifier: Apache-2.0
// stable_token fetching, caching with early expiry, compare-and-expire and one forced refresh.
#include "collectors/wechat/token_provider.h"

#include <algorithm>

#include "collectors/wechat/datacube_json.h"
#include "collectors/wechat/error_policy.h"
#include "core/strings.h"

namespace pubtrack::wechat {

namespace {

constexpr std::string_view kTokenPath = "/cgi-bin/stable_token";

std::string suffix(int errcode, std::string_view rid) {
  std::string s = "(errcode " + std::to_string(errcode);
  if (!rid.empty()) s += ", rid " + std::string(rid);
  return s + ")";
}

}  // namespace

std::string stopMessage(int errcode, std::string_view errmsg, std::string_view rid,
                        std::string_view account_id) {
  const std::string section = "[account." + std::string(account_id) + "]";
  const std::string tail = suffix(errcode, rid);
  const std::string ip = whitelistIp(errmsg).value_or("");
  const std::string who = ip.empty() ? "this machine's IP address" : "IP " + ip;
  switch (errcode) {
    case 40164:
      return "WeChat refuses calls from " + who + ": add it to the account's IP whitelist " + tail;
    case 89501:
    case 89503:
      return "WeChat holds calls from " + who +
             " until an account administrator confirms them in the admin console " + tail;
    case 89506:
    case 89507:
      return "an account administrator rejected calls from " + who +
             ": it cannot call the API for now (24 h for 89506, 1 h for 89507) " + tail;
    case 40013:
    case 41002:
      return "WeChat does not accept the appid of " + section + ": check `appid` " + tail;
    case 40001:
    case 40125:
    case 41004:
      return "WeChat rejects the AppSecret of " + section +
             ": check the secret behind secret_env/secret_file (it may have been reset) " + tail;
    case 40243:
      return "the AppSecret of " + section +
             " is frozen: an account administrator must unfreeze it in the admin console " + tail;
    case 48001:
    case 50001:
      return "the account may not call this API (not verified, or the permission is missing): " +
             std::string(errmsg) + " " + tail;
    case 50002:
    case 50007:
      return "the account is restricted (frozen or cancelled): " + std::string(errmsg) + " " + tail;
    case 50004:
      return "the token API is forbidden for this account: " + std::string(errmsg) + " " + tail;
    case 45009:
      return "the daily quota is used up: " + std::string(errmsg) + " " + tail;
    default:
      return "WeChat answered " + std::string(errmsg.empty() ? "an error" : errmsg) + " " + tail;
  }
}

TokenProvider::TokenProvider(std::string api_base, TokenAccount account, net::HttpClient& http,
                             const core::Clock& clock)
    : api_base_(std::move(api_base)), account_(std::move(account)), http_(http), clock_(clock) {}

bool TokenProvider::isFatal(const core::Error& error) {
  using K = core::ErrorKind;
  if (error.kind != K::Api && error.kind != K::AuthExpired && error.kind != K::RateLimited &&
      error.kind != K::Config)
    return false;
  long long code = 0;
  if (error.code.empty() || !core::parseInt64(error.code, code)) return false;
  return code != -1 && code != 45011;
}

bool TokenProvider::validLocked(core::TimePoint now) const {
  return token_.has_value() && now < refresh_at_;
}

core::Result<core::Secret> TokenProvider::token(const std::atomic<bool>* stop) {
  std::lock_guard lock(mu_);
  if (validLocked(clock_.now())) return *token_;
  if (fatal_) return *fatal_;
  return fetchLocked(false, stop);
}

void TokenProvider::invalidate(const core::Secret& failed) {
  std::lock_guard lock(mu_);
  if (token_ && token_->reveal() == failed.reveal()) token_.reset();
}

core::Result<core::Secret> TokenProvider::forceRefresh(const core::Secret& failed,
                                                       const std::atomic<bool>* stop) {
  std::lock_guard lock(mu_);
  if (token_ && token_->reveal() != failed.reveal() && validLocked(clock_.now())) return *token_;
  if (fatal_) return *fatal_;
  if (forced_used_) {
    core::Error e = core::makeError(
        core::ErrorKind::AuthExpired, "account." + account_.id + " stable_token",
        "the access token is still rejected after a forced refresh; not forcing again this run");
    return e;
  }
  forced_used_ = true;
  ++forced_;
  return fetchLocked(true, stop);
}

void TokenProvider::resetRun() {
  std::lock_guard lock(mu_);
  forced_used_ = false;
  fatal_.reset();
}

int TokenProvider::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

int TokenProvider::forcedRefreshes() const {
  std::lock_guard lock(mu_);
  return forced_;
}

core::Result<core::Secret> TokenProvider::fetchLocked(bool force, const std::atomic<bool>* stop) {
  const std::string source = "account." + account_.id + " stable_token";
  net::HttpRequest req;
  req.method = "POST";
  req.url = api_base_ + std::string(kTokenPath);
  req.headers.emplace_back("Content-Type", "application/json");
  req.source = source;
  // The only place the AppSecret leaves the process. Never logged, never stored.
  req.body = "{\"grant_type\":\"client_credential\",\"appid\":" + core::jsonString(account_.appid) +
             ",\"secret\":" + core::jsonString(account_.secret.reveal()) +
             ",\"force_refresh\":" + (force ? "true" : "false") + "}";
  ++calls_;
  auto resp = http_.fetch(req, stop);
  req.body.assign(req.body.size(), '\0');  // do not leave the secret lying around
  if (!resp) return resp.error();
  if (resp->status != 200) {
    core::Error e = core::makeError(
        core::ErrorKind::HttpStatus, source,
        "HTTP " + std::to_string(resp->status) + " from the token endpoint (content type " +
            (resp->content_type.empty() ? std::string("none") : resp->content_type) + ")");
    e.code = std::to_string(resp->status);
    return e;
  }
  const core::TimePoint fetched_at = clock_.now();
  auto parsed = parseToken(resp->body);
  resp->body.assign(resp->body.size(), '\0');  // the body holds the token
  if (!parsed) {
    core::Error e = parsed.error();
    e.source = source;
    if (auto api = apiErrorOf(parsed.error())) {
      e.code = std::to_string(api->errcode);
      if (isFatal(e)) {
        e.kind = api->errcode == 45009 ? core::ErrorKind::RateLimited : core::ErrorKind::Config;
        e.message = stopMessage(api->errcode, api->errmsg, api->rid, account_.id);
        fatal_ = e;
      }
    }
    return e;
  }
  const auto lifetime = std::chrono::seconds(parsed->expires_in);
  const auto margin = std::min<std::chrono::seconds>(kRefreshMargin, lifetime / 2);
  token_ = parsed->access_token;
  refresh_at_ = fetched_at + lifetime - margin;
  return *token_;
}

}  // namespace pubtrack::wechat
