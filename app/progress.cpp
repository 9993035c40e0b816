// SPDX-License-Identifier: Apache-2.0
// Progress display.
#include "app/progress.h"

#include <unistd.h>

#include <algorithm>

namespace pubtrack::app {

Progress::Progress(std::string what, std::FILE* out)
    : what_(std::move(what)),
      out_(out),
      tty_(::isatty(::fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()),
      lastDraw_(start_ - std::chrono::seconds(1)) {}

Progress::~Progress() { finish(); }

void Progress::update(size_t done, size_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  if (total == 0) return;
  done = std::min(done, total);
  const auto now = std::chrono::steady_clock::now();
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double eta =
      done > 0 ? secs * static_cast<double>(total - done) / static_cast<double>(done) : 0;
  if (tty_) {
    if (done < total && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    constexpr size_t kWidth = 28;
    const size_t filled = done * kWidth / total;
    std::fprintf(out_, "\r%s [%s%s] %zu/%zu calls  %3.0f%%  %.0f s, ETA %.0f s ", what_.c_str(),
                 std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(), done,
                 total, 100.0 * static_cast<double>(done) / static_cast<double>(total), secs, eta);
    std::fflush(out_);
    drawn_ = true;
  } else {
    const size_t tenth = done * 10 / total;
    if (tenth == lastTenth_ && done < total) return;
    if (done == total && lastTenth_ == 10) return;
    lastTenth_ = tenth;
    std::fprintf(out_, "%s: %zu/%zu calls (%zu%%), %.0f s elapsed, about %.0f s left\n",
                 what_.c_str(), done, total, done * 100 / total, secs, eta);
    std::fflush(out_);
  }
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mu_);
  if (tty_ && drawn_) {
    std::fputc('\n', out_);
    std::fflush(out_);
    drawn_ = false;
  }
}

}  // namespace pubtrack::app
