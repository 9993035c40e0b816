// SPDX-License-Identifier: Apache-2.0
// store::StateRepo: per-source fetch state (conditional GET validators, health, backoff) and the
// raw responses every derived table can be rebuilt from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/database.h"

namespace pubtrack::store {

struct SourceState {
  std::string source;
  std::string etag, last_modified;
  std::string last_fetch_at, last_success_at, last_status, last_error, last_warning;
  int64_t error_count = 0;
  std::string next_due_at;  // "" = due now
  // Feeds: how the last fetch's items were known (feeds::ItemKeys::basis): "guid" (their own
  // ids), "link", "title" or "content" (no id of their own); "" before any parsed fetch.
  std::string item_identity;
};

struct RawResponse {
  std::string source, request_key, fetched_at, content_type, body;
  int64_t status = 0;
};

class StateRepo {
 public:
  explicit StateRepo(Database& db);
  ~StateRepo();

  std::optional<SourceState> get(const std::string& source);
  std::vector<SourceState> all();
  // Idempotent: the row for state.source ends up equal to `state`.
  void upsert(const SourceState& state);

  // Appends one raw response (every response is kept).
  void addRaw(const RawResponse& raw);
  // Keeps only the newest response for (source, request_key): for feeds, whose bodies are big
  // and only the latest matters.
  void replaceRaw(const RawResponse& raw);
  // Forgets the responses kept for (source, request_key).
  void dropRaw(const std::string& source, const std::string& request_key);
  // The newest response per request key of a source, in key order.
  std::vector<RawResponse> latestRaw(const std::string& source);

 private:
  Database& db_;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

}  // namespace pubtrack::store
