// SPDX-License-Identifier: Apache-2.0
// serve: the team dashboard (Poco HTTPServer) until SIGINT/SIGTERM.
#include "app/commands/commands.h"
#include "dashboard/server.h"
#include "store/database.h"

namespace pubtrack::app::cmd {

int serve(Context& ctx, const Args& args) {
  applyToday(ctx, args);  // "this year" of the page, for replays and the demo
  const auto& s = ctx.settings();
  // Migrate (or create) the database before the read-only connections open it.
  (void)ctx.database();
  dashboard::ServeOptions o;
  o.listen = args.value("listen").value_or("");
  o.clock = &ctx.clock();
  return dashboard::serveUntilSignal(s, o, ctx.out, ctx.err);
}

}  // namespace pubtrack::app::cmd
