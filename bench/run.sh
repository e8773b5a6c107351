#!/usr/bin/env bash
# HTTP benchmarks of the release build with wrk (loopback only, bounded duration):
#   - time from exec to the first 200 of /api/v1/health ("ready")
#   - idle RSS after start
#   - GET /api/v1/health (public, touches the database)
#   - GET /api/v1/auth/me with an API token (authenticated small JSON GET)
# wrk and the daemon share the machine's cores; neither is pinned.
#   bench/run.sh [seconds per run, default 10] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}
binary=build/release/src/torpedo
scripts/install-deps.sh bench
[ -x "$binary" ] || { echo "build first: make build"; exit 1; }

dir=$(mktemp -d /tmp/torpedo-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# Migrations and the first admin's argon2id hash happen on the first start only; "ready" is
# measured on the second start, as an operator restarting the service sees it.
export TORPEDO_DATA_DIR="$dir" TORPEDO_LISTEN="127.0.0.1:$port" TORPEDO_ADMIN_EMAIL=bench@torpedo.test \
  TORPEDO_ADMIN_PASSWORD=bench-password-1
"$binary" serve >"$dir/first.log" 2>&1 &
pid=$!
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.05; done
kill -TERM "$pid"; wait "$pid" || true

t0=$(date +%s%N)
"$binary" serve >"$dir/torpedo.log" 2>&1 &
pid=$!
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.005; done
t1=$(date +%s%N)
ready_ms=$(( (t1 - t0) / 1000000 ))
sleep 1
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

token=$(python3 - "$port" <<'PY'
import json, sys, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}/api/v1"
req = urllib.request.Request(base + "/auth/login", data=json.dumps({"email": "bench@torpedo.test", "password": "bench-password-1"}).encode(), headers={"Content-Type": "application/json"})
resp = urllib.request.urlopen(req)
cookie = resp.headers["Set-Cookie"].split(";")[0]
csrf = json.load(resp)["csrfToken"]
req = urllib.request.Request(base + "/tokens", data=json.dumps({"name": "bench"}).encode(), headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf})
print(json.load(urllib.request.urlopen(req))["token"])
PY
)

run_wrk() {  # name, extra args...
  local name=$1
  shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "$name: ${rps} req/s, p99 ${p99} (wrk -t2 -c$connections -d${duration}s)"
}

echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem/ {print $2}') GiB"
echo "ready: ${ready_ms} ms (exec to first 200 of /api/v1/health, SQLite, existing data dir)"
echo "idle RSS: $(( rss_kb / 1024 )) MiB (${rss_kb} kB)"
run_wrk "GET /api/v1/health" "http://127.0.0.1:$port/api/v1/health"
run_wrk "GET /api/v1/auth/me (Bearer token)" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/auth/me"
echo "access log lines written: $(grep -c ' GET ' "$dir/torpedo.log")"
echo
echo "AMI parse + dispatch (Google Benchmark, one core):"
build/release/bench/ami_parser_bench --benchmark_min_time=1 2>&1 | grep BM_
echo "audio transcode (60 s of audio per run):"
build/release/bench/audio_transcode_bench --benchmark_min_time=2 2>&1 | grep BM_

echo
echo "torpedo ami-tail --quiet --stats against a loopback server streaming the recordings:"
events=2000000
coproc STREAM { python3 bench/ami_stream_server.py --port 0 --events $events; }
read -r line <&"${STREAM[0]}"
stream_port=${line##*:}
/usr/bin/time -f "ami-tail: %e s wall, %U s user, %M kB max RSS" \
  "$binary" ami-tail --port "$stream_port" --user bench --secret bench --quiet --stats --count $events
wait "$STREAM_PID" 2>/dev/null || true

echo
echo "pbxsim load (one AMI connection, busy outcome at zero call time):"
python3 bench/pbxsim_load.py --pbxsim build/release/src/pbxsim --originates 50000
echo "pbxsim load (1 000 answered calls held at once, 20 s message each):"
python3 bench/pbxsim_load.py --pbxsim build/release/src/pbxsim --concurrent 1000
echo "contacts: import of 1 000 000 CSV rows and searches (SQLite):"
python3 bench/contacts_import.py --torpedo build/release/src/torpedo --rows 1000000
echo "contacts on MariaDB:"
scripts/with-mariadb.sh bash -c 'python3 bench/contacts_import.py --torpedo build/release/src/torpedo --rows 1000000 --db "$TORPEDO_TEST_MYSQL_URL"'
echo "audio upload, delivery and read-back (local directory, then S3 through s3rver):"
python3 bench/audio_upload.py --torpedo build/release/src/torpedo 2>/dev/null
scripts/with-s3rver.sh python3 bench/audio_upload.py --torpedo build/release/src/torpedo --s3 2>/dev/null
