// SPDX-License-Identifier: Apache-2.0
// One function per command; the table that names them is in registry.cpp.
#pragma once

#include "app/cli.h"

namespace pubtrack::app::cmd {

int init(Context& ctx, const Args& args);
int configCheck(Context& ctx, const Args& args);
int status(Context& ctx, const Args& args);
int version(Context& ctx, const Args& args);
int runsList(Context& ctx, const Args& args);
int collect(Context& ctx, const Args& args);
int feedsList(Context& ctx, const Args& args);
int feedsBody(Context& ctx, const Args& args);
int itemsList(Context& ctx, const Args& args);
int mentionsList(Context& ctx, const Args& args);
int mentionsConfirm(Context& ctx, const Args& args);
int mentionsReject(Context& ctx, const Args& args);
int mentionsImport(Context& ctx, const Args& args);
int mentionsRematch(Context& ctx, const Args& args);
int backfill(Context& ctx, const Args& args);
int wechatArticles(Context& ctx, const Args& args);
int wechatDaily(Context& ctx, const Args& args);
int report(Context& ctx, const Args& args);
int backup(Context& ctx, const Args& args);
int serve(Context& ctx, const Args& args);
int exportCsv(Context& ctx, const Args& args);
int recordAdd(Context& ctx, const Args& args);
int recordImport(Context& ctx, const Args& args);
int recordList(Context& ctx, const Args& args);
int recordDelete(Context& ctx, const Args& args);
int requestsAdd(Context& ctx, const Args& args);
int requestsImport(Context& ctx, const Args& args);
int requestsClose(Context& ctx, const Args& args);
int requestsList(Context& ctx, const Args& args);
int requestsOutcomes(Context& ctx, const Args& args);
int figuresSet(Context& ctx, const Args& args);
int figuresImport(Context& ctx, const Args& args);
int figuresList(Context& ctx, const Args& args);
int figuresDelete(Context& ctx, const Args& args);

// --today YYYY-MM-DD: run as if on that day after 08:00 China time.
void applyToday(Context& ctx, const Args& args);

}  // namespace pubtrack::app::cmd
