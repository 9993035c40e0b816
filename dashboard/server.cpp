// SPDX-License-Identifier: Apache-2.0
// DashboardServer: Poco's HTTPServer wired to one Worker (and one read-only SQLite connection)
// per pool thread, the security headers on every answer, and the blocking `serve` helper.
#include "dashboard/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <istream>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "core/strings.h"
#include "dashboard/shell.h"
#include "store/database.h"

namespace pubtrack::dashboard {

namespace {

constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
constexpr std::streamsize kMaxBody = 64 * 1024;

core::Error configError(std::string message) {
  return core::makeError(core::ErrorKind::Config, "[server] listen", std::move(message));
}

std::string randomHex(size_t bytes) {
  std::random_device rd;
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(rd()) & 0xffU;
    s += kHex[b >> 4];
    s += kHex[b & 0xfU];
  }
  return s;
}

// application/x-www-form-urlencoded -> pairs ('+' is a space).
detail::Params parseForm(std::string body) {
  detail::Params out;
  for (auto& c : body)
    if (c == '+') c = ' ';
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    const std::string part = body.substr(start, amp - start);
    if (!part.empty()) {
      const auto eq = part.find('=');
      std::string k, v;
      Poco::URI::decode(part.substr(0, eq), k);
      if (eq != std::string::npos) Poco::URI::decode(part.substr(eq + 1), v);
      out.emplace_back(std::move(k), std::move(v));
    }
    start = amp + 1;
  }
  return out;
}

}  // namespace

struct DashboardServer::Impl {
  explicit Impl(int threads) : pool(threads, threads, 3600) {}

  detail::Shell& worker() {
    std::lock_guard lock(workers_mutex);
    auto& w = workers[std::this_thread::get_id()];
    if (!w) w = std::make_unique<detail::Shell>(*ctx);
    return *w;
  }

  core::SystemClock system_clock;
  std::unique_ptr<detail::ServerContext> ctx;
  Poco::ThreadPool pool;  // declared before the server, so it outlives it
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::mutex workers_mutex;
  std::unordered_map<std::thread::id, std::unique_ptr<detail::Shell>> workers;
  std::string host;
  uint16_t port = 0;
  bool stopped = false;
};

namespace {

// Accept-Encoding names gzip without q=0 ("gzip, deflate, br" from browsers).
bool acceptsGzip(const std::string& header) {
  for (const auto& part : core::splitList(header, ',')) {
    const auto semi = part.find(';');
    if (core::toLowerAscii(core::trim(part.substr(0, semi))) != "gzip") continue;
    if (semi == std::string::npos) return true;
    std::string q = core::toLowerAscii(part.substr(semi + 1));
    q.erase(std::remove(q.begin(), q.end(), ' '), q.end());
    return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000";
  }
  return false;
}

void send(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out,
          const detail::Response& r) {
  out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
  out.setContentType(r.content_type);
  out.set("Content-Security-Policy", kCsp);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  out.set("X-Frame-Options", "DENY");
  out.set("Cache-Control", "no-store");
  for (const auto& [k, v] : r.headers) out.add(k, v);
  const std::string* body = &r.body;
  if (r.gzip) {
    out.set("Vary", "Accept-Encoding");
    if (acceptsGzip(in.get("Accept-Encoding", ""))) {
      out.set("Content-Encoding", "gzip");
      body = r.gzip.get();
    }
  }
  out.setContentLength(static_cast<std::streamsize>(body->size()));
  if (in.getMethod() == "HEAD") {
    out.send();
    return;
  }
  out.sendBuffer(body->data(), body->size());
}

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(DashboardServer::Impl& impl) : impl_(impl) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    detail::Request req;
    req.method = in.getMethod();
    req.authorization = in.get("Authorization", "");
    req.cookie = in.get("Cookie", "");
    try {
      Poco::URI uri(in.getURI());
      req.path = uri.getPath();
      req.query = uri.getQueryParameters();
    } catch (const Poco::Exception&) {
      detail::Response bad;
      bad.status = 400;
      bad.body = R"({"error":"the request URI cannot be parsed"})";
      send(in, out, bad);
      return;
    }
    if (req.method == "POST") {
      if (in.hasContentLength() && in.getContentLength64() > kMaxBody) {
        detail::Response big;
        big.status = 413;
        big.body = R"({"error":"request body too large"})";
        out.setKeepAlive(false);
        send(in, out, big);
        return;
      }
      std::string body(static_cast<size_t>(kMaxBody), '\0');
      in.stream().read(body.data(), kMaxBody);
      body.resize(static_cast<size_t>(in.stream().gcount()));
      if (in.getContentType().rfind("application/x-www-form-urlencoded", 0) == 0)
        req.form = parseForm(std::move(body));
    }
    send(in, out, impl_.worker().handle(req));
  }

 private:
  DashboardServer::Impl& impl_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(DashboardServer::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  DashboardServer::Impl& impl_;
};

}  // namespace

DashboardServer::DashboardServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DashboardServer::~DashboardServer() { stop(); }

uint16_t DashboardServer::port() const { return impl_->port; }

std::string DashboardServer::url() const {
  const bool v6 = impl_->host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + impl_->host + "]" : impl_->host) + ":" +
         std::to_string(impl_->port);
}

void DashboardServer::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->server) impl_->server->stopAll(true);
  impl_->pool.joinAll();
  std::lock_guard lock(impl_->workers_mutex);
  impl_->workers.clear();  // each worker closes its own connection
}

core::Result<std::unique_ptr<DashboardServer>> DashboardServer::start(
    const config::Settings& settings, ServeOptions options) {
  const std::string listen = options.listen.empty() ? settings.server.listen : options.listen;
  Poco::Net::SocketAddress address;
  try {
    address = Poco::Net::SocketAddress(listen);
  } catch (const Poco::Exception& e) {
    return configError("cannot use listen address '" + listen +
                       "' (want host:port): " + e.displayText());
  }
  const bool loopback = address.host().isLoopback();
  if (!loopback && settings.server.auth_token.empty())
    return configError("refusing to listen on " + listen +
                       ": it is not a loopback address, so the dashboard would be open to the "
                       "network. Set [server] auth_token (or auth_token_env), or listen on "
                       "127.0.0.1");
  // Fail now, not on the first request, when the database cannot be read.
  {
    auto probe = store::Database::open(settings.database_path, store::Database::Mode::ReadOnly);
    if (!probe) return probe.error();
  }
  const int threads = std::max(2, options.max_threads);
  auto impl = std::make_unique<Impl>(threads);
  impl->ctx = std::make_unique<detail::ServerContext>();
  impl->ctx->settings = settings;
  impl->ctx->clock = options.clock ? options.clock : &impl->system_clock;
  impl->ctx->loopback = loopback;
  impl->ctx->open_loopback_reads = options.open_loopback_reads;
  impl->ctx->session_key = randomHex(32);
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(256);
    impl->host = socket.address().host().toString();
    impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(threads);
    params->setMaxQueued(512);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(100000);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setTimeout(Poco::Timespan(15, 0));
    params->setServerName("pubtrack");
    impl->server =
        std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl), impl->pool, socket, params);
    impl->server->start();
  } catch (const Poco::Exception& e) {
    return configError("cannot listen on " + listen + ": " + e.displayText());
  }
  return std::unique_ptr<DashboardServer>(new DashboardServer(std::move(impl)));
}

int serveUntilSignal(const config::Settings& settings, ServeOptions options, std::ostream& out,
                     std::ostream& err) {
  // Block the signals before the server's threads start, so they inherit the mask and only
  // sigwait() below sees them.
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  auto server = DashboardServer::start(settings, std::move(options));
  if (!server) {
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    err << "pubtrack: " << server.error().describe() << "\n";
    return 2;
  }
  out << "pubtrack: serving " << (*server)->url() << " (Ctrl-C to stop)" << std::endl;
  int sig = 0;
  sigwait(&set, &sig);
  out << "pubtrack: stopping" << std::endl;
  (*server)->stop();
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return 0;
}

}  // namespace pubtrack::dashboard
