#!/usr/bin/env bash
# Starts the daemon on a free loopback port with a scratch data directory and the built UI, and
# pbxsim (the AMI simulator built next to it) with an Asterisk configuration directory, runs the
# Playwright end-to-end scripts against them in headless Chromium (users, contacts and the CSV
# import, the audio library, extensions/queues/trunks applied to "Asterisk", a campaign run to
# its end), then stops both.
#   scripts/e2e.sh <path to torpedo binary>
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/src/torpedo}
dir=$(mktemp -d /tmp/torpedo-e2e.XXXXXX)
shots=${TORPEDO_E2E_SHOTS:-build/e2e-screenshots}
mkdir -p "$shots"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pid=""
simpid=""
cleanup() {
  for p in "$pid" "$simpid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill -TERM "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# The "Asterisk" of web/e2e/telephony.mjs: pbxsim reads pjsip.conf, queues.conf, extensions.conf
# and musiconhold.conf from its configuration directory at start and on each AMI Reload, following
# #include. The operator's files include Torpedo's once; those start empty (like Asterisk,
# pbxsim refuses to load a file whose #include names a file that does not exist).
pbxsim="$(dirname "$binary")/pbxsim"
asterisk="$dir/asterisk"
mkdir -p "$asterisk"
printf '[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n#include torpedo_pjsip.conf\n' >"$asterisk/pjsip.conf"
printf '[general]\npersistentmembers = no\n\n#include torpedo_queues.conf\n' >"$asterisk/queues.conf"
printf '[general]\nstatic = yes\n\n#include torpedo_extensions.conf\n' >"$asterisk/extensions.conf"
printf '[default]\nmode = files\ndirectory = moh\n\n#include torpedo_musiconhold.conf\n' >"$asterisk/musiconhold.conf"
for f in torpedo_pjsip.conf torpedo_queues.conf torpedo_extensions.conf torpedo_musiconhold.conf; do : >"$asterisk/$f"; done
# Time runs 20 times faster there, so that the campaign of web/e2e/campaigns.mjs ends in seconds.
"$pbxsim" --listen 127.0.0.1:0 --user torpedo --secret e2e-ami-secret --config-dir "$asterisk" --time-scale 0.05 \
  >"$dir/pbxsim.log" 2>&1 &
simpid=$!
simport=""
for _ in $(seq 1 100); do
  simport=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$dir/pbxsim.log" | head -1)
  [ -n "$simport" ] && break
  kill -0 "$simpid" 2>/dev/null || { cat "$dir/pbxsim.log"; exit 1; }
  sleep 0.1
done
[ -n "$simport" ] || { echo "pbxsim did not say which port it listens on"; cat "$dir/pbxsim.log"; exit 1; }
export TORPEDO_E2E_PBXSIM_PORT="$simport"
export TORPEDO_E2E_ASTERISK_DIR="$asterisk"

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
if [ $status -eq 0 ]; then node web/e2e/telephony.mjs || status=$?; fi
if [ $status -eq 0 ]; then node web/e2e/campaigns.mjs || status=$?; fi
if [ $status -ne 0 ]; then echo "--- daemon log"; tail -50 "$dir/torpedo.log"; echo "--- pbxsim log"; tail -20 "$dir/pbxsim.log"; fi
exit $status
