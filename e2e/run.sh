#!/usr/bin/env bash
# Browser tests: starts a Werkstatt server on a fresh SQLite database with the demo
# Werkstatt and an admin, then runs Playwright (Debian's /usr/bin/chromium) against it.
#   WERKSTATT_BIN  the server binary (default ../target/debug/werkstatt; build it first)
#   PORT           the port on 127.0.0.1 (default 18080)
# Extra arguments go to `playwright test`, e.g. ./run.sh tests/live.spec.ts
set -euo pipefail
cd "$(dirname "$0")"

BIN=${WERKSTATT_BIN:-../target/debug/werkstatt}
PORT=${PORT:-18080}
ADDR=127.0.0.1:$PORT
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [[ ! -x $BIN ]]; then
  echo "run.sh: no server binary at $BIN (run 'cargo build' first or set WERKSTATT_BIN)" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
if [[ ! -x /usr/bin/chromium ]]; then
  echo "run.sh: /usr/bin/chromium is missing (apt-get install -y chromium)" >&2
  exit 2
fi
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi
if curl -fsS -o /dev/null "http://$ADDR/healthz" 2>/dev/null; then
  echo "run.sh: something already answers on $ADDR; set PORT to a free port" >&2
  exit 2
fi

tmp=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB="sqlite://$tmp/e2e.db"
demo=$("$BIN" demo --json --db "$DB" --addr "$ADDR")
json() { node -e 'const o = JSON.parse(process.argv[1]); process.stdout.write(String(o[process.argv[2]] ?? ""))' "$demo" "$1"; }
WERKSTATT_ID=$(json werkstatt_id)
JOIN_CODE=$(json join_code)
if [[ -z $WERKSTATT_ID || -z $JOIN_CODE ]]; then
  echo "run.sh: unexpected demo output: $demo" >&2
  exit 2
fi

ADMIN_EMAIL=admin@e2e.invalid
ADMIN_PASSWORD=e2e-passwort-123456
echo "$ADMIN_PASSWORD" | "$BIN" user add --db "$DB" --email "$ADMIN_EMAIL" --name Admin --role admin >/dev/null

WERKSTATT_LOG=${WERKSTATT_LOG:-warn} "$BIN" serve --addr "$ADDR" --db "$DB" >"$tmp/server.log" 2>&1 &
server=$!

for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "http://$ADDR/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: the server stopped:" >&2
    cat "$tmp/server.log" >&2
    exit 2
  fi
  sleep 0.1
done
if ! curl -fsS -o /dev/null "http://$ADDR/healthz"; then
  echo "run.sh: the server did not answer on $ADDR within 10 s" >&2
  cat "$tmp/server.log" >&2
  exit 2
fi

export WERKSTATT_URL="http://$ADDR" WERKSTATT_ID JOIN_CODE ADMIN_EMAIL ADMIN_PASSWORD
echo "Werkstatt $WERKSTATT_ID (code $JOIN_CODE) on $WERKSTATT_URL"

rc=0
npx playwright test "$@" || rc=$?
if [[ $rc -ne 0 && -s $tmp/server.log ]]; then
  echo "--- server log ---" >&2
  cat "$tmp/server.log" >&2
fi
exit "$rc"
