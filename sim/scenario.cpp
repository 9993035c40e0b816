// SPDX-License-Identifier: Apache-2.0
// Scenario INI parsing: [sim] plus one [account.<appid>] section per simulated account.
#include "sim/scenario.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/strings.h"

namespace pubtrack::sim {

using core::Date;
using core::ErrorKind;
using core::makeError;

const AccountSpec* Scenario::find(std::string_view appid) const {
  for (const auto& a : accounts) {
    if (a.appid == appid) return &a;
  }
  return nullptr;
}

namespace {

AccountSpec defaultAccount(std::string appid) {
  AccountSpec a;
  a.appid = std::move(appid);
  a.secret = "simsecret-" + a.appid;
  a.name = "模拟公众号";
  a.from = *Date::fromYmd(2023, 1, 1);
  a.followers_start = 30000;
  a.articles.every_year = 795;
  a.page_views.every_year = 1523456;
  a.read_users.every_year = 1100000;
  a.followers_net.every_year = 6000;
  return a;
}

// Poco keeps everything after '=' as the value; the scenario format allows "key = v ; note".
std::string stripInlineComments(std::string_view text) {
  std::string out;
  for (const auto& line : [&] {
         std::vector<std::string> lines;
         std::string cur;
         for (char c : text) {
           if (c == '\n') {
             lines.push_back(cur);
             cur.clear();
           } else {
             cur += c;
           }
         }
         lines.push_back(cur);
         return lines;
       }()) {
    std::string l = line;
    for (size_t i = 1; i < l.size(); ++i) {
      if ((l[i] == ';' || l[i] == '#') && (l[i - 1] == ' ' || l[i - 1] == '\t')) {
        l.resize(i);
        break;
      }
    }
    out += l;
    out += '\n';
  }
  return out;
}

core::Error bad(std::string key, std::string message) {
  return makeError(ErrorKind::Config, "scenario " + key, std::move(message));
}

bool toInt(const std::string& s, long long& out) { return core::parseInt64(core::trim(s), out); }

}  // namespace

Scenario defaultScenario() {
  Scenario s;
  auto a = defaultAccount("wx5f1c3a9b2d7e4c01");
  a.secret = "simsecret-main";
  a.name = "深圳国资";
  s.accounts.push_back(std::move(a));
  return s;
}

core::Result<Scenario> parseScenario(std::string_view ini_text) {
  Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
  try {
    std::istringstream in(stripInlineComments(ini_text));
    ini = new Poco::Util::IniFileConfiguration(in);
  } catch (const Poco::Exception& e) {
    return bad("", e.displayText());
  }
  Scenario sc;
  Poco::Util::AbstractConfiguration::Keys roots;
  ini->keys(roots);
  for (const auto& root : roots) {
    if (root != "sim" && root != "account") return bad("[" + root + "]", "unknown section");
  }
  auto intKey = [&](const std::string& key, long long& out) -> std::optional<core::Error> {
    if (!ini->hasOption(key)) return std::nullopt;
    if (!toInt(ini->getString(key), out)) return bad(key, "not an integer: " + ini->getString(key));
    return std::nullopt;
  };
  Poco::Util::AbstractConfiguration::Keys keys;
  ini->keys("sim", keys);
  for (const auto& k : keys) {
    static const std::set<std::string> known = {"seed", "token_ttl_s", "delay_days",
                                                "new_family_from", "silent_from"};
    if (!known.count(k)) {
      const std::string hint =
          core::closestMatch(k, std::vector<std::string>(known.begin(), known.end()));
      return bad("sim." + k,
                 hint.empty() ? "unknown key" : "unknown key (did you mean " + hint + "?)");
    }
  }
  long long v = 0;
  if (auto e = intKey("sim.seed", v)) return *e;
  if (ini->hasOption("sim.seed")) sc.seed = static_cast<uint64_t>(v);
  v = sc.token_ttl_s;
  if (auto e = intKey("sim.token_ttl_s", v)) return *e;
  if (v < 60) return bad("sim.token_ttl_s", "must be at least 60");
  sc.token_ttl_s = static_cast<int>(v);
  v = sc.delay_days;
  if (auto e = intKey("sim.delay_days", v)) return *e;
  if (v < 0 || v > 60) return bad("sim.delay_days", "must be 0..60");
  sc.delay_days = static_cast<int>(v);
  if (ini->hasOption("sim.silent_from")) {
    auto d = Date::parse(core::trim(ini->getString("sim.silent_from")));
    if (!d) return bad("sim.silent_from", "not a YYYY-MM-DD date");
    sc.silent_from = *d;
  }
  if (ini->hasOption("sim.new_family_from")) {
    auto d = Date::parse(core::trim(ini->getString("sim.new_family_from")));
    if (!d) return bad("sim.new_family_from", "not a YYYY-MM-DD date");
    sc.new_family_from = *d;
  }

  Poco::Util::AbstractConfiguration::Keys appids;
  ini->keys("account", appids);
  for (const auto& appid : appids) {
    const std::string p = "account." + appid;
    AccountSpec a = defaultAccount(appid);
    bool have_net = false;
    Poco::Util::AbstractConfiguration::Keys akeys;
    ini->keys(p, akeys);
    static const std::vector<std::string> known = {"secret",
                                                   "name",
                                                   "from",
                                                   "followers_start",
                                                   "articles_per_year",
                                                   "page_views_per_year",
                                                   "read_users_per_year",
                                                   "followers_end_of_year",
                                                   "followers_net_per_year",
                                                   "verified"};
    for (const auto& k : akeys) {
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        const std::string hint = core::closestMatch(k, known);
        return bad(p + "." + k,
                   hint.empty() ? "unknown key" : "unknown key (did you mean " + hint + "?)");
      }
    }
    if (ini->hasOption(p + ".secret"))
      a.secret = std::string(core::trim(ini->getString(p + ".secret")));
    if (ini->hasOption(p + ".name")) a.name = std::string(core::trim(ini->getString(p + ".name")));
    if (ini->hasOption(p + ".from")) {
      auto d = Date::parse(core::trim(ini->getString(p + ".from")));
      if (!d) return bad(p + ".from", "not a YYYY-MM-DD date");
      a.from = *d;
    }
    if (a.from < sc.data_floor) return bad(p + ".from", "before 2014-12-01");
    if (auto e = intKey(p + ".followers_start", a.followers_start)) return *e;
    if (ini->hasOption(p + ".verified")) {
      const std::string t = core::toLowerAscii(core::trim(ini->getString(p + ".verified")));
      a.verified = !(t == "false" || t == "0" || t == "no" || t == "off");
    }
    // A yearly key may have a plain value and `.YYYY` overrides (stored by Poco as sub-keys).
    auto yearly = [&](const std::string& name, auto&& setPlain,
                      auto&& setYear) -> std::optional<core::Error> {
      const std::string key = p + "." + name;
      const bool may_be_negative = name == "followers_net_per_year";
      if (ini->hasOption(key)) {
        long long n = 0;
        if (auto e = intKey(key, n)) return e;
        if (n < 0 && !may_be_negative) return bad(key, "must not be negative");
        setPlain(n);
      }
      Poco::Util::AbstractConfiguration::Keys years;
      ini->keys(key, years);
      for (const auto& y : years) {
        long long year = 0, n = 0;
        if (!toInt(y, year) || year < 2014 || year > 2100) return bad(key + "." + y, "not a year");
        if (auto e = intKey(key + "." + y, n)) return e;
        if (n < 0 && !may_be_negative) return bad(key + "." + y, "must not be negative");
        setYear(static_cast<int>(year), n);
      }
      return std::nullopt;
    };
    auto into = [&](YearlyValue& yv, const std::string& name) {
      return yearly(
          name, [&](long long n) { yv.every_year = n; },
          [&](int y, long long n) { yv.by_year[y] = n; });
    };
    if (auto e = into(a.articles, "articles_per_year")) return *e;
    if (auto e = into(a.page_views, "page_views_per_year")) return *e;
    if (auto e = into(a.read_users, "read_users_per_year")) return *e;
    have_net = ini->hasOption(p + ".followers_net_per_year");
    if (auto e = yearly(
            "followers_net_per_year", [&](long long n) { a.followers_net.every_year = n; },
            [&](int y, long long n) { a.followers_net.by_year[y] = n; }))
      return *e;
    if (auto e = yearly(
            "followers_end_of_year", [&](long long n) { a.followers_end[a.from.year()] = n; },
            [&](int y, long long n) { a.followers_end[y] = n; }))
      return *e;
    if (!have_net) a.followers_net.every_year = a.followers_start / 5;
    sc.accounts.push_back(std::move(a));
  }
  if (sc.accounts.empty()) return bad("[account.<appid>]", "no accounts defined");
  return sc;
}

core::Result<Scenario> loadScenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorKind::Io, "scenario " + path, "cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  auto sc = parseScenario(ss.str());
  if (!sc) {
    auto err = sc.error();
    err.source = path + ": " + err.source;
    return err;
  }
  return sc;
}

}  // namespace pubtrack::sim
