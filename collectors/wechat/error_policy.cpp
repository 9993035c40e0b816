// SPDX-License-Identifier: Apache-2.0
// The errcode → Reaction table and the whitelist-IP extraction.
#include "collectors/wechat/error_policy.h"

namespace pubtrack::wechat {

std::string_view toString(Reaction reaction) noexcept {
  switch (reaction) {
    case Reaction::RefreshTokenAndRetryOnce:
      return "refresh-token-and-retry-once";
    case Reaction::RetryWithBackoff:
      return "retry-with-backoff";
    case Reaction::WaitNextMinute:
      return "wait-next-minute";
    case Reaction::StopApiForToday:
      return "stop-api-for-today";
    case Reaction::StopAccountWhitelist:
      return "stop-account-whitelist";
    case Reaction::StopAccount:
      return "stop-account";
    case Reaction::SplitRange:
      return "split-range";
    case Reaction::DayUnavailable:
      return "day-unavailable";
    case Reaction::RetryLaterRun:
      return "retry-later-run";
    case Reaction::GiveUpCall:
      return "give-up-call";
  }
  return "unknown";
}

Reaction classify(int errcode) { return classify(errcode, 1); }

Reaction classify(int errcode, int requested_days) {
  switch (errcode) {
    case 40001:  // credential invalid or not latest
    case 40014:  // invalid access_token
    case 42001:  // access_token expired
      return Reaction::RefreshTokenAndRetryOnce;
    case -1:  // system busy
      return Reaction::RetryWithBackoff;
    case 45011:  // per-minute limit
      return Reaction::WaitNextMinute;
    case 45009:  // daily quota
      return Reaction::StopApiForToday;
    case 40164:  // IP not on the whitelist
    case 89501:  // IP call awaiting admin confirmation
    case 89503:
    case 89506:  // admin rejected this IP (24 h)
    case 89507:  // admin rejected this IP (1 h)
      return Reaction::StopAccountWhitelist;
    case 48001:  // API unauthorized (unverified account or no permission)
    case 50001:  // API not authorized for this account
    case 50002:  // account restricted
    case 40013:  // invalid appid
    case 40125:  // invalid appsecret
    case 40243:  // AppSecret frozen
    case 41002:  // appid missing
    case 41004:  // secret missing
    case 50004:  // token API forbidden
    case 50007:  // account frozen
      return Reaction::StopAccount;
    case 61501:  // date range error
      return requested_days > 1 ? Reaction::SplitRange : Reaction::DayUnavailable;
    case 61503:  // data not ready
      return Reaction::RetryLaterRun;
    default:
      return Reaction::GiveUpCall;
  }
}

namespace {

// The token after `marker` up to a space, comma or the end; "" when the marker is absent.
std::string_view tokenAfter(std::string_view s, std::string_view marker) {
  const size_t pos = s.find(marker);
  if (pos == std::string_view::npos) return {};
  s.remove_prefix(pos + marker.size());
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  const size_t end = s.find_first_of(" ,;");
  return s.substr(0, end);
}

}  // namespace

std::optional<std::string> whitelistIp(std::string_view errmsg) {
  std::string_view ip = tokenAfter(errmsg, "invalid ip ");
  if (ip == "ipv6") ip = {};  // "invalid ip  ipv6 ::1": no IPv4 given
  if (ip.empty()) ip = tokenAfter(errmsg, "ipv6 ");
  if (ip.empty()) return std::nullopt;
  return std::string(ip);
}

}  // namespace pubtrack::wechat
