// SPDX-License-Identifier: Apache-2.0
// Global option parsing, logging setup, dispatch and help.
#include "app/cli.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Exception.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

#include <algorithm>
#include <iostream>

#include "core/strings.h"
#include "store/database.h"

namespace pubtrack::app {

Args::Args(std::string command, const std::vector<OptionSpec>& specs,
           const std::vector<std::string>& argv)
    : command_(std::move(command)) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back("--" + s.name);
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      positionals_.insert(positionals_.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-' || a == "-") {
      positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    std::optional<std::string> inlineValue;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) {
      std::string msg = "unknown option --" + name + " for `pubtrack " + command_ + "`";
      if (auto best = core::closestMatch("--" + name, names); !best.empty())
        msg += " (did you mean " + best + "?)";
      msg += "; see `pubtrack help " + command_ + "`";
      throw ExitError{kUsage, msg};
    }
    std::string v;
    if (spec->takes_value) {
      if (inlineValue) {
        v = *inlineValue;
      } else if (i + 1 < argv.size()) {
        v = argv[++i];
      } else {
        throw ExitError{kUsage, "option --" + name + " needs a value"};
      }
    } else if (inlineValue) {
      throw ExitError{kUsage, "option --" + name + " takes no value"};
    }
    auto& slot = values_[name];
    if (!slot.empty() && !spec->repeatable)
      throw ExitError{kUsage, "option --" + name + " given twice"};
    slot.push_back(v);
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  std::vector<std::string> out;
  for (const auto& v : it->second)
    for (auto& part : core::splitList(v)) out.push_back(part);
  return out;
}

Format Args::format(Format fallback) const {
  auto v = value("format");
  if (!v) return fallback;
  auto f = parseFormat(*v);
  if (!f) throw ExitError{kUsage, "--format: expected table, json or csv, got '" + *v + "'"};
  return *f;
}

std::optional<core::Date> Args::date(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  auto d = core::Date::parse(*v);
  if (!d) throw ExitError{kUsage, "--" + name + ": expected a date YYYY-MM-DD, got '" + *v + "'"};
  return d;
}

std::optional<long long> Args::integer(const std::string& name, long long min,
                                       long long max) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  long long n = 0;
  if (!core::parseInt64(*v, n) || n < min || n > max)
    throw ExitError{kUsage, "--" + name + ": expected an integer between " + std::to_string(min) +
                                " and " + std::to_string(max) + ", got '" + *v + "'"};
  return n;
}

Context::Context(GlobalOptions g, std::ostream& o, std::ostream& e, Poco::Logger& l)
    : global(std::move(g)), out(o), err(e), log(l) {}
Context::~Context() = default;

const core::Clock& Context::clock() const {
  if (fixed_clock) return *fixed_clock;
  return system_clock;
}

std::filesystem::path Context::configPath() const {
  return config::resolveConfigPath(global.config);
}

const config::Settings& Context::settings() {
  if (settings_) return *settings_;
  auto loaded = config::loadSettings(configPath());
  if (!loaded.settings) {
    for (size_t i = 0; i + 1 < loaded.problems.size(); ++i) err << loaded.problems[i] << "\n";
    throw ExitError{kUsage,
                    loaded.problems.empty() ? "invalid configuration" : loaded.problems.back()};
  }
  settings_ = std::move(loaded.settings);
  return *settings_;
}

store::Database& Context::database() {
  if (db_) return *db_;
  auto db = store::Database::open(settings().database_path);
  if (!db) throw ExitError{kFatal, db.error().describe()};
  db_ = std::move(db.value());
  return *db_;
}

namespace {

void setUpLogging(const GlobalOptions& g) {
  using Poco::AutoPtr;
  AutoPtr<Poco::PatternFormatter> fmt(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%SZ %p %s: %t"));
  fmt->setProperty("times", "UTC");
  AutoPtr<Poco::Channel> sink;
  if (!g.log_file.empty()) {
    AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(g.log_file));
    file->setProperty("rotation", "never");
    sink = file;
  } else {
    sink = new Poco::ConsoleChannel(std::cerr);
  }
  AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(fmt, sink));
  auto& root = Poco::Logger::root();
  root.setChannel(channel);
  root.setLevel(g.verbosity < 0   ? Poco::Message::PRIO_ERROR
                : g.verbosity > 0 ? Poco::Message::PRIO_DEBUG
                                  : Poco::Message::PRIO_WARNING);
}

void printHelp(std::ostream& out) {
  out << "pubtrack "
      << "— WeChat and news-mention figures for the government information\n"
      << "disclosure annual report.\n\n"
      << "usage: pubtrack [--config FILE] [--log-file FILE] [--verbose | --quiet] COMMAND "
         "[options]\n\n"
      << "commands:\n";
  size_t width = 0;
  for (const auto& c : commands()) width = std::max(width, c.name.size());
  for (const auto& c : commands())
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "\n";
  out << "\nThe configuration is --config FILE, else $PUBTRACK_CONFIG, else ./pubtrack.ini.\n"
      << "Exit codes: 0 ok, 1 some sources failed (the rest saved), 2 usage or configuration "
         "error, 3 fatal (database, lock).\n"
      << "`pubtrack help COMMAND` describes one command.\n";
}

void printCommandHelp(const Command& c, std::ostream& out) {
  out << "usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.options.empty()) {
    out << "\noptions:\n";
    for (const auto& o : c.options)
      out << "  --" << o.name << (o.takes_value ? " " : "") << o.help << "\n";
  }
}

// The commands whose first word is `word` ("record" -> record add, record import, ...); false
// when there are none.
bool printGroupHelp(const std::string& word, std::ostream& out) {
  std::vector<const Command*> group;
  for (const auto& c : commands())
    if (core::splitList(c.name, ' ')[0] == word) group.push_back(&c);
  if (group.empty()) return false;
  size_t width = 0;
  for (const auto* c : group) width = std::max(width, c->name.size());
  out << "usage: pubtrack " << word << " SUBCOMMAND [options]\n\nsubcommands:\n";
  for (const auto* c : group)
    out << "  " << c->name << std::string(width - c->name.size() + 2, ' ') << c->summary << "\n";
  out << "\n`pubtrack help " << group.front()->name << "` describes one of them.\n";
  return true;
}

const Command* findCommand(const std::vector<std::string>& words, size_t& used) {
  // Longest match first: "config check" before "config".
  const Command* best = nullptr;
  size_t bestWords = 0;
  for (const auto& c : commands()) {
    const auto parts = core::splitList(c.name, ' ');
    if (parts.size() > words.size()) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size(); ++i) match = match && parts[i] == words[i];
    if (match && parts.size() > bestWords) best = &c, bestWords = parts.size();
  }
  used = bestWords;
  return best;
}

}  // namespace

int runCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  GlobalOptions g;
  std::vector<std::string> rest;
  int i = 1;
  try {
    for (; i < argc; ++i) {
      const std::string a = argv[i];
      auto take = [&](const std::string& name) -> std::string {
        const std::string prefix = "--" + name + "=";
        if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
        if (i + 1 >= argc) throw ExitError{kUsage, "option --" + name + " needs a value"};
        return argv[++i];
      };
      if (a == "--config" || a.rfind("--config=", 0) == 0) {
        g.config = take("config");
      } else if (a == "--log-file" || a.rfind("--log-file=", 0) == 0) {
        g.log_file = take("log-file");
      } else if (a == "--verbose" || a == "-v") {
        g.verbosity = 1;
      } else if (a == "--quiet" || a == "-q") {
        g.verbosity = -1;
      } else if (a == "--help" || a == "-h") {
        rest = {"help"};  // `pubtrack --help report` = `pubtrack help report`
        ++i;
        break;
      } else if (a == "--version") {
        rest = {"version"};
        ++i;
        break;
      } else if (!a.empty() && a[0] == '-') {
        throw ExitError{kUsage, "unknown global option " + a + "; see `pubtrack help`"};
      } else {
        break;
      }
    }
    for (; i < argc && rest.empty(); ++i) rest.push_back(argv[i]);
    for (; i < argc; ++i) rest.push_back(argv[i]);
    setUpLogging(g);
    if (rest.empty()) {
      printHelp(err);
      return kUsage;
    }
    if (rest[0] == "help") {
      if (rest.size() == 1) {
        printHelp(out);
        return kOk;
      }
      size_t used = 0;
      const Command* c = findCommand({rest.begin() + 1, rest.end()}, used);
      if (!c && printGroupHelp(rest[1], out)) return kOk;
      if (!c) throw ExitError{kUsage, "no such command: " + rest[1] + "; see `pubtrack help`"};
      printCommandHelp(*c, out);
      return kOk;
    }
    size_t used = 0;
    const Command* c = findCommand(rest, used);
    const bool helpAsked = std::any_of(
        rest.begin(), rest.end(), [](const std::string& a) { return a == "--help" || a == "-h"; });
    // `pubtrack record --help`: the subcommands of a command group.
    if (!c && helpAsked && printGroupHelp(rest[0], out)) return kOk;
    if (!c) {
      std::vector<std::string> names;
      for (const auto& cmd : commands()) names.push_back(core::splitList(cmd.name, ' ')[0]);
      std::string msg = "unknown command '" + rest[0] + "'";
      if (auto best = core::closestMatch(rest[0], names); !best.empty())
        msg += " (did you mean '" + best + "'?)";
      // A known first word with a wrong or missing subcommand.
      for (const auto& cmd : commands())
        if (core::splitList(cmd.name, ' ')[0] == rest[0]) {
          msg = "`pubtrack " + rest[0] + "` needs a subcommand; see `pubtrack help`";
          if (rest.size() > 1)
            msg = "unknown subcommand '" + rest[0] + " " + rest[1] + "'; see `pubtrack help`";
          break;
        }
      throw ExitError{kUsage, msg};
    }
    bool wantsHelp = false;
    std::vector<std::string> cmdArgs;
    for (size_t k = used; k < rest.size(); ++k) {
      if (rest[k] == "--help" || rest[k] == "-h") wantsHelp = true;
      cmdArgs.push_back(rest[k]);
    }
    if (wantsHelp) {
      printCommandHelp(*c, out);
      return kOk;
    }
    Args args(c->name, c->options, cmdArgs);
    Context ctx(g, out, err, Poco::Logger::get("pubtrack"));
    return c->run(ctx, args);
  } catch (const ExitError& e) {
    if (!e.message.empty()) err << "pubtrack: " << e.message << "\n";
    return e.code;
  } catch (const Poco::Exception& e) {
    err << "pubtrack: " << e.displayText() << "\n";
    return kFatal;
  } catch (const std::exception& e) {
    if (store::failureOf(e) != store::Failure::NotStore)
      err << "pubtrack: database error: " << e.what() << "\n";
    else
      err << "pubtrack: fatal: " << e.what() << "\n";
    return kFatal;
  }
}

}  // namespace pubtrack::app
