// SPDX-License-Identifier: Apache-2.0
// The request register and the table figures.
#include "store/registers_repo.h"

#include <SQLiteCpp/Statement.h>

#include "store/detail/sql.h"
#include "store/detail/sql_util.h"

namespace pubtrack::store {

using detail::sql;

namespace {

constexpr const char* kRequestColumns =
    "id, coalesce(ref, ''), received, applicant, coalesce(subject, ''), coalesce(outcome, ''), "
    "closed, origin, coalesce(note, ''), created_at, updated_at";

DisclosureRequest readRequest(SQLite::Statement& q) {
  DisclosureRequest r;
  r.id = q.getColumn(0).getInt64();
  r.ref = q.getColumn(1).getString();
  r.received = core::Date::parse(q.getColumn(2).getText()).value_or(core::Date{});
  r.applicant = q.getColumn(3).getString();
  r.subject = q.getColumn(4).getString();
  r.outcome = q.getColumn(5).getString();
  if (!q.getColumn(6).isNull()) r.closed = core::Date::parse(q.getColumn(6).getText());
  r.origin = q.getColumn(7).getString();
  r.note = q.getColumn(8).getString();
  r.created_at = q.getColumn(9).getString();
  r.updated_at = q.getColumn(10).getString();
  return r;
}

void bindClosed(SQLite::Statement& q, int index, const std::optional<core::Date>& closed) {
  if (closed)
    q.bind(index, closed->toString());
  else
    q.bind(index);
}

}  // namespace

std::pair<int64_t, bool> RegistersRepo::upsertRequest(const DisclosureRequest& r,
                                                      const std::string& now) {
  int64_t existing = 0;
  {
    SQLite::Statement find(sql(db_), r.ref.empty()
                                         ? "SELECT id FROM disclosure_requests WHERE ref IS NULL "
                                           "AND received = ? AND applicant = ? AND "
                                           "coalesce(subject, '') = ?"
                                         : "SELECT id FROM disclosure_requests WHERE ref = ?");
    if (r.ref.empty()) {
      find.bind(1, r.received.toString());
      find.bind(2, r.applicant);
      find.bind(3, r.subject);
    } else {
      find.bind(1, r.ref);
    }
    if (find.executeStep()) existing = find.getColumn(0).getInt64();
  }
  if (existing) {
    SQLite::Statement u(
        sql(db_),
        "UPDATE disclosure_requests SET received = ?, applicant = ?, subject = ?, "
        "outcome = ?, closed = ?, origin = ?, note = ?, updated_at = ? WHERE id = ?");
    u.bind(1, r.received.toString());
    u.bind(2, r.applicant);
    detail::bindOptional(u, 3, r.subject);
    detail::bindOptional(u, 4, r.outcome);
    bindClosed(u, 5, r.closed);
    u.bind(6, r.origin);
    detail::bindOptional(u, 7, r.note);
    u.bind(8, now);
    u.bind(9, existing);
    u.exec();
    return {existing, false};
  }
  SQLite::Statement q(sql(db_),
                      "INSERT INTO disclosure_requests (ref, received, applicant, subject, "
                      "outcome, closed, origin, note, created_at, updated_at) VALUES (?, ?, ?, ?, "
                      "?, ?, ?, ?, ?, ?)");
  detail::bindOptional(q, 1, r.ref);
  q.bind(2, r.received.toString());
  q.bind(3, r.applicant);
  detail::bindOptional(q, 4, r.subject);
  detail::bindOptional(q, 5, r.outcome);
  bindClosed(q, 6, r.closed);
  q.bind(7, r.origin);
  detail::bindOptional(q, 8, r.note);
  q.bind(9, now);
  q.bind(10, now);
  q.exec();
  return {sql(db_).getLastInsertRowid(), true};
}

bool RegistersRepo::closeRequest(int64_t id, const std::string& outcome, core::Date closed,
                                 const std::string& now) {
  SQLite::Statement u(sql(db_),
                      "UPDATE disclosure_requests SET outcome = ?, closed = ?, updated_at = ? "
                      "WHERE id = ?");
  u.bind(1, outcome);
  u.bind(2, closed.toString());
  u.bind(3, now);
  u.bind(4, id);
  return u.exec() > 0;
}

std::optional<DisclosureRequest> RegistersRepo::request(int64_t id) {
  SQLite::Statement q(sql(db_), std::string("SELECT ") + kRequestColumns +
                                    " FROM disclosure_requests WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return readRequest(q);
}

std::optional<DisclosureRequest> RegistersRepo::requestByRef(const std::string& ref) {
  SQLite::Statement q(sql(db_), std::string("SELECT ") + kRequestColumns +
                                    " FROM disclosure_requests WHERE ref = ?");
  q.bind(1, ref);
  if (!q.executeStep()) return std::nullopt;
  return readRequest(q);
}

std::vector<DisclosureRequest> RegistersRepo::requests(std::optional<core::Date> from,
                                                       std::optional<core::Date> to,
                                                       bool open_only) {
  std::string text = std::string("SELECT ") + kRequestColumns + " FROM disclosure_requests WHERE 1";
  if (to) text += " AND received <= :to";
  if (from) text += " AND (received >= :from OR closed IS NULL OR closed >= :from)";
  if (open_only) text += " AND closed IS NULL";
  text += " ORDER BY received, id";
  SQLite::Statement q(sql(db_), text);
  if (to) q.bind(":to", to->toString());
  if (from) q.bind(":from", from->toString());
  std::vector<DisclosureRequest> out;
  while (q.executeStep()) out.push_back(readRequest(q));
  return out;
}

std::vector<RequestCount> RegistersRepo::requestCounts(int year) {
  SQLite::Statement q(
      sql(db_),
      "SELECT 'new', applicant, count(*) FROM disclosure_requests WHERE received BETWEEN ?1 AND "
      "?2 GROUP BY applicant "
      "UNION ALL SELECT 'carried', applicant, count(*) FROM disclosure_requests WHERE received < "
      "?1 AND (closed IS NULL OR closed >= ?1) GROUP BY applicant "
      "UNION ALL SELECT outcome, applicant, count(*) FROM disclosure_requests WHERE closed "
      "BETWEEN ?1 AND ?2 GROUP BY outcome, applicant "
      "UNION ALL SELECT 'pending', applicant, count(*) FROM disclosure_requests WHERE received <= "
      "?2 AND (closed IS NULL OR closed > ?2) GROUP BY applicant");
  q.bind(1, std::to_string(year) + "-01-01");
  q.bind(2, std::to_string(year) + "-12-31");
  std::vector<RequestCount> out;
  while (q.executeStep())
    out.push_back(
        {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  return out;
}

bool RegistersRepo::hasRequests() {
  return sql(db_).execAndGet("SELECT EXISTS (SELECT 1 FROM disclosure_requests)").getInt() != 0;
}

void RegistersRepo::setFigure(int year, const std::string& key, int64_t value,
                              const std::string& origin, const std::string& now) {
  SQLite::Statement q(sql(db_),
                      "INSERT INTO table_figures (year, key, value, origin, updated_at) VALUES (?, "
                      "?, ?, ?, ?) ON CONFLICT (year, key) DO UPDATE SET value = excluded.value, "
                      "origin = excluded.origin, updated_at = excluded.updated_at");
  q.bind(1, year);
  q.bind(2, key);
  q.bind(3, value);
  q.bind(4, origin);
  q.bind(5, now);
  q.exec();
}

bool RegistersRepo::deleteFigure(int year, const std::string& key) {
  SQLite::Statement q(sql(db_), "DELETE FROM table_figures WHERE year = ? AND key = ?");
  q.bind(1, year);
  q.bind(2, key);
  return q.exec() > 0;
}

std::map<std::string, int64_t> RegistersRepo::figures(int year) {
  SQLite::Statement q(sql(db_), "SELECT key, value FROM table_figures WHERE year = ?");
  q.bind(1, year);
  std::map<std::string, int64_t> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
  return out;
}

std::map<std::string, std::string> RegistersRepo::figureOrigins(int year) {
  SQLite::Statement q(sql(db_), "SELECT key, origin FROM table_figures WHERE year = ?");
  q.bind(1, year);
  std::map<std::string, std::string> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
  return out;
}

}  // namespace pubtrack::store
