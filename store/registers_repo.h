// SPDX-License-Identifier: Apache-2.0
// The registers behind the annual report's tables: disclosure requests (表三, one row each) and
// the year's 表二/表四 figures (keys of model/annual_tables.h). Rows are only ever written as a
// whole: an import either stores every row or none (the caller's transaction).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/database.h"

namespace pubtrack::store {

struct DisclosureRequest {
  int64_t id = 0;
  std::string ref;  // the agency's number; "" when it has none
  core::Date received;
  std::string applicant;             // model::Applicant code
  std::string subject;               // "" when not given
  std::string outcome;               // model::Outcome code; "" while open
  std::optional<core::Date> closed;  // set with outcome
  std::string origin, note;
  std::string created_at, updated_at;  // UTC instants
};

// How a request's year relates to a calendar year, for 表三.
struct RequestCount {
  std::string row;  // "new", "carried", "pending", or an outcome code (closed in the year)
  std::string applicant;
  int64_t count = 0;
};

class RegistersRepo {
 public:
  explicit RegistersRepo(Database& db) : db_(db) {}

  // Adds a request, or, when one with the same `ref` (or, without a ref, the same received day,
  // applicant and subject) exists, updates it with what this one says. Returns its id and
  // whether it was new.
  std::pair<int64_t, bool> upsertRequest(const DisclosureRequest& r, const std::string& now);
  // Closes an open or closed request by id; false when there is none.
  bool closeRequest(int64_t id, const std::string& outcome, core::Date closed,
                    const std::string& now);
  std::optional<DisclosureRequest> request(int64_t id);
  std::optional<DisclosureRequest> requestByRef(const std::string& ref);
  // Requests received on or before `to` that were still open on `from` or received since (the
  // requests a period's 表三 is about); every request when both are nullopt. By received, id.
  std::vector<DisclosureRequest> requests(std::optional<core::Date> from,
                                          std::optional<core::Date> to, bool open_only);
  // 表三 counts of a calendar year, by row and applicant: "new" (received in it), "carried"
  // (received before it, still open when it began), each outcome (closed in it), "pending"
  // (still open at its end).
  std::vector<RequestCount> requestCounts(int year);
  // Whether any request is registered at all (else 表三 is left empty, not zero).
  bool hasRequests();

  // 表二/表四 figures of one year; setting a key again replaces its value.
  void setFigure(int year, const std::string& key, int64_t value, const std::string& origin,
                 const std::string& now);
  bool deleteFigure(int year, const std::string& key);
  std::map<std::string, int64_t> figures(int year);
  // key -> origin, for listings.
  std::map<std::string, std::string> figureOrigins(int year);

 private:
  Database& db_;
};

}  // namespace pubtrack::store
