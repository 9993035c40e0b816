// SPDX-License-Identifier: Apache-2.0
// What the WeChat collector does about each API errcode (reference §5), as a pure table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pubtrack::wechat {

enum class Reaction {
  RefreshTokenAndRetryOnce,  // 40001/40014/42001: compare-and-expire the token, retry once only
  RetryWithBackoff,          // -1 system busy: exponential backoff (1 s × 2^n, ≤ 5 tries)
  WaitNextMinute,            // 45011 per-minute limit: sleep until the next minute, retry
  StopApiForToday,           // 45009 daily quota: no more calls to this API today; alert
  StopAccountWhitelist,      // 40164, 89501/89503/89506/89507: caller IP not allowed; alert
                             // with whitelistIp(errmsg); never auto-retry
  StopAccount,               // account or configuration problem: alert, stop the account
  SplitRange,                // 61501 on a multi-day request: split it into single days
  DayUnavailable,            // 61501 on a single day: mark the day unavailable, no blind retry
  RetryLaterRun,             // 61503 data not ready: try again in a later run
  GiveUpCall,                // anything else: log errcode and rid, skip this call
};

std::string_view toString(Reaction reaction) noexcept;

// The reaction to a non-zero errcode from a business API. 61501 is taken as a single-day
// request (DayUnavailable); use the two-argument form when the request spanned several days.
Reaction classify(int errcode);
Reaction classify(int errcode, int requested_days);

// The caller IP named in a 40164 errmsg: "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in
// whitelist rid: ..." -> "1.2.3.4" (the IPv6 form when no IPv4 is given); nullopt when absent.
std::optional<std::string> whitelistIp(std::string_view errmsg);

}  // namespace pubtrack::wechat
