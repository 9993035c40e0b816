#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs exactly the Debian 12 packages pubtrack needs that are missing. Idempotent: when
# nothing is missing it only runs dpkg-query and exits in well under a second.
# Usage: scripts/bootstrap.sh [build|test|bench]   (default: build)
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config libcurl4-openssl-dev libsimdjson-dev
  libsqlitecpp-dev libsqlite3-dev libpoco-dev libgtest-dev libgmock-dev libbenchmark-dev)
test_pkgs=(clang-format sqlite3 python3 python3-docx chromium fonts-wqy-microhei
  clang libclang-rt-14-dev logrotate systemd)  # logrotate, systemd-analyze: tests/deploy
bench_pkgs=(python3-feedparser newsboat time
  $(command -v npm >/dev/null 2>&1 || echo nodejs npm))  # nodejs: keep one already installed

want=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "bootstrap: unknown profile '$1' (expected build, test or bench)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "bootstrap: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "bootstrap: these packages are missing and installing them needs root: ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
