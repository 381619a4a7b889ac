#!/usr/bin/env bash
# Load test of a Werkstatt day: 300 participants for two minutes, each with an open event
# stream and a write about every 10 s; on SQLite (one instance) and on PostgreSQL (two
# instances on one database). Prints one JSON result per run (see bench/last.py).
#   CLIENTS (300), DURATION in seconds (120), CARGO_TARGET_DIR (/tmp/werkstatt-bench-target)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-300}
DURATION=${DURATION:-120}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
cargo build --release -q -p werkstatt
BIN=$CARGO_TARGET_DIR/release/werkstatt
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
# Many clients need many descriptors.
ulimit -n 8192 2>/dev/null || true

wait_up() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://$1/healthz" && return 0; sleep 0.1; done; return 1; }

feld_of() { # the first chosen field of the demo Werkstatt, via a participant session
  local base=$1 id=$2 code=$3 jar=$tmp/jar
  curl -fsS -c "$jar" -H 'content-type: application/json' -d "{\"code\":\"$code\",\"name\":\"Bench\"}" "$base/api/v1/join" >/dev/null
  curl -fsS -b "$jar" "$base/api/v1/werkstaetten/$id/felder" | python3 -c 'import json,sys; print(next(f["feld"]["id"] for f in json.load(sys.stdin)["felder"] if f["feld"]["gewaehlt"]))'
}

run() { # $1 label, $2 db url, $3 number of instances
  local label=$1 db=$2 n=$3 bases=() ppids=()
  local demo; demo=$("$BIN" demo --db "$db" --json)
  local id code
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["werkstatt_id"])' "$demo")
  code=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["join_code"])' "$demo")
  for i in $(seq 1 "$n"); do
    local port=$((18090 + i))
    WERKSTATT_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --db "$db" >"$tmp/serve-$i.log" 2>&1 &
    pids+=($!); ppids+=($!)
    wait_up "127.0.0.1:$port"
    bases+=("http://127.0.0.1:$port")
  done
  local feld; feld=$(feld_of "${bases[0]}" "$id" "$code")
  echo "== $label"
  python3 bench/last.py --base "$(IFS=,; echo "${bases[*]}")" --werkstatt "$id" --code "$code" --feld "$feld" \
    --pids "$(IFS=,; echo "${ppids[*]}")" --clients "$CLIENTS" --seconds "$DURATION"
  for p in "${ppids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
}

run "SQLite, one instance" "sqlite://$tmp/last.db" 1
if pg_isready -q -h 127.0.0.1 -p 5432; then
  schema="last_$(date +%s)"
  psql -q postgres://postgres@127.0.0.1:5432/test -c "CREATE SCHEMA $schema" >/dev/null
  run "PostgreSQL, two instances" "postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3D$schema" 2
  psql -q postgres://postgres@127.0.0.1:5432/test -c "DROP SCHEMA $schema CASCADE" >/dev/null
fi
