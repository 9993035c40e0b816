#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's first command: installs what is missing, builds pubtrack, and runs the main job on
# the bundled demo, offline: pubtrack-sim on 127.0.0.1 plays the WeChat API and the news sites
# (demo/scenario.ini, demo/feeds/), as of 2020-01-15, so the 2019 report can be made.
# Everything it writes lands in build/demo-run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/bootstrap.sh build
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target pubtrack pubtrack-sim
bin="$root/build/release/app/pubtrack"
sim="$root/build/release/sim/pubtrack-sim"

run="$root/build/demo-run"
rm -rf "$run"
mkdir -p "$run"
cd "$run"

"$sim" --scenario "$root/demo/scenario.ini" --feeds "$root/demo/feeds" \
  --today 2020-01-15T09:00 --port-file sim.port >sim.log 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s sim.port ]] && break; sleep 0.1; done
port=$(cat sim.port)
sed "s/@SIM_PORT@/$port/g" "$root/demo/pubtrack.ini" >pubtrack.ini
export PUBTRACK_CONFIG="$run/pubtrack.ini"
export PUBTRACK_DEMO_SECRET=demo-secret-not-real  # the simulator's, not a real one

step() { printf '\n== %s\n' "$*"; }
step "pubtrack init"
"$bin" init
step "pubtrack collect --today 2020-01-15   (the first night: backfills 2019 from the simulator)"
"$bin" collect --today 2020-01-15
step "pubtrack collect --today 2020-01-15   (again: nothing is counted twice)"
"$bin" collect --today 2020-01-15
step "pubtrack record import demo/ledger.csv   (interviews, consultations, suggestions ...)"
"$bin" record import "$root/demo/ledger.csv"
step "pubtrack requests import demo/requests.csv   (the disclosure request register, 表三)"
"$bin" requests import "$root/demo/requests.csv"
step "pubtrack figures import demo/figures.csv   (表二 and 表四 of 2019)"
"$bin" figures import "$root/demo/figures.csv"
step "pubtrack status --today 2020-01-15"
"$bin" status --today 2020-01-15
step "pubtrack mentions list --from 2019-12-01 --to 2019-12-31"
"$bin" mentions list --from 2019-12-01 --to 2019-12-31
if "$bin" help report >/dev/null 2>&1; then
  step "pubtrack report --year 2019"
  "$bin" report --year 2019
  # The whole annual report in the 2021 layout, in every format.
  for f in markdown html docx json csv; do
    ext=$f; [[ $f == markdown ]] && ext=md
    "$bin" report --year 2019 --today 2020-01-15 --layout 2021 --format "$f" --out "report-2019.$ext" \
      2>/dev/null
  done
  echo
  echo "Also written: $run/report-2019.{md,html,docx,json,csv} (the whole report, 2021 layout)"
fi
