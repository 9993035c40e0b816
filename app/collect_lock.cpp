// SPDX-License-Identifier: Apache-2.0
// flock-based collect lock.
#include "app/collect_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/strings.h"

namespace pubtrack::app {

std::optional<CollectLock> CollectLock::tryAcquire(const std::filesystem::path& database,
                                                   const std::string& now, std::string& holder) {
  const std::string path = database.string() + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    holder = "cannot open " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[256] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string content = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    holder = std::string(core::trim(content));
    if (holder.empty()) holder = "pid unknown";
    ::close(fd);
    return std::nullopt;
  }
  const std::string content = "pid " + std::to_string(::getpid()) + ", since " + now + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, content.data(), content.size(), 0) < 0) {
    // The lock is held anyway; only the description is missing.
  }
  return CollectLock(fd);
}

CollectLock::~CollectLock() {
  if (fd_ >= 0) {
    if (::ftruncate(fd_, 0) != 0) {
      // Nothing to do: the lock is released below either way.
    }
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

}  // namespace pubtrack::app
