#!/usr/bin/env bash
# Runs a command with a throwaway s3rver (npm) on 127.0.0.1, then stops it.
#   scripts/with-s3rver.sh <command...>
# Exports TORPEDO_TEST_S3_ENDPOINT=http://127.0.0.1:<port> (bucket torpedo-test; key and secret
# S3RVER). s3rver accepts any signature: the S3 signing itself is tested against
# tests/support/sigv4_server.py.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=build/s3rver
if [ ! -x "$tools/node_modules/.bin/s3rver" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent s3rver@3.7.1 >/dev/null 2>&1)
fi
dir=$(mktemp -d /tmp/torpedo-s3rver.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
node "$tools/node_modules/s3rver/bin/s3rver.js" -d "$dir" -a 127.0.0.1 -p "$port" --no-vhost-buckets \
  --configure-bucket torpedo-test >"$dir.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir.log"; exit 1; }
  sleep 0.1
done
export TORPEDO_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
status=0
"$@" || status=$?
rm -f "$dir.log"
exit $status
