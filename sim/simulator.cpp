// SPDX-License-Identifier: Apache-2.0
// The simulator's HTTP side: Poco HTTPServer, token store, faults, admin API and feed files.
#include "sim/simulator.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <atomic>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/strings.h"
#include "sim/feed_content.h"
#include "sim/json_writer.h"
#include "sim/wechat_api.h"

namespace pubtrack::sim {

using core::Date;
using core::TimePoint;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::optional<TimePoint> parseSimTime(std::string_view text) {
  text = core::trim(text);
  auto day = Date::parse(text.substr(0, std::min<size_t>(10, text.size())));
  if (!day) return std::nullopt;
  if (text.size() == 10) return core::instantOf(*day, 10, 0, 0, core::kChinaTime);
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if ((text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
  long long hh = 0, mm = 0, ss = 0;
  if (!core::parseInt64(text.substr(11, 2), hh) || !core::parseInt64(text.substr(14, 2), mm))
    return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || !core::parseInt64(text.substr(17, 2), ss)))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0) return std::nullopt;
  return core::instantOf(*day, static_cast<int>(hh), static_cast<int>(mm), static_cast<int>(ss),
                         core::kChinaTime);
}

std::string formatSimTime(TimePoint t) {
  const Date d = core::dateAt(t, core::kChinaTime);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        t - core::instantOf(d, 0, 0, 0, core::kChinaTime))
                        .count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", d.toString().c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

namespace {

constexpr const char* kJsonType = "application/json; encoding=utf-8";

struct Fault {
  long long id = 0;
  std::string path;   // exact path or "*"
  std::string appid;  // empty: any
  std::string date;   // empty: any; else must lie within the request's begin..end
  int errcode = 0;
  int http_status = 0;
  std::string kind;  // html, truncated, cut, slow, garbage, huge
  int delay_ms = 0;
  int times = 1;  // < 0: until cleared
  long long bytes = 64LL << 20;
  int retry_after = -1;
  std::string ip = "203.0.113.7";
};

struct Served {
  long long seq = 0;
  long long fault_id = 0;
  std::string path, appid, kind, begin_date, end_date, at;
  int errcode = 0;
  int http_status = 0;
};

struct Token {
  std::string appid;
  TimePoint expires;
  bool invalid = false;
};

std::string hex8(uint64_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(v & 0xffffffffULL));
  return buf;
}

long long secondsOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Values from a parsed JSON body; a wrong type counts as absent.
std::optional<std::string> jsonString(const Poco::JSON::Object::Ptr& o, const std::string& k) {
  if (!o || !o->has(k)) return std::nullopt;
  const auto v = o->get(k);
  if (!v.isString()) return std::nullopt;
  return v.convert<std::string>();
}
std::optional<long long> jsonInt(const Poco::JSON::Object::Ptr& o, const std::string& k) {
  if (!o || !o->has(k)) return std::nullopt;
  const auto v = o->get(k);
  try {
    if (v.isBoolean()) return v.convert<bool>() ? 1 : 0;
    if (v.isNumeric()) return v.convert<long long>();
    if (v.isString()) {
      long long n = 0;
      if (core::parseInt64(v.convert<std::string>(), n)) return n;
    }
  } catch (const Poco::Exception&) {
  }
  return std::nullopt;
}

}  // namespace

class Simulator::Impl {
 public:
  explicit Impl(SimulatorOptions options)
      : opts_(std::move(options)), gen_(opts_.scenario), now_(opts_.now) {}

  ~Impl() { stop(); }

  void start();
  void stop();
  uint16_t port() const { return port_; }
  const std::string& host() const { return opts_.host; }

  TimePoint now() const {
    std::lock_guard lock(mu_);
    return now_ ? *now_ : std::chrono::system_clock::now();
  }
  void setNow(TimePoint t) {
    std::lock_guard lock(mu_);
    now_ = t;
  }
  const Generator& generator() const { return gen_; }
  const Scenario& scenario() const { return gen_.scenario(); }

  void handle(HTTPServerRequest& req, HTTPServerResponse& resp);

 private:
  struct Request {
    std::string method, path, body;
    Poco::URI uri;
    Poco::JSON::Object::Ptr json;  // null when the body is not a JSON object
    bool bad_json = false;
    std::string if_none_match, if_modified_since, accept_encoding;  // feeds only
    std::string query(const std::string& name) const {
      for (const auto& [k, v] : uri.getQueryParameters())
        if (k == name) return v;
      return {};
    }
    bool hasQuery(const std::string& name) const {
      for (const auto& [k, v] : uri.getQueryParameters())
        if (k == name) return true;
      return false;
    }
  };

  // Responses
  static void send(HTTPServerResponse& resp, HTTPResponse::HTTPStatus status,
                   const std::string& type, const std::string& body) {
    resp.setStatus(status);
    resp.setContentType(type);
    resp.setContentLength(static_cast<std::streamsize>(body.size()));
    resp.sendBuffer(body.data(), body.size());
  }
  static void sendJson(HTTPServerResponse& resp, const std::string& body,
                       HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
    send(resp, status, kJsonType, body);
  }
  void sendWeChatError(HTTPServerResponse& resp, const std::string& path, int errcode,
                       const std::string& ip = "");
  void sendHttpStatus(HTTPServerResponse& resp, int status, int retry_after);
  void sendBroken(HTTPServerResponse& resp, const Fault& f, const std::string& type,
                  const std::string& body);
  void sendHuge(HTTPServerResponse& resp, long long bytes);

  void sleepMs(int ms) const {
    for (int left = ms; left > 0 && !stopping_; left -= 20)
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(left, 20)));
  }

  std::optional<Fault> takeFault(const std::string& path, const std::string& appid,
                                 const std::string& begin, const std::string& end);
  void recordServed(const Fault& f, const std::string& path, const std::string& appid,
                    const std::string& begin, const std::string& end);
  // Applies a fault; returns true when the response was sent (false: "slow", go on).
  bool applyFault(const Fault& f, HTTPServerResponse& resp, const std::string& path,
                  const std::string& appid, const std::string& token, bool wechat);

  void wechat(Request& r, HTTPServerResponse& resp);
  void stableToken(Request& r, HTTPServerResponse& resp);
  void classicToken(Request& r, HTTPServerResponse& resp);
  std::string issueToken(const std::string& appid, TimePoint now);
  void feeds(Request& r, HTTPServerResponse& resp);
  void admin(Request& r, HTTPServerResponse& resp);
  void expected(Request& r, HTTPServerResponse& resp, bool daily);

  SimulatorOptions opts_;
  Generator gen_;

  mutable std::mutex mu_;
  // Gzipped feed bodies by ETag: compressing the same file for every request would make the
  // simulator, not the client, the bottleneck of fetch benchmarks.
  std::mutex gzip_mu_;
  std::unordered_map<std::string, std::string> gzip_cache_;
  std::optional<TimePoint> now_;
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::string> stable_;   // appid -> current stable token
  std::map<std::string, std::string> classic_;  // appid -> current /cgi-bin/token token
  std::map<std::string, long long> issued_;     // appid -> tokens issued so far
  std::deque<Fault> faults_;
  long long next_fault_id_ = 1;
  std::vector<Served> served_;
  std::map<std::string, long long> hits_;
  uint64_t rid_counter_ = 0;

  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
};

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Simulator::Impl& impl) : impl_(impl) {}
  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override {
    impl_.handle(req, resp);
  }

 private:
  Simulator::Impl& impl_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Simulator::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  Simulator::Impl& impl_;
};

}  // namespace

void Simulator::Impl::start() {
  if (server_) return;
  stopping_ = false;
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(opts_.host, opts_.port), true);
  socket.listen(512);
  port_ = socket.address().port();
  pool_ = std::make_unique<Poco::ThreadPool>(2, std::max(4, opts_.max_threads), 30);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(std::max(4, opts_.max_threads));
  params->setMaxQueued(2048);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(10000);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setTimeout(Poco::Timespan(30, 0));
  params->setServerName("pubtrack-sim");
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), *pool_, socket, params);
  server_->start();
}

void Simulator::Impl::stop() {
  if (!server_) return;
  stopping_ = true;
  server_->stopAll(true);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
}

void Simulator::Impl::handle(HTTPServerRequest& req, HTTPServerResponse& resp) {
  try {
    Request r;
    r.method = req.getMethod();
    r.uri = Poco::URI(req.getURI());
    r.path = r.uri.getPath();
    Poco::StreamCopier::copyToString(req.stream(), r.body);
    if (!core::trim(r.body).empty()) {
      try {
        Poco::JSON::Parser parser;
        auto v = parser.parse(r.body);
        if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
          r.json = v.extract<Poco::JSON::Object::Ptr>();
        } else {
          r.bad_json = true;
        }
      } catch (const Poco::Exception&) {
        r.bad_json = true;
      }
    }
    resp.set("Server", "pubtrack-sim");
    if (core::startsWith(r.path, "/sim/")) return admin(r, resp);
    {
      std::lock_guard lock(mu_);
      ++hits_[r.path];
    }
    sleepMs(opts_.latency_ms);
    if (core::startsWith(r.path, "/feeds/")) {
      r.if_none_match = req.get("If-None-Match", "");
      r.if_modified_since = req.get("If-Modified-Since", "");
      r.accept_encoding = req.get("Accept-Encoding", "");
      return feeds(r, resp);
    }
    if (core::startsWith(r.path, "/cgi-bin/") || core::startsWith(r.path, "/datacube/"))
      return wechat(r, resp);
    send(resp, HTTPResponse::HTTP_NOT_FOUND, "text/plain", "not found\n");
  } catch (const Poco::Exception& e) {
    if (!resp.sent())
      send(resp, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "text/plain",
           "simulator error: " + e.displayText() + "\n");
  } catch (const std::exception& e) {
    if (!resp.sent())
      send(resp, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "text/plain",
           std::string("simulator error: ") + e.what() + "\n");
  }
}

// ----- faults ---------------------------------------------------------------------------------

std::optional<Fault> Simulator::Impl::takeFault(const std::string& path, const std::string& appid,
                                                const std::string& begin, const std::string& end) {
  std::lock_guard lock(mu_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->path != "*" && it->path != path) continue;
    if (!it->appid.empty() && it->appid != appid) continue;
    if (!it->date.empty() &&
        (begin.empty() || it->date < begin || it->date > (end.empty() ? begin : end)))
      continue;
    Fault f = *it;
    if (it->times > 0 && --it->times == 0) faults_.erase(it);
    return f;
  }
  return std::nullopt;
}

void Simulator::Impl::recordServed(const Fault& f, const std::string& path,
                                   const std::string& appid, const std::string& begin,
                                   const std::string& end) {
  const std::string at = formatSimTime(now());
  std::lock_guard lock(mu_);
  Served s;
  s.seq = static_cast<long long>(served_.size()) + 1;
  s.fault_id = f.id;
  s.path = path;
  s.appid = appid;
  s.kind = f.kind.empty() ? (f.errcode       ? "errcode"
                             : f.http_status ? "http_status"
                                             : "slow")
                          : f.kind;
  s.errcode = f.errcode;
  s.http_status = f.http_status;
  s.begin_date = begin;
  s.end_date = end;
  s.at = at;
  served_.push_back(std::move(s));
}

void Simulator::Impl::sendWeChatError(HTTPServerResponse& resp, const std::string& path,
                                      int errcode, const std::string& ip) {
  uint64_t n = 0;
  {
    std::lock_guard lock(mu_);
    n = ++rid_counter_;
  }
  const uint64_t h = fnv1a64(path + "#" + std::to_string(n) + "#" + std::to_string(errcode));
  const std::string rid = hex8(static_cast<uint64_t>(secondsOf(now()))) + "-" + hex8(h) + "-" +
                          hex8(h >> 32 ^ gen_.scenario().seed);
  std::string msg = errmsgFor(errcode);
  if (errcode == 40164 && !ip.empty())
    msg = "invalid ip " + ip + " ipv6 ::ffff:" + ip + ", not in whitelist";
  JsonWriter j;
  j.beginObject().field("errcode", errcode).field("errmsg", msg + " rid: " + rid).endObject();
  sendJson(resp, j.take());
}

void Simulator::Impl::sendHttpStatus(HTTPServerResponse& resp, int status, int retry_after) {
  const auto st = static_cast<HTTPResponse::HTTPStatus>(status);
  const std::string reason = HTTPResponse::getReasonForStatus(st);
  if (retry_after >= 0) resp.set("Retry-After", std::to_string(retry_after));
  const std::string code = std::to_string(status);
  send(resp, st, "text/html",
       "<html>\r\n<head><title>" + code + " " + reason +
           "</title></head>\r\n<body>\r\n<center><h1>" + code + " " + reason +
           "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
}

void Simulator::Impl::sendBroken(HTTPServerResponse& resp, const Fault& f, const std::string& type,
                                 const std::string& body) {
  if (f.kind == "truncated") {
    // Announce the whole body, send half, close: the client sees a short transfer.
    resp.setKeepAlive(false);
    resp.setStatus(HTTPResponse::HTTP_OK);
    resp.setContentType(type);
    resp.setContentLength(static_cast<std::streamsize>(body.size()));
    auto& out = resp.send();
    out.write(body.data(), static_cast<std::streamsize>(body.size() / 2));
    out.flush();
  } else if (f.kind == "cut") {
    send(resp, HTTPResponse::HTTP_OK, type, body.substr(0, body.size() / 2));
  } else if (f.kind == "html") {
    send(resp, HTTPResponse::HTTP_OK, "text/html; charset=utf-8",
         "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>网络认证</title></head>"
         "<body><form action=\"/login\"><p>请登录后访问互联网</p><input name=\"user\"></form>"
         "</body></html>\n");
  } else {  // garbage
    std::string junk(2048, '\0');
    uint64_t x = fnv1a64(body) | 1;
    for (auto& c : junk) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      c = static_cast<char>(x & 0xff);
    }
    send(resp, HTTPResponse::HTTP_OK, type, junk);
  }
}

void Simulator::Impl::sendHuge(HTTPServerResponse& resp, long long bytes) {
  resp.setStatus(HTTPResponse::HTTP_OK);
  resp.setContentType("application/rss+xml; charset=UTF-8");
  resp.setChunkedTransferEncoding(true);
  auto& out = resp.send();
  std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>";
  out << head;
  long long sent = static_cast<long long>(head.size());
  std::string item;
  for (int i = 0; i < 200; ++i) item += "<item><title>填充内容 filler</title></item>\n";
  while (sent < bytes && out.good() && !stopping_) {
    const auto n = std::min<long long>(bytes - sent, static_cast<long long>(item.size()));
    out.write(item.data(), static_cast<std::streamsize>(n));
    sent += n;
  }
  out.flush();
}

bool Simulator::Impl::applyFault(const Fault& f, HTTPServerResponse& resp, const std::string& path,
                                 const std::string& appid, const std::string& token, bool wechat) {
  sleepMs(f.delay_ms);
  if (f.errcode != 0) {
    if (f.errcode == 40001 || f.errcode == 42001) {
      std::lock_guard lock(mu_);
      const TimePoint t = now_ ? *now_ : std::chrono::system_clock::now();
      for (auto& [value, tok] : tokens_) {
        if (f.errcode == 40001 && tok.appid == appid) tok.invalid = true;
        if (f.errcode == 42001 && value == token) tok.expires = std::min(tok.expires, t);
      }
    }
    sendWeChatError(resp, path, f.errcode, f.ip);
    return true;
  }
  if (f.http_status != 0) {
    sendHttpStatus(resp, f.http_status, f.retry_after);
    return true;
  }
  if (f.kind == "huge") {
    sendHuge(resp, f.bytes);
    return true;
  }
  if (f.kind == "truncated" || f.kind == "cut" || f.kind == "html" || f.kind == "garbage") {
    const std::string sample =
        wechat ? "{\"list\":[{\"ref_date\":\"2024-01-01\",\"user_source\":0,\"new_user\":12,"
                 "\"cancel_user\":3}]}"
               : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                 "<title>t</title><item><title>截断</title></item></channel></rss>\n";
    sendBroken(resp, f, wechat ? kJsonType : "application/rss+xml; charset=UTF-8", sample);
    return true;
  }
  return false;  // slow: the normal answer follows
}

// ----- WeChat ---------------------------------------------------------------------------------

std::string Simulator::Impl::issueToken(const std::string& appid, TimePoint t) {
  // Caller holds mu_.
  const long long n = ++issued_[appid];
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  std::string tok = std::to_string(80 + n % 20) + "_";
  uint64_t x = fnv1a64(appid) ^ (gen_.scenario().seed * 0x9E3779B97F4A7C15ULL) ^
               static_cast<uint64_t>(n) * 0xBF58476D1CE4E5B9ULL;
  while (tok.size() < 136) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    tok += kAlphabet[x & 63];
  }
  tokens_[tok] = Token{appid, t + std::chrono::seconds(gen_.scenario().token_ttl_s), false};
  return tok;
}

void Simulator::Impl::stableToken(Request& r, HTTPServerResponse& resp) {
  const std::string& path = r.path;
  if (r.method != "POST") return sendWeChatError(resp, path, 43002);
  if (core::trim(r.body).empty()) return sendWeChatError(resp, path, 44002);
  if (!r.json) return sendWeChatError(resp, path, 47001);
  const auto grant = jsonString(r.json, "grant_type");
  const auto appid = jsonString(r.json, "appid");
  const auto secret = jsonString(r.json, "secret");
  const bool force = jsonInt(r.json, "force_refresh").value_or(0) != 0;
  if (!grant || *grant != "client_credential") return sendWeChatError(resp, path, 40002);
  if (!appid || appid->empty()) return sendWeChatError(resp, path, 41002);
  if (!secret || secret->empty()) return sendWeChatError(resp, path, 41004);
  const AccountSpec* a = scenario().find(*appid);
  if (!a) return sendWeChatError(resp, path, 40013);
  if (a->secret != *secret) return sendWeChatError(resp, path, 40125);
  std::string token;
  long long expires_in = 0;
  {
    std::lock_guard lock(mu_);
    const TimePoint t = now_ ? *now_ : std::chrono::system_clock::now();
    auto cur = stable_.find(*appid);
    Token* tok = cur == stable_.end() ? nullptr : &tokens_[cur->second];
    if (force && tok) tok->invalid = true;
    // Normal mode: the same token until 5 minutes before expiry, then a fresh one.
    if (!force && tok && !tok->invalid && t < tok->expires - std::chrono::minutes(5)) {
      token = cur->second;
    } else {
      token = issueToken(*appid, t);
      stable_[*appid] = token;
    }
    expires_in =
        std::chrono::duration_cast<std::chrono::seconds>(tokens_[token].expires - t).count();
  }
  JsonWriter j;
  j.beginObject().field("access_token", token).field("expires_in", expires_in).endObject();
  sendJson(resp, j.take());
}

void Simulator::Impl::classicToken(Request& r, HTTPServerResponse& resp) {
  const std::string& path = r.path;
  if (r.query("grant_type") != "client_credential") return sendWeChatError(resp, path, 40002);
  const std::string appid = r.query("appid"), secret = r.query("secret");
  if (appid.empty()) return sendWeChatError(resp, path, 41002);
  if (secret.empty()) return sendWeChatError(resp, path, 41004);
  const AccountSpec* a = scenario().find(appid);
  if (!a) return sendWeChatError(resp, path, 40013);
  if (a->secret != secret) return sendWeChatError(resp, path, 40125);
  std::string token;
  {
    std::lock_guard lock(mu_);
    const TimePoint t = now_ ? *now_ : std::chrono::system_clock::now();
    // A new classic token retires the previous one after a 5-minute overlap.
    auto cur = classic_.find(appid);
    if (cur != classic_.end()) {
      auto& old = tokens_[cur->second];
      old.expires = std::min(old.expires, t + std::chrono::minutes(5));
    }
    token = issueToken(appid, t);
    classic_[appid] = token;
  }
  JsonWriter j;
  j.beginObject()
      .field("access_token", token)
      .field("expires_in", static_cast<long long>(gen_.scenario().token_ttl_s))
      .endObject();
  sendJson(resp, j.take());
}

void Simulator::Impl::wechat(Request& r, HTTPServerResponse& resp) {
  const std::string& path = r.path;
  const bool is_stable = path == "/cgi-bin/stable_token";
  const bool is_classic = path == "/cgi-bin/token";
  const std::string token = r.query("access_token");
  std::string appid;
  if (is_stable) {
    appid = jsonString(r.json, "appid").value_or("");
  } else if (is_classic) {
    appid = r.query("appid");
  } else {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(token);
    if (it != tokens_.end()) appid = it->second.appid;
  }
  const std::string begin = jsonString(r.json, "begin_date").value_or("");
  const std::string end = jsonString(r.json, "end_date").value_or("");
  if (auto f = takeFault(path, appid, begin, end)) {
    recordServed(*f, path, appid, begin, end);
    if (applyFault(*f, resp, path, appid, token, true)) return;
  }
  if (is_stable) return stableToken(r, resp);
  if (is_classic) return classicToken(r, resp);

  const bool is_datacube = core::startsWith(path, "/datacube/");
  const std::string name = is_datacube ? path.substr(10) : "";
  const bool is_batchget = path == "/cgi-bin/freepublish/batchget";
  if ((is_datacube && datacubeSpan(name) == 0) || (!is_datacube && !is_batchget))
    return send(resp, HTTPResponse::HTTP_NOT_FOUND, "text/html", "<html>404 Not Found</html>\n");

  if (!r.hasQuery("access_token") || token.empty()) return sendWeChatError(resp, path, 41001);
  const TimePoint t = now();
  {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(token);
    if (it == tokens_.end() || it->second.invalid) {
      appid.clear();
    } else if (t >= it->second.expires) {
      appid = "\x01expired";
    }
  }
  if (appid.empty()) return sendWeChatError(resp, path, 40001);
  if (appid == "\x01expired") return sendWeChatError(resp, path, 42001);
  const AccountSpec* a = scenario().find(appid);
  if (!a) return sendWeChatError(resp, path, 40001);
  if (r.method != "POST") return sendWeChatError(resp, path, 43002);
  if (core::trim(r.body).empty()) return sendWeChatError(resp, path, 44002);
  if (!r.json) return sendWeChatError(resp, path, 47001);

  const ApiTime at = ApiTime::at(t);
  ApiReply reply;
  if (is_datacube) {
    const auto b = Date::parse(begin), e = Date::parse(end);
    if (!b || !e) return sendWeChatError(resp, path, 61500);
    reply = datacube(gen_, *a, name, *b, *e, at);
  } else {
    reply = freepublishBatchget(gen_, *a, jsonInt(r.json, "offset").value_or(-1),
                                jsonInt(r.json, "count").value_or(0),
                                jsonInt(r.json, "no_content").value_or(0) != 0, at);
  }
  if (reply.errcode != 0) return sendWeChatError(resp, path, reply.errcode);
  sendJson(resp, reply.body);
}

// ----- feeds ----------------------------------------------------------------------------------

void Simulator::Impl::feeds(Request& r, HTTPServerResponse& resp) {
  const std::string& path = r.path;
  const std::string& if_none_match = r.if_none_match;
  const std::string& if_modified_since = r.if_modified_since;
  const std::string& accept_encoding = r.accept_encoding;

  if (auto f = takeFault(path, "", "", "")) {
    recordServed(*f, path, "", "", "");
    if (applyFault(*f, resp, path, "", "", false)) return;
  }
  std::string content, type = "application/xml";
  Poco::Timestamp mtime;
  const std::string name = path.substr(7);
  if (core::startsWith(name, "gen/") && core::endsWith(name, ".xml")) {
    long long n = 0;
    if (!core::parseInt64(name.substr(4, name.size() - 8), n) || n < 0)
      return send(resp, HTTPResponse::HTTP_NOT_FOUND, "text/plain", "no such feed\n");
    const Date today = core::dateAt(now(), core::kChinaTime);
    const std::string mention = scenario().accounts.empty() ? "" : scenario().accounts[0].name;
    content = generatedFeed(scenario().seed, n, today, mention);
    type = "application/rss+xml; charset=UTF-8";
    mtime = Poco::Timestamp::fromEpochTime(
        static_cast<std::time_t>(secondsOf(core::instantOf(today, 6, 0, 0, core::kChinaTime))));
  } else {
    if (opts_.feeds_dir.empty() || name.empty() || name.find("..") != std::string::npos ||
        name[0] == '/' || name == "charsets.tsv")
      return send(resp, HTTPResponse::HTTP_NOT_FOUND, "text/plain", "no such feed\n");
    const std::string file = opts_.feeds_dir + "/" + name;
    std::ifstream in(file, std::ios::binary);
    if (!in) return send(resp, HTTPResponse::HTTP_NOT_FOUND, "text/plain", "no such feed\n");
    std::ostringstream ss;
    ss << in.rdbuf();
    content = ss.str();
    mtime = Poco::File(file).getLastModified();
    const auto charsets = readCharsets(opts_.feeds_dir + "/charsets.tsv");
    auto it = charsets.find(name);
    if (it != charsets.end()) {
      if (!it->second.second.empty()) type = it->second.second;
      if (!it->second.first.empty()) type += "; charset=" + it->second.first;
    }
  }
  const std::string etag = contentEtag(content);
  const std::string last_modified =
      Poco::DateTimeFormatter::format(mtime, Poco::DateTimeFormat::HTTP_FORMAT);
  resp.set("ETag", etag);
  resp.set("Last-Modified", last_modified);
  resp.set("Cache-Control", "max-age=300");
  resp.set("Vary", "Accept-Encoding");
  bool not_modified = false;
  if (!if_none_match.empty()) {
    for (const auto& candidate : core::splitList(if_none_match, ','))
      if (candidate == etag || candidate == "W/" + etag || candidate == "*") not_modified = true;
  } else if (!if_modified_since.empty()) {
    Poco::DateTime since;
    int tzd = 0;
    if (Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, if_modified_since, since,
                                       tzd)) {
      since.makeUTC(tzd);
      not_modified = mtime.epochTime() <= since.timestamp().epochTime();
    }
  }
  if (not_modified) {
    resp.setStatus(HTTPResponse::HTTP_NOT_MODIFIED);
    resp.setContentLength(0);
    resp.send().flush();
    return;
  }
  if (accept_encoding.find("gzip") != std::string::npos) {
    std::string body;
    {
      std::lock_guard<std::mutex> lock(gzip_mu_);
      auto it = gzip_cache_.find(etag);
      if (it != gzip_cache_.end()) body = it->second;
    }
    if (body.empty()) {
      std::ostringstream zipped;
      {
        Poco::DeflatingOutputStream z(zipped, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
        z.write(content.data(), static_cast<std::streamsize>(content.size()));
        z.close();
      }
      body = zipped.str();
      std::lock_guard<std::mutex> lock(gzip_mu_);
      if (gzip_cache_.size() > 4096) gzip_cache_.clear();
      gzip_cache_.emplace(etag, body);
    }
    resp.set("Content-Encoding", "gzip");
    return send(resp, HTTPResponse::HTTP_OK, type, body);
  }
  send(resp, HTTPResponse::HTTP_OK, type, content);
}

// ----- admin ----------------------------------------------------------------------------------

void Simulator::Impl::expected(Request& r, HTTPServerResponse& resp, bool daily) {
  const AccountSpec* a = scenario().find(r.query("appid"));
  if (!a) return sendJson(resp, "{\"error\":\"unknown appid\"}\n", HTTPResponse::HTTP_NOT_FOUND);
  auto from = Date::parse(r.query("from"));
  auto to = Date::parse(r.query("to"));
  if (!from || !to || *to < *from || from->year() < 2000 || to->year() > 2100 ||
      (daily && *to - *from > 4000))
    return sendJson(resp, "{\"error\":\"from/to must be YYYY-MM-DD, from <= to\"}\n",
                    HTTPResponse::HTTP_BAD_REQUEST);
  JsonWriter j(false);
  if (!daily) {
    const Expected e = gen_.expected(*a, *from, *to);
    j.beginObject().field("appid", a->appid).field("from", from->toString());
    j.field("to", to->toString()).field("articles", e.articles);
    j.field("articles_notified", e.articles_notified).field("articles_silent", e.articles_silent);
    j.field("page_views", e.page_views).field("read_users", e.read_users);
    j.field("followers_start", e.followers_start).field("followers_end", e.followers_end);
    j.field("followers_net", e.followers_net).field("new_user", e.new_user);
    j.field("cancel_user", e.cancel_user).field("days", e.days).endObject();
  } else {
    j.beginObject().field("appid", a->appid).key("days").beginArray();
    for (Date d = *from; d <= *to; ++d) {
      const DayFigures f = gen_.day(*a, d);
      j.beginObject().field("date", d.toString()).field("articles", f.articles);
      j.field("articles_notified", f.notified).field("articles_silent", f.silent);
      j.field("page_views", d < scenario().new_family_from ? f.page_views : 0LL);
      j.field("read_users", f.read_users).field("new_user", f.new_user);
      j.field("cancel_user", f.cancel_user).field("cumulate", f.cumulate);
      j.key("msgids").beginArray();
      for (const auto& art : gen_.articles(*a, d)) j.value(art.msgid);
      j.endArray().endObject();
    }
    j.endArray().endObject();
  }
  sendJson(resp, j.take() + "\n");
}

void Simulator::Impl::admin(Request& r, HTTPServerResponse& resp) {
  const std::string& p = r.path;
  const bool post = r.method == "POST";
  auto ok = [&](const std::string& extra = "") { sendJson(resp, "{\"ok\":true" + extra + "}\n"); };
  auto bad = [&](const std::string& why) {
    JsonWriter j(false);
    j.beginObject().field("ok", false).field("error", why).endObject();
    sendJson(resp, j.take() + "\n", HTTPResponse::HTTP_BAD_REQUEST);
  };
  if (p == "/sim/fault" && post) {
    if (!r.json) return bad("body must be a JSON object");
    Fault f;
    f.path = jsonString(r.json, "path").value_or("");
    if (f.path.empty()) return bad("path is required (a path or \"*\")");
    f.appid = jsonString(r.json, "appid").value_or("");
    f.date = jsonString(r.json, "date").value_or("");
    f.errcode = static_cast<int>(jsonInt(r.json, "errcode").value_or(0));
    f.http_status = static_cast<int>(jsonInt(r.json, "http_status").value_or(0));
    f.kind = jsonString(r.json, "kind").value_or("");
    f.delay_ms = static_cast<int>(jsonInt(r.json, "delay_ms").value_or(0));
    f.times = static_cast<int>(jsonInt(r.json, "times").value_or(1));
    f.bytes = jsonInt(r.json, "bytes").value_or(f.bytes);
    f.retry_after = static_cast<int>(jsonInt(r.json, "retry_after").value_or(-1));
    f.ip = jsonString(r.json, "ip").value_or(f.ip);
    static const std::vector<std::string> kinds = {"",     "html",    "truncated", "cut",
                                                   "slow", "garbage", "huge"};
    if (std::find(kinds.begin(), kinds.end(), f.kind) == kinds.end())
      return bad("unknown kind " + f.kind);
    if (f.http_status != 0 && (f.http_status < 100 || f.http_status > 599))
      return bad("http_status must be 100..599");
    if (f.errcode == 0 && f.http_status == 0 && f.kind.empty() && f.delay_ms == 0)
      return bad("one of errcode, http_status, kind or delay_ms is required");
    if (f.kind == "slow" && f.delay_ms == 0) f.delay_ms = 5000;
    if (f.times == 0) return bad("times must be >= 1 (or -1: until cleared)");
    long long id = 0;
    {
      std::lock_guard lock(mu_);
      id = f.id = next_fault_id_++;
      faults_.push_back(f);
    }
    return ok(",\"id\":" + std::to_string(id));
  }
  if (p == "/sim/fault/clear" && post) {
    std::lock_guard lock(mu_);
    faults_.clear();
    return ok();
  }
  if (p == "/sim/faults" && !post) {
    JsonWriter j(false);
    j.beginArray();
    std::lock_guard lock(mu_);
    for (const auto& f : faults_) {
      j.beginObject().field("id", f.id).field("path", f.path).field("appid", f.appid);
      j.field("errcode", f.errcode).field("http_status", f.http_status).field("kind", f.kind);
      j.field("delay_ms", f.delay_ms).field("times", f.times).endObject();
    }
    j.endArray();
    return sendJson(resp, j.take() + "\n");
  }
  if (p == "/sim/faults-served" && !post) {
    JsonWriter j(false);
    j.beginArray();
    std::lock_guard lock(mu_);
    for (const auto& s : served_) {
      j.beginObject().field("seq", s.seq).field("fault_id", s.fault_id).field("path", s.path);
      j.field("appid", s.appid).field("kind", s.kind);
      if (s.errcode) j.field("errcode", s.errcode);
      if (s.http_status) j.field("http_status", s.http_status);
      j.field("begin_date", s.begin_date).field("end_date", s.end_date).field("at", s.at);
      j.endObject();
    }
    j.endArray();
    return sendJson(resp, j.take() + "\n");
  }
  if (p == "/sim/invalidate-tokens" && post) {
    const std::string appid = jsonString(r.json, "appid").value_or("");
    std::lock_guard lock(mu_);
    for (auto& [value, tok] : tokens_)
      if (appid.empty() || tok.appid == appid) tok.invalid = true;
    return ok();
  }
  if (p == "/sim/today") {
    if (post) {
      if (!r.json) return bad("body must be a JSON object");
      if (auto text = jsonString(r.json, "today")) {
        auto t = parseSimTime(*text);
        if (!t) return bad("today must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (China time)");
        setNow(*t);
      } else if (auto s = jsonInt(r.json, "advance_s")) {
        setNow(now() + std::chrono::seconds(*s));
      } else {
        return bad("expected {\"today\":...} or {\"advance_s\":N}");
      }
    }
    const ApiTime at = ApiTime::at(now());
    JsonWriter j(false);
    j.beginObject().field("ok", true).field("now", formatSimTime(at.now));
    j.field("today", at.today.toString()).field("last_ready", at.last_ready.toString());
    j.endObject();
    return sendJson(resp, j.take() + "\n");
  }
  if (p == "/sim/hits" && !post) {
    JsonWriter j(false);
    j.beginObject();
    std::lock_guard lock(mu_);
    for (const auto& [path, n] : hits_) j.field(path, n);
    j.endObject();
    return sendJson(resp, j.take() + "\n");
  }
  if (p == "/sim/reset" && post) {  // hits, faults, served log and tokens
    std::lock_guard lock(mu_);
    hits_.clear();
    faults_.clear();
    served_.clear();
    tokens_.clear();
    stable_.clear();
    classic_.clear();
    return ok();
  }
  if (p == "/sim/accounts" && !post) {
    JsonWriter j(false);
    j.beginArray();
    for (const auto& a : scenario().accounts) {
      j.beginObject().field("appid", a.appid).field("name", a.name);
      j.field("from", a.from.toString()).field("verified", a.verified).endObject();
    }
    j.endArray();
    return sendJson(resp, j.take() + "\n");
  }
  if (p == "/sim/expected" && !post) return expected(r, resp, false);
  if (p == "/sim/expected/daily" && !post) return expected(r, resp, true);
  sendJson(resp, "{\"error\":\"unknown admin endpoint\"}\n", HTTPResponse::HTTP_NOT_FOUND);
}

// ----- Simulator ------------------------------------------------------------------------------

Simulator::Simulator(SimulatorOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
Simulator::~Simulator() = default;
void Simulator::start() { impl_->start(); }
void Simulator::stop() { impl_->stop(); }
uint16_t Simulator::port() const { return impl_->port(); }
std::string Simulator::baseUrl() const {
  return "http://" + impl_->host() + ":" + std::to_string(port());
}
const Generator& Simulator::generator() const { return impl_->generator(); }
const Scenario& Simulator::scenario() const { return impl_->scenario(); }
TimePoint Simulator::now() const { return impl_->now(); }
void Simulator::setNow(TimePoint t) { impl_->setNow(t); }

}  // namespace pubtrack::sim
