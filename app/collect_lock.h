// SPDX-License-Identifier: Apache-2.0
// The exclusive collect lock next to the database (<db>.lock): an flock() held for the whole
// run, so a killed process never leaves a stale lock (the kernel drops it with the process).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace pubtrack::app {

class CollectLock {
 public:
  // Takes the lock or returns nullopt with `holder` saying "pid N, since T".
  static std::optional<CollectLock> tryAcquire(const std::filesystem::path& database,
                                               const std::string& now, std::string& holder);
  CollectLock(CollectLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CollectLock& operator=(CollectLock&&) = delete;
  CollectLock(const CollectLock&) = delete;
  ~CollectLock();

 private:
  explicit CollectLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace pubtrack::app
