// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: the API's handlers and pages, as free functions of a request over a
// read-only connection. The shell (shell.h) authenticates, caches and routes; these only read
// and render. None throws for bad input: a bad parameter is a 400 naming it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "config/settings.h"
#include "core/clock.h"
#include "dashboard/types.h"
#include "model/mention.h"
#include "reports/figures.h"
#include "store/database.h"

namespace pubtrack::dashboard::detail {

// JSON answers: a body as it is, or {"error": message, "parameter": name}.
Response json(int status, std::string body);
Response jsonError(int status, const std::string& message, const std::string& parameter = "");

// One thread's figures per year, computed once per data version and hour (they depend on which
// days can have data yet), with the report's JSON and HTML rendered from them once each.
class FiguresCache {
 public:
  struct Entry {
    int64_t data_version = -1;
    int64_t hour = -1;
    std::shared_ptr<const reports::Figures> figures;
    std::string json, html;
  };
  Entry& get(store::Database& db, const config::Settings& settings, const core::Clock& clock,
             int year, int64_t data_version);

 private:
  std::map<int, Entry> by_year_;
};

// What a handler reads: the server's settings and clock, this thread's read-only connection and
// figures, and the connection's data version when the request began.
struct ReadContext {
  const config::Settings& settings;
  const core::Clock& clock;
  store::Database& db;
  FiguresCache& figures;
  int64_t data_version = 0;
};

Response apiReport(ReadContext& c, const Request& req);             // GET /api/report?year=
Response apiDaily(ReadContext& c, const Request& req);              // GET /api/wechat/daily
Response apiArticles(ReadContext& c, const Request& req);           // GET /api/wechat/articles
Response apiMentions(ReadContext& c, const Request& req);           // GET /api/mentions
Response apiStatus(ReadContext& c, const Request& req);             // GET /api/status
Response apiYears(ReadContext& c, const Request& req);              // GET /api/years
Response reportPage(ReadContext& c, const std::string& year_text);  // GET /report/<year>
// GET /?year=: the year's headline figures and their 同比 are the report's own (the same
// reports::Figures as /api/report?year=), so the page never compares with a previous period
// the report leaves out. Without ?year=, defaultYear().
Response dashboardPage(ReadContext& c, const Request& req);

// POST /api/mentions/<id>/confirm|reject: on a short-lived read-write connection of its own
// (the readers stay read-only), one write at a time; every cached answer from before it is out.
Response setMentionStatus(ServerContext& ctx, const std::string& id_text,
                          model::MentionStatus status);

}  // namespace pubtrack::dashboard::detail
