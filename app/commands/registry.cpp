// SPDX-License-Identifier: Apache-2.0
// The command table: every command pubtrack knows, in `help` order.
#include "app/commands/commands.h"

namespace pubtrack::app {

namespace {
const OptionSpec kFormat{"format", true, false, "FORMAT  table, json or csv (default table)"};
const OptionSpec kLimit{"limit", true, false, "N  at most N rows"};
const OptionSpec kFrom{"from", true, false, "DATE  first day, YYYY-MM-DD (China time)"};
const OptionSpec kTo{"to", true, false, "DATE  last day, YYYY-MM-DD (China time)"};
const OptionSpec kToday{"today", true, false,
                        "DATE  run as if on DATE after 08:00 China time (tests, replays)"};
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
       "pubtrack status [--format table|json|csv] [--today YYYY-MM-DD]",
       {kFormat, kToday},
       cmd::status},
      {"runs list",
       "the run history, newest first",
       "pubtrack runs list [--source SOURCE] [--limit N] [--format table|json|csv]",
       {kFormat, kLimit, {"source", true, false, "SOURCE  only this source (account.ID, feed.ID)"}},
       cmd::runsList},
      {"collect",
       "the nightly job: collect WeChat statistics and news feeds (exit 1 when a source "
       "failed; the rest is saved)",
       "pubtrack collect [--source wechat|feeds|all] [--today YYYY-MM-DD]",
       {{"source", true, false, "SOURCE  wechat, feeds or all (default all)"}, kToday},
       cmd::collect},
      {"backfill",
       "collect WeChat statistics for an explicit range (progress on a terminal)",
       "pubtrack backfill --from D --to D [--account ID...] [--today YYYY-MM-DD]",
       {kFrom, kTo, kToday, {"account", true, true, "ID  only this [account.<id>] (repeatable)"}},
       cmd::backfill},
      {"wechat articles",
       "WeChat articles: msgid, title, url, publish date, publish_type, reads",
       "pubtrack wechat articles [--account ID] [--from D] [--to D] [--format F]",
       {kFormat, kFrom, kTo, {"account", true, true, "ID  only this account"}},
       cmd::wechatArticles},
      {"wechat daily",
       "daily account figures: new, cancel, net, cumulate, page views, read users",
       "pubtrack wechat daily [--account ID] [--from D] [--to D] [--format F]",
       {kFormat, kFrom, kTo, {"account", true, true, "ID  only this account"}},
       cmd::wechatDaily},
      {"feeds list",
       "every configured feed with its health",
       "pubtrack feeds list [--format table|json|csv]",
       {kFormat},
       cmd::feedsList},
      {"items list",
       "stored feed items, in each feed's document order",
       "pubtrack items list [--feed ID] [--from D] [--to D] [--limit N] [--format F]",
       {kFormat, kLimit, kFrom, kTo, {"feed", true, false, "ID  only this [feed.<id>]"}},
       cmd::itemsList},
      {"mentions list",
       "mentions of the agency (each report once; syndicated copies point to "
       "the earliest)",
       "pubtrack mentions list [--from D] [--to D] [--status S] [--tier T] [--limit N] "
       "[--format F]",
       {kFormat,
        kLimit,
        kFrom,
        kTo,
        {"status", true, false, "S  candidate, confirmed or rejected"},
        {"tier", true, false, "T  central, provincial, municipal or other"}},
       cmd::mentionsList},
      {"mentions confirm",
       "mark mentions as confirmed",
       "pubtrack mentions confirm ID...",
       {},
       cmd::mentionsConfirm},
      {"mentions reject",
       "mark mentions as rejected (they never count)",
       "pubtrack mentions reject ID...",
       {},
       cmd::mentionsReject},
      {"mentions import",
       "add mentions found by hand (print, TV) from a CSV file: "
       "date,outlet,tier,title[,url,status,note]",
       "pubtrack mentions import FILE.csv",
       {},
       cmd::mentionsImport},
      {"mentions rematch",
       "re-apply [monitor] keywords and exclude to every stored item",
       "pubtrack mentions rematch",
       {},
       cmd::mentionsRematch},
      {"record add",
       "record an outreach fact (online interview, consultation, suggestion ...)",
       "pubtrack record add --kind K --date D [--title T] [--count N] [--role R]",
       {{"kind", true, false,
         "K  interview, consultation, press_conference, "
         "policy_interpretation, npc_suggestion, cppcc_proposal, "
         "disclosure_request, admin_review, lawsuit, or a [kind.<id>]"},
        {"date", true, false, "D  YYYY-MM-DD"},
        {"title", true, false, "T  what it was"},
        {"count", true, false, "N  how many (default 1)"},
        {"role", true, false, "R  主办, 会办, 协办, 承办, 分办 or 汇办 (suggestions, proposals)"}},
       cmd::recordAdd},
      {"record import",
       "import ledger records from a CSV file (kind,date[,title,count,role]); a "
       "bad line stores nothing",
       "pubtrack record import FILE.csv",
       {},
       cmd::recordImport},
      {"record list",
       "the outreach ledger",
       "pubtrack record list [--kind K] [--from D] [--to D] [--format F]",
       {kFormat, kFrom, kTo, {"kind", true, false, "K  only this kind"}},
       cmd::recordList},
      {"record delete",
       "delete ledger records",
       "pubtrack record delete ID...",
       {},
       cmd::recordDelete},
      {"backup",
       "copy the database with SQLite's online backup (safe while the dashboard reads)",
       "pubtrack backup FILE",
       {},
       cmd::backup},
      {"export",
       "write CSV files of the tables a dashboard may want (no raw bodies, no secrets)",
       "pubtrack export --dir DIR",
       {{"dir", true, false, "DIR  where the CSV files go"}},
       cmd::exportCsv},
      {"version", "print the version", "pubtrack version", {}, cmd::version},
  };
  return kCommands;
}

}  // namespace pubtrack::app
