// SPDX-License-Identifier: Apache-2.0
// Loads pubtrack.ini with Poco's IniFileConfiguration and validates every section and key.
#include "config/settings.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "config/places.h"
#include "core/strings.h"

namespace pubtrack::config {

extern const std::string_view kDefaultOutletsIni;

namespace fs = std::filesystem;
using Poco::AutoPtr;
using Poco::Util::AbstractConfiguration;
using Poco::Util::IniFileConfiguration;

std::string hostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  const std::string s = core::toLowerAscii(url.substr(0, scheme));
  if (s != "http" && s != "https") return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[')
    return core::toLowerAscii(rest.substr(0, rest.find(']') + 1));
  rest = rest.substr(0, rest.find(':'));
  return core::toLowerAscii(rest);
}

const AccountSettings* Settings::account(std::string_view id) const {
  for (const auto& a : accounts)
    if (a.id == id) return &a;
  return nullptr;
}

const FeedSettings* Settings::feed(std::string_view id) const {
  for (const auto& f : feeds)
    if (f.id == id) return &f;
  return nullptr;
}

const LedgerKind* Settings::ledgerKind(std::string_view id) const {
  for (const auto& k : ledger_kinds)
    if (k.id == id) return &k;
  return nullptr;
}

const OutletSettings* Settings::outletForHost(std::string_view host) const {
  const OutletSettings* best = nullptr;
  size_t bestLen = 0;
  for (const auto& o : outlets) {
    for (const auto& d : o.domains) {
      const bool match = host == d || (host.size() > d.size() && core::endsWith(host, d) &&
                                       host[host.size() - d.size() - 1] == '.');
      if (match && d.size() > bestLen) best = &o, bestLen = d.size();
    }
  }
  return best;
}

bool Settings::isOwnHost(const OutletSettings& outlet, std::string_view host) {
  for (const auto& d : outlet.domains)
    for (std::string_view prefix : {"", "www.", "m.", "wap.", "3g.", "mobile."})
      if (host == std::string(prefix) + d) return true;
  return false;
}

fs::path resolveConfigPath(const std::string& cli_value) {
  if (!cli_value.empty()) return fs::absolute(cli_value);
  if (const char* env = std::getenv("PUBTRACK_CONFIG"); env && *env) return fs::absolute(env);
  return fs::absolute("pubtrack.ini");
}

namespace {

// One known key of a section: its name and how to read it into Settings.
struct Reader {
  std::string file;
  AbstractConfiguration& ini;
  std::vector<std::string>& problems;

  void problem(const std::string& section, const std::string& key, const std::string& message) {
    std::string where = file + ": [" + section + "]";
    if (!key.empty()) where += " " + key;
    problems.push_back(where + ": " + message);
  }

  std::optional<std::string> raw(const std::string& section, const std::string& key) {
    const std::string full = section + "." + key;
    if (!ini.hasProperty(full)) return std::nullopt;
    return std::string(core::trim(withoutComment(ini.getRawString(full))));
  }

  // A value without a trailing "; comment" (a ';' after a space or tab, as an uncommented
  // line of an older template has it); Poco only knows comments that start the line.
  static std::string withoutComment(const std::string& value) {
    for (size_t i = 1; i < value.size(); ++i)
      if (value[i] == ';' && (value[i - 1] == ' ' || value[i - 1] == '\t'))
        return value.substr(0, i);
    return value;
  }

  void str(const std::string& s, const std::string& k, std::string& out) {
    if (auto v = raw(s, k)) out = *v;
  }

  template <class Int>
  void integer(const std::string& s, const std::string& k, Int& out, long long min, long long max,
               const char* form) {
    auto v = raw(s, k);
    if (!v) return;
    long long n = 0;
    if (!core::parseInt64(*v, n) || n < min || n > max) {
      problem(s, k,
              "expected " + std::string(form) + " between " + std::to_string(min) + " and " +
                  std::to_string(max) + ", got '" + *v + "'");
      return;
    }
    out = static_cast<Int>(n);
  }

  void date(const std::string& s, const std::string& k, std::optional<core::Date>& out) {
    auto v = raw(s, k);
    if (!v) return;
    if (auto d = core::Date::parse(*v)) {
      out = d;
    } else {
      problem(s, k, "expected a date YYYY-MM-DD, got '" + *v + "'");
    }
  }

  void url(const std::string& s, const std::string& k, std::string& out, bool allowKeyword) {
    auto v = raw(s, k);
    if (!v) return;
    std::string probe = allowKeyword ? core::replaceAll(*v, "{keyword}", "x") : *v;
    if (hostOf(probe).empty() || probe.find_first_of(" \t\"<>") != std::string::npos) {
      problem(s, k, "expected an http:// or https:// URL, got '" + *v + "'");
      return;
    }
    out = *v;
  }

  void offset(const std::string& s, const std::string& k, core::UtcOffset& out) {
    auto v = raw(s, k);
    if (!v) return;
    if (auto o = core::UtcOffset::parse(*v)) {
      out = *o;
    } else {
      problem(s, k, "expected a time zone such as Asia/Shanghai, UTC or +08:00, got '" + *v + "'");
    }
  }

  void boolean(const std::string& s, const std::string& k, bool& out) {
    auto v = raw(s, k);
    if (!v) return;
    const std::string b = core::toLowerAscii(*v);
    if (b == "true" || b == "yes" || b == "on" || b == "1") {
      out = true;
    } else if (b == "false" || b == "no" || b == "off" || b == "0") {
      out = false;
    } else {
      problem(s, k, "expected true or false, got '" + *v + "'");
    }
  }

  void tier(const std::string& s, const std::string& k, std::optional<model::Tier>& out) {
    auto v = raw(s, k);
    if (!v) return;
    if (auto t = model::parseTier(*v)) {
      out = t;
    } else {
      problem(s, k, "expected " + model::tierChoices() + ", got '" + *v + "'");
    }
  }

  // Keys present in `section` that are not in `known`: each one is a problem with a suggestion.
  void unknownKeys(const std::string& section, const std::vector<std::string>& known) {
    AbstractConfiguration::Keys keys;
    ini.keys(section, keys);
    for (const auto& key : keys) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string msg = "unknown key '" + key + "'";
      if (auto best = core::closestMatch(key, known); !best.empty())
        msg += " (did you mean '" + best + "'?)";
      else
        msg += " (known keys: " + core::join(known, ", ") + ")";
      problem(section, "", msg);
    }
  }

  void required(const std::string& s, const std::string& k) {
    if (!raw(s, k) || raw(s, k)->empty()) problem(s, k, "is required");
  }
};

bool validId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

const std::vector<std::string> kPlainSections = {"database", "http",   "wechat",
                                                 "monitor",  "report", "server"};
const std::vector<std::string> kIdSections = {"account", "feed", "outlet", "kind"};

std::vector<OutletSettings> parseOutlets(Reader& r, bool builtin) {
  std::vector<OutletSettings> out;
  AbstractConfiguration::Keys ids;
  r.ini.keys("outlet", ids);
  for (const auto& id : ids) {
    const std::string s = "outlet." + id;
    OutletSettings o;
    o.id = id;
    o.builtin = builtin;
    r.unknownKeys(s, {"name", "tier", "domains", "local"});
    r.required(s, "name");
    r.boolean(s, "local", o.local);
    r.str(s, "name", o.name);
    std::optional<model::Tier> t;
    r.tier(s, "tier", t);
    if (!r.raw(s, "tier"))
      r.problem(s, "tier", "is required (central, provincial, municipal, other)");
    o.tier = t.value_or(model::Tier::Other);
    if (auto d = r.raw(s, "domains")) {
      for (auto& dom : core::splitList(*d)) {
        std::string lower = core::toLowerAscii(dom);
        if (core::startsWith(lower, "www.") && lower != "www.gov.cn") lower = lower.substr(4);
        if (lower.find_first_of("/: ") != std::string::npos)
          r.problem(s, "domains", "expected host names such as people.com.cn, got '" + dom + "'");
        else
          o.domains.push_back(lower);
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<std::string> listValue(Reader& r, const std::string& s, const std::string& k) {
  if (auto v = r.raw(s, k)) return core::splitList(*v);
  return {};
}

// [monitor] place and place_aliases, and keywords that are no name of the agency but a place.
void checkPlace(Reader& r, MonitorSettings& m, std::vector<std::string>& warnings) {
  static constexpr const char* kSeparators[] = {",", ";", " ", "，", "、", "；"};
  if (auto v = r.raw("monitor", "place")) {
    if (v->empty())
      r.problem(
          "monitor", "place",
          "is empty: give the agency's place as headlines write it (深圳), or remove the key");
    else if (std::any_of(std::begin(kSeparators), std::end(kSeparators),
                         [&](const char* sep) { return v->find(sep) != std::string::npos; }))
      r.problem("monitor", "place",
                "expected one place (深圳), got '" + *v + "': put other forms in place_aliases");
    else
      m.place = *v;
    if (!m.place.empty() && findPlaces(m.place).empty())
      warnings.push_back(r.file + ": [monitor] place: '" + m.place +
                         "' is not in the built-in gazetteer of Chinese places: only '" + m.place +
                         "' and place_aliases count as the agency's place");
  }
  if (!m.place_aliases.empty() && m.place.empty())
    r.problem("monitor", "place_aliases", "needs place (the agency's place, e.g. 深圳)");
  // The agency's own forms: the place, its gazetteer name and short form, the aliases.
  std::vector<std::string> own = m.place_aliases;
  if (!m.place.empty()) {
    own.push_back(m.place);
    for (const auto* p : findPlaces(m.place)) {
      own.emplace_back(p->name);
      if (!p->short_name.empty()) own.emplace_back(p->short_name);
    }
  }
  for (const auto& k : m.keywords) {
    const bool ownForm = std::find(own.begin(), own.end(), k) != own.end();
    if (ownForm || !findPlaces(k).empty())
      r.problem("monitor", "keywords",
                "'" + k + "' is a place name, not a name of the agency: every item about the " +
                    "place would match (put the agency's place in place" +
                    (ownForm ? "/place_aliases" : "") + ", its names in keywords)");
  }
}

}  // namespace

std::vector<OutletSettings> builtinOutlets() {
  std::istringstream in{std::string(kDefaultOutletsIni)};
  AutoPtr<IniFileConfiguration> ini(new IniFileConfiguration(in));
  std::vector<std::string> problems;
  Reader r{"default_outlets.ini", *ini, problems};
  auto outlets = parseOutlets(r, true);
  // A broken built-in registry is a bug in pubtrack, not a user error.
  if (!problems.empty()) throw std::logic_error("built-in outlet registry: " + problems.front());
  return outlets;
}

std::vector<LedgerKind> builtinLedgerKinds() {
  return {
      {"interview", "在线访谈", "online interviews", "期", true},
      {"consultation", "民意征集", "public consultations", "期", true},
      {"press_conference", "新闻发布会", "press conferences", "场", true},
      {"policy_interpretation", "政策解读", "policy interpretations", "件", true},
      {"npc_suggestion", "人大代表建议", "NPC deputies' suggestions", "件", true},
      {"cppcc_proposal", "政协提案", "CPPCC members' proposals", "件", true},
      {"disclosure_request", "依申请公开", "disclosure requests", "件", true},
      {"admin_review", "行政复议", "administrative reviews", "件", true},
      {"lawsuit", "行政诉讼", "administrative lawsuits", "件", true},
  };
}

LoadResult loadSettingsFromString(const std::string& text, const fs::path& file) {
  LoadResult result;
  auto& problems = result.problems;
  const std::string name = file.filename().string();
  AutoPtr<IniFileConfiguration> ini;
  try {
    std::istringstream in(text);
    ini = new IniFileConfiguration(in);
  } catch (const Poco::Exception& e) {
    problems.push_back(name + ": cannot parse: " + e.displayText());
    return result;
  }
  Reader r{name, *ini, problems};
  Settings s;
  s.config_file = fs::absolute(file);
  const fs::path base = s.config_file.parent_path();

  // Sections: every header must be known and id sections must have ids. The headers are read
  // from the text itself because Poco does not report a section that has no keys.
  std::vector<std::string> allSections = kPlainSections;
  allSections.insert(allSections.end(), kIdSections.begin(), kIdSections.end());
  {
    std::istringstream lines(text);
    std::string line;
    std::set<std::string> seen;
    while (std::getline(lines, line)) {
      std::string_view l = core::trim(line);
      if (l.empty() || l.front() != '[') continue;
      const size_t close = l.find(']');
      if (close == std::string_view::npos) {
        problems.push_back(name + ": malformed section header '" + std::string(l) + "'");
        continue;
      }
      const std::string header(core::trim(l.substr(1, close - 1)));
      if (!seen.insert(header).second) {
        problems.push_back(name + ": section [" + header +
                           "] appears twice (merge the two into one)");
        continue;
      }
      const size_t dot = header.find('.');
      const std::string sec = header.substr(0, dot);
      const bool plain =
          std::find(kPlainSections.begin(), kPlainSections.end(), sec) != kPlainSections.end();
      const bool withId =
          std::find(kIdSections.begin(), kIdSections.end(), sec) != kIdSections.end();
      if (!plain && !withId) {
        std::string msg = name + ": unknown section [" + header + "]";
        if (auto best = core::closestMatch(sec, allSections); !best.empty())
          msg += " (did you mean [" + best + (dot == std::string::npos ? "" : ".<id>") + "]?)";
        problems.push_back(msg);
      } else if (plain && dot != std::string::npos) {
        problems.push_back(name + ": unknown section [" + header + "] (did you mean [" + sec +
                           "]?)");
      } else if (withId && dot == std::string::npos) {
        problems.push_back(name + ": [" + sec + "] needs an id: write [" + sec + ".<id>]");
      } else if (withId && !validId(header.substr(dot + 1))) {
        problems.push_back(name + ": [" + header +
                           "]: an id uses letters, digits, '_' and '-' only");
      }
    }
  }
  AbstractConfiguration::Keys top;
  ini->keys(top);
  for (const auto& sec : top)
    if (ini->hasProperty(sec)) problems.push_back(name + ": key '" + sec + "' outside any section");

  // [database]
  r.unknownKeys("database", {"path"});
  std::string db = "pubtrack.db";
  r.str("database", "path", db);
  if (db.empty()) r.problem("database", "path", "must not be empty");
  s.database_path = fs::path(db).is_absolute() ? fs::path(db) : (base / db).lexically_normal();

  // [http]
  r.unknownKeys("http", {"timeout_ms", "connect_timeout_ms", "max_body_bytes", "concurrency",
                         "per_host", "retries", "retry_base_ms", "user_agent", "proxy"});
  r.integer("http", "timeout_ms", s.http.timeout_ms, 100, 3600000, "milliseconds");
  r.integer("http", "connect_timeout_ms", s.http.connect_timeout_ms, 100, 600000, "milliseconds");
  r.integer("http", "max_body_bytes", s.http.max_body_bytes, 1024, 1LL << 32, "a size in bytes");
  r.integer("http", "concurrency", s.http.concurrency, 1, 256, "an integer");
  r.integer("http", "per_host", s.http.per_host, 1, 64, "an integer");
  r.integer("http", "retries", s.http.retries, 0, 10, "an integer");
  r.integer("http", "retry_base_ms", s.http.retry_base_ms, 0, 600000, "milliseconds");
  r.str("http", "user_agent", s.http.user_agent);
  if (auto p = r.raw("http", "proxy"); p && !p->empty()) {
    const bool ok = p->find("://") != std::string::npos && p->find(' ') == std::string::npos;
    if (ok)
      s.http.proxy = *p;
    else
      r.problem("http", "proxy",
                "expected a proxy URL such as http://proxy.example:3128, got '" + *p + "'");
  }

  // [wechat]
  r.unknownKeys("wechat",
                {"api_base", "backfill_from", "new_api_from", "concurrency", "publish_pages"});
  r.url("wechat", "api_base", s.wechat.api_base, false);
  while (core::endsWith(s.wechat.api_base, "/")) s.wechat.api_base.pop_back();
  r.date("wechat", "backfill_from", s.wechat.backfill_from);
  std::optional<core::Date> newApi;
  r.date("wechat", "new_api_from", newApi);
  if (newApi) s.wechat.new_api_from = *newApi;
  r.integer("wechat", "concurrency", s.wechat.concurrency, 1, 32, "an integer");
  r.integer("wechat", "publish_pages", s.wechat.publish_pages, 0, 90, "an integer");

  // [account.<id>]
  {
    AbstractConfiguration::Keys ids;
    ini->keys("account", ids);
    std::set<std::string> appids;
    for (const auto& id : ids) {
      if (ini->hasProperty("account." + id)) continue;
      const std::string sec = "account." + id;
      AccountSettings a;
      a.id = id;
      r.unknownKeys(sec, {"name", "appid", "secret_env", "secret_file"});
      r.str(sec, "name", a.name);
      if (a.name.empty()) a.name = id;
      r.required(sec, "appid");
      r.str(sec, "appid", a.appid);
      if (!a.appid.empty() && !appids.insert(a.appid).second)
        r.problem(sec, "appid", "appid " + a.appid + " is configured twice");
      r.str(sec, "secret_env", a.secret_env);
      std::string secretFile;
      r.str(sec, "secret_file", secretFile);
      if (!secretFile.empty())
        a.secret_file = fs::path(secretFile).is_absolute()
                            ? secretFile
                            : (base / secretFile).lexically_normal().string();
      if (a.secret_env.empty() == a.secret_file.empty())
        r.problem(sec, "",
                  "set exactly one of secret_env (an environment variable name) or "
                  "secret_file (a file readable only by its owner)");
      if (r.raw(sec, "secret"))
        r.problem(sec, "secret", "secrets never go in the config: use secret_env or secret_file");
      s.accounts.push_back(std::move(a));
    }
  }

  // Outlets: built-in registry, then [outlet.<id>] overriding by id or extending.
  s.outlets = builtinOutlets();
  for (auto& o : parseOutlets(r, false)) {
    auto it = std::find_if(s.outlets.begin(), s.outlets.end(),
                           [&](const OutletSettings& b) { return b.id == o.id; });
    if (it != s.outlets.end())
      *it = std::move(o);
    else
      s.outlets.push_back(std::move(o));
  }

  for (const auto& o : s.outlets) s.any_local_outlet = s.any_local_outlet || o.local;

  // [feed.<id>]
  {
    AbstractConfiguration::Keys ids;
    ini->keys("feed", ids);
    for (const auto& id : ids) {
      if (ini->hasProperty("feed." + id)) continue;
      const std::string sec = "feed." + id;
      FeedSettings f;
      f.id = id;
      r.unknownKeys(sec, {"url", "outlet", "tier", "timezone", "local"});
      r.boolean(sec, "local", f.local);
      r.required(sec, "url");
      r.url(sec, "url", f.url, true);
      r.offset(sec, "timezone", f.timezone);
      std::string outlet;
      r.str(sec, "outlet", outlet);
      r.tier(sec, "tier", f.tier);
      const OutletSettings* named = nullptr;
      for (const auto& o : s.outlets)
        if (o.id == outlet) named = &o;
      if (named) {
        f.outlet_id = named->id;
        f.outlet = named->name;
        if (!f.tier) f.tier = named->tier;
      } else {
        f.outlet = outlet;
      }
      if (!f.tier && !f.url.empty()) {
        const std::string host = hostOf(core::replaceAll(f.url, "{keyword}", "x"));
        if (const auto* known = s.outletForHost(host)) {
          f.tier = known->tier;
          if (f.outlet.empty()) f.outlet = known->name, f.outlet_id = known->id;
        } else if (!r.raw(sec, "tier")) {
          r.problem(sec, "tier",
                    "is required: the outlet registry does not know " + host +
                        " (set tier = central | provincial | municipal | other, or name an "
                        "[outlet.<id>] in outlet)");
        }
      }
      if (f.outlet.empty()) f.outlet = hostOf(core::replaceAll(f.url, "{keyword}", "x"));
      s.feeds.push_back(std::move(f));
    }
  }

  // [monitor]
  r.unknownKeys("monitor", {"keywords", "exclude", "stop_words", "place", "place_aliases",
                            "stale_hours", "max_silent_days"});
  s.monitor.keywords = listValue(r, "monitor", "keywords");
  s.monitor.exclude = listValue(r, "monitor", "exclude");
  s.monitor.stop_words = listValue(r, "monitor", "stop_words");
  s.monitor.place_aliases = listValue(r, "monitor", "place_aliases");
  checkPlace(r, s.monitor, result.warnings);
  r.integer("monitor", "stale_hours", s.monitor.stale_hours, 1, 24 * 365, "hours");
  r.integer("monitor", "max_silent_days", s.monitor.max_silent_days, 1, 366, "days");
  if (!s.feeds.empty() && s.monitor.keywords.empty())
    r.problem("monitor", "keywords", "is required when feeds are configured (the agency's names)");
  for (const auto& f : s.feeds)
    if (f.url.find("{keyword}") != std::string::npos && s.monitor.keywords.empty())
      r.problem("feed." + f.id, "url", "uses {keyword} but [monitor] keywords is empty");

  // [kind.<id>]
  s.ledger_kinds = builtinLedgerKinds();
  {
    AbstractConfiguration::Keys ids;
    ini->keys("kind", ids);
    for (const auto& id : ids) {
      if (ini->hasProperty("kind." + id)) continue;
      const std::string sec = "kind." + id;
      r.unknownKeys(sec, {"name_zh", "name_en", "unit"});
      LedgerKind k{id, id, id, "件", false};
      r.str(sec, "name_zh", k.name_zh);
      r.str(sec, "name_en", k.name_en);
      r.str(sec, "unit", k.unit_zh);
      auto it = std::find_if(s.ledger_kinds.begin(), s.ledger_kinds.end(),
                             [&](const LedgerKind& b) { return b.id == id; });
      if (it != s.ledger_kinds.end())
        *it = k, it->builtin = true;
      else
        s.ledger_kinds.push_back(k);
    }
  }

  // [report]
  r.unknownKeys("report", {"agency", "lang", "timezone", "round_threshold"});
  r.str("report", "agency", s.report.agency);
  if (auto lang = r.raw("report", "lang")) {
    if (*lang == "zh" || *lang == "en")
      s.report.lang = *model::parseLang(*lang);
    else
      r.problem("report", "lang", "expected zh or en, got '" + *lang + "'");
  }
  r.offset("report", "timezone", s.report.timezone);
  r.integer("report", "round_threshold", s.report.round_threshold, 0, 1LL << 40, "an integer");

  // [server]
  r.unknownKeys("server", {"listen", "auth_token", "auth_token_env"});
  if (auto l = r.raw("server", "listen")) {
    const size_t colon = l->rfind(':');
    long long port = -1;
    if (colon == std::string::npos || colon == 0 || !core::parseInt64(l->substr(colon + 1), port) ||
        port < 0 || port > 65535)
      r.problem("server", "listen", "expected HOST:PORT such as 127.0.0.1:8080, got '" + *l + "'");
    else
      s.server.listen = *l;
  }
  std::string token;
  r.str("server", "auth_token", token);
  r.str("server", "auth_token_env", s.server.auth_token_env);
  if (!s.server.auth_token_env.empty()) {
    const char* v = std::getenv(s.server.auth_token_env.c_str());
    if (v && *v)
      token = v;
    else
      r.problem("server", "auth_token_env",
                "environment variable " + s.server.auth_token_env + " is not set");
  }
  if (!token.empty() && token.size() < 16)
    r.problem("server", "auth_token", "must be at least 16 characters");
  s.server.auth_token = core::Secret(token);

  if (problems.empty()) result.settings = std::move(s);
  return result;
}

LoadResult loadSettings(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    LoadResult r;
    std::error_code ec;
    r.problems.push_back(file.string() + ": " +
                         (fs::exists(file, ec) ? "cannot be read"
                                               : "not found (run `pubtrack init` to create it, or "
                                                 "pass --config FILE)"));
    return r;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return loadSettingsFromString(buf.str(), file);
}

core::Result<core::Secret> resolveSecret(const AccountSettings& a) {
  const std::string src = "account." + a.id;
  if (!a.secret_env.empty()) {
    const char* v = std::getenv(a.secret_env.c_str());
    if (!v || !*v)
      return core::makeError(core::ErrorKind::Config, src,
                             "secret_env: environment variable " + a.secret_env + " is not set");
    return core::Secret(std::string(core::trim(v)));
  }
  struct stat st {};
  if (::stat(a.secret_file.c_str(), &st) != 0)
    return core::makeError(core::ErrorKind::Config, src,
                           "secret_file " + a.secret_file + " does not exist");
  if (!S_ISREG(st.st_mode))
    return core::makeError(core::ErrorKind::Config, src,
                           "secret_file " + a.secret_file + " is not a regular file");
  if (st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    return core::makeError(core::ErrorKind::Config, src,
                           "secret_file " + a.secret_file + " has mode " + mode +
                               ": group or others can access it; run chmod 600 " + a.secret_file);
  }
  std::ifstream in(a.secret_file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof())
    return core::makeError(core::ErrorKind::Config, src,
                           "secret_file " + a.secret_file + " cannot be read");
  std::string secret(core::trim(buf.str()));
  if (secret.empty())
    return core::makeError(core::ErrorKind::Config, src,
                           "secret_file " + a.secret_file + " is empty");
  return core::Secret(std::move(secret));
}

std::string renderEffective(const Settings& s) {
  std::ostringstream o;
  o << "; effective configuration of " << s.config_file.string() << "\n";
  o << "[database]\npath = " << s.database_path.string() << "\n\n";
  o << "[http]\ntimeout_ms = " << s.http.timeout_ms
    << "\nconnect_timeout_ms = " << s.http.connect_timeout_ms
    << "\nmax_body_bytes = " << s.http.max_body_bytes << "\nconcurrency = " << s.http.concurrency
    << "\nper_host = " << s.http.per_host << "\nretries = " << s.http.retries
    << "\nretry_base_ms = " << s.http.retry_base_ms << "\nuser_agent = " << s.http.user_agent
    << "\nproxy = " << (s.http.proxy.empty() ? "(from the environment)" : s.http.proxy) << "\n\n";
  o << "[wechat]\napi_base = " << s.wechat.api_base << "\nbackfill_from = "
    << (s.wechat.backfill_from ? s.wechat.backfill_from->toString() : "(start of last year)")
    << "\nnew_api_from = " << s.wechat.new_api_from.toString()
    << "\nconcurrency = " << s.wechat.concurrency << "\npublish_pages = " << s.wechat.publish_pages
    << "\n\n";
  for (const auto& a : s.accounts) {
    o << "[account." << a.id << "]\nname = " << a.name << "\nappid = " << a.appid << "\n";
    if (!a.secret_env.empty()) o << "secret_env = " << a.secret_env << "  ; value ***\n";
    if (!a.secret_file.empty()) o << "secret_file = " << a.secret_file << "  ; value ***\n";
    o << "\n";
  }
  for (const auto& f : s.feeds) {
    o << "[feed." << f.id << "]\nurl = " << f.url << "\noutlet = " << f.outlet
      << "\ntier = " << (f.tier ? model::toString(*f.tier) : "(from each item's domain)")
      << "\ntimezone = " << f.timezone.toString() << "\nlocal = " << (f.local ? "true" : "false")
      << "\n\n";
  }
  for (const auto& out : s.outlets) {
    if (out.builtin) continue;
    o << "[outlet." << out.id << "]\nname = " << out.name
      << "\ntier = " << model::toString(out.tier) << "\ndomains = " << core::join(out.domains, ", ")
      << "\nlocal = " << (out.local ? "true" : "false") << "\n\n";
  }
  size_t builtins = 0;
  for (const auto& out : s.outlets) builtins += out.builtin;
  o << "; plus " << builtins << " outlets from the built-in registry\n\n";
  o << "[monitor]\nkeywords = " << core::join(s.monitor.keywords, ", ")
    << "\nexclude = " << core::join(s.monitor.exclude, ", ")
    << "\nstop_words = " << core::join(s.monitor.stop_words, ", ") << "\nplace = "
    << (s.monitor.place.empty() ? "(none: every keyword matches anywhere)" : s.monitor.place)
    << "\nplace_aliases = " << core::join(s.monitor.place_aliases, ", ")
    << "\nstale_hours = " << s.monitor.stale_hours
    << "\nmax_silent_days = " << s.monitor.max_silent_days << "\n\n";
  for (const auto& k : s.ledger_kinds) {
    if (k.builtin) continue;
    o << "[kind." << k.id << "]\nname_zh = " << k.name_zh << "\nname_en = " << k.name_en
      << "\nunit = " << k.unit_zh << "\n\n";
  }
  o << "[report]\nagency = " << s.report.agency << "\nlang = " << model::toString(s.report.lang)
    << "\ntimezone = " << s.report.timezone.toString()
    << "\nround_threshold = " << s.report.round_threshold << "\n\n";
  o << "[server]\nlisten = " << s.server.listen
    << "\nauth_token = " << (s.server.auth_token.empty() ? "(none)" : core::Secret::kMasked)
    << "\n";
  return o.str();
}

}  // namespace pubtrack::config
