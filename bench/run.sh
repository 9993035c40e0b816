#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every performance claim of pubtrack in one go and prints one table: the figure, pubtrack's
# value, each peer's value on the same input in the same run, the ratio and the target with
# PASS/FAIL. Peers: Debian's python3-feedparser and newsboat, npm's rss-parser and
# @extractus/feed-extractor (bench/node_modules, from bench/package-lock.json), the sqlite3 shell.
# Everything runs on 127.0.0.1. See bench/README.md for what each row means.
#
# Usage: bench/run.sh [--quick] [--no-build] [--only LIST]
#   --quick     fewer passes and smaller stores (a smoke test, figures not comparable)
#   --no-build  use build/release as it is (no bootstrap, no npm ci, no cmake)
#   --only      comma-separated sections: parse,collect,fetch,wechat,store,report,growth,
#               dashboard,match,micro (default: all)
# DASHBOARD_LOAD=PATH names the dashboard_load binary when it is not in build/release;
# UPSERT_ROWS=N sets how many rows the storage rows upsert (default 500000).
# Outputs land in build/release/bench-run/ (results.tsv, results.md, growth.md, *.log, *.json).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
build=1
only="parse,collect,fetch,wechat,store,report,growth,dashboard,match,micro"
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --only) only="$2"; shift ;;
    -h | --help) sed -n 3,16p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
want() { [[ ",$only," == *",$1,"* ]]; }

bdir="$root/build/release"
out="$bdir/bench-run"
corpus=$(cd "$root/../shared/corpus/feeds" && pwd)
pt="$bdir/app/pubtrack"
sim="$bdir/sim/pubtrack-sim"
py=/usr/bin/python3  # Debian's, where python3-feedparser lives
export PUBTRACK_BENCH_SECRET=bench-secret-not-real

# Passes and sizes (--quick shrinks them).
pt_passes=20 fp_passes=2 node_passes=3 nb_runs=2 upsert_rows=${UPSERT_ROWS:-500000}
big_items=1000000
big_accounts=100
if ((quick)); then
  pt_passes=3 fp_passes=1 node_passes=1 nb_runs=1 upsert_rows=100000 big_items=100000
  big_accounts=10
fi

t_start=$(date +%s)
log() { printf '[%4ds] %s\n' "$(($(date +%s) - t_start))" "$*" >&2; }

if ((build)); then
  log "bootstrap, npm ci, build (release)"
  bash scripts/bootstrap.sh bench
  (cd bench && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cmake --preset release >/dev/null
  cmake --build "$bdir" -j2 --target pubtrack pubtrack-sim feed_parse_throughput \
    store_upsert_throughput feed_parse_bench wechat_json_bench wechat_backfill_bench store_bench \
    phrasing_bench fetch_bench mention_match_bench >/dev/null
  if [[ -f bench/dashboard_load.cpp ]]; then
    cmake --build "$bdir" -j2 --target dashboard_load >/dev/null 2>&1 ||
      log "no dashboard_load target to build (row 8 is skipped unless the binary exists)"
  fi
fi

rm -rf "$out"
mkdir -p "$out"
rows="$out/results.tsv"
printf '#\tfigure\tpubtrack\tpeers (same input, same run)\tratio\ttarget\tverdict\n' >"$rows"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }
# jf FILE EXPR: a jq expression over a one-line JSON file.
jf() { jq -r "$2" "$1"; }
# calc EXPR: floating-point arithmetic (python, so no bc needed).
calc() { "$py" -c "print($1)"; }
# verdict COND: PASS when the python expression is true.
verdict() { if [[ $("$py" -c "print(bool($1))") == True ]]; then echo PASS; else echo FAIL; fi; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# start_sim NAME FEEDS_DIR LATENCY_MS: starts pubtrack-sim on 127.0.0.1, sets sim_pid/sim_port.
start_sim() {
  local name=$1 feeds=$2 latency=$3
  rm -f "$out/$name.port"
  "$sim" --listen 127.0.0.1:0 --port-file "$out/$name.port" --feeds "$feeds" \
    --latency-ms "$latency" --today 2025-01-10T10:00 >"$out/$name.sim.log" 2>&1 &
  sim_pid=$!
  pids+=("$sim_pid")
  for _ in $(seq 100); do [[ -s "$out/$name.port" ]] && break; sleep 0.05; done
  sim_port=$(cat "$out/$name.port")
}
stop_sim() { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }

# feeds_config DIR PORT URLS_FILE [concurrency per_host]: a config with one [feed.fNNNN] per URL
# path in URLS_FILE (tier other, one keyword), database DIR/pubtrack.db.
feeds_config() {
  local dir=$1 port=$2 urls=$3 conc=${4:-8} per_host=${5:-8}
  mkdir -p "$dir"
  {
    printf '[database]\npath = pubtrack.db\n\n[http]\nconcurrency = %s\nper_host = %s\n' \
      "$conc" "$per_host"
    printf 'retries = 0\n\n[monitor]\nkeywords = 深圳市国资委\n\n'
    local i=0
    while read -r path; do
      i=$((i + 1))
      printf '[feed.f%04d]\nurl = http://127.0.0.1:%s%s\noutlet = 测试媒体%d\ntier = other\n\n' \
        "$i" "$port" "$path" "$i"
    done <"$urls"
  } >"$dir/pubtrack.ini"
  "$pt" --config "$dir/pubtrack.ini" --quiet init >/dev/null
}

# timed OUTFILE CMD...: runs CMD under /usr/bin/time; OUTFILE gets "wall_s max_rss_kb user_s
# sys_s"; the
# command's output goes to OUTFILE.log. Returns the command's exit code.
timed() {
  local f=$1
  shift
  local rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$f" "$@" >"$f.log" 2>&1 || rc=$?
  # time(1) puts "Command exited with non-zero status N" first when the command failed.
  tail -n 1 "$f" >"$f.tmp" && mv "$f.tmp" "$f"
  return $rc
}

corpus_bytes=$(find "$corpus" -maxdepth 1 -type f ! -name expected.json ! -name MANIFEST.tsv \
  ! -name README.md -printf '%s\n' | awk '{s+=$1} END {print s}')
corpus_mb=$(calc "$corpus_bytes/1e6")
log "machine: $(nproc) cores, load $(loadavg); corpus $corpus_bytes bytes"
echo "load_start $(loadavg)" >"$out/load.txt"

# ---------------------------------------------------------------------------------------------
# 1. Feed parsing alone: pubtrack vs feedparser, newsboat, rss-parser, feed-extractor.
if want parse || want collect; then
  log "1. parse: pubtrack ($pt_passes passes)"
  "$bdir/bench/feed_parse_throughput" "$corpus" "$pt_passes" >"$out/parse.pubtrack.json"
  log "1. parse: python3-feedparser ($fp_passes passes)"
  "$py" bench/peers/feedparser_peer.py "$corpus" "$fp_passes" >"$out/parse.feedparser.json"
fi
if want parse; then
  log "1. parse: rss-parser, feed-extractor ($node_passes passes each)"
  (cd bench && node peers/node_peers.mjs rss-parser "$corpus" "$node_passes") \
    >"$out/parse.rss-parser.json"
  (cd bench && node peers/node_peers.mjs feed-extractor "$corpus" "$node_passes") \
    >"$out/parse.feed-extractor.json"
  log "1. parse: newsboat ($nb_runs runs)"
  bash bench/peers/newsboat_peer.sh "$corpus" "$nb_runs" "$out/newsboat" >"$out/parse.newsboat.json"
  # Re-measure pubtrack right after the peers too; the better of the two runs counts (the
  # machine may be shared), and both are in the JSON files.
  "$bdir/bench/feed_parse_throughput" "$corpus" "$pt_passes" >"$out/parse.pubtrack2.json"
  pt_cpu=$(jq -rs 'map(.cpu_mbps) | max' "$out/parse.pubtrack.json" "$out/parse.pubtrack2.json")
  pt_wall=$(jq -rs 'map(.mbps) | max' "$out/parse.pubtrack.json" "$out/parse.pubtrack2.json")
  pt_items=$(jf "$out/parse.pubtrack.json" .items)
  fp_cpu=$(jf "$out/parse.feedparser.json" .cpu_mbps)
  peers=""
  for p in feedparser newsboat rss-parser feed-extractor; do
    f="$out/parse.$p.json"
    peers+="$(jf "$f" '.peer | split(" ")[0]') $(jf "$f" .cpu_mbps) ($(jf "$f" .mbps) wall), "
    peers+="$(jf "$f" .items) items; "
  done
  row 1a "feed parse, whole corpus, 1 core, MB/s by CPU time (wall); $pt_items items" \
    "$pt_cpu ($pt_wall wall)" "$peers" "-" ">= 100 MB/s" "$(verdict "$pt_cpu >= 100")"
  ratio=$(calc "round($pt_cpu / $fp_cpu, 1)")
  row 1b "feed parse vs python3-feedparser (CPU-time MB/s)" "$pt_cpu MB/s" \
    "feedparser $fp_cpu MB/s" "${ratio}x" ">= 20x" "$(verdict "$ratio >= 20")"
  for p in newsboat rss-parser feed-extractor; do
    pm=$(jf "$out/parse.$p.json" .cpu_mbps)
    row 1c "feed parse vs $p (CPU-time MB/s, informational)" "$pt_cpu MB/s" "$p $pm MB/s" \
      "$(calc "round($pt_cpu / max($pm, 1e-9), 1)")x" "-" "-"
  done
fi

# ---------------------------------------------------------------------------------------------
# 2. The whole collect of the corpus over loopback (fetch + parse + store) and its peak RSS.
if want collect; then
  log "2. collect of the corpus from pubtrack-sim"
  start_sim corpus "$corpus" 0
  find "$corpus" -maxdepth 1 -type f ! -name expected.json ! -name MANIFEST.tsv ! -name README.md \
    -printf '/feeds/%f\n' | sort >"$out/corpus.urls"
  # Three runs, each into a fresh database. The median counts (a run's fixed costs, process start,
  # opening the store and scheduling the fetches, vary from run to run as much as the work), and
  # is compared with feedparser's median warm pass; the fastest is shown too. The peak RSS is the
  # largest of the three. As feedparser has its untimed pass, one untimed collect goes first: the
  # simulator reads each file once and the binary's pages are loaded, neither pubtrack's work.
  feeds_config "$out/collect" "$sim_port" "$out/corpus.urls" 8 8
  "$pt" --config "$out/collect/pubtrack.ini" collect --source feeds --today 2025-01-10 \
    >"$out/collect0.log" 2>&1 || true
  rss_kb=0 walls="" runs=()
  for n in 1 2 3; do
    rm -rf "$out/collect"
    feeds_config "$out/collect" "$sim_port" "$out/corpus.urls" 8 8
    rc=0
    timed "$out/collect$n.time" "$pt" --config "$out/collect/pubtrack.ini" collect --source feeds \
      --today 2025-01-10 || rc=$?
    read -r w r u s <"$out/collect$n.time"
    walls+="${walls:+, }$w"
    runs+=("$w $u $s")
    ((r > rss_kb)) && rss_kb=$r
  done
  read -r best _ _ < <(printf '%s\n' "${runs[@]}" | sort -g | head -1)
  read -r wall usr sys < <(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
  stop_sim
  items=$(sqlite3 "$out/collect/pubtrack.db" 'SELECT count(*) FROM feed_items')
  c_mbps=$(calc "round($corpus_mb / $wall, 2)")
  c_cpu=$(calc "round($corpus_mb / ($usr + $sys), 2)")
  fp_wall=$(jf "$out/parse.feedparser.json" .mbps_median)
  ratio=$(calc "round($c_mbps / $fp_wall, 1)")
  best_ratio=$(calc "round($corpus_mb / $best / $(jf "$out/parse.feedparser.json" .mbps), 1)")
  row 2a "collect of the corpus (fetch+parse+store, exit $rc, $items items), median of 3, wall MB/s (CPU)" \
    "$c_mbps ($c_cpu CPU) in $wall s (runs: $walls s; best vs best ${best_ratio}x)" \
    "feedparser warm, median pass $fp_wall ($(jf "$out/parse.feedparser.json" .cpu_mbps) CPU)" \
    "${ratio}x" ">= 10x" "$(verdict "$ratio >= 10")"
  rss_mb=$(calc "round($rss_kb / 1024, 1)")
  row 2b "collect of the corpus: peak RSS" "$rss_mb MB" "feedparser $(jf "$out/parse.feedparser.json" \
    .peak_rss_mb) MB (parse only)" "-" "< 100 MB" "$(verdict "$rss_mb < 100")"
fi

# ---------------------------------------------------------------------------------------------
# 3. Fetching 1000 generated feeds at 100 ms latency, concurrency 32; then the 304 run.
if want fetch; then
  log "3. fetch: 1000 generated feeds, 100 ms latency, concurrency 32"
  start_sim fetch "$corpus" 100
  seq 1 1000 | sed 's|^|/feeds/gen/|; s|$|.xml|' >"$out/gen1000.urls"
  feeds_config "$out/fetch" "$sim_port" "$out/gen1000.urls" 32 32
  rc1=0 rc2=0
  timed "$out/fetch1.time" "$pt" --config "$out/fetch/pubtrack.ini" collect --source feeds \
    --today 2025-01-10 || rc1=$?
  timed "$out/fetch2.time" "$pt" --config "$out/fetch/pubtrack.ini" collect --source feeds \
    --today 2025-01-10 || rc2=$?
  stop_sim
  read -r w1 _ <"$out/fetch1.time"
  read -r w2 _ <"$out/fetch2.time"
  "$pt" --config "$out/fetch/pubtrack.ini" feeds list --format json >"$out/fetch.feeds.json"
  n304=$(jq '[.[] | select(.last_status == "not-modified")] | length' "$out/fetch.feeds.json")
  nok=$(jq '[.[] | select(.last_status == "ok")] | length' "$out/fetch.feeds.json")
  ratio=$(calc "round($w1 / 3.125, 2)")
  row 3a "fetch 1000 feeds @100 ms, 32 in flight (exit $rc1)" "$w1 s" \
    "ideal 1000x0.1/32 = 3.125 s" "${ratio}x ideal" "<= 1.5x ideal" "$(verdict "$ratio <= 1.5")"
  row 3b "second run (exit $rc2): answered 304" "$n304 of 1000 ($w2 s)" "status ok: $nok" "-" \
    "almost all 304" "$(verdict "$n304 >= 990")"
  if [[ -x "$bdir/bench/fetch_bench" ]]; then
    "$bdir/bench/fetch_bench" 1000 100 32 >"$out/fetch_bench.txt" 2>&1 || true
    fb=$(grep -o 'wall=[0-9.]*s.*ratio=[0-9.]*' "$out/fetch_bench.txt" || echo "failed")
    row 3c "fetch_bench: HTTP client alone vs fake server (informational)" "$fb" "-" "-" "-" "-"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 4. WeChat backfill: 10 accounts, a full year, 20 ms latency, 4 in flight.
if want wechat; then
  log "4. wechat_backfill_bench 10 20 4 2024"
  "$bdir/bench/wechat_backfill_bench" 10 20 4 2024 >"$out/wechat.txt" 2>&1 || true
  wr=$(sed -n 's/^wall \([0-9.]*\) s, ideal \([0-9.]*\) s, ratio \([0-9.]*\)$/\1 \2 \3/p' \
    "$out/wechat.txt")
  read -r ww wi wratio <<<"${wr:-0 0 99}"
  calls=$(sed -n 's/^datacube calls \([0-9]*\) + token calls \([0-9]*\).*/\1+\2/p' "$out/wechat.txt")
  percall=$(sed -n 's/.* \([0-9.]*\) us CPU per body.*/\1/p' "$out/wechat.txt")
  row 4a "WeChat backfill 10 accounts x 2024 ($calls calls, 20 ms, 4 in flight)" "$ww s" \
    "ideal $wi s" "${wratio}x ideal" "<= 1.5x ideal" "$(verdict "$wratio <= 1.5")"
  row 4b "WeChat: CPU per response parse" "$percall us" "-" "-" "(reported)" "-"
fi

# ---------------------------------------------------------------------------------------------
# 5. Storage: FeedsRepo::upsertItem in batched transactions vs sqlite3 .import of the same rows.
if want store; then
  log "5. store: $upsert_rows upserts vs sqlite3 .import"
  mkdir -p "$out/store"
  "$bdir/bench/store_upsert_throughput" "$out/store/upsert.db" "$upsert_rows" 10000 \
    "$out/store/items.csv" >"$out/store.upsert.json"
  rm -f "$out/store/import.db"
  cat >"$out/store/import.sql" <<'SQL'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE feed_items (
  feed TEXT NOT NULL, item_key TEXT NOT NULL, guid TEXT, title TEXT NOT NULL DEFAULT '',
  link TEXT, summary TEXT, content TEXT, author TEXT, published TEXT, published_raw TEXT,
  source_name TEXT, source_url TEXT, position INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, UNIQUE (feed, item_key));
CREATE INDEX feed_items_by_published ON feed_items (published);
BEGIN;
.import --csv items.csv feed_items
COMMIT;
SQL
  s0=$(date +%s.%N)
  (cd "$out/store" && sqlite3 import.db <import.sql >/dev/null)
  s1=$(date +%s.%N)
  imported=$(sqlite3 "$out/store/import.db" 'SELECT count(*) FROM feed_items')
  imp_rate=$(calc "round($imported / ($s1 - $s0))")
  ins_rate=$(jf "$out/store.upsert.json" .insert_rows_per_s)
  upd_rate=$(jf "$out/store.upsert.json" .update_rows_per_s)
  ratio=$(calc "round($ins_rate / $imp_rate, 2)")
  row 5a "store: upsertItem, $upsert_rows new rows, 10k per transaction" "$ins_rate rows/s" \
    "sqlite3 .import $imp_rate rows/s" "$ratio" "(practical limit = 1.0)" "-"
  row 5b "store: upsertItem, the same rows again (updates)" "$upd_rate rows/s" \
    "sqlite3 .import $imp_rate rows/s" "$(calc "round($upd_rate / $imp_rate, 2)")" "-" "-"
  rm -f "$out/store/items.csv" "$out/store/"*.db*
fi

# ---------------------------------------------------------------------------------------------
# gen_store ACCOUNTS ITEMS FEEDS DIR: a database made by `pubtrack init` and filled by
# bench/gen_store.sql, with a config naming the accounts. Prints the seconds it took.
gen_store() {
  local accounts=$1 items=$2 feeds=$3 dir=$4
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    printf '[database]\npath = pubtrack.db\n\n[report]\nagency = 性能测试局\n\n'
    printf '[monitor]\nkeywords = 深圳市国资委\n\n[server]\nlisten = 127.0.0.1:0\n\n'
    for i in $(seq 1 "$accounts"); do
      printf '[account.acct%03d]\nname = 测试账号%d\nappid = wxbench%010d\n' "$i" "$i" "$i"
      printf 'secret_env = PUBTRACK_BENCH_SECRET\n\n'
    done
  } >"$dir/pubtrack.ini"
  "$pt" --config "$dir/pubtrack.ini" --quiet init >/dev/null
  local g0 g1
  g0=$(date +%s.%N)
  sqlite3 "$dir/pubtrack.db" -cmd ".parameter set @accounts $accounts" \
    -cmd ".parameter set @items $items" -cmd ".parameter set @feeds $feeds" \
    -cmd ".parameter set @years 3" -cmd ".parameter set @last_year 2024" \
    <bench/gen_store.sql >"$dir/gen.log"
  g1=$(date +%s.%N)
  calc "round($g1 - $g0, 1)"
}

# report_times DIR: times `pubtrack report --year 2024` in every format; writes DIR/report.tsv
# (format, seconds, bytes, exit code).
report_times() {
  local dir=$1 f rc
  : >"$dir/report.tsv"
  for f in text markdown json csv html docx; do
    rc=0
    timed "$dir/report.$f.time" "$pt" --config "$dir/pubtrack.ini" report --year 2024 \
      --today 2025-01-10 --format "$f" --out "$dir/report.$f" || rc=$?
    printf '%s\t%s\t%s\t%s\n' "$f" "$(cut -d' ' -f1 "$dir/report.$f.time")" \
      "$(stat -c %s "$dir/report.$f" 2>/dev/null || echo 0)" "$rc" >>"$dir/report.tsv"
  done
}

# ---------------------------------------------------------------------------------------------
# 6. Reports over 100 accounts x 3 years + 1,000,000 items.
big="$out/store-big"
if want report || want dashboard || want growth; then
  log "6. generating the store: $big_accounts accounts x 3 years, $big_items items"
  gen_s=$(gen_store "$big_accounts" "$big_items" 1000 "$big")
  log "   generated in $gen_s s: $(tail -n 1 "$big/gen.log")"
fi
if want report; then
  row 6a "generate the report store ($big_accounts accounts x 3 y, $big_items items)" \
    "$gen_s s" "-" "-" "< 60 s" "$(verdict "$gen_s < 60")"
  report_times "$big"
  while IFS=$'\t' read -r f s bytes rc; do
    row 6b "report --year 2024 --format $f ($bytes bytes, exit $rc)" "$s s" "-" "-" "< 1 s" \
      "$(verdict "$s < 1 and $rc == 0")"
  done <"$big/report.tsv"
  hb=$(awk -F'\t' '$1 == "html" {print $3}' "$big/report.tsv")
  row 6c "report HTML size" "$(calc "round($hb / 1e6, 3)") MB" "-" "-" "< 1 MB" \
    "$(verdict "$hb < 1e6")"
fi

# ---------------------------------------------------------------------------------------------
# 8. Dashboard under load (bench/dashboard_load, when it exists), while a collect runs.
dl=""
for c in "${DASHBOARD_LOAD:-}" "$bdir/bench/dashboard_load" "$bdir/dashboard_load"; do
  [[ -n "$c" && -x "$c" ]] && dl=$c && break
done
if want dashboard; then
  if [[ -z "$dl" ]]; then
    row 8 "dashboard: req/s and p99, 32 connections" "not run" "-" "-" \
      ">= 2000 req/s, p99 < 20 ms" "SKIP (no dashboard_load binary)"
  else
    log "8. dashboard_load, 32 connections, while a collect runs"
    start_sim dash "$corpus" 100
    seq 1 1000 | sed 's|^|/feeds/gen/|; s|$|.xml|' >"$out/gen1000.urls"
    # The collect writes into the store being served (as the nightly run does), so every
    # batch it commits makes the server's answers out of date.
    feeds_config "$out/dash-collect" "$sim_port" "$out/gen1000.urls" 32 32
    sed -i "s|^path = pubtrack.db|path = $big/pubtrack.db|" "$out/dash-collect/pubtrack.ini"
    "$pt" --config "$out/dash-collect/pubtrack.ini" collect --source feeds --today 2025-01-10 \
      >"$out/dash-collect.log" 2>&1 &
    cpid=$!
    pids+=("$cpid")
    # Against `pubtrack serve` on the step-6 store (100 accounts, a million items), on a port
    # that was free a moment ago; 2024 and two of its accounts are what the requests ask for.
    sport=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])')
    "$pt" --config "$big/pubtrack.ini" serve --listen "127.0.0.1:$sport" >"$out/serve.log" 2>&1 &
    serve_pid=$!
    pids+=("$serve_pid")
    for _ in $(seq 100); do
      "$py" -c 'import sys, urllib.request
urllib.request.urlopen("http://127.0.0.1:%s/api/status" % sys.argv[1], timeout=2)' "$sport" \
        2>/dev/null && break
      sleep 0.1
    done
    dargs=(--connections 32 --seconds 5 --url "http://127.0.0.1:$sport" --year 2024
      --accounts acct001,acct002)
    where="pubtrack serve, step-6 store"
    "$dl" "${dargs[@]}" >"$out/dashboard.txt" 2>&1 || true
    kill "$serve_pid" 2>/dev/null || true
    wait "$cpid" 2>/dev/null || true
    stop_sim
    read -r _ drps _ dp99 < <(awk '$1 == "all" {print $1, $2, $3, $4}' "$out/dashboard.txt")
    row 8 "dashboard ($where) with a collect running, 32 conns" \
      "${drps:-?} req/s, p99 ${dp99:-?} ms" "-" "-" ">= 2000 req/s, p99 < 20 ms" \
      "$(verdict "${drps:-0} >= 2000 and ${dp99:-999} < 20")"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 7. Growth: collect, report (and dashboard) at 1x / 10x / 100x.
if want growth; then
  log "7. growth"
  g="$out/growth.md"
  {
    echo "| step | feeds | collect s (latency 0) | s per feed | accounts | items | report text s | report html s | report html bytes |"
    echo "|---|---|---|---|---|---|---|---|---|"
  } >"$g"
  start_sim growth "$corpus" 0
  steps=("1 10 1 10000" "10 100 10 100000" "100 1000 $big_accounts $big_items")
  ((quick)) && steps=("1 10 1 10000" "10 100 10 100000")
  for s in "${steps[@]}"; do
    read -r mult nfeeds accts nitems <<<"$s"
    seq 1 "$nfeeds" | sed 's|^|/feeds/gen/|; s|$|.xml|' >"$out/growth$mult.urls"
    feeds_config "$out/growth-c$mult" "$sim_port" "$out/growth$mult.urls" 32 32
    timed "$out/growth-c$mult.time" "$pt" --config "$out/growth-c$mult/pubtrack.ini" collect \
      --source feeds --today 2025-01-10 || true
    cw=$(cut -d' ' -f1 "$out/growth-c$mult.time")
    if [[ "$mult" == 100 && -f "$big/report.tsv" ]]; then
      rdir=$big
    else
      rdir="$out/growth-r$mult"
      gen_store "$accts" "$nitems" "$((nfeeds))" "$rdir" >/dev/null
      report_times "$rdir"
    fi
    rt=$(awk -F'\t' '$1 == "text" {print $2}' "$rdir/report.tsv")
    rh=$(awk -F'\t' '$1 == "html" {print $2}' "$rdir/report.tsv")
    hb=$(awk -F'\t' '$1 == "html" {print $3}' "$rdir/report.tsv")
    printf '| %sx | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$mult" "$nfeeds" "$cw" \
      "$(calc "round($cw / $nfeeds, 4)")" "$accts" "$nitems" "$rt" "$rh" "$hb" >>"$g"
  done
  stop_sim
  c1=$(sed -n 3p "$g" | cut -d'|' -f4 | tr -d ' ')
  cN=$(tail -1 "$g" | cut -d'|' -f4 | tr -d ' ')
  n1=$(sed -n 3p "$g" | cut -d'|' -f3 | tr -d ' ')
  nN=$(tail -1 "$g" | cut -d'|' -f3 | tr -d ' ')
  r1=$(sed -n 3p "$g" | cut -d'|' -f8 | tr -d ' ')
  rN=$(tail -1 "$g" | cut -d'|' -f8 | tr -d ' ')
  f=$(calc "$nN / $n1")
  cg=$(calc "round($cN / $c1, 1)")
  rg=$(calc "round($rN / $r1, 1)")
  row 7a "growth: collect ${n1} -> ${nN} gen feeds (x$f)" "x$cg time" "-" "-" \
    "roughly linear (<= x$(calc "round($f * 1.5)"))" "$(verdict "$cg <= $f * 1.5")"
  row 7b "growth: report text, 1 -> $big_accounts accounts, 10k -> $big_items items (x$f)" \
    "x$rg time ($r1 -> $rN s)" "-" "-" "roughly linear (<= x$(calc "round($f * 1.5)"))" \
    "$(verdict "$rg <= $f * 1.5")"
fi

# ---------------------------------------------------------------------------------------------
# Micro-benchmarks (Google Benchmark), briefly.
if want match; then
  log "mention matcher: labeled set and corpus items"
  "$bdir/bench/mention_match_bench" "$corpus" >"$out/match.txt" 2>&1 || true
  tail -n 1 "$out/match.txt" >"$out/match.json"
  by_rule=$(sed -n '/^by rule/,/^by category/p' "$out/match.txt" | grep -v '^by' |
    awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $NF}')
  row 9a "mention matcher on the labeled set (361 items): precision; by rule: $by_rule" \
    "$(calc "round(100 * $(jf "$out/match.json" .precision), 1)") %" "-" "-" ">= 95 %" \
    "$(verdict "$(jf "$out/match.json" .precision) >= 0.95")"
  row 9b "mention matcher on the labeled set: recall (by category in match.txt)" \
    "$(calc "round(100 * $(jf "$out/match.json" .recall), 1)") %" "-" "-" ">= 95 %" \
    "$(verdict "$(jf "$out/match.json" .recall) >= 0.95")"
  row 9c "mention matcher: time per corpus item ($(jf "$out/match.json" .corpus_items) items), 1 core" \
    "$(jf "$out/match.json" .corpus_us_per_item) us" "-" "-" "(reported)" "-"
fi

if want micro; then
  log "micro-benchmarks (--benchmark_min_time=0.1)"
  for b in feed_parse_bench wechat_json_bench store_bench phrasing_bench; do
    "$bdir/bench/$b" --benchmark_min_time=0.1 --benchmark_out="$out/micro.$b.json" \
      --benchmark_out_format=json >"$out/micro.$b.txt" 2>&1 || echo "$b failed" >&2
  done
  wc=$(jq -r '.benchmarks[] | select(.name | test("WholeCorpus")) | .bytes_per_second / 1e6 |
    floor' "$out/micro.feed_parse_bench.json" 2>/dev/null | head -1)
  row M "micro: feed_parse_bench BM_ParseWholeCorpus" "${wc:-?} MB/s" "-" "-" "(see micro.*.txt)" "-"
fi

echo "load_end $(loadavg)" >>"$out/load.txt"
total=$(($(date +%s) - t_start))

# The table, for the terminal and as Markdown.
{
  echo "| # | figure | pubtrack | peers (same input, same run) | ratio | target | verdict |"
  echo "|---|---|---|---|---|---|---|"
  tail -n +2 "$rows" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7}'
} >"$out/results.md"
echo
column -t -s $'\t' "$rows"
echo
[[ -f "$out/growth.md" ]] && cat "$out/growth.md" && echo
echo "machine: $(nproc) cores; load at start $(sed -n 's/load_start //p' "$out/load.txt"), at end $(loadavg); run took ${total} s"
echo "details: $out"
if grep -q $'\tFAIL$' "$rows"; then exit 1; fi
