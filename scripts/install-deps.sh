#!/usr/bin/env bash
# Installs the Debian packages Torpedo needs to build, run and test.
# Idempotent and fast when everything is present: dpkg-query decides, apt runs only for what is missing.
set -euo pipefail

profile=${1:-build}   # build | test | bench

packages=(
  cmake ninja-build g++ make pkg-config ccache git ca-certificates
  libboost-dev libsoci-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev
  libspdlog-dev libfmt-dev libcli11-dev libcurl4-openssl-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libphonenumber-dev libsndfile1-dev libsamplerate0-dev
  nodejs npm
)
if [ "$profile" = bench ]; then
  packages+=(wrk procps time)
fi
if [ "$profile" = test ]; then
  packages+=(mariadb-server mariadb-client chromium fonts-dejavu-core clang libclang-rt-14-dev python3)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # nodejs from nodesource ships npm inside it; do not fight it.
    if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
# apt-cache knows nothing before the first update on a fresh machine.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
