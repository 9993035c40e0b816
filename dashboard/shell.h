// SPDX-License-Identifier: Apache-2.0
// Internal to dashboard/: the HTTP shell of one server thread. It owns that thread's read-only
// connection (opened on first use, never shared) and figures, and for each request:
// authenticates, answers from the shared cache or computes the answer once (gzip-compressed
// once), and routes to the API's handlers (api.h).
#pragma once

#include <memory>
#include <string>

#include "dashboard/api.h"
#include "dashboard/types.h"
#include "store/database.h"

namespace pubtrack::dashboard::detail {

// Constant-time equality (the time depends only on the lengths).
bool constantTimeEquals(const std::string& a, const std::string& b);

class Shell {
 public:
  explicit Shell(ServerContext& ctx) : ctx_(ctx) {}
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Never throws for bad input; database failures become 500/503 JSON.
  Response handle(const Request& req);

 private:
  Response route(const Request& req);
  Response login(const Request& req);
  // The shared cache of GET answers (ServerContext says when an answer is given again).
  template <class Compute>
  Response cachedAnswer(const std::string& key, uint64_t epoch, int64_t hour, Compute compute);
  store::Database& db();  // opens on first use; throws DatabaseUnavailable
  ReadContext reader();
  int64_t hourNow() const;

  ServerContext& ctx_;
  std::unique_ptr<store::Database> db_;
  FiguresCache figures_;
  int64_t data_version_ = -1;  // of db_ when this request began; -1 before the first look
};

}  // namespace pubtrack::dashboard::detail
