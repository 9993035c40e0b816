#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang in build/fuzz and runs each for N seconds (default 30),
# two at a time. Exit 1 on any crash, timeout, leak or sanitizer report (the reproducer's path is
# printed), 2 on a setup or build failure.
# Usage: scripts/fuzz.sh [seconds_per_target]
# Environment: PUBTRACK_SHARED_DIR (default ../shared), FUZZ_TARGETS (space-separated subset),
#              FUZZ_PARALLEL (default 2), FUZZ_BUILD_DIR (default build/fuzz).
set -euo pipefail

secs=${1:-30}
if ! [[ "$secs" =~ ^[0-9]+$ ]] || ((secs < 1)); then
  echo "fuzz: seconds_per_target must be a positive whole number, got '$secs'" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${PUBTRACK_SHARED_DIR:-$root/../shared}
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
parallel=${FUZZ_PARALLEL:-2}
all_targets=(fuzz_feed_parser fuzz_feed_dates fuzz_wechat_json fuzz_config fuzz_csv
  fuzz_query_params)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"

for tool in clang clang++ cmake; do
  command -v "$tool" >/dev/null || {
    echo "fuzz: $tool not found (scripts/bootstrap.sh test installs it)" >&2
    exit 2
  }
done

# --- Build -----------------------------------------------------------------------------------
# No CMAKE_BUILD_TYPE: -O1 keeps the build short and, unlike Release, leaves asserts on.
echo "fuzz: building in $build"
mkdir -p "$build"
if ! CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DPUBTRACK_FUZZ=ON -DPUBTRACK_TESTS=OFF \
  -DPUBTRACK_BENCH=OFF -DPUBTRACK_SANITIZE=OFF >"$build.configure.log" 2>&1; then
  cat "$build.configure.log" >&2
  echo "fuzz: cmake configure failed" >&2
  exit 2
fi
rm -f "$build.configure.log"
if ! cmake --build "$build" --target fuzz_all -j2 >"$build/build.log" 2>&1; then
  tail -n 40 "$build/build.log" >&2
  echo "fuzz: build failed (log: $build/build.log)" >&2
  exit 2
fi

# --- Seeds -----------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pubtrack-fuzz.XXXXXX")
pids=()
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Seed folders per target; libFuzzer only writes to the first folder it is given (a fresh
# temporary one), so the shared corpus and the repository's folders are read, never changed.
seeds() {
  local t=$1 dir="$tmp/seeds/$1"
  mkdir -p "$dir"
  case "$t" in
    fuzz_feed_parser)
      if [[ -d "$shared/corpus/feeds" ]]; then
        echo "$shared/corpus/feeds"
      else
        echo "fuzz: $shared/corpus/feeds not found; fuzz_feed_parser starts without it" >&2
      fi
      ;;
    fuzz_wechat_json)
      # The first byte picks the endpoint: every fixture once behind every selector.
      local f sel
      for f in "$root"/tests/fixtures/wechat/*.json; do
        for sel in $(seq 0 12); do
          { printf '%b' "\\x$(printf %02x "$sel")"; cat "$f"; } >"$dir/$(basename "$f").$sel"
        done
      done
      ;;
    fuzz_config)
      "$build/fuzz/fuzz_write_config_seed" "$dir/template.ini"
      cp "$root/demo/pubtrack.ini" "$dir/demo.ini"
      local i=0 f
      while IFS= read -r -d '' f; do
        cp "$f" "$dir/fixture_$((i++)).ini"
      done < <(find "$root/tests/fixtures" -name '*.ini' -print0)
      ;;
    fuzz_csv) cp "$root/demo/ledger.csv" "$dir/ledger.csv" ;;
  esac
  if [[ -d "$root/fuzz/corpus/$t" ]]; then cp "$root/fuzz/corpus/$t"/* "$dir/" || true; fi
  echo "$dir"
}

max_len() {
  case "$1" in
    fuzz_feed_parser) echo 1048576 ;;
    fuzz_wechat_json | fuzz_config | fuzz_csv) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

dict() {
  case "$1" in
    fuzz_feed_parser) echo xml ;;
    fuzz_feed_dates) echo dates ;;
    fuzz_wechat_json) echo json ;;
    fuzz_config) echo ini ;;
    fuzz_csv) echo csv ;;
    fuzz_query_params) echo query ;;
  esac
}

# --- Runs ------------------------------------------------------------------------------------
artifacts="$build/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Starts one target in the background; its pid goes to `started`.
start() {
  local t=$1 work="$tmp/work/$1"
  mkdir -p "$work" "$artifacts/$t"
  local -a seed_dirs
  mapfile -t seed_dirs < <(seeds "$t")
  local -a args=("$work" "${seed_dirs[@]}" "-max_total_time=$secs" "-timeout=10"
    "-rss_limit_mb=2048" "-max_len=$(max_len "$t")" "-print_final_stats=1"
    "-artifact_prefix=$artifacts/$t/")
  local d
  d="$root/fuzz/$(dict "$t").dict"
  [[ -f "$d" ]] && args+=("-dict=$d")
  # libFuzzer stops itself after max_total_time; the outer timeout only catches a stuck start
  # (loading the seeds) or a hang the -timeout handler could not report.
  timeout -k 10 $((secs * 2 + 120)) "$build/fuzz/$t" "${args[@]}" >"$artifacts/$t.log" 2>&1 &
  started=$!
}

status=0
report() {
  local t=$1 rc=$2 log="$artifacts/$1.log" stats repro
  stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  if ((rc == 0)); then
    echo "fuzz: $t ok: ${stats:-no stats}"
    return
  fi
  status=1
  echo "fuzz: $t FAILED (exit $rc); log: $log" >&2
  grep -E 'ERROR:|SUMMARY:|runtime error|fuzz_[a-z_]+: ' "$log" | head -n 8 >&2 || true
  repro=$(grep -oE 'Test unit written to .*' "$log" | tail -n 1 | sed 's/Test unit written to //' ||
    true)
  if [[ -n "$repro" ]]; then
    echo "fuzz: reproducer: $repro" >&2
    echo "fuzz: replay with: $build/fuzz/$t $repro" >&2
  fi
  if ((rc == 124 || rc == 137)); then echo "fuzz: $t did not stop in time (killed)" >&2; fi
}

declare -A running=()
reap_one() {
  local done_pid rc=0
  wait -n -p done_pid "${!running[@]}" || rc=$?
  report "${running[$done_pid]}" "$rc"
  unset "running[$done_pid]"
}

for t in "${targets[@]}"; do
  if [[ ! -x "$build/fuzz/$t" ]]; then
    echo "fuzz: $t was not built (skipped)" >&2
    continue
  fi
  while ((${#running[@]} >= parallel)); do reap_one; done
  echo "fuzz: running $t for ${secs}s"
  start "$t"
  running[$started]=$t
  pids+=("$started")
done
while ((${#running[@]} > 0)); do reap_one; done

if ((status != 0)); then
  echo "fuzz: FAILED; reproducers and logs are in $artifacts" >&2
else
  echo "fuzz: all targets ran ${secs}s without a finding (logs: $artifacts)"
fi
exit "$status"
