// SPDX-License-Identifier: Apache-2.0
// The dashboard in a headless Chromium, driven over the DevTools protocol (Poco's WebSocket
// client): the page loads, the charts render as SVG, and a confirm click changes the mention's
// status in the database. Skipped when chromium is not installed.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/WebSocket.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <regex>
#include <thread>

#include "core/strings.h"
#include "dashboard/server.h"
#include "tests/dashboard/dashboard_fixture.h"
#include "tests/dashboard/http_get.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace pubtrack::dashboard {
namespace {

using namespace std::chrono_literals;

std::string findChromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return {};
}

// One headless Chromium with remote debugging on a free loopback port; killed on destruction.
class Chromium {
 public:
  Chromium(const std::string& binary, const std::filesystem::path& profile) : profile_(profile) {
    std::vector<std::string> args = {binary,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--no-first-run",
                                     "--disable-dev-shm-usage",
                                     "--remote-debugging-address=127.0.0.1",
                                     "--remote-debugging-port=0",
                                     "--user-data-dir=" + profile.string(),
                                     "about:blank"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Chromium() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 50 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(100ms);
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
  }
  // The DevTools port Chromium chose (written to DevToolsActivePort), or 0 after a timeout.
  int devtoolsPort() {
    for (int i = 0; i < 300 && pid_ > 0; ++i) {
      const std::string text = fakes::readFile(profile_ / "DevToolsActivePort");
      if (!text.empty() && text.find('\n') != std::string::npos) return std::stoi(text);
      std::this_thread::sleep_for(100ms);
    }
    return 0;
  }

 private:
  std::filesystem::path profile_;
  pid_t pid_ = 0;
};

// A minimal DevTools protocol client over one page target.
class DevTools {
 public:
  DevTools(int port, const std::string& path)
      : session_("127.0.0.1", static_cast<Poco::UInt16>(port)) {
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, path,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPResponse res;
    ws_ = std::make_unique<Poco::Net::WebSocket>(session_, req, res);
    ws_->setReceiveTimeout(Poco::Timespan(30, 0));
  }
  // Sends a command and returns its result message (events in between are skipped).
  std::string call(const std::string& method, const std::string& params_json) {
    const int id = ++next_;
    const std::string msg = "{\"id\":" + std::to_string(id) + ",\"method\":\"" + method +
                            "\",\"params\":" + params_json + "}";
    ws_->sendFrame(msg.data(), static_cast<int>(msg.size()), Poco::Net::WebSocket::FRAME_TEXT);
    const std::string want = "\"id\":" + std::to_string(id) + ",";
    for (;;) {
      std::string frame;
      int flags = 0;
      do {
        char buf[65536];
        const int n = ws_->receiveFrame(buf, sizeof buf, flags);
        if (n <= 0) return {};
        frame.append(buf, static_cast<size_t>(n));
      } while (!(flags & Poco::Net::WebSocket::FRAME_FLAG_FIN));
      if (frame.find(want) != std::string::npos) return frame;
    }
  }
  // Evaluates an expression and returns the result message.
  std::string eval(const std::string& expression) {
    return call("Runtime.evaluate", "{\"expression\":" + core::jsonString(expression) +
                                        ",\"returnByValue\":true,\"awaitPromise\":true}");
  }

 private:
  Poco::Net::HTTPClientSession session_;
  std::unique_ptr<Poco::Net::WebSocket> ws_;
  int next_ = 0;
};

std::string statusOf(const std::filesystem::path& db, int64_t id) {
  // The test's own read-only connection to the file the server writes.
  SQLite::Database rd(db.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(rd, "SELECT status FROM mentions WHERE id = ?");
  q.bind(1, id);
  return q.executeStep() ? q.getColumn(0).getString() : "";
}

TEST(DashboardBrowser, PageRendersChartsAndAConfirmClickUpdatesTheDatabase) {
  const std::string chromium = findChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed";
  fakes::TempDir dir;
  const auto dbPath = dir.path() / "pubtrack.db";
  const auto data = fakes::fillDashboardDatabase(dbPath);
  core::FixedClock clock(data.now());
  const std::string token = "browser-test-token-0123456789";
  ServeOptions o;
  o.listen = "127.0.0.1:0";
  o.clock = &clock;
  auto server = DashboardServer::start(fakes::dashboardSettings(dbPath, token), o);
  ASSERT_TRUE(server) << server.error().describe();

  std::filesystem::create_directories(dir.path() / "profile");
  Chromium browser(chromium, dir.path() / "profile");
  const int port = browser.devtoolsPort();
  ASSERT_GT(port, 0) << "chromium did not open its DevTools port";
  const auto list = fakes::httpGet("http://127.0.0.1:" + std::to_string(port) + "/json/list");
  std::smatch m;
  const std::regex pageWs(
      "\"webSocketDebuggerUrl\"\\s*:\\s*\"ws://127\\.0\\.0\\.1:[0-9]+(/devtools/page/[^\"]+)\"");
  ASSERT_TRUE(std::regex_search(list.body, m, pageWs)) << list.body;
  DevTools dt(port, m[1].str());

  dt.call("Page.enable", "{}");
  dt.call("Page.navigate", "{\"url\":" + core::jsonString((*server)->url() + "/") + "}");
  std::string state;
  for (int i = 0; i < 100; ++i) {
    state = dt.eval("document.readyState + '|' + location.href");
    if (state.find("complete|http") != std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_NE(state.find("complete|http"), std::string::npos) << state;

  // The charts are inline SVG with drawn marks (the report's chart module).
  auto svgs = dt.eval("document.querySelectorAll('.panel svg').length");
  EXPECT_NE(svgs.find("\"value\":3"), std::string::npos) << svgs;
  auto marks = dt.eval(
      "document.querySelectorAll('.panel svg rect').length + ',' + "
      "document.querySelectorAll('.panel svg polyline').length + ',' + "
      "document.querySelectorAll('.panel svg circle').length");
  std::smatch counts;
  const std::regex three("\"value\":\"([0-9]+),([0-9]+),([0-9]+)\"");
  ASSERT_TRUE(std::regex_search(marks, counts, three)) << marks;
  EXPECT_GE(std::stoi(counts[1].str()), 12) << marks;  // bars
  EXPECT_EQ(std::stoi(counts[2].str()), 1) << marks;   // the followers line
  EXPECT_GE(std::stoi(counts[3].str()), 5) << marks;   // its points;
  auto width =
      dt.eval("document.querySelector('#followers svg').getBoundingClientRect().width > 100");
  EXPECT_NE(width.find("\"value\":true"), std::string::npos) << width;
  // The hostile title is text, not markup, and did not run.
  auto title = dt.eval("document.querySelector('tr[data-id=\"" +
                       std::to_string(data.hostile_mention_id) + "\"] td.title').textContent");
  EXPECT_NE(title.find("<script>alert(1)</script>"), std::string::npos) << title;

  // Confirm the hostile-titled candidate through the page: type the token, click.
  ASSERT_EQ(statusOf(dbPath, data.hostile_mention_id), "candidate");
  const std::string id = std::to_string(data.hostile_mention_id);
  auto click = dt.eval(
      "(function(){var t=document.getElementById('token');t.value=" + core::jsonString(token) +
      ";t.dispatchEvent(new Event('change'));"
      "document.querySelector('button[data-action=\"confirm\"][data-id=\"" +
      id + "\"]').click();return 'clicked';})()");
  EXPECT_NE(click.find("clicked"), std::string::npos) << click;
  std::string status;
  for (int i = 0; i < 100 && status != "confirmed"; ++i) {
    std::this_thread::sleep_for(100ms);
    status = statusOf(dbPath, data.hostile_mention_id);
  }
  EXPECT_EQ(status, "confirmed");
  std::string shown;
  for (int i = 0; i < 50; ++i) {
    shown =
        dt.eval("document.querySelector('tr[data-id=\"" + id + "\"]').getAttribute('data-status')");
    if (shown.find("confirmed") != std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_NE(shown.find("confirmed"), std::string::npos) << shown;
}

}  // namespace
}  // namespace pubtrack::dashboard
