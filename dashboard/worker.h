// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: one Worker per server thread. It owns that thread's read-only SQLite
// connection (opened on first use, never shared), its prepared statements and its caches, and
// answers requests: authentication, routing, the JSON API and the pages.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "dashboard/types.h"
#include "reports/figures.h"
#include "store/database.h"
#include "store/feeds_repo.h"

namespace SQLite {
class Statement;
}

namespace pubtrack::dashboard::detail {

// Constant-time equality (the time depends only on the lengths).
bool constantTimeEquals(const std::string& a, const std::string& b);

class Worker {
 public:
  explicit Worker(ServerContext& ctx);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Never throws for bad input; database failures become 500/503 JSON.
  Response handle(const Request& req);

 private:
  struct Cached {
    int64_t data_version = -1;
    int64_t hour = -1;  // the hour `now` fell in when computed (figures depend on it)
    std::shared_ptr<const reports::Figures> figures;
    std::string json, html;
  };

  Response route(const Request& req);
  // The shared cache of GET answers (ServerContext says when an answer is given again).
  template <class Compute>
  Response cachedAnswer(const std::string& key, uint64_t epoch, int64_t hour, Compute compute);
  Response apiReport(const Request& req);
  Response apiDaily(const Request& req);
  Response apiArticles(const Request& req);
  Response apiMentions(const Request& req);
  Response apiStatus(const Request& req);
  Response setMentionStatus(const std::string& id_text, const std::string& status);
  Response reportHtml(const std::string& year_text);
  Response dashboardPage();

  store::Database& db();  // opens on first use; throws SQLite::Exception
  SQLite::Statement& statement(const std::string& sql);
  int64_t dataVersion();
  int64_t hourNow() const;
  Cached& figuresFor(int year);  // this year's or any year's figures, cached per data_version

  ServerContext& ctx_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::FeedsRepo> feeds_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::map<int, Cached> figures_;
  Cached page_;
  int64_t last_data_version_ = -1;  // -1: this worker has not looked yet
};

}  // namespace pubtrack::dashboard::detail
