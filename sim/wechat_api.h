// SPDX-License-Identifier: Apache-2.0
// The simulated WeChat endpoints as pure functions: request fields in, JSON body or errcode out.
// Shapes follow shared/reference/wechat-api.md (sections 2-5).
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "sim/generator.h"

namespace pubtrack::sim {

// The simulated instant, seen the way WeChat's servers see it (China calendar days).
struct ApiTime {
  core::TimePoint now;
  core::Date today;  // China day of `now`
  core::Date
      last_ready;  // last published day: yesterday from 08:00 China time, else the day before
  static ApiTime at(core::TimePoint now);
};

struct ApiReply {
  int errcode = 0;   // != 0: answer the error body for this code
  std::string body;  // the JSON body when errcode == 0
};

// Maximum span in days of a datacube endpoint ("getusersummary" -> 7); 0 when unknown.
int datacubeSpan(std::string_view name);
bool isNewFamily(std::string_view name);

// One datacube call for begin..end (validated here: 61501 as WeChat answers it).
ApiReply datacube(const Generator& gen, const AccountSpec& account, std::string_view name,
                  core::Date begin, core::Date end, const ApiTime& t);

// freepublish/batchget: the silent (publish_type 1) sends published up to `t.now`, newest first.
ApiReply freepublishBatchget(const Generator& gen, const AccountSpec& account, long long offset,
                             long long count, bool no_content, const ApiTime& t);

// errmsg text without the " rid: ..." suffix.
std::string errmsgFor(int errcode);

}  // namespace pubtrack::sim
