// SPDX-License-Identifier: Apache-2.0
// The commented pubtrack.ini that `pubtrack init` writes.
#include "config/settings.h"

namespace pubtrack::config {

std::string templateIni() {
  return R"(; pubtrack configuration. Every key is optional unless marked "required".
; Comments start a line with ';' (a "; comment" after a value is ignored too). To set a key,
; remove the ';' in front of it. Secrets never go in this file: they come from the
; environment (secret_env) or from a file only its owner can read (secret_file).

[database]
; The SQLite file; a relative path resolves against this file's folder.
path = pubtrack.db

[http]
; timeout_ms = 30000
; connect_timeout_ms = 10000
; max_body_bytes = 16777216
; concurrency = 8
; per_host = 2
; Further tries after a failed transfer (0 = no retry):
; retries = 2
; retry_base_ms = 500
; user_agent = pubtrack/0.1
; Default: the http_proxy/https_proxy variables.
; proxy = http://proxy.example:3128

[wechat]
; api_base = https://api.weixin.qq.com
; The first day to collect for an account without data (default: 1 January of last year):
; backfill_from = 2025-01-01
; The 2025-11 statistics endpoints are used from this day:
; new_api_from = 2025-11-01
; concurrency = 4
; freepublish pages (20 posts each) read per account and run; the API allows 100 calls a day
; publish_pages = 50

; One section per WeChat Official Account:
; [account.main]
; name = 深圳国资
; appid = wx0123456789abcdef
; The AppSecret: an environment variable, or a file only its owner reads (chmod 600):
; secret_env = PUBTRACK_MAIN_SECRET
; secret_file = /etc/pubtrack/main.secret

; One section per news feed. outlet is a display name or the id of an [outlet.<id>];
; tier: central 中央级 | provincial 省级 | municipal 市级 | other 其他; it may be left out
; when the registry knows the feed's domain. A URL may contain {keyword} (expanded per keyword).
; [feed.people-politics]
; url = http://www.people.com.cn/rss/politics.xml
; [feed.sznews]
; url = https://www.sznews.com/rss/news.xml
; outlet = 深圳新闻网
; tier = municipal
; An outlet of the agency's own city: a place-less alias (市国资委) in its items counts.
; local = true

; Outlets by domain, extending or overriding the built-in registry of central media:
; [outlet.sznews]
; name = 深圳新闻网
; tier = municipal
; domains = sznews.com, szszb.sznews.com
; Items found on its domains through any feed count a place-less alias too:
; local = true

[monitor]
; The agency's names and aliases (comma-separated); required when feeds are configured.
; A keyword that starts with the place (深圳市国资委, 深圳国资委) is a full name and matches
; anywhere; one without it (市国资委) is an alias and matches in local outlets, or when the
; item names the place; neither counts right after another place (广州市国资委).
; keywords = 深圳市国资委, 深圳市人民政府国有资产监督管理委员会, 深圳国资委, 市国资委
; The agency's place as headlines write it (one; the gazetteer adds 深圳市), and other forms:
; place = 深圳
; place_aliases = 鹏城
; Phrases that make a whole item no mention (notices, not reports):
; stop_words = 招聘启事, 招聘公告, 中标公告
; Longer names of other bodies that contain a keyword: a keyword inside one is no hit (a phrase
; without a keyword in it acts as a stop word, as it used to):
; exclude = 广州市国资委
; stale_hours = 36
; An account silent (no post) for longer than this many days is listed (inspection rule):
; max_silent_days = 14

; The outreach ledger (pubtrack record add --kind K, or a CSV import) knows these kinds, by
; id or by name: interview 在线访谈, consultation 民意征集, press_conference 新闻发布会,
; policy_interpretation 政策解读, npc_suggestion 人大代表建议, cppcc_proposal 政协提案,
; disclosure_request 依申请公开, admin_review 行政复议, lawsuit 行政诉讼. Roles (--role) of
; suggestions and proposals: 主办 lead, 会办 co-handled, 协办 assisting, 承办 undertaken,
; 分办 assigned, 汇办 consolidated.
; More outreach-ledger kinds, next to the built-in ones:
; [kind.livestream]
; name_zh = 网络直播
; name_en = live streams
; unit = 场

[report]
; agency = 深圳市人民政府国有资产监督管理委员会
; The narrative's language: zh | en
; lang = zh
; timezone = Asia/Shanghai
; round_threshold = 500

[server]
; listen = 127.0.0.1:8080
; Required to listen beyond loopback: the variable holding the dashboard's token.
; auth_token_env = PUBTRACK_DASHBOARD_TOKEN
)";
}

}  // namespace pubtrack::config
