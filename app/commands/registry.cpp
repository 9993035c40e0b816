// SPDX-License-Identifier: Apache-2.0
// The command table: every command pubtrack knows, in `help` order.
#include "app/commands/commands.h"

namespace pubtrack::app {

namespace {
const OptionSpec kFormat{"format", true, false, "FORMAT  table, json or csv (default table)"};
const OptionSpec kLimit{"limit", true, false, "N  at most N rows"};
}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"init",
       "write a commented configuration template (if missing) and create the database",
       "pubtrack [--config FILE] init",
       {},
       cmd::init},
      {"config check",
       "validate the configuration and print it with secrets shown as ***",
       "pubtrack [--config FILE] config check",
       {},
       cmd::configCheck},
      {"status",
       "last success, last error and health of every account and feed (exit 1 when one "
       "is failing or stale)",
       "pubtrack status [--format table|json|csv]",
       {kFormat},
       cmd::status},
      {"runs list",
       "the run history, newest first",
       "pubtrack runs list [--source SOURCE] [--limit N] [--format table|json|csv]",
       {kFormat, kLimit, {"source", true, false, "SOURCE  only this source (account.ID, feed.ID)"}},
       cmd::runsList},
      {"version", "print the version", "pubtrack version", {}, cmd::version},
  };
  return kCommands;
}

}  // namespace pubtrack::app
