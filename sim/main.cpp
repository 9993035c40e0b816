// SPDX-License-Identifier: Apache-2.0
// pubtrack-sim: runs the WeChat API and feed simulator until SIGINT/SIGTERM.
#include <Poco/Exception.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "core/strings.h"
#include "sim/simulator.h"

namespace {

void usage() {
  std::cout
      << "usage: pubtrack-sim [options]\n"
         "  --listen HOST:PORT   address to bind (default 127.0.0.1:0, a random port)\n"
         "  --port-file FILE     write the bound port to FILE once listening\n"
         "  --scenario FILE.ini  accounts and yearly targets (default: one built-in account)\n"
         "  --feeds DIR          serve DIR/<file> under /feeds/<file> (DIR/charsets.tsv optional)\n"
         "  --latency-ms N       delay every simulated response by N ms\n"
         "  --today T            freeze the clock at T: YYYY-MM-DD (10:00) or YYYY-MM-DDTHH:MM,\n"
         "                       China time (default: the real clock)\n"
         "Admin API: POST /sim/fault, /sim/fault/clear, /sim/invalidate-tokens, /sim/today,\n"
         "/sim/reset; GET /sim/hits, /sim/faults, /sim/faults-served, /sim/accounts,\n"
         "/sim/expected?appid=&from=&to=, /sim/expected/daily?appid=&from=&to=\n";
}

int fail(const std::string& message) {
  std::cerr << "pubtrack-sim: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pubtrack;
  sim::SimulatorOptions opts;
  std::string port_file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    } else if (arg == "--listen" && next(v)) {
      const auto colon = v.rfind(':');
      long long port = 0;
      if (colon == std::string::npos || !core::parseInt64(v.substr(colon + 1), port) || port < 0 ||
          port > 65535)
        return fail("--listen wants HOST:PORT, got " + v);
      opts.host = v.substr(0, colon);
      opts.port = static_cast<uint16_t>(port);
    } else if (arg == "--port-file" && next(v)) {
      port_file = v;
    } else if (arg == "--scenario" && next(v)) {
      auto sc = sim::loadScenario(v);
      if (!sc) return fail(sc.error().describe());
      opts.scenario = std::move(sc.value());
    } else if (arg == "--feeds" && next(v)) {
      opts.feeds_dir = v;
    } else if (arg == "--latency-ms" && next(v)) {
      long long ms = 0;
      if (!core::parseInt64(v, ms) || ms < 0) return fail("--latency-ms wants a number");
      opts.latency_ms = static_cast<int>(ms);
    } else if (arg == "--today" && next(v)) {
      auto t = sim::parseSimTime(v);
      if (!t) return fail("--today wants YYYY-MM-DD or YYYY-MM-DDTHH:MM, got " + v);
      opts.now = *t;
    } else {
      usage();
      return fail("unknown or incomplete option " + arg);
    }
  }

  // Block the termination signals in every thread; main waits for them with sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  sim::Simulator simulator(std::move(opts));
  try {
    simulator.start();
  } catch (const Poco::Exception& e) {
    return fail("cannot listen: " + e.displayText());
  }
  if (!port_file.empty()) {
    const std::string tmp = port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << simulator.port() << "\n";
      if (!out) return fail("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), port_file.c_str()) != 0) return fail("cannot write " + port_file);
  }
  std::cout << "pubtrack-sim listening on " << simulator.baseUrl() << " (simulated now "
            << sim::formatSimTime(simulator.now()) << ", " << simulator.scenario().accounts.size()
            << " account(s))" << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "pubtrack-sim: stopping" << std::endl;
  simulator.stop();
  return 0;
}
