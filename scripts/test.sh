#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds with -Wall -Wextra -Werror under ASan + UBSan, checks the
# formatting, and runs every test. .ci/run calls exactly this. Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh test

echo "== clang-format"
files=$(git ls-files '*.h' '*.cpp' '*.cpp.in' | grep -v '\.in$' || true)
if [[ -n "$files" ]]; then
  # shellcheck disable=SC2086
  clang-format --dry-run -Werror $files
fi

echo "== configure (ci preset: Debug, ASan + UBSan, -Werror)"
cmake --preset ci >/dev/null
echo "== build"
cmake --build --preset ci -j"$(nproc)"
echo "== test"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --preset ci
