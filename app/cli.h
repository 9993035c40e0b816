// SPDX-License-Identifier: Apache-2.0
// The command line: global options, per-command options, the context every command gets, and
// the exit codes (0 ok, 1 partial failure, 2 usage or configuration, 3 fatal).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/output.h"
#include "config/settings.h"
#include "core/clock.h"

namespace Poco {
class Logger;
}

namespace pubtrack::store {
class Database;
}

namespace pubtrack::app {

enum ExitCode : int { kOk = 0, kPartial = 1, kUsage = 2, kFatal = 3 };

// Thrown to end a command with an exit code and a one-line message on stderr.
struct ExitError {
  int code;
  std::string message;
};

struct OptionSpec {
  std::string name;  // without dashes: "format"
  bool takes_value = false;
  bool repeatable = false;
  std::string help;  // "FORMAT  table|json|csv (default table)"
};

// Per-command options after the command words: --name VALUE, --name=VALUE, --flag, positionals.
class Args {
 public:
  Args(std::string command, const std::vector<OptionSpec>& specs,
       const std::vector<std::string>& argv);
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  const std::string& command() const { return command_; }

  // Typed accessors that throw ExitError{kUsage} naming the option.
  Format format(Format fallback = Format::Table) const;
  std::optional<core::Date> date(const std::string& name) const;
  std::optional<long long> integer(const std::string& name, long long min, long long max) const;

 private:
  std::string command_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

struct GlobalOptions {
  std::string config;  // --config FILE
  std::string log_file;
  int verbosity = 0;  // -1 quiet, 0 normal, 1 verbose
};

class Context {
 public:
  Context(GlobalOptions global, std::ostream& out, std::ostream& err, Poco::Logger& log);
  ~Context();

  GlobalOptions global;
  std::ostream& out;
  std::ostream& err;
  Poco::Logger& log;
  core::SystemClock system_clock;
  std::unique_ptr<core::FixedClock> fixed_clock;  // set by --today
  const core::Clock& clock() const;
  std::atomic<bool>* stop = nullptr;  // set by SIGTERM/SIGINT

  std::filesystem::path configPath() const;
  // Loads and validates the configuration; on problems prints each and throws ExitError{kUsage}.
  const config::Settings& settings();
  // Opens (and migrates) the database; on failure throws ExitError{kFatal}.
  store::Database& database();

 private:
  std::optional<config::Settings> settings_;
  std::unique_ptr<store::Database> db_;
};

struct Command {
  std::string name;     // "init", "config check", "runs list"
  std::string summary;  // one line for `help`
  std::string usage;    // "pubtrack report --year Y [--format F]"
  std::vector<OptionSpec> options;
  std::function<int(Context&, const Args&)> run;
};

const std::vector<Command>& commands();
// Entry point used by main(): parses argv, runs the command, returns the exit code.
int runCli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace pubtrack::app
