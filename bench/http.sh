#!/usr/bin/env bash
# HTTP benchmark of the Werkstatt server: rerunnable, self-contained, loopback only.
#
#   bash bench/http.sh
#
# What it does, in order:
#   1. installs wrk from Debian if it is missing (apt-get; as root, or through sudo);
#   2. builds the release binary into $CARGO_TARGET_DIR (default
#      /tmp/werkstatt-bench-target, so that it never blocks debug builds in ./target);
#   3. creates a fresh SQLite database in a temporary folder with the demo Werkstatt,
#      an admin account and an API token for it, and starts `werkstatt serve` on
#      127.0.0.1 (stopped again by a trap on exit);
#   4. joins the demo Werkstatt as a participant to get a session cookie, and checks
#      that both pages answer 200 with it;
#   5. read benchmark: wrk --latency against the overview page GET /w/{id} and the
#      Maßnahmen list GET /w/{id}/massnahmen, at 1, 10 and 50 connections;
#   6. write benchmark: wrk with bench/create_massnahme.lua, which POSTs new Maßnahmen
#      to /api/v1/werkstaetten/{id}/massnahmen of many Werkstätten (bench/schreibziele.py;
#      one Werkstatt takes at most 300) with a bearer token; afterwards it counts the
#      Maßnahmen through the API to show that none were lost;
#   7. reads the server's peak RSS (VmHWM), then kills the server with SIGKILL, starts it
#      again on the same file and counts once more (the writes must survive a crash of
#      the process);
#   8. prints a Markdown summary.
#
# Settings (environment):
#   CARGO_TARGET_DIR         where the release build goes  (/tmp/werkstatt-bench-target)
#   BENCH_DURATION           length of each wrk run         (10s)
#   BENCH_CONNECTIONS        connection counts for the pages ("1 10 50")
#   BENCH_WRITE_CONNECTIONS  connections for the writes     (10)
#   BENCH_WRITE_WERKSTAETTEN Werkstätten the writes go round (100; 300 Maßnahmen each)
#   BENCH_THREADS            wrk threads (at most one per connection) (2)
#   BENCH_PORT               port to listen on               (a free one)
#   BENCH_KEEP=1             keep the temporary folder (database, logs, raw wrk output)
#
# The machine this runs on is shared by wrk and the server: on a 2-core machine they
# compete for the same cores, and anything else running (a compiler) lowers the figures.
# The load average before and after is printed with the summary for that reason.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LUA="$HERE/create_massnahme.lua"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 10 50"}
WRITE_CONNECTIONS=${BENCH_WRITE_CONNECTIONS:-10}
WRITE_WERKSTAETTEN=${BENCH_WRITE_WERKSTAETTEN:-100}
MAX_THREADS=${BENCH_THREADS:-2}
PASSWORD='bench-passwort-123456'
EMAIL='bench@bench.invalid'

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'FEHLER: %s\n' "$*" >&2
    exit 1
}

# --- 1. Tools ---------------------------------------------------------------------

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    log "wrk fehlt: installiere es aus Debian"
    export DEBIAN_FRONTEND=noninteractive
    # Without a package list (fresh machine) apt-get knows no wrk: fetch the list first.
    if ! apt-cache show wrk >/dev/null 2>&1; then
        as_root apt-get update
    fi
    as_root apt-get install -y wrk
    command -v wrk >/dev/null 2>&1 || die "wrk konnte nicht installiert werden"
}

ensure_wrk
for tool in curl python3 cargo; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool wird gebraucht, ist aber nicht installiert"
done

# --- 2. Release build -------------------------------------------------------------

log "baue das Release-Binary nach $CARGO_TARGET_DIR (der erste Bau dauert einige Minuten)"
(cd "$ROOT" && cargo build --release -p werkstatt)
BIN="$CARGO_TARGET_DIR/release/werkstatt"
[ -x "$BIN" ] || die "$BIN fehlt nach dem Bau"

# --- 3. Fresh database, demo data, admin, token, server ----------------------------

WORK=$(mktemp -d /tmp/werkstatt-bench.XXXXXX)
DB_URL="sqlite://$WORK/bench.db"
SERVER_PID=""

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

cleanup() {
    stop_server
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        log "Dateien bleiben in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port on the loopback interface unless one is given.
PORT=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"

# Reads one key of a JSON object on stdin.
json_get() {
    python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

log "lege Demo-Werkstatt, Admin-Konto und API-Token in $WORK/bench.db an"
DEMO=$("$BIN" demo --json --db "$DB_URL" --addr "127.0.0.1:$PORT")
WID=$(json_get werkstatt_id <<<"$DEMO")
JOIN_CODE=$(json_get join_code <<<"$DEMO")
echo "$PASSWORD" | "$BIN" user add --db "$DB_URL" --email "$EMAIL" --name Bench --role admin >/dev/null
TOKEN=$("$BIN" user token --db "$DB_URL" --email "$EMAIL")
[ -n "$TOKEN" ] || die "kein API-Token erhalten"

start_server() {
    "$BIN" serve --addr "127.0.0.1:$PORT" --db "$DB_URL" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    # Wait up to 30 s for /healthz.
    local _
    for _ in $(seq 1 300); do
        if curl -sf "$BASE/healthz" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || {
            cat "$WORK/server.log" >&2
            die "der Server ist beim Start beendet worden"
        }
        sleep 0.1
    done
    die "der Server antwortet nicht auf $BASE/healthz"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starte den Server auf $BASE"
start_server

# --- 4. A participant session for the pages ----------------------------------------

log "trete der Werkstatt als Teilnehmende bei (Sitzungs-Cookie für die Seiten)"
JOIN_BODY=$(python3 -c 'import json, sys; print(json.dumps({"code": sys.argv[1], "name": "Bench"}))' "$JOIN_CODE")
curl -sf -c "$WORK/jar" -o /dev/null -X POST -H 'content-type: application/json' \
    -d "$JOIN_BODY" "$BASE/api/v1/join" || die "Beitritt mit dem Teilnahme-Code fehlgeschlagen"
# Netscape cookie jar: tab-separated, the name in field 6 and the value in field 7.
SID=$(awk -F'\t' '$6 == "werkstatt_sid" { print $7 }' "$WORK/jar")
[ -n "$SID" ] || die "kein werkstatt_sid-Cookie erhalten"
COOKIE="Cookie: werkstatt_sid=$SID"

# wrk counts 3xx as success, so make sure the pages really render (200) for the session
# instead of redirecting to a login; remember the body size for the summary.
declare -A PAGE_BYTES
for path in "/w/$WID" "/w/$WID/massnahmen"; do
    read -r code bytes < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H "$COOKIE" "$BASE$path")
    [ "$code" = 200 ] || die "GET $path antwortet $code statt 200"
    PAGE_BYTES[$path]=$bytes
done

# --- wrk helpers -------------------------------------------------------------------

# Converts a wrk duration ("812.00us", "1.23ms", "2.01s") to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n)
        u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") f = 0.001; else if (u == "ms") f = 1; else if (u == "s") f = 1000;
        else if (u == "m") f = 60000; else { print "?"; exit }
        printf "%.2f", n * f
    }'
}

# CPU time (user + system, all threads) the server has used so far, in milliseconds.
# Per request, this figure hardly depends on what else runs on the machine, unlike
# requests/s: it shows what the server would manage with the cores to itself.
CLK_TCK=$(getconf CLK_TCK)
server_cpu_ms() {
    awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$SERVER_PID/stat"
}

# Results, one tab-separated line per run: label, connections, requests/s, p50 ms,
# p99 ms, completed, non-2xx, socket errors, server CPU µs per request
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run_wrk LABEL CONNECTIONS URL [wrk options …]: runs wrk, keeps its output and records
# the figures. wrk needs at least one connection per thread.
run_wrk() {
    local label=$1 conns=$2 url=$3
    shift 3
    local threads=$((conns < MAX_THREADS ? conns : MAX_THREADS))
    local out
    out="$WORK/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$label")-c$conns.txt"
    log "wrk: $label, $conns Verbindung(en), $threads Thread(s), $DURATION"
    local cpu0 cpu1
    cpu0=$(server_cpu_ms)
    wrk --latency -t"$threads" -c"$conns" -d"$DURATION" "$@" "$url" >"$out"
    cpu1=$(server_cpu_ms)
    cat "$out" >&2
    local rps p50 p99 completed non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    completed=$(awk '/ requests in / { print $1 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    local cpu_us='?'
    if [ "${completed:-0}" -gt 0 ]; then cpu_us=$(((cpu1 - cpu0) * 1000 / completed)); fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$conns" "${rps:-?}" "$p50" "$p99" \
        "${completed:-?}" "${non2xx:-0}" "${sockerr:-0}" "$cpu_us" >>"$RESULTS"
    LAST_OUT=$out
}

# --- 5. Read benchmark: the two pages ------------------------------------------------

for conns in $CONNECTIONS; do
    run_wrk "GET /w/{id}" "$conns" "$BASE/w/$WID" -H "$COOKIE"
done
for conns in $CONNECTIONS; do
    run_wrk "GET /w/{id}/massnahmen" "$conns" "$BASE/w/$WID/massnahmen" -H "$COOKIE"
done

# --- 6. Write benchmark: create Maßnahmen through the API ----------------------------

API="$BASE/api/v1/werkstaetten/$WID"
AUTH="Authorization: Bearer $TOKEN"

# A Werkstatt takes at most 300 Maßnahmen (werkstatt_core::grenzen), so the writes go round
# BENCH_WRITE_WERKSTAETTEN Werkstätten in the Gruppenarbeit (300 × 100 = 30,000 writes).
ZIELE="$WORK/schreibziele.txt"
log "lege $WRITE_WERKSTAETTEN Werkstätten für die Schreibmessung an"
python3 "$HERE/schreibziele.py" anlegen "$BASE" "$TOKEN" "$WRITE_WERKSTAETTEN" >"$ZIELE"

count_massnahmen() {
    python3 "$HERE/schreibziele.py" zaehlen "$BASE" "$TOKEN" "$ZIELE"
}

BEFORE=$(count_massnahmen)
export BENCH_TOKEN=$TOKEN BENCH_ZIELE=$ZIELE
run_wrk "POST /api/v1/werkstaetten/{id}/massnahmen" "$WRITE_CONNECTIONS" "$BASE" -s "$LUA"
NOT201=$(awk '/^Not-201 responses:/ { print $3 }' "$LAST_OUT")
COMPLETED=$(tail -n1 "$RESULTS" | cut -f6)
# Requests still in flight when wrk stopped may be committed after wrk stopped counting:
# give them a moment, then count. "lost" is what wrk saw answered with 201 but is not
# stored (with no failed requests: count after = count before + requests completed).
sleep 1
AFTER=$(count_massnahmen)
EXPECTED=$((BEFORE + COMPLETED - ${NOT201:-0}))
LOST=$((EXPECTED > AFTER ? EXPECTED - AFTER : 0))
IN_FLIGHT=$((AFTER > EXPECTED ? AFTER - EXPECTED : 0))

# --- 7. Peak memory, then a crash of the process -------------------------------------

RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

log "beende den Server mit SIGKILL und starte ihn neu auf derselben Datenbank"
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
start_server
AFTER_CRASH=$(count_massnahmen)
stop_server

# --- 8. Summary --------------------------------------------------------------------

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then COMMIT="$COMMIT (mit lokalen Änderungen)"; fi

{
    echo
    echo "## Werkstatt HTTP benchmark"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $COMMIT"
    echo "- Machine: $(nproc) cores, $CPU, $MEM_GIB GiB RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "- wrk $DURATION per run, up to $MAX_THREADS threads, on the same machine as the server; SQLite (WAL, synchronous=FULL)"
    echo "- Page sizes: overview ${PAGE_BYTES[/w/$WID]} bytes, Maßnahmen list ${PAGE_BYTES[/w/$WID/massnahmen]} bytes (as a participant, demo data)"
    echo
    echo "| Benchmark | Connections | Requests/s | p50 (ms) | p99 (ms) | Completed | Non-2xx | Socket errors | Server CPU/request (µs) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$RESULTS"
    echo
    echo "- Server CPU/request: CPU time (user + system, all threads) of the server during the run, divided by the requests completed"
    echo "- Writes: $BEFORE Maßnahmen before, $COMPLETED requests completed, $AFTER after;" \
        "lost: $LOST; extra (in flight when wrk stopped): $IN_FLIGHT; not 201: ${NOT201:-?}"
    echo "- After SIGKILL and restart: $AFTER_CRASH Maßnahmen ($((AFTER - AFTER_CRASH)) missing)"
    echo "- Peak RSS of the server (VmHWM): $((RSS_KB / 1024)) MiB ($RSS_KB kB)"
    echo
    # The targets: ≥ 3,000 page requests/s with p99 < 20 ms at 50 connections (both pages);
    # ≥ 1,000 durable writes/s with none lost.
    awk -F'\t' -v lost="$LOST" -v crash_missing="$((AFTER - AFTER_CRASH))" '
        $1 ~ /^GET/ && $2 == 50 {
            ok = ($3 >= 3000 && $5 < 20)
            printf "- Target ≥ 3,000 req/s and p99 < 20 ms at 50 connections, %s: %s (%s req/s, p99 %s ms)\n", $1, ok ? "met" : "MISSED", $3, $5
        }
        $1 ~ /^POST/ {
            ok = ($3 >= 1000 && $7 == 0 && lost == 0 && crash_missing == 0)
            printf "- Target ≥ 1,000 writes/s, none lost: %s (%s writes/s)\n", ok ? "met" : "MISSED", $3
        }' "$RESULTS"
}
