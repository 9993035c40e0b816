// SPDX-License-Identifier: Apache-2.0
// What WeChat endpoints return beyond the stored rows (model/wechat_rows.h): the new family's
// is_delay wrapper, freepublish pages and the access token. Wire shapes, used by the parsers and
// the collector only.
#pragma once

// Conventions as in model/wechat_rows.h: dates are "YYYY-MM-DD" strings as sent, IDs are
// strings, counts are int64 and a missing field is 0 or "".
// Field meanings: shared/reference/wechat-api.md §3 (datacube) and §4 (freepublish).

#include <cstdint>
#include <string>
#include <vector>

#include "core/secret.h"
#include "model/wechat_rows.h"

namespace pubtrack::wechat {

// Every new-family response: the rows plus `is_delay` (true = not final yet, pull again later).
// The API sends is_delay as a bool; 0/1 are accepted too.
template <class Row>
struct DelayedList {
  std::vector<Row> list;
  bool is_delay = false;
};
using BizSummaryResponse = DelayedList<model::BizSummaryRow>;
using ArticleTotalDetailResponse = DelayedList<model::ArticleTotalDetail>;
using ArticleReadResponse = DelayedList<model::ArticleReadRow>;

// ---- freepublish/batchget -------------------------------------------------------------------

// One news_item of a published item, flattened. Only items published through 草稿箱 → 发布 are
// listed (mass sends are not), and article_id is not the datacube msgid.
// https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_batchget.html
struct PublishedArticle {
  std::string article_id;
  int index = 0;  // 1-based position inside the item (the `idx` of the article URL)
  std::string title;
  std::string url;
  std::string author;
  std::string digest;
  std::string content_source_url;
  int64_t update_time = 0;  // unix seconds (UTC)
  bool is_deleted = false;
};

struct PublishedPage {
  int64_t total_count = 0;  // all published items, not just this page
  int64_t item_count = 0;   // items in this page (each may hold several articles)
  std::vector<PublishedArticle> articles;
};

// ---- cgi-bin/stable_token -------------------------------------------------------------------

// In normal mode expires_in is the token's *remaining* lifetime (may be far below 7200).
// https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken.html
struct TokenResponse {
  core::Secret access_token;
  int64_t expires_in = 0;  // seconds
};

}  // namespace pubtrack::wechat
