#!/usr/bin/env bash
# Installs the web UI's npm packages from the lockfile, only when the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.torpedo-lock-stamp
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then exit 0; fi
echo "web-deps: npm ci"
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
