// SPDX-License-Identifier: Apache-2.0
// The dashboard's HTTP shell: authentication, the shared answer cache, gzip and routing.
#include "dashboard/shell.h"

#include <Poco/DeflatingStream.h>

#include <algorithm>
#include <future>
#include <sstream>
#include <stdexcept>

#include "core/strings.h"
#include "dashboard/page.h"
#include "dashboard/query.h"

namespace pubtrack::dashboard::detail {

namespace {

constexpr const char* kSessionCookie = "pubtrack_session";
constexpr const char* kHtml = "text/html; charset=utf-8";

Response methodNotAllowed(const std::string& allow) {
  Response r = jsonError(405, "method not allowed (use " + allow + ")");
  r.headers.emplace_back("Allow", allow);
  return r;
}

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

// Thrown by Shell::db() when the database cannot be opened: answered 503.
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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

store::Database& Shell::db() {
  if (!db_) {
    auto opened =
        store::Database::open(ctx_.settings.database_path, store::Database::Mode::ReadOnly);
    if (!opened) throw DatabaseUnavailable(opened.error().describe());
    db_ = std::move(opened.value());
  }
  return *db_;
}

ReadContext Shell::reader() {
  return ReadContext{ctx_.settings, *ctx_.clock, db(), figures_, data_version_};
}

int64_t Shell::hourNow() const {
  return std::chrono::duration_cast<std::chrono::hours>(ctx_.clock->now().time_since_epoch())
      .count();
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
Response Shell::cachedAnswer(const std::string& key, uint64_t epoch, int64_t hour,
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

Response Shell::handle(const Request& req) {
  const bool write = req.method == "POST" && core::startsWith(req.path, "/api/");
  const bool page = req.path == "/" || core::startsWith(req.path, "/report/");
  const std::string& token = ctx_.settings.server.auth_token.reveal();
  const std::string bearer = bearerOf(req.authorization);

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
    // Anything committed since this thread last looked invalidates every cached answer.
    const int64_t dv = db().dataVersion();
    if (dv != data_version_) {
      data_version_ = dv;
      ctx_.epoch.fetch_add(1);
    }
    const uint64_t epoch = ctx_.epoch.load();
    const int64_t hour = hourNow();
    std::string key = req.path;
    bool yearGiven = false;
    for (const auto& [k, v] : req.query) {
      key += '\n';
      key += k;
      key += '=';
      key += v;
      yearGiven = yearGiven || k == "year";
    }
    // The page and the report without ?year= show defaultYear(), which changes on 1 January
    // and 1 February: it is part of the answer's key.
    if (!yearGiven && (req.path == "/" || req.path == "/api/report" || req.path == "/api/years"))
      key += "\n@year=" + std::to_string(defaultYear(ctx_.clock->now()));
    return cachedAnswer(key, epoch, hour, [&] { return route(req); });
  } catch (const DatabaseUnavailable& e) {
    return jsonError(503, std::string("database unavailable: ") + e.what());
  } catch (const std::exception& e) {
    switch (store::failureOf(e)) {
      case store::Failure::CannotOpen:
        db_.reset();  // reopened by the next request
        [[fallthrough]];
      case store::Failure::Busy:
        return jsonError(503, std::string("database unavailable: ") + e.what());
      case store::Failure::Other:
        return jsonError(500, std::string("database error: ") + e.what());
      case store::Failure::NotStore:
        break;
    }
    return jsonError(500, std::string("internal error: ") + e.what());
  }
}

Response Shell::route(const Request& req) {
  const std::string& p = req.path;
  const bool get = req.method == "GET" || req.method == "HEAD";
  auto onlyGet = [&](auto fn) { return get ? fn() : methodNotAllowed("GET"); };
  if (p == "/")
    return onlyGet([&] {
      auto c = reader();
      return dashboardPage(c, req);
    });
  if (p == "/app.js")
    return onlyGet([&] {
      Response r;
      r.content_type = "text/javascript; charset=utf-8";
      r.body = appScript();
      return r;
    });
  if (p == "/login") return login(req);
  // The read-only API: one handler each, over this thread's connection.
  using Handler = Response (*)(ReadContext&, const Request&);
  static const std::pair<const char*, Handler> kApi[] = {{"/api/report", apiReport},
                                                         {"/api/wechat/daily", apiDaily},
                                                         {"/api/wechat/articles", apiArticles},
                                                         {"/api/mentions", apiMentions},
                                                         {"/api/status", apiStatus},
                                                         {"/api/years", apiYears}};
  for (const auto& [path, handler] : kApi)
    if (p == path)
      return onlyGet([&, handler = handler] {
        auto c = reader();
        return handler(c, req);
      });
  if (core::startsWith(p, "/report/"))
    return onlyGet([&] {
      auto c = reader();
      return reportPage(c, p.substr(8));
    });
  if (core::startsWith(p, "/api/mentions/")) {
    // /api/mentions/<id>/confirm | /reject
    const std::string rest = p.substr(14);
    const auto slash = rest.find('/');
    const std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (action == "confirm" || action == "reject") {
      if (req.method != "POST") return methodNotAllowed("POST");
      return setMentionStatus(
          ctx_, rest.substr(0, slash),
          action == "confirm" ? model::MentionStatus::Confirmed : model::MentionStatus::Rejected);
    }
  }
  return jsonError(404, "no such path: " + core::sanitizeUtf8(p.substr(0, 200)));
}

Response Shell::login(const Request& req) {
  const model::Lang lang = ctx_.settings.report.lang;
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
    r.body = renderLogin(lang, "");
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
  r.body = renderLogin(lang, lang == model::Lang::Zh ? "令牌不正确。" : "Wrong token.");
  return r;
}

}  // namespace pubtrack::dashboard::detail
