// SPDX-License-Identifier: Apache-2.0
// Progress of a long run: on a terminal a bar with counts and ETA, redrawn at most ten times a
// second; otherwise (cron, logs) a plain line at every tenth of the work.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace pubtrack::app {

class Progress {
 public:
  // `what` names the work ("wechat"); `out` is where it draws (stderr).
  Progress(std::string what, std::FILE* out);
  ~Progress();
  void update(size_t done, size_t total);
  void finish();

 private:
  std::mutex mu_;
  std::string what_;
  std::FILE* out_;
  bool tty_;
  bool drawn_ = false;
  size_t lastTenth_ = 0;
  std::chrono::steady_clock::time_point start_, lastDraw_;
};

}  // namespace pubtrack::app
