#!/usr/bin/env bash
# make demo: Torpedo with pbxsim (the simulated Asterisk) and sample data — a PBX node, a trunk,
# 200 contacts, an audio and a campaign ready to press Play — on SQLite under ./data-demo.
# Ctrl-C stops both. Run again to continue where you left off.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/src/torpedo}
pbxsim="$(dirname "$binary")/pbxsim"
data=${TORPEDO_DEMO_DIR:-$PWD/data-demo}
port=${TORPEDO_DEMO_PORT:-8080}
ami_port=${TORPEDO_DEMO_AMI_PORT:-5039}
email=admin@demo.local
password=demo-password-123
asterisk="$data/asterisk"
sounds="$data/sounds"
mkdir -p "$asterisk" "$sounds"

# The operator's Asterisk files include Torpedo's (README, "Pointing Torpedo at a real Asterisk").
if [ ! -f "$asterisk/pjsip.conf" ]; then
  printf '[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n#include torpedo_pjsip.conf\n' >"$asterisk/pjsip.conf"
  printf '[general]\npersistentmembers = no\n\n#include torpedo_queues.conf\n' >"$asterisk/queues.conf"
  printf '[general]\nstatic = yes\n\n#include torpedo_extensions.conf\n' >"$asterisk/extensions.conf"
  printf '[default]\nmode = files\ndirectory = moh\n\n#include torpedo_musiconhold.conf\n' >"$asterisk/musiconhold.conf"
  for f in torpedo_pjsip.conf torpedo_queues.conf torpedo_extensions.conf torpedo_musiconhold.conf; do : >"$asterisk/$f"; done
fi
# The far end: a realistic mix of people, machines, busy lines and dead numbers.
cat >"$data/rules.txt" <<'EOF'
* random
EOF

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$pbxsim" --listen "127.0.0.1:$ami_port" --user torpedo --secret demo-ami-secret --config-dir "$asterisk" \
  --rules "$data/rules.txt" --message-seconds 6 >"$data/pbxsim.log" 2>&1 &
pids+=($!)
TORPEDO_DATA_DIR="$data" TORPEDO_LISTEN="127.0.0.1:$port" TORPEDO_WEB_DIR=${TORPEDO_WEB_DIR:-web/dist} \
  TORPEDO_ADMIN_EMAIL="$email" TORPEDO_ADMIN_PASSWORD="$password" "$binary" serve &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
python3 scripts/demo_seed.py "http://127.0.0.1:$port" "$email" "$password" "$ami_port" "$asterisk" "$sounds"
cat <<EOF

  Torpedo demo: http://127.0.0.1:$port/
  e-mail: $email   senha/password: $password
  Abra Campanhas → "Campanha de demonstração" → Iniciar, e acompanhe as chamadas.
  Open Campanhas → "Campanha de demonstração" → Iniciar, and watch the calls.
  (pbxsim plays the carrier: its log is $data/pbxsim.log.) Ctrl-C stops everything.

EOF
wait
