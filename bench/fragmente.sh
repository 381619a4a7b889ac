#!/usr/bin/env bash
# Live fragments under a room of participants: CLIENTS (300) participants on one instance
# with open event streams, each fetching the group's Maßnahmen fragment after every
# change as the real client does, while writers add Maßnahmen; the load generator runs
# in PROCS (4) processes (bench/fragmente.py). Prints the JSON figures.
#
#   bash bench/fragmente.sh            # CLIENTS=300 PROCS=4 SECONDS_=60 WRITES_PER_S=2
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
CLIENTS=${CLIENTS:-300}
PROCS=${PROCS:-4}
DURATION=${SECONDS_:-60}
WRITES_PER_S=${WRITES_PER_S:-2}
ulimit -n 8192 2>/dev/null || true
bench_build
bench_demo
trap 'stop_server; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"' EXIT
WERKSTATT_LOG=warn start_server
bench_session Feldsuche
FELD=$(curl -fsS -H "$COOKIE" "$BASE/api/v1/werkstaetten/$WID/felder" |
    python3 -c 'import json,sys; print(next(f["feld"]["id"] for f in json.load(sys.stdin)["felder"] if f["feld"]["gewaehlt"]))')
log "Last: $CLIENTS Teilnehmende in $PROCS Prozessen, $WRITES_PER_S Schreibvorgänge/s, ${DURATION}s; Maschine: $(machine_line); Last vorher $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/fragmente.py" --base "$BASE" --werkstatt "$WID" --code "$JOIN_CODE" --feld "$FELD" \
    --pid "$SERVER_PID" --clients "$CLIENTS" --procs "$PROCS" --seconds "$DURATION" --writes-per-s "$WRITES_PER_S"
log "Last nachher $(cut -d' ' -f1-3 /proc/loadavg)"
