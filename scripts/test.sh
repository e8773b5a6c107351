#!/usr/bin/env bash
# `make test`: install what is missing, build, and run every test. Servers the tests need
# (MariaDB, the daemon for the end-to-end test) are started here on loopback and stopped
# by PID afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)
passed=0
failed=0
failures=()

stage() {  # stage <name> <command...>
  local name=$1
  shift
  echo
  echo "=== $name"
  local t0=$(date +%s)
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($(( $(date +%s) - t0 )) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($(( $(date +%s) - t0 )) s)"
  fi
}

set -e
scripts/install-deps.sh test
scripts/web-deps.sh
set +e

web_build() { (cd web && npm run --silent build); }
web_unit() { (cd web && npm test --silent); }
cpp_build() {
  cmake --preset asan-ubsan >/dev/null && cmake --build --preset asan-ubsan -j "$(nproc)"
}
cpp_tests() {
  scripts/with-mariadb.sh scripts/with-s3rver.sh ctest --preset asan-ubsan --output-on-failure --verbose
}
e2e() { scripts/e2e.sh build/asan-ubsan/src/torpedo; }
fuzz() { scripts/fuzz.sh "${TORPEDO_FUZZ_SECONDS:-20}"; }

stage "web build (tsc + vite)" web_build
stage "web unit tests (vitest)" web_unit
stage "C++ build (asan-ubsan)" cpp_build
if [ ${#failures[@]} -eq 0 ] || [[ ! " ${failures[*]} " =~ "C++ build" ]]; then
  stage "C++ tests (SQLite + MariaDB, ASan/UBSan)" cpp_tests
  stage "end-to-end (Playwright + Chromium)" e2e
fi
stage "fuzz: AMI parser, CSV reader, Asterisk configuration read-back (libFuzzer, bounded)" fuzz

echo
echo "make test took $(( $(date +%s) - start )) s"
for f in "${failures[@]}"; do echo "failed stage: $f"; done
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
