#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, checks the formatting, runs each fuzzer briefly, builds with
# -Wall -Wextra -Werror under ASan + UBSan and runs every test. .ci/run calls exactly this.
# Ends with ctest's summary.
# Environment: PUBTRACK_FUZZ_SECONDS (default 30; 0 skips the fuzzers).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh test

echo "== clang-format"
mapfile -t files < <(git ls-files '*.h' '*.cpp')
if ((${#files[@]})); then
  clang-format --dry-run -Werror "${files[@]}"
fi

fuzz_seconds=${PUBTRACK_FUZZ_SECONDS:-30}
if ((fuzz_seconds > 0)); then
  echo "== fuzz (${fuzz_seconds} s per target)"
  bash scripts/fuzz.sh "$fuzz_seconds"
fi

echo "== configure (ci preset: Debug, ASan + UBSan, -Werror)"
cmake --preset ci >/dev/null
echo "== build"
cmake --build --preset ci -j"$(nproc)"
echo "== test"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --preset ci
