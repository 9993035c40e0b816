// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the WeChat response parsers; the first byte picks the endpoint.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "collectors/wechat/datacube_json.h"

namespace {

namespace wx = pubtrack::wechat;

// Every parser's error must be one apiErrorOf() can take apart without trouble.
template <class R>
void inspect(const R& result) {
  if (!result) (void)wx::apiErrorOf(result.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  // A fresh std::string per input: its capacity is exactly what the parsers see in production
  // (they reserve the padding themselves), so ASan sees any read past it.
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (selector % 13) {
    case 0: {
      auto r = wx::parseUserSummary(body);
      inspect(r);
      if (r) (void)wx::sumUserSummaryByDay(*r);
      break;
    }
    case 1:
      inspect(wx::parseUserCumulate(body));
      break;
    case 2: {
      auto r = wx::parseArticleSummary(body);
      inspect(r);
      if (r)
        for (const auto& row : *r) (void)wx::splitMsgid(row.msgid);
      break;
    }
    case 3: {
      auto r = wx::parseArticleTotal(body);
      inspect(r);
      if (r)
        for (const auto& row : *r) (void)wx::splitMsgid(row.msgid);
      break;
    }
    case 4: {
      auto r = wx::parseUserRead(body);
      inspect(r);
      if (r) (void)wx::selectUserReadTotals(*r);
      break;
    }
    case 5:
      inspect(wx::parseBizSummary(body));
      break;
    case 6:
      inspect(wx::parseArticleTotalDetail(body));
      break;
    case 7:
      inspect(wx::parseArticleRead(body));
      break;
    case 8:
      inspect(wx::parsePublishedPage(body));
      break;
    case 9:
      inspect(wx::parseToken(body));
      break;
    case 10: {
      auto s = wx::checkApiStatus(body, wx::kBatchGetSource);
      if (!s) (void)wx::apiErrorOf(s.error());
      break;
    }
    case 11: {
      // The errmsg splitter on raw text, with an errcode taken from the next bytes.
      const int code = size > 2 ? static_cast<int8_t>(data[1]) * 1000 + data[2] : 0;
      const auto api = wx::makeApiError(code, body);
      (void)wx::apiErrorOf(wx::toError(api, "fuzz"));
      (void)wx::errorKindFor(code);
      break;
    }
    default:
      (void)wx::splitMsgid(body);
      break;
  }
  return 0;
}
