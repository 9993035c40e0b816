#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Peer: Debian's newsboat as a whole app, `newsboat -x reload` over file:// URLs of every corpus
# file with a fresh temporary config and cache per run; items = rows in its SQLite cache. Its
# time includes fetching and SQLite writes, so MB/s is an upper bound on its parsing alone.
# CPU time (user + sys) is reported beside wall time.
# Usage: newsboat_peer.sh CORPUS_DIR [runs=2] [WORK_DIR]   -> one JSON line on stdout
set -euo pipefail
corpus=$1
runs=${2:-2}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
find "$corpus" -maxdepth 1 -type f ! -name expected.json ! -name MANIFEST.tsv ! -name README.md \
  -printf 'file://%p\n' | sort >"$work/urls"
bytes=$(find "$corpus" -maxdepth 1 -type f ! -name expected.json ! -name MANIFEST.tsv \
  ! -name README.md -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(wc -l <"$work/urls")
printf 'reload-threads 1\nshow-read-feeds yes\n' >"$work/config"
best="" bestcpu=""
items=0 withitems=0 rss=0
for r in $(seq "$runs"); do
  rm -f "$work/cache.db" "$work/cache.db.lock"
  export HOME="$work"  # newsboat writes its history and lock files under $HOME
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" newsboat -x reload -u "$work/urls" -c "$work/cache.db" \
    -C "$work/config" >"$work/log.$r" 2>&1 || true
  read -r wall rss usr sys <"$work/time"
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN {print u + s}')
  if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$wall; fi
  if [[ -z "$bestcpu" ]] || awk -v a="$cpu" -v b="$bestcpu" 'BEGIN {exit !(a < b)}'; then
    bestcpu=$cpu
  fi
  items=$(sqlite3 "$work/cache.db" 'SELECT count(*) FROM rss_item')
  withitems=$(sqlite3 "$work/cache.db" 'SELECT count(DISTINCT feedurl) FROM rss_item')
done
awk -v b="$bytes" -v t="$best" -v i="$items" -v w="$withitems" -v f="$files" -v r="$rss" \
  -v n="$runs" -v c="$bestcpu" 'BEGIN {
  printf "{\"peer\":\"newsboat %s\",\"files\":%d,\"with_items\":%d,\"items\":%d,\"bytes\":%d,", "2.21", f, w, i, b
  printf "\"passes\":%d,\"best_s\":%.3f,\"best_cpu_s\":%.3f,\"mbps\":%.2f,\"cpu_mbps\":%.2f,", n, t, c, b / 1e6 / t, b / 1e6 / c
  printf "\"items_per_s\":%.0f,\"peak_rss_mb\":%.1f}\n", i / t, r / 1024 }'
