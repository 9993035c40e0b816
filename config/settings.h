// SPDX-License-Identifier: Apache-2.0
// config::Settings: the typed, validated form of pubtrack.ini. Nothing reads a global config:
// each component gets its part of Settings through its constructor.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/http_settings.h"
#include "core/date.h"
#include "core/result.h"
#include "core/secret.h"
#include "model/lang.h"
#include "model/mention.h"
#include "model/wechat_calendar.h"

namespace pubtrack::config {

struct AccountSettings {
  std::string id;    // the config section's id: [account.<id>]
  std::string name;  // display name, e.g. 深圳国资
  std::string appid;
  std::string secret_env;  // one of these two names where the AppSecret lives
  std::string secret_file;
};

struct OutletSettings {
  std::string id;  // [outlet.<id>] or the built-in registry's id
  std::string name;
  model::Tier tier = model::Tier::Other;
  std::vector<std::string> domains;  // lower-case host suffixes: "people.com.cn"
  bool builtin = false;
  bool local = false;  // an outlet of the agency's own city: a place-less alias counts in it
};

struct FeedSettings {
  std::string id;                   // [feed.<id>]
  std::string url;                  // may contain {keyword}
  std::string outlet;               // display name (resolved from an outlet id when it names one)
  std::string outlet_id;            // the [outlet.<id>] it names, or ""
  std::optional<model::Tier> tier;  // explicit, else from the outlet, else from the URL's domain
  core::UtcOffset timezone = core::kChinaTime;  // for item dates without a zone
  // The feed is an outlet of the agency's own city (深圳特区报 for Shenzhen): an alias without a
  // place (市国资委) in its items names the agency.
  bool local = false;
};

struct WeChatSettings {
  std::string api_base = "https://api.weixin.qq.com";
  std::optional<core::Date> backfill_from;  // first day to collect when an account has no data
  core::Date new_api_from = model::defaultNewApiFrom();
  int concurrency = 4;  // API calls in flight across accounts
  // freepublish/batchget pages (20 posts each) a run may read per account: the list of posts
  // published without notification is counted only once it was read whole (100 calls a day).
  int publish_pages = 50;
};

struct MonitorSettings {
  std::vector<std::string> keywords;  // the agency's names and aliases
  // Longer names of other bodies that contain a keyword (广州市国资委): a keyword found inside one
  // is no hit. A phrase that contains no keyword acts as a stop word (the older meaning).
  std::vector<std::string> exclude;
  std::vector<std::string> stop_words;  // phrases that make a whole item no mention (招聘启事)
  // The agency's place (深圳) and further forms of it (鹏城): keywords that start with one are
  // full names and match anywhere; other keywords are aliases that need a local outlet or the
  // place in the item. Empty: every keyword matches anywhere (but never after another place).
  std::string place;
  std::vector<std::string> place_aliases;
  int stale_hours = 36;
  // An official account without a post for longer than this many days fails the 政务新媒体
  // inspection's "no update" rule; `status`, the dashboard and the report list such windows.
  int max_silent_days = 14;
};

struct LedgerKind {
  std::string id;       // interview, consultation, ... or [kind.<id>]
  std::string name_zh;  // 在线访谈
  std::string name_en;  // online interviews
  std::string unit_zh;  // 期
  bool builtin = false;
};

struct ReportSettings {
  std::string agency;
  model::Lang lang = model::Lang::Zh;
  core::UtcOffset timezone = core::kChinaTime;
  long long round_threshold = 500;  // counts below stay exact in the narrative
};

struct ServerSettings {
  std::string listen = "127.0.0.1:8080";
  std::string auth_token_env;  // where the dashboard's bearer token lives, if not inline
  core::Secret auth_token;     // inline value (or resolved from auth_token_env)
};

struct Settings {
  std::filesystem::path config_file;    // absolute
  std::filesystem::path database_path;  // absolute (relative paths resolve against the config)
  HttpSettings http;
  WeChatSettings wechat;
  std::vector<AccountSettings> accounts;
  std::vector<FeedSettings> feeds;
  std::vector<OutletSettings> outlets;  // built-in registry overridden/extended by the config
  bool any_local_outlet = false;        // some outlet has local = true
  MonitorSettings monitor;
  std::vector<LedgerKind> ledger_kinds;  // built-in kinds plus [kind.<id>]
  ReportSettings report;
  ServerSettings server;

  const AccountSettings* account(std::string_view id) const;
  const FeedSettings* feed(std::string_view id) const;
  const LedgerKind* ledgerKind(std::string_view id) const;
  // The outlet whose domain is the longest suffix of `host`, or nullptr.
  const OutletSettings* outletForHost(std::string_view host) const;
  // Whether `host` is one of the outlet's own listed hosts (or its www., m., wap., 3g. or mobile.
  // form), not another host below one of them (a suffix match, which is a guess:
  // sz.people.com.cn is a local channel).
  static bool isOwnHost(const OutletSettings& outlet, std::string_view host);
};

// Where the config file is: --config FILE, else $PUBTRACK_CONFIG, else ./pubtrack.ini.
std::filesystem::path resolveConfigPath(const std::string& cli_value);

// Every problem found, one line each, naming the file, section and key. Empty = valid.
struct LoadResult {
  std::optional<Settings> settings;
  std::vector<std::string> problems;
  std::vector<std::string> warnings;  // worth a look but not wrong (`config check` prints them)
};
LoadResult loadSettings(const std::filesystem::path& file);
// Parses INI text as if it were `file` (tests, `config check` of a given text).
LoadResult loadSettingsFromString(const std::string& text, const std::filesystem::path& file);

// The AppSecret of an account, from its environment variable or its file. Refuses a file that
// group or others can read, saying why. The error never contains the secret.
core::Result<core::Secret> resolveSecret(const AccountSettings& account);

// The effective configuration as INI text, secrets shown as ***.
std::string renderEffective(const Settings& settings);
// The commented template `pubtrack init` writes.
std::string templateIni();
// The built-in outlet registry (config/default_outlets.ini, compiled in).
std::vector<OutletSettings> builtinOutlets();
std::vector<LedgerKind> builtinLedgerKinds();

// Host part of an http(s) URL, lower-case, without port; "" when not a URL.
std::string hostOf(std::string_view url);

}  // namespace pubtrack::config
