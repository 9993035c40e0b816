#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The deploy/ examples, as a new installation uses them (README "Nightly operation"):
#  - the systemd units pass `systemd-analyze verify` without a single warning, and the timer
#    fires at 08:30 China time (00:30 UTC) whatever the server's zone;
#  - every crontab line has five valid time fields, the collection runs at 08:30;
#  - the commands the units and the crontab run, taken from the files as they are (only
#    /usr/local/bin/pubtrack, /etc/pubtrack and /var/log/pubtrack are moved into a temporary
#    folder), work: the collect line collects from pubtrack-sim (real clock, 5 days of WeChat
#    data and the demo feeds) and writes its summary to collect.out and errors to collect.log,
#    the status line prints nothing while all is well and prints the status once a feed fails,
#    the dashboard unit's ExecStart serves /api/status and stops on SIGTERM;
#  - logrotate accepts the logrotate file and, run on the same log folder, rotates the logs
#    while the next collect keeps logging.
# Usage: deploy_test.sh PUBTRACK PUBTRACK_SIM SOURCE_DIR
set -euo pipefail
pt=$(realpath "$1") sim=$(realpath "$2") src=$(realpath "$3")
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
[[ -z "${KEEP:-}" ]] || trap - EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# Moves the installation paths of a deploy file into the temporary folder.
relocate() {
  sed -e "s|/usr/local/bin/pubtrack|$pt|g" -e "s|/etc/pubtrack|$tmp/etc|g" \
    -e "s|/var/log/pubtrack|$tmp/log|g" -e "s|/var/lib/pubtrack|$tmp/lib|g" "$1"
}
mkdir -p "$tmp/etc" "$tmp/log" "$tmp/lib" "$tmp/units"

# ---- systemd units -------------------------------------------------------------------------
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (package systemd)"
for u in pubtrack-collect.service pubtrack-collect.timer pubtrack-dashboard.service; do
  relocate "$src/deploy/$u" >"$tmp/units/$u"
done
out=$(cd "$tmp/units" && systemd-analyze verify ./pubtrack-collect.service \
  ./pubtrack-collect.timer ./pubtrack-dashboard.service 2>&1) || fail "systemd-analyze: $out"
[[ -z "$out" ]] || fail "systemd-analyze verify warned: $out"
ok "systemd-analyze verify: 3 units, no warning"
cal=$(sed -n 's/^OnCalendar=//p' "$src/deploy/pubtrack-collect.timer")
next=$(TZ=UTC systemd-analyze calendar --iterations=1 "$cal" | sed -n 's/.*Next elapse: //p')
[[ "$next" == *" 00:30:00 UTC" ]] || fail "timer '$cal' next elapse '$next', want 00:30 UTC"
ok "timer OnCalendar=$cal fires at $next"
grep -q '^Persistent=true' "$src/deploy/pubtrack-collect.timer" ||
  fail "the timer must be Persistent (a night missed while the server was off runs at boot)"

# ---- the installation: config, secrets, simulator on the real clock ------------------------
"$sim" --scenario "$src/demo/scenario.ini" --feeds "$src/demo/feeds" \
  --listen 127.0.0.1:0 --port-file "$tmp/sim.port" >"$tmp/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s "$tmp/sim.port" ]] && break; sleep 0.05; done
[[ -s "$tmp/sim.port" ]] || fail "pubtrack-sim did not start: $(cat "$tmp/sim.log")"
sim_port=$(cat "$tmp/sim.port")
dash_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
since=$(date -u -d '6 days ago' +%F)
sed -e "s/@SIM_PORT@/$sim_port/g" -e "s|^path = pubtrack.db|path = $tmp/lib/pubtrack.db|" \
  -e "s/^backfill_from = .*/backfill_from = $since/" "$src/demo/pubtrack.ini" >"$tmp/etc/pubtrack.ini"
printf '\n[server]\nlisten = 127.0.0.1:%s\n' "$dash_port" >>"$tmp/etc/pubtrack.ini"
printf 'PUBTRACK_DEMO_SECRET=demo-secret-not-real\n' >"$tmp/etc/secrets.env"
chmod 600 "$tmp/etc/secrets.env"
"$pt" --config "$tmp/etc/pubtrack.ini" --quiet init

# Runs a unit's ExecStart= the way systemd would: its Environment= and EnvironmentFile= set.
unit_env() {
  local f=$1
  sed -n 's/^Environment=//p' "$f"
  local ef
  ef=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$f")
  [[ -z "$ef" || ! -f "$ef" ]] || grep -v '^#' "$ef"
}
unit_exec() { sed -n 's/^ExecStart=//p' "$1"; }

# ---- crontab -------------------------------------------------------------------------------
relocate "$src/deploy/crontab" >"$tmp/crontab"
declare -A cronenv=()
jobs=()
fields_ok() {  # minute hour day-of-month month day-of-week, numbers/ranges/lists/steps
  local spec=$1 lo=$2 hi=$3 part a b
  IFS=, read -ra parts <<<"$spec"
  for part in "${parts[@]}"; do
    part=${part%%/*}
    [[ "$part" == "*" ]] && continue
    [[ "$part" =~ ^([0-9]+)(-([0-9]+))?$ ]] || return 1
    a=${BASH_REMATCH[1]} b=${BASH_REMATCH[3]:-${BASH_REMATCH[1]}}
    ((a >= lo && b <= hi && a <= b)) || return 1
  done
}
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  if [[ "$line" =~ ^([A-Z_]+)=(.*)$ ]]; then
    cronenv[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
    continue
  fi
  read -r mi ho dm mo dw cmd <<<"$line"
  fields_ok "$mi" 0 59 && fields_ok "$ho" 0 23 && fields_ok "$dm" 1 31 && fields_ok "$mo" 1 12 &&
    fields_ok "$dw" 0 7 || fail "crontab line with bad time fields: $line"
  jobs+=("$mi $ho|$cmd")
done <"$tmp/crontab"
((${#jobs[@]} == 2)) || fail "expected 2 crontab jobs, found ${#jobs[@]}"
[[ "${jobs[0]%%|*}" == "30 8" ]] || fail "collect should run at 08:30, crontab says ${jobs[0]%%|*}"
[[ -n "${cronenv[PUBTRACK_CONFIG]:-}" ]] || fail "the crontab sets no PUBTRACK_CONFIG"
ok "crontab: ${#jobs[@]} jobs, time fields valid, collect at 08:30"

# cron runs a line with sh, its variables set, in the user's home (here: an empty folder).
cron_run() {
  local envs=() k
  for k in "${!cronenv[@]}"; do envs+=("$k=${cronenv[$k]}"); done
  mkdir -p "$tmp/home"
  (cd "$tmp/home" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" "${envs[@]}" \
    PUBTRACK_DEMO_SECRET=demo-secret-not-real sh -c "$1")
}
cron_run "${jobs[0]#*|}" || fail "the crontab's collect line failed: $(tail -5 "$tmp/log/collect.out")"
grep -q "^feeds: 7 sources, 7 ok" "$tmp/log/collect.out" ||
  fail "collect.out has no summary of the feeds: $(cat "$tmp/log/collect.out")"
days=$(sqlite3 "$tmp/lib/pubtrack.db" "SELECT count(DISTINCT ref_date) FROM wechat_user_cumulate")
items=$(sqlite3 "$tmp/lib/pubtrack.db" "SELECT count(*) FROM feed_items")
((days >= 4 && items > 0)) || fail "the collect stored $days WeChat days and $items feed items"
ok "crontab collect line: $days WeChat days, $items feed items, summary in collect.out"
quiet=$(cron_run "${jobs[1]#*|}") || fail "the status line failed"
[[ -z "$quiet" ]] || fail "the status line printed (cron would mail) while all is well: $quiet"
ok "crontab status line: silent while all is well"
printf '\n[feed.gone]\nurl = http://127.0.0.1:%s/feeds/no-such-feed.xml\noutlet = gone\ntier = other\n' \
  "$sim_port" >>"$tmp/etc/pubtrack.ini"
cron_run "${jobs[0]#*|}" && fail "a collect with a failing feed should exit non-zero"
loud=$(cron_run "${jobs[1]#*|}") || true
[[ "$loud" == *"feed.gone"* ]] || fail "the status line should report the failing feed, got: $loud"
grep -q "feed.gone" "$tmp/log/collect.log" ||
  fail "the failing feed is not in collect.log: $(cat "$tmp/log/collect.log" 2>&1)"
ok "crontab status line: prints the status when a feed fails"
sed -i '/^\[feed.gone\]/,$d' "$tmp/etc/pubtrack.ini"

# ---- systemd services' commands ------------------------------------------------------------
svc="$tmp/units/pubtrack-collect.service"
mapfile -t senv < <(unit_env "$svc")
(cd / && env -i PATH=/usr/bin:/bin "${senv[@]}" $(unit_exec "$svc")) ||
  fail "the collect service's ExecStart failed"
ok "pubtrack-collect.service ExecStart runs (Environment and EnvironmentFile applied)"

svc="$tmp/units/pubtrack-dashboard.service"
mapfile -t denv < <(unit_env "$svc")
(cd / && exec env -i PATH=/usr/bin:/bin "${denv[@]}" $(unit_exec "$svc")) \
  >"$tmp/dash.out" 2>&1 &
dash=$!
pids+=("$dash")
status=""
for _ in $(seq 100); do
  status=$(python3 -c 'import sys, urllib.request
r = urllib.request.urlopen("http://127.0.0.1:%s/api/status" % sys.argv[1], timeout=2)
print(r.status, r.read().decode()[:200])' "$dash_port" 2>/dev/null) && break
  sleep 0.1
done
[[ "$status" == 200* ]] || fail "the dashboard service did not answer /api/status: $(cat "$tmp/dash.out")"
kill -TERM "$dash"
for _ in $(seq 50); do kill -0 "$dash" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$dash" 2>/dev/null; then fail "the dashboard did not stop on SIGTERM within 5 s"; fi
rc=0
wait "$dash" || rc=$?
((rc == 0)) || fail "the dashboard exited $rc on SIGTERM"
grep -q "serving http://127.0.0.1:$dash_port" "$tmp/dash.out" ||
  fail "the dashboard did not say where it serves: $(cat "$tmp/dash.out")"
ok "pubtrack-dashboard.service ExecStart serves /api/status and stops cleanly on SIGTERM"

# ---- logrotate -----------------------------------------------------------------------------
command -v logrotate >/dev/null || fail "logrotate is missing (package logrotate)"
# The file as shipped, with the log folder moved and the owner of new files set to whoever runs
# the test (the README's install creates the pubtrack user; this machine may have none).
relocate "$src/deploy/logrotate.conf" |
  sed "s/create 0640 pubtrack pubtrack/create 0640 $(id -un) $(id -gn)/" >"$tmp/logrotate.conf"
logrotate -d -s "$tmp/logrotate.state" "$tmp/logrotate.conf" >"$tmp/logrotate-d.txt" 2>&1 ||
  fail "logrotate -d rejects deploy/logrotate.conf: $(cat "$tmp/logrotate-d.txt")"
! grep -qi "error" "$tmp/logrotate-d.txt" || fail "logrotate -d: $(grep -i error "$tmp/logrotate-d.txt")"
logrotate -f -s "$tmp/logrotate.state" "$tmp/logrotate.conf" ||
  fail "logrotate failed on the log folder"
[[ -s "$tmp/log/collect.log.1" && -s "$tmp/log/collect.out.1" ]] ||
  fail "collect.log and collect.out were not rotated: $(ls "$tmp/log")"
[[ ! -s "$tmp/log/collect.out" ]] || fail "collect.out was not truncated by the rotation"
cron_run "${jobs[0]#*|}" || fail "the collect after the rotation failed"
grep -q "^feeds: 7 sources" "$tmp/log/collect.out" ||
  fail "the collect after the rotation wrote nothing to collect.out"
ok "logrotate: accepted, rotates collect.log and collect.out, the next collect writes again"
echo "deploy examples: all checks passed"
