#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's first command: installs what is missing, builds pubtrack, and runs the main job
# on the bundled demo, offline (the simulator on 127.0.0.1). Output lands in build/demo-run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/bootstrap.sh build
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target pubtrack
bin="$root/build/release/app/pubtrack"

run="$root/build/demo-run"
rm -rf "$run"
mkdir -p "$run"
sed "s/@SIM_PORT@/0/" demo/pubtrack.ini >"$run/pubtrack.ini"
cd "$run"
export PUBTRACK_DEMO_SECRET=demo-secret-not-real

echo "== pubtrack init"
"$bin" --config pubtrack.ini init
echo "== pubtrack status"
"$bin" --config pubtrack.ini status
