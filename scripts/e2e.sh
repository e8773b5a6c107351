#!/usr/bin/env bash
# Starts the daemon on a free loopback port with a scratch data directory and the built UI,
# runs the Playwright end-to-end scripts against it in headless Chromium (users, contacts and the
# CSV import, the audio library), then stops it.
#   scripts/e2e.sh <path to torpedo binary>
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/src/torpedo}
dir=$(mktemp -d /tmp/torpedo-e2e.XXXXXX)
shots=${TORPEDO_E2E_SHOTS:-build/e2e-screenshots}
mkdir -p "$shots"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

export TORPEDO_E2E_EMAIL=admin@torpedo.test
export TORPEDO_E2E_PASSWORD=e2e-admin-password
TORPEDO_DATA_DIR="$dir" TORPEDO_LISTEN="127.0.0.1:$port" TORPEDO_WEB_DIR=web/dist \
  TORPEDO_ADMIN_EMAIL="$TORPEDO_E2E_EMAIL" TORPEDO_ADMIN_PASSWORD="$TORPEDO_E2E_PASSWORD" \
  TORPEDO_LOG_LEVEL=warn "$binary" serve >"$dir/torpedo.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/torpedo.log"; exit 1; }
  sleep 0.1
done
export TORPEDO_E2E_URL="http://127.0.0.1:$port"
export TORPEDO_E2E_SHOTS="$(realpath "$shots")"
status=0
node web/e2e/login-users.mjs || status=$?
if [ $status -eq 0 ]; then node web/e2e/contacts-import.mjs || status=$?; fi
if [ $status -eq 0 ]; then node web/e2e/audio-upload.mjs || status=$?; fi
if [ $status -ne 0 ]; then echo "--- daemon log"; tail -50 "$dir/torpedo.log"; fi
exit $status
