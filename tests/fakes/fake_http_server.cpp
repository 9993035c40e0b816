// SPDX-License-Identifier: Apache-2.0
// fakes::FakeHttpServer: Poco HTTPServer with a route table, request log and response tricks.
#include "tests/fakes/fake_http_server.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <map>
#include <mutex>
#include <sstream>

namespace pubtrack::fakes {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) {
             return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
           };
           return lower(x) == lower(y);
         });
}

}  // namespace

// ---- FakeRequest / FakeResponse ---------------------------------------------------------------

std::string FakeRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (equalsIgnoreCase(n, name)) return v;
  }
  return {};
}

bool FakeRequest::hasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return equalsIgnoreCase(h.first, name); });
}

std::string FakeRequest::queryParam(std::string_view name) const {
  Poco::URI uri;
  uri.setRawQuery(query);
  for (const auto& [n, v] : uri.getQueryParameters()) {
    if (n == name) return v;
  }
  return {};
}

FakeResponse FakeResponse::json(std::string body, int status) {
  FakeResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

FakeResponse FakeResponse::text(std::string body, std::string content_type) {
  FakeResponse r;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

FakeResponse FakeResponse::redirect(std::string location, int status) {
  FakeResponse r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

FakeResponse FakeResponse::empty(int status) {
  FakeResponse r;
  r.status = status;
  return r;
}

FakeResponse& FakeResponse::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

FakeResponse& FakeResponse::delay(std::chrono::milliseconds ms) {
  latency = ms;
  return *this;
}

// ---- shared state -------------------------------------------------------------------------------

namespace detail {

struct FakeRoute {
  uint64_t id = 0;
  std::string method;  // "" = any
  std::string path;
  FakeHandler handler;
  bool once = false;
};

struct PathStats {
  int hits = 0;
  int in_flight = 0;
  int peak = 0;
  std::vector<FakeRequest> requests;
};

struct FakeState {
  mutable std::mutex mu;
  std::condition_variable wake;  // delayed responses wait on it; stop() wakes them
  std::atomic<bool> stopping{false};
  std::vector<FakeRoute> routes;
  std::map<std::string, PathStats, std::less<>> stats;
  int in_flight = 0;
  int peak = 0;
  uint64_t next_id = 1;

  void remove(uint64_t id) {
    std::lock_guard lock(mu);
    std::erase_if(routes, [id](const FakeRoute& r) { return r.id == id; });
  }
  bool has(uint64_t id) const {
    std::lock_guard lock(mu);
    return std::any_of(routes.begin(), routes.end(),
                       [id](const FakeRoute& r) { return r.id == id; });
  }
};

}  // namespace detail

// ---- RouteHandle
// ----------------------------------------------------------------------------------

RouteHandle::RouteHandle(std::weak_ptr<detail::FakeState> state, uint64_t id)
    : state_(std::move(state)), id_(id) {}

RouteHandle::RouteHandle(RouteHandle&& other) noexcept
    : state_(std::move(other.state_)), id_(std::exchange(other.id_, 0)) {}

RouteHandle& RouteHandle::operator=(RouteHandle&& other) noexcept {
  if (this != &other) {
    reset();
    state_ = std::move(other.state_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

RouteHandle::~RouteHandle() { reset(); }

void RouteHandle::reset() {
  if (auto s = state_.lock(); s && id_ != 0) s->remove(id_);
  state_.reset();
  id_ = 0;
}

bool RouteHandle::active() const {
  auto s = state_.lock();
  return s && id_ != 0 && s->has(id_);
}

// ---- the Poco side ------------------------------------------------------------------------------

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

FakeResponse notFound() { return FakeResponse::json(R"({"errcode":99999})", 404); }

std::string gzipped(const std::string& body) {
  std::ostringstream out;
  Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  z.write(body.data(), static_cast<std::streamsize>(body.size()));
  z.close();
  return out.str();
}

void sendResponse(const FakeResponse& r, HTTPServerResponse& resp, const detail::FakeState& state) {
  resp.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(r.status));
  for (const auto& [name, value] : r.headers) resp.add(name, value);
  if (r.stream_bytes > 0) {
    resp.setContentLength64(static_cast<Poco::Int64>(r.stream_bytes));
    std::ostream& out = resp.send();
    const std::string chunk(64 * 1024, 'x');
    size_t left = r.stream_bytes;
    while (left > 0 && out.good() && !state.stopping.load()) {
      const size_t n = std::min(left, chunk.size());
      out.write(chunk.data(), static_cast<std::streamsize>(n));
      left -= n;
    }
    out.flush();
    return;
  }
  const std::string body = r.gzip ? gzipped(r.body) : r.body;
  if (r.gzip) resp.set("Content-Encoding", "gzip");
  if (r.truncated) {
    resp.setContentLength64(static_cast<Poco::Int64>(body.size() + 1000));
    resp.setKeepAlive(false);  // the connection closes when the handler returns
    std::ostream& out = resp.send();
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();
    return;
  }
  resp.setContentLength64(static_cast<Poco::Int64>(body.size()));
  resp.sendBuffer(body.data(), body.size());
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(std::shared_ptr<detail::FakeState> state) : state_(std::move(state)) {}

  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override {
    FakeRequest r;
    r.method = req.getMethod();
    try {
      const Poco::URI uri(req.getURI());
      r.path = uri.getPath();
      r.query = uri.getRawQuery();
    } catch (const Poco::Exception&) {
      r.path = req.getURI();
    }
    for (const auto& [name, value] : req) r.headers.emplace_back(name, value);
    Poco::StreamCopier::copyToString(req.stream(), r.body);

    FakeHandler handler;
    {
      std::lock_guard lock(state_->mu);
      auto& stats = state_->stats[r.path];
      ++stats.hits;
      stats.peak = std::max(stats.peak, ++stats.in_flight);
      state_->peak = std::max(state_->peak, ++state_->in_flight);
      stats.requests.push_back(r);
      handler = pick(r);
    }
    struct Leave {  // in flight until the response has been written
      detail::FakeState& s;
      std::string path;
      ~Leave() {
        std::lock_guard lock(s.mu);
        --s.stats[path].in_flight;
        --s.in_flight;
      }
    } leave{*state_, r.path};

    FakeResponse response;
    try {
      response = handler ? handler(r) : notFound();
    } catch (const std::exception& e) {
      response = FakeResponse::text(std::string("fake handler threw: ") + e.what());
      response.status = 500;
    }
    if (response.latency.count() > 0) {
      std::unique_lock lock(state_->mu);
      state_->wake.wait_for(lock, response.latency, [this] { return state_->stopping.load(); });
    }
    sendResponse(response, resp, *state_);
  }

 private:
  // Caller holds the lock.
  FakeHandler pick(const FakeRequest& r) {
    auto matches = [&r](const detail::FakeRoute& route) {
      return route.path == r.path && (route.method.empty() || route.method == r.method);
    };
    auto& routes = state_->routes;
    for (auto it = routes.begin(); it != routes.end(); ++it) {
      if (it->once && matches(*it)) {
        FakeHandler h = std::move(it->handler);
        routes.erase(it);
        return h;
      }
    }
    for (auto it = routes.rbegin(); it != routes.rend(); ++it) {
      if (!it->once && matches(*it)) return it->handler;
    }
    return {};
  }

  std::shared_ptr<detail::FakeState> state_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::shared_ptr<detail::FakeState> state) : state_(std::move(state)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(state_);
  }

 private:
  std::shared_ptr<detail::FakeState> state_;
};

}  // namespace

// ---- FakeHttpServer -----------------------------------------------------------------------------

struct FakeHttpServer::Impl {
  std::shared_ptr<detail::FakeState> state = std::make_shared<detail::FakeState>();
  Poco::ThreadPool pool{"fake-http", 2, 160, 60};
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  uint16_t port = 0;
};

FakeHttpServer::FakeHttpServer() : impl_(std::make_unique<Impl>()) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-body must not kill the test
  impl_->socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
  impl_->socket.listen(512);
  impl_->port = impl_->socket.address().port();
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(150);
  params->setMaxQueued(1024);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->state), impl_->pool,
                                                          impl_->socket, params);
  impl_->server->start();
}

FakeHttpServer::~FakeHttpServer() {
  {
    std::lock_guard lock(impl_->state->mu);
    impl_->state->stopping = true;
  }
  impl_->state->wake.notify_all();
  impl_->server->stopAll(true);  // also shuts idle keep-alive connections
  impl_->pool.joinAll();
  impl_->server.reset();
}

uint16_t FakeHttpServer::port() const { return impl_->port; }

std::string FakeHttpServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

std::string FakeHttpServer::url(std::string_view path) const {
  return baseUrl() + std::string(path);
}

RouteHandle FakeHttpServer::add(std::string method, std::string path, FakeHandler handler,
                                bool once) {
  std::lock_guard lock(impl_->state->mu);
  const uint64_t id = impl_->state->next_id++;
  impl_->state->routes.push_back(
      detail::FakeRoute{id, std::move(method), std::move(path), std::move(handler), once});
  return RouteHandle(impl_->state, id);
}

namespace {
FakeHandler constant(FakeResponse response) {
  return [r = std::move(response)](const FakeRequest&) { return r; };
}
}  // namespace

RouteHandle FakeHttpServer::route(std::string path, FakeResponse response) {
  return add({}, std::move(path), constant(std::move(response)), false);
}
RouteHandle FakeHttpServer::route(std::string method, std::string path, FakeResponse response) {
  return add(std::move(method), std::move(path), constant(std::move(response)), false);
}
RouteHandle FakeHttpServer::route(std::string path, FakeHandler handler) {
  return add({}, std::move(path), std::move(handler), false);
}
RouteHandle FakeHttpServer::route(std::string method, std::string path, FakeHandler handler) {
  return add(std::move(method), std::move(path), std::move(handler), false);
}
RouteHandle FakeHttpServer::respondOnce(std::string path, FakeResponse response) {
  return add({}, std::move(path), constant(std::move(response)), true);
}
RouteHandle FakeHttpServer::respondOnce(std::string method, std::string path,
                                        FakeResponse response) {
  return add(std::move(method), std::move(path), constant(std::move(response)), true);
}

int FakeHttpServer::hits(std::string_view path) const {
  std::lock_guard lock(impl_->state->mu);
  const auto it = impl_->state->stats.find(path);
  return it == impl_->state->stats.end() ? 0 : it->second.hits;
}

int FakeHttpServer::peakConcurrent(std::string_view path) const {
  std::lock_guard lock(impl_->state->mu);
  const auto it = impl_->state->stats.find(path);
  return it == impl_->state->stats.end() ? 0 : it->second.peak;
}

int FakeHttpServer::peakConcurrent() const {
  std::lock_guard lock(impl_->state->mu);
  return impl_->state->peak;
}

std::optional<FakeRequest> FakeHttpServer::lastRequest(std::string_view path) const {
  std::lock_guard lock(impl_->state->mu);
  const auto it = impl_->state->stats.find(path);
  if (it == impl_->state->stats.end() || it->second.requests.empty()) return std::nullopt;
  return it->second.requests.back();
}

std::vector<FakeRequest> FakeHttpServer::requests(std::string_view path) const {
  std::lock_guard lock(impl_->state->mu);
  const auto it = impl_->state->stats.find(path);
  return it == impl_->state->stats.end() ? std::vector<FakeRequest>{} : it->second.requests;
}

void FakeHttpServer::resetStats() {
  std::lock_guard lock(impl_->state->mu);
  for (auto& [path, stats] : impl_->state->stats) {
    stats.hits = 0;
    stats.peak = stats.in_flight;
    stats.requests.clear();
  }
  impl_->state->peak = impl_->state->in_flight;
}

uint16_t unusedLocalPort() {
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
  const uint16_t port = socket.address().port();
  socket.close();
  return port;
}

}  // namespace pubtrack::fakes
