// SPDX-License-Identifier: Apache-2.0
// Test support: a temporary folder removed on destruction, file helpers, and running a built
// binary with its stdout, stderr and exit code captured.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace pubtrack::fakes {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pubtrack-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void writeFile(const std::filesystem::path& p, const std::string& content) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << content;
}

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

struct ProcessResult {
  int exit_code = -1;
  std::string out, err;
};

// A started process, its stdout and stderr going to files in its working folder.
struct Child {
  pid_t pid = -1;  // -1: it could not be started
  std::filesystem::path out, err;
};

// Starts `argv` in `cwd` with the environment minus PUBTRACK_CONFIG (tests choose their
// config) plus `env_extra` ("NAME=value"), stdin from /dev/null.
inline Child startProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::vector<std::string>& env_extra = {}) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  Child c;
  c.out = cwd / (".out" + std::to_string(n));
  c.err = cwd / (".err" + std::to_string(n));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, c.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, c.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  std::vector<std::string> envStrings;
  for (char** e = environ; *e; ++e) {
    std::string s = *e;
    if (s.rfind("PUBTRACK_CONFIG=", 0) == 0) continue;
    envStrings.push_back(s);
  }
  for (const auto& e : env_extra) envStrings.push_back(e);
  std::vector<char*> envp, args;
  for (auto& s : envStrings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argCopy = argv;
  for (auto& a : argCopy) args.push_back(a.data());
  args.push_back(nullptr);
  if (posix_spawn(&c.pid, args[0], &fa, nullptr, args.data(), envp.data()) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return c;
}

// Waits for `c` and collects its exit code (128 + signal when killed) and output; the output
// files are removed.
inline ProcessResult waitProcess(Child& c) {
  ProcessResult r;
  int status = 0;
  if (c.pid > 0 && ::waitpid(c.pid, &status, 0) == c.pid)
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  c.pid = -1;
  r.out = readFile(c.out);
  r.err = readFile(c.err);
  std::error_code ec;
  std::filesystem::remove(c.out, ec);
  std::filesystem::remove(c.err, ec);
  return r;
}

// Runs `argv` in `cwd` with extra environment entries ("NAME=value"), waiting for it.
inline ProcessResult runProcess(const std::vector<std::string>& argv,
                                const std::filesystem::path& cwd,
                                const std::vector<std::string>& env_extra = {}) {
  Child c = startProcess(argv, cwd, env_extra);
  return waitProcess(c);
}

}  // namespace pubtrack::fakes
