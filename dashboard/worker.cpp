// SPDX-License-Identifier: Apache-2.0
// Authentication, routing and the JSON API of the dashboard, for one worker thread.
#include "dashboard/worker.h"

#include <Poco/DeflatingStream.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <future>
#include <sstream>

#include "core/strings.h"
#include "dashboard/page.h"
#include "dashboard/query.h"
#include "reports/annual_figures.h"
#include "reports/writers.h"
#include "store/runs_repo.h"
#include "store/sql_util.h"
#include "store/wechat_repo.h"

namespace pubtrack::dashboard::detail {

namespace {

constexpr const char* kSessionCookie = "pubtrack_session";
constexpr const char* kHtml = "text/html; charset=utf-8";

Response json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response jsonError(int status, const std::string& message, const std::string& parameter = "") {
  std::string b = "{\"error\":" + core::jsonString(core::sanitizeUtf8(message));
  if (!parameter.empty()) b += ",\"parameter\":" + core::jsonString(core::sanitizeUtf8(parameter));
  return json(status, b + "}");
}

Response badRequest(const core::Error& e) { return jsonError(400, e.message, e.source); }

Response methodNotAllowed(const std::string& allow) {
  Response r = jsonError(405, "method not allowed (use " + allow + ")");
  r.headers.emplace_back("Allow", allow);
  return r;
}

// A small JSON object writer: obj.key("a").num(1)...; no pretty-printing.
class Json {
 public:
  Json& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  Json& key(std::string_view k) {
    sep();
    out_ += core::jsonString(k);
    out_ += ':';
    fresh_ = true;
    return *this;
  }
  Json& str(std::string_view v) {
    sep();
    out_ += core::jsonString(core::sanitizeUtf8(v));
    return *this;
  }
  Json& optStr(const std::string& v) { return v.empty() ? null() : str(v); }
  Json& num(int64_t v) {
    sep();
    out_ += std::to_string(v);
    return *this;
  }
  Json& col(const SQLite::Column& c) { return c.isNull() ? null() : num(c.getInt64()); }
  Json& null() {
    sep();
    out_ += "null";
    return *this;
  }
  Json& boolean(bool b) {
    sep();
    out_ += b ? "true" : "false";
    return *this;
  }
  Json& begin(char c) {
    sep();
    out_ += c;
    fresh_ = true;
    return *this;
  }
  Json& end(char c) {
    out_ += c;
    fresh_ = false;
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  void sep() {
    if (!fresh_) out_ += ',';
    fresh_ = false;
  }
  std::string out_;
  bool fresh_ = true;
};

std::string bearerOf(const std::string& header) {
  const auto h = core::trim(header);
  if (h.size() < 7 || core::toLowerAscii(h.substr(0, 7)) != "bearer ") return {};
  return std::string(core::trim(h.substr(7)));
}

std::string cookieValue(const std::string& header, std::string_view name) {
  for (const auto& part : core::splitList(header, ';')) {
    const auto eq = part.find('=');
    if (eq != std::string::npos && core::trim(std::string_view(part).substr(0, eq)) == name)
      return std::string(core::trim(std::string_view(part).substr(eq + 1)));
  }
  return {};
}

bool isDigits(std::string_view s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

double hoursBetween(const std::string& a, core::TimePoint b) {
  auto ta = core::parseUtc(a);
  if (!ta) return -1;
  return std::chrono::duration<double>(b - *ta).count() / 3600.0;
}

// The same health rule as `pubtrack status`.
std::vector<HealthRow> healthRows(store::Database& db, const config::Settings& s,
                                  core::TimePoint now) {
  store::RunsRepo runs(db);
  std::vector<HealthRow> rows;
  auto add = [&](const std::string& source, const std::string& kind, const std::string& name) {
    HealthRow r{source, kind, name, "", "", "", "", "never collected"};
    if (auto h = runs.health(source)) {
      r.last_run = h->last_run_at;
      r.last_status = h->last_status;
      r.last_success = h->last_success_at;
      r.last_error = h->last_error;
      const double sinceSuccess =
          h->last_success_at.empty() ? -1 : hoursBetween(h->last_success_at, now);
      const double sinceFirst = hoursBetween(h->last_run_at, now);
      if (h->last_status == "failed" || h->last_status == "partial")
        r.health = "failing";
      else if (h->last_success_at.empty() ? sinceFirst > s.monitor.stale_hours
                                          : sinceSuccess > s.monitor.stale_hours)
        r.health = "stale";
      else
        r.health = h->last_status;
    }
    rows.push_back(std::move(r));
  };
  for (const auto& a : s.accounts) add("account." + a.id, "wechat", a.name);
  for (const auto& f : s.feeds) add("feed." + f.id, "feed", f.outlet);
  return rows;
}

}  // namespace

bool constantTimeEquals(const std::string& a, const std::string& b) {
  // Every byte of the longer string is read, so the time says nothing about where they differ.
  const size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0U : 1U;
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

Worker::Worker(ServerContext& ctx) : ctx_(ctx) {}
Worker::~Worker() {
  statements_.clear();
  feeds_.reset();
  db_.reset();
}

store::Database& Worker::db() {
  if (!db_) {
    auto opened =
        store::Database::open(ctx_.settings.database_path, store::Database::Mode::ReadOnly);
    if (!opened) throw SQLite::Exception(opened.error().describe(), SQLITE_CANTOPEN);
    db_ = std::move(opened.value());
    feeds_ = std::make_unique<store::FeedsRepo>(*db_);
  }
  return *db_;
}

SQLite::Statement& Worker::statement(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db().sql(), sql);
  return *slot;
}

int64_t Worker::dataVersion() {
  auto& q = statement("PRAGMA data_version");
  const store::StatementUse use(q);  // ends its read transaction
  q.executeStep();
  return q.getColumn(0).getInt64();
}

int64_t Worker::hourNow() const {
  return std::chrono::duration_cast<std::chrono::hours>(ctx_.clock->now().time_since_epoch())
      .count();
}

Worker::Cached& Worker::figuresFor(int year) {
  const int64_t dv = dataVersion(), hour = hourNow();
  auto& c = figures_[year];
  if (c.figures && c.data_version == dv && c.hour == hour) return c;
  reports::FigureRequest req;
  req.from = *core::Date::fromYmd(year, 1, 1);
  req.to = *core::Date::fromYmd(year, 12, 31);
  req.year = year;
  c = Cached{};
  c.figures = std::make_shared<const reports::Figures>(
      reports::computeFigures(db(), ctx_.settings, req, ctx_.clock->now()));
  c.data_version = dv;
  c.hour = hour;
  return c;
}

namespace {

// The body as a gzip stream; none for small bodies (the header costs more than it saves).
std::shared_ptr<const std::string> gzipped(const std::string& body) {
  if (body.size() < 1024) return nullptr;
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
    z.write(body.data(), static_cast<std::streamsize>(body.size()));
    z.close();
  }
  return std::make_shared<const std::string>(out.str());
}

}  // namespace

template <class Compute>
Response Worker::cachedAnswer(const std::string& key, uint64_t epoch, int64_t hour,
                              Compute compute) {
  using Steady = std::chrono::steady_clock;
  std::promise<Response> promise;
  bool registered = false;
  {
    std::unique_lock lock(ctx_.cache_mutex);
    auto it = ctx_.cache.find(key);
    const ServerContext::Cached* have =
        it != ctx_.cache.end() && it->second->epoch >= ctx_.servable_epoch ? it->second.get()
                                                                           : nullptr;
    if (have && ((have->epoch == epoch && have->hour == hour) ||
                 Steady::now() - have->at < ServerContext::kFreshFor))
      return have->response;
    auto running = ctx_.computing.find(key);
    if (running != ctx_.computing.end() && running->second.epoch >= ctx_.servable_epoch) {
      if (have) return have->response;  // recomputed by another request meanwhile
      auto answer = running->second.answer;
      lock.unlock();
      return answer.get();
    }
    if (running == ctx_.computing.end()) {
      ctx_.computing.emplace(key, ServerContext::Computing{epoch, promise.get_future().share()});
      registered = true;
    }
  }
  Response r;
  try {
    r = compute();
  } catch (...) {
    if (registered) {
      {
        std::lock_guard lock(ctx_.cache_mutex);
        ctx_.computing.erase(key);
      }
      promise.set_exception(std::current_exception());
    }
    throw;
  }
  if (r.status == 200) r.gzip = gzipped(r.body);  // outside the lock: other answers go on
  {
    std::lock_guard lock(ctx_.cache_mutex);
    if (registered) ctx_.computing.erase(key);
    if (r.status == 200 && epoch >= ctx_.servable_epoch) {
      if (ctx_.cache.size() >= ServerContext::kMaxCached) ctx_.cache.clear();
      ctx_.cache[key] = std::make_shared<const ServerContext::Cached>(
          ServerContext::Cached{epoch, hour, Steady::now(), r});
    }
  }
  if (registered) promise.set_value(r);
  return r;
}

Response Worker::handle(const Request& req) {
  const bool write = req.method == "POST" && core::startsWith(req.path, "/api/");
  const bool page = req.path == "/" || core::startsWith(req.path, "/report/");
  const std::string& token = ctx_.settings.server.auth_token.reveal();
  const std::string bearer = bearerOf(req.authorization);
  const bool zh = ctx_.settings.report.lang != "en";

  // Authentication first: nothing below runs for a request that may not see it.
  if (req.path != "/app.js" && req.path != "/login") {
    if (write && token.empty())
      return jsonError(403, "writes need [server] auth_token in the configuration");
    if (!token.empty()) {
      const bool bearerOk = !bearer.empty() && constantTimeEquals(bearer, token);
      if (!bearer.empty() && !bearerOk) return jsonError(403, "wrong token");
      const std::string session = cookieValue(req.cookie, kSessionCookie);
      const bool sessionOk =
          !write && !session.empty() && constantTimeEquals(session, ctx_.session_key);
      const bool openRead = !write && ctx_.loopback && ctx_.open_loopback_reads;
      if (!bearerOk && !sessionOk && !openRead) {
        if (page && !ctx_.loopback) {
          Response r;
          r.status = 303;
          r.content_type = kHtml;
          r.headers.emplace_back("Location", "/login");
          return r;
        }
        Response r = jsonError(401, "this request needs Authorization: Bearer <token>");
        r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"pubtrack\"");
        return r;
      }
    }
  }
  try {
    const bool cacheable = (req.method == "GET" || req.method == "HEAD") && req.path != "/app.js" &&
                           req.path != "/login";
    if (!cacheable) return route(req);
    // Anything committed since this worker last looked invalidates every cached answer.
    const int64_t dv = dataVersion();
    if (dv != last_data_version_) {
      last_data_version_ = dv;
      ctx_.epoch.fetch_add(1);
    }
    const uint64_t epoch = ctx_.epoch.load();
    const int64_t hour = hourNow();
    std::string key = req.path;
    for (const auto& [k, v] : req.query) {
      key += '\n';
      key += k;
      key += '=';
      key += v;
    }
    return cachedAnswer(key, epoch, hour, [&] { return route(req); });
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_CANTOPEN) {
      if (code == SQLITE_CANTOPEN) {
        statements_.clear();
        feeds_.reset();
        db_.reset();
      }
      return jsonError(503, std::string("database unavailable: ") + e.what());
    }
    return jsonError(500, std::string("database error: ") + e.what());
  } catch (const std::exception& e) {
    (void)zh;
    return jsonError(500, std::string("internal error: ") + e.what());
  }
}

Response Worker::route(const Request& req) {
  const std::string& p = req.path;
  const bool get = req.method == "GET" || req.method == "HEAD";
  auto onlyGet = [&](auto fn) { return get ? fn() : methodNotAllowed("GET"); };
  if (p == "/") return onlyGet([&] { return dashboardPage(); });
  if (p == "/app.js")
    return onlyGet([&] {
      Response r;
      r.content_type = "text/javascript; charset=utf-8";
      r.body = appScript();
      return r;
    });
  if (p == "/login") {
    const bool zh = ctx_.settings.report.lang != "en";
    const std::string& token = ctx_.settings.server.auth_token.reveal();
    if (token.empty() || ctx_.loopback) {
      Response r;
      r.status = 303;
      r.content_type = kHtml;
      r.headers.emplace_back("Location", "/");
      return r;
    }
    Response r;
    r.content_type = kHtml;
    if (req.method == "GET") {
      r.body = renderLogin(zh, "");
      return r;
    }
    if (req.method != "POST") return methodNotAllowed("GET, POST");
    std::string given;
    for (const auto& [k, v] : req.form)
      if (k == "token") given = v;
    if (!given.empty() && constantTimeEquals(given, token)) {
      r.status = 303;
      r.headers.emplace_back("Location", "/");
      r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + ctx_.session_key +
                                               "; Path=/; HttpOnly; SameSite=Strict");
      return r;
    }
    r.status = 403;
    r.body = renderLogin(zh, zh ? "令牌不正确。" : "Wrong token.");
    return r;
  }
  if (core::startsWith(p, "/report/")) return onlyGet([&] { return reportHtml(p.substr(8)); });
  if (p == "/api/report") return onlyGet([&] { return apiReport(req); });
  if (p == "/api/wechat/daily") return onlyGet([&] { return apiDaily(req); });
  if (p == "/api/wechat/articles") return onlyGet([&] { return apiArticles(req); });
  if (p == "/api/mentions") return onlyGet([&] { return apiMentions(req); });
  if (p == "/api/status") return onlyGet([&] { return apiStatus(req); });
  if (core::startsWith(p, "/api/mentions/")) {
    // /api/mentions/<id>/confirm | /reject
    const std::string rest = p.substr(14);
    const auto slash = rest.find('/');
    const std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (action == "confirm" || action == "reject") {
      if (req.method != "POST") return methodNotAllowed("POST");
      return setMentionStatus(rest.substr(0, slash),
                              action == "confirm" ? "confirmed" : "rejected");
    }
  }
  return jsonError(404, "no such path: " + core::sanitizeUtf8(p.substr(0, 200)));
}

Response Worker::apiReport(const Request& req) {
  auto f = parseFilters(req.query, {{"year"}, 0, 1}, ctx_.settings);
  if (!f) return badRequest(f.error());
  const int year =
      f->year.value_or(core::dateAt(ctx_.clock->now(), ctx_.settings.report.timezone).year());
  auto& c = figuresFor(year);
  if (c.json.empty())
    c.json = reports::renderJson(*c.figures,
                                 {ctx_.settings.report.lang, ctx_.settings.report.round_threshold});
  return json(200, c.json);
}

Response Worker::reportHtml(const std::string& year_text) {
  auto year = parseYear(year_text);
  if (!year)
    return jsonError(400,
                     "year: not a year between " + std::to_string(kMinYear) + " and " +
                         std::to_string(kMaxYear) + ": " +
                         core::sanitizeUtf8(year_text.substr(0, 64)),
                     "year");
  auto& c = figuresFor(*year);
  if (c.html.empty())
    c.html = reports::renderHtml(*c.figures,
                                 {ctx_.settings.report.lang, ctx_.settings.report.round_threshold});
  Response r;
  r.content_type = kHtml;
  r.body = c.html;
  return r;
}

namespace {

// " AND <column> IN (?, ?, ...)" for the account filter, or "".
std::string accountClause(const std::string& column, size_t n) {
  if (n == 0) return "";
  std::string s = " AND " + column + " IN (";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

// Binds from, to, the accounts and the limit in the order the SQL names them.
void bindFilters(SQLite::Statement& q, const Filters& f) {
  int i = 0;
  if (f.from) q.bind(++i, f.from->toString());
  if (f.to) q.bind(++i, f.to->toString());
  for (const auto& a : f.accounts) q.bind(++i, a);
  q.bind(++i, f.limit);
}

}  // namespace

Response Worker::apiDaily(const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "account", "limit"}, 10000, 100000},
                        ctx_.settings);
  if (!f) return badRequest(f.error());
  std::string sql = R"sql(
SELECT c.account, c.ref_date, s.new_user, s.cancel_user, c.cumulate_user,
       r.int_page_read_count, coalesce(r.int_page_read_user, b.read_user), b.is_delay
FROM wechat_user_cumulate c
LEFT JOIN (SELECT account, ref_date, sum(new_user) new_user, sum(cancel_user) cancel_user
           FROM wechat_user_summary GROUP BY account, ref_date) s
  ON s.account = c.account AND s.ref_date = c.ref_date
LEFT JOIN wechat_user_read r
  ON r.account = c.account AND r.ref_date = c.ref_date AND r.user_source = 99999999
LEFT JOIN wechat_biz_daily b ON b.account = c.account AND b.ref_date = c.ref_date
WHERE 1)sql";
  if (f->from) sql += " AND c.ref_date >= ?";
  if (f->to) sql += " AND c.ref_date <= ?";
  sql += accountClause("c.account", f->accounts.size());
  sql += " ORDER BY c.account, c.ref_date LIMIT ?";
  auto& q = statement(sql);
  const store::StatementUse use(q);  // ends its read transaction
  bindFilters(q, *f);
  Json j;
  j.begin('{').key("rows").begin('[');
  int64_t n = 0;
  while (q.executeStep()) {
    ++n;
    j.begin('{').key("account").str(q.getColumn(0).getString());
    j.key("date").str(q.getColumn(1).getString());
    j.key("new").col(q.getColumn(2)).key("cancel").col(q.getColumn(3)).key("net");
    if (q.getColumn(2).isNull() || q.getColumn(3).isNull())
      j.null();
    else
      j.num(q.getColumn(2).getInt64() - q.getColumn(3).getInt64());
    j.key("cumulate").col(q.getColumn(4)).key("page_views").col(q.getColumn(5));
    j.key("read_users").col(q.getColumn(6)).key("is_delay");
    if (q.getColumn(7).isNull())
      j.null();
    else
      j.boolean(q.getColumn(7).getInt() != 0);
    j.end('}');
  }
  j.end(']').key("count").num(n).end('}');
  return json(200, j.take());
}

Response Worker::apiArticles(const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "account", "limit"}, 10000, 100000},
                        ctx_.settings);
  if (!f) return badRequest(f.error());
  std::string sql =
      "SELECT a.account, a.msgid, coalesce(a.title, ''), coalesce(a.url, ''), a.publish_date, "
      "a.publish_type, max(s.read_user), max(s.read_count) FROM wechat_articles a LEFT JOIN "
      "wechat_article_stats s ON s.account = a.account AND s.msgid = a.msgid WHERE 1";
  if (f->from) sql += " AND a.publish_date >= ?";
  if (f->to) sql += " AND a.publish_date <= ?";
  sql += accountClause("a.account", f->accounts.size());
  sql += " GROUP BY a.account, a.msgid ORDER BY a.publish_date, a.msgid LIMIT ?";
  auto& q = statement(sql);
  const store::StatementUse use(q);  // ends its read transaction
  bindFilters(q, *f);
  Json j;
  j.begin('{').key("rows").begin('[');
  int64_t n = 0;
  while (q.executeStep()) {
    ++n;
    j.begin('{').key("account").str(q.getColumn(0).getString());
    j.key("msgid").str(q.getColumn(1).getString());
    j.key("title").str(q.getColumn(2).getString());
    j.key("url").optStr(q.getColumn(3).getString());
    j.key("publish_date").str(q.getColumn(4).getString());
    j.key("publish_type").col(q.getColumn(5));
    j.key("read_users").col(q.getColumn(6)).key("page_views").col(q.getColumn(7));
    j.end('}');
  }
  j.end(']').key("count").num(n).end('}');
  return json(200, j.take());
}

Response Worker::apiMentions(const Request& req) {
  auto f = parseFilters(req.query, {{"from", "to", "year", "status", "tier", "limit"}, 100, 10000},
                        ctx_.settings);
  if (!f) return badRequest(f.error());
  db();
  store::MentionFilter mf;
  if (f->from) mf.from = f->from->toString();
  if (f->to) mf.to = f->to->toString();
  mf.status = f->status;
  mf.tier = f->tier;
  mf.limit = f->limit;
  const auto rows = feeds_->listMentions(mf);
  Json j;
  j.begin('{').key("rows").begin('[');
  for (const auto& r : rows) {
    j.begin('{').key("id").num(r.id).key("day").str(r.m.day).key("outlet").str(r.m.outlet);
    j.key("outlet_id").optStr(r.m.outlet_id).key("tier").str(r.m.tier);
    j.key("title").str(r.m.title).key("url").optStr(r.m.url);
    j.key("published").optStr(r.m.published).key("status").str(r.m.status);
    j.key("origin").str(r.m.origin).key("keywords").optStr(r.m.keywords);
    j.key("duplicate_of");
    if (r.duplicate_of)
      j.num(r.duplicate_of);
    else
      j.null();
    j.key("note").optStr(r.m.note);
    j.end('}');
  }
  j.end(']').key("count").num(static_cast<int64_t>(rows.size())).end('}');
  return json(200, j.take());
}

Response Worker::apiStatus(const Request& req) {
  auto f = parseFilters(req.query, {{}, 0, 1}, ctx_.settings);
  if (!f) return badRequest(f.error());
  const auto now = ctx_.clock->now();
  const auto& s = ctx_.settings;
  auto& database = db();
  Json j;
  j.begin('{').key("schema_version").num(database.schemaVersion());
  j.key("stale_hours").num(s.monitor.stale_hours).key("sources").begin('[');
  int64_t failing = 0;
  for (const auto& h : healthRows(database, s, now)) {
    if (h.health == "failing" || h.health == "stale") ++failing;
    j.begin('{').key("source").str(h.source).key("kind").str(h.kind).key("name").str(h.name);
    j.key("last_run").optStr(h.last_run).key("last_status").optStr(h.last_status);
    j.key("last_success").optStr(h.last_success).key("last_error").optStr(h.last_error);
    j.key("health").str(h.health).end('}');
  }
  j.end(']').key("failing").num(failing).key("wechat").begin('[');
  store::WeChatRepo wechat(database);
  const core::Date yesterday = core::dateAt(now, core::kChinaTime) - 1;
  for (const auto& a : s.accounts) {
    const auto c = wechat.coverage(a.id, s.wechat.new_api_from, yesterday);
    j.begin('{').key("account").str(a.id).key("name").str(a.name);
    j.key("first_day").optStr(c.first_day).key("last_complete_day").optStr(c.last_complete_day);
    j.key("days_missing").num(c.days_missing).key("days_delayed").num(c.days_delayed);
    j.key("days_unavailable").num(c.days_unavailable).end('}');
  }
  j.end(']').end('}');
  return json(200, j.take());
}

Response Worker::setMentionStatus(const std::string& id_text, const std::string& status) {
  if (!isDigits(id_text))
    return jsonError(400, "id: not a mention id: " + core::sanitizeUtf8(id_text.substr(0, 64)),
                     "id");
  const int64_t id = std::stoll(id_text);
  std::lock_guard lock(ctx_.write_mutex);
  // A short-lived read-write connection: the readers stay read-only.
  auto rw = store::Database::open(ctx_.settings.database_path, store::Database::Mode::ReadWrite);
  if (!rw) return jsonError(503, rw.error().describe());
  store::FeedsRepo repo(**rw);
  const auto missing = repo.setStatus({id}, status);
  if (!missing.empty()) return jsonError(404, "no mention " + std::to_string(id));
  {
    // Every answer from before this write is out, even while it is being recomputed.
    std::lock_guard cacheLock(ctx_.cache_mutex);
    ctx_.servable_epoch = ctx_.epoch.fetch_add(1) + 1;
  }
  Json j;
  j.begin('{').key("id").num(id).key("status").str(status).end('}');
  return json(200, j.take());
}

Response Worker::dashboardPage() {
  const int64_t dv = dataVersion(), hour = hourNow();
  if (!page_.html.empty() && page_.data_version == dv && page_.hour == hour) {
    Response r;
    r.content_type = kHtml;
    r.body = page_.html;
    return r;
  }
  const auto now = ctx_.clock->now();
  const auto& s = ctx_.settings;
  PageModel m;
  m.zh = s.report.lang != "en";
  const core::Date today = core::dateAt(now, s.report.timezone);
  m.year = today.year();
  m.today = today.toString();
  m.agency = s.report.agency;
  // Headline figures: this year so far, compared with the same days of last year (同比), so a
  // year in progress is not compared with a whole year.
  const core::Date jan1 = *core::Date::fromYmd(m.year, 1, 1);
  const core::Date to = std::max(jan1, today - 1);
  reports::FigureRequest cur;
  cur.from = jan1;
  cur.to = to;
  cur.with_previous = false;
  reports::Figures f = reports::computeFigures(db(), s, cur, now);
  reports::FigureRequest prev = cur;
  prev.from = *core::Date::fromYmd(m.year - 1, 1, 1);
  prev.to = core::Date::fromYmd(m.year - 1, to.month(), to.day())
                .value_or(*core::Date::fromYmd(m.year - 1, 2, 28));
  const reports::Figures p = reports::computeFigures(db(), s, prev, now);
  m.compared_with = prev.to.toString();
  const auto& fw = f.wechat_totals;
  const auto& pw = p.wechat_totals;
  auto change = [&](const std::string& key, std::optional<int64_t> a, std::optional<int64_t> b) {
    if (!a || !b) return;
    reports::Change c{key, *a, *b, *a - *b, std::nullopt};
    if (*b != 0) c.percent = static_cast<double>(*a - *b) * 100.0 / static_cast<double>(*b);
    f.changes.push_back(c);
  };
  if (pw.days_in_period > 0 && pw.days_with_data * 100 >= pw.days_in_period * 95) {
    change("wechat.articles", fw.articles, pw.articles);
    if (fw.reads_metric == pw.reads_metric) change("wechat.reads", fw.reads, pw.reads);
    change("wechat.followers_end", fw.followers_end, pw.followers_end);
    change("wechat.followers_net", fw.followers_net, pw.followers_net);
  }
  if (p.media.has_data) change("media.mainstream", f.media.mainstream, p.media.mainstream);
  m.figures = &f;
  db();
  store::MentionFilter mf;
  mf.limit = 20;
  m.latest = feeds_->listMentions(mf);
  m.health = healthRows(*db_, s, now);
  m.can_write = !s.server.auth_token.empty();
  page_.html = renderDashboard(m);
  page_.data_version = dv;
  page_.hour = hour;
  Response r;
  r.content_type = kHtml;
  r.body = page_.html;
  return r;
}

}  // namespace pubtrack::dashboard::detail
