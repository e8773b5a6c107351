#!/usr/bin/env bash
# Runs a command with a throwaway MariaDB server on 127.0.0.1, then stops it.
#   scripts/with-mariadb.sh <command...>
# Exports TORPEDO_TEST_MYSQL_URL=mysql://torpedo:…@127.0.0.1:<port>/torpedo_test for the command.
# The server lives in a temporary directory, listens on loopback only, and is stopped (by its
# own PID) however the command ends.
set -euo pipefail

dir=$(mktemp -d /tmp/torpedo-mariadb.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# A free port, chosen by the kernel.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
  --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 || {
  cat "$dir/install.log"; exit 1; }

mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" --port="$port" \
  --bind-address=127.0.0.1 --user=root --pid-file="$dir/mysqld.pid" --log-error="$dir/err.log" \
  --skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=128M \
  --innodb-flush-log-at-trx-commit=2 --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci &
pid=$!

for _ in $(seq 1 300); do
  mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/err.log"; exit 1; }
  sleep 0.1
done

password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<SQL
CREATE DATABASE torpedo_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'torpedo'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'torpedo'@'127.0.0.1';
SQL

export TORPEDO_TEST_MYSQL_URL="mysql://torpedo:$password@127.0.0.1:$port/torpedo_test"
echo "with-mariadb: MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
