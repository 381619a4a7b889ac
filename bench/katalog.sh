#!/usr/bin/env bash
# Latency of the catalogue search: rerunnable, self-contained, loopback only.
#
#   bash bench/katalog.sh
#
# What it does, in order:
#   1. installs wrk from Debian if it is missing (apt-get; as root, or through sudo);
#   2. builds the release binary into $CARGO_TARGET_DIR (default
#      /tmp/werkstatt-bench-target, so that it never blocks debug builds in ./target);
#   3. starts `werkstatt serve` on a fresh SQLite database in a temporary folder on a free
#      port of 127.0.0.1 (the server loads the shipped catalogue at start; stopped again
#      by a trap on exit), and checks that both searches answer 200 and find what they
#      should (buergerbus-digitale-buchung, maengelmelder);
#   4. wrk --latency against
#        GET /api/v1/katalog/steckbriefe?q=buergerbus           (JSON API)
#        GET /katalog?q=strasse&feld=kommunale-verwaltung       (HTML page, no session)
#      at 1 and 10 connections;
#   5. prints a Markdown summary with p50, p99 and requests/s, checked against the target
#      p99 < 5 ms.
#
# wrk measures on the client, over loopback: its latency is the server's time plus the
# loopback round trip and wrk's own overhead, so the server-side p99 is at most the
# figure printed (the target is met if wrk's p99 is below 5 ms).
#
# Settings (environment):
#   CARGO_TARGET_DIR    where the release build goes   (/tmp/werkstatt-bench-target)
#   BENCH_DURATION      length of each wrk run          (10s)
#   BENCH_CONNECTIONS   connection counts               ("1 10")
#   BENCH_THREADS       wrk threads (at most one per connection) (2)
#   BENCH_PORT          port to listen on               (a free one)
#   BENCH_KEEP=1        keep the temporary folder (database, server log, raw wrk output)
#
# wrk and the server share the machine: on a 2-core machine they compete for the same
# cores, and anything else running (a compiler) lowers the figures. The load average
# before and after is printed with the summary for that reason.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 10"}
MAX_THREADS=${BENCH_THREADS:-2}
TARGET_P99_MS=5

API_PATH='/api/v1/katalog/steckbriefe?q=buergerbus'
PAGE_PATH='/katalog?q=strasse&feld=kommunale-verwaltung'

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'FEHLER: %s\n' "$*" >&2
    exit 1
}

# --- 1. Tools ---------------------------------------------------------------------

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

# --- 3. Fresh database, server, sanity checks --------------------------------------

WORK=$(mktemp -d /tmp/werkstatt-bench-katalog.XXXXXX)
DB_URL="sqlite://$WORK/bench.db"
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        log "Dateien bleiben in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starte den Server auf $BASE mit einer neuen Datenbank in $WORK"
WERKSTATT_LOG=${WERKSTATT_LOG:-warn} "$BIN" serve --addr "127.0.0.1:$PORT" --db "$DB_URL" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
    if curl -sf "$BASE/healthz" >/dev/null 2>&1; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || {
        cat "$WORK/server.log" >&2
        die "der Server ist beim Start beendet worden"
    }
    sleep 0.1
done
curl -sf "$BASE/healthz" >/dev/null || die "der Server antwortet nicht auf $BASE/healthz"

# Both searches must answer 200 with the expected hit (wrk would count an empty or
# wrong answer as a fast success).
declare -A BYTES
check() {
    local path=$1 expect=$2 code
    code=$(curl -s -o "$WORK/check.out" -w '%{http_code}' "$BASE$path")
    [ "$code" = 200 ] || die "GET $path antwortet $code statt 200"
    grep -q "$expect" "$WORK/check.out" || die "GET $path findet $expect nicht"
    BYTES[$path]=$(wc -c <"$WORK/check.out")
}
check "$API_PATH" '"id":"buergerbus-digitale-buchung"'
check "$PAGE_PATH" '/katalog/steckbrief/maengelmelder"'
API_HITS=$(curl -sf "$BASE$API_PATH" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
PAGE_HITS=$(curl -sf "$BASE/api/v1/katalog/steckbriefe?q=strasse&feld=kommunale-verwaltung" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
TOTAL=$(curl -sf "$BASE/api/v1/katalog/steckbriefe" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')

# --- 4. wrk ------------------------------------------------------------------------

# Converts a wrk duration ("812.00us", "1.23ms", "2.01s") to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n)
        u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") f = 0.001; else if (u == "ms") f = 1; else if (u == "s") f = 1000;
        else if (u == "m") f = 60000; else { print "?"; exit }
        printf "%.3f", n * f
    }'
}

# CPU time in clock ticks: of the server process (utime + stime), and of the whole
# machine (busy, all cores), so that each run can tell the server's own CPU time per
# request (a server-side figure that wrk cannot see) and how much CPU other processes
# (wrk, a compiler) used at the same time.
TCK=$(getconf CLK_TCK)
server_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat"; }
busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# User + system CPU seconds of this shell's finished children (wrk) from the output of
# `times`, which must run in this shell itself (in $(…) it would see a subshell's).
children_secs() {
    awk 'NR == 2 {
        t = 0
        for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2]); t += a[1] * 60 + a[2] }
        printf "%.3f", t
    }' "$1"
}

# label, connections, requests/s, p50 ms, p90 ms, p99 ms, completed, non-2xx, socket errors,
# server CPU ms per request, CPU of other processes than server and wrk (cores)
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

run_wrk() {
    local label=$1 conns=$2 url=$3
    local threads=$((conns < MAX_THREADS ? conns : MAX_THREADS))
    local out
    out="$WORK/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$label")-c$conns.txt"
    log "wrk: $label, $conns Verbindung(en), $threads Thread(s), $DURATION"
    local s0 b0 w0 t0 s1 b1 w1 t1
    times >"$WORK/times0"
    s0=$(server_ticks) b0=$(busy_ticks) t0=$(date +%s.%N)
    wrk --latency -t"$threads" -c"$conns" -d"$DURATION" "$url" >"$out"
    s1=$(server_ticks) b1=$(busy_ticks) t1=$(date +%s.%N)
    times >"$WORK/times1"
    w0=$(children_secs "$WORK/times0") w1=$(children_secs "$WORK/times1")
    cat "$out" >&2
    local rps p50 p90 p99 completed non2xx sockerr cpu_req others
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p90=$(to_ms "$(awk '$1 == "90%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    completed=$(awk '/ requests in / { print $1 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    cpu_req=$(awk -v d=$((s1 - s0)) -v tck="$TCK" -v n="${completed:-0}" \
        'BEGIN { if (n > 0) printf "%.3f", d / tck * 1000 / n; else print "?" }')
    others=$(awk -v b=$((b1 - b0)) -v s=$((s1 - s0)) -v w="$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')" \
        -v tck="$TCK" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
        'BEGIN { o = ((b - s) / tck - w) / t; if (o < 0) o = 0; printf "%.2f", o }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$conns" "${rps:-?}" "$p50" "$p90" "$p99" \
        "${completed:-?}" "${non2xx:-0}" "${sockerr:-0}" "$cpu_req" "$others" >>"$RESULTS"
}

for conns in $CONNECTIONS; do
    run_wrk "GET $API_PATH" "$conns" "$BASE$API_PATH"
done
for conns in $CONNECTIONS; do
    run_wrk "GET $PAGE_PATH" "$conns" "$BASE$PAGE_PATH"
done

RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 5. Summary --------------------------------------------------------------------

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then COMMIT="$COMMIT (with local changes)"; fi

{
    echo
    echo "## Katalogsuche"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $COMMIT"
    echo "- Machine: $(nproc) cores, $CPU, $MEM_GIB GiB RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "- Command: \`bash bench/katalog.sh\` (release build, fresh SQLite database with the shipped catalogue of $TOTAL Steckbriefe, no session)"
    echo "- wrk --latency, $DURATION per run, up to $MAX_THREADS threads, on the same machine as the server (loopback)"
    echo "- Answers: \`$API_PATH\` $API_HITS hits, ${BYTES[$API_PATH]} bytes of JSON;" \
        "\`$PAGE_PATH\` $PAGE_HITS hits, ${BYTES[$PAGE_PATH]} bytes of HTML"
    echo
    echo "| Request | Conn. | Requests/s | p50 (ms) | p90 (ms) | p99 (ms) | Completed | Non-2xx | Socket errors | Server CPU/request (ms) | Other processes (cores) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '{ printf "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$RESULTS"
    echo
    echo "- Peak RSS of the server (VmHWM): $((RSS_KB / 1024)) MiB"
    echo "- wrk measures on the client over loopback: each latency includes the server's time plus"
    echo "  the loopback round trip and wrk's own work, so the server-side time is at most the figure shown."
    echo "- Server CPU/request: the server process's user + system CPU time during the run divided by the"
    echo "  requests completed (a server-side mean, from /proc). Other processes: CPU used meanwhile by"
    echo "  everything but the server and wrk, in cores of $(nproc); above about 0.2 the latencies are disturbed."
    awk -F'\t' -v t="$TARGET_P99_MS" '{
        ok = ($6 + 0 < t && $8 == 0 && $9 == 0)
        printf "- Target p99 < %s ms, %s at %s connection(s): %s (p99 %s ms)\n", t, $1, $2, ok ? "met" : "MISSED", $6
    }' "$RESULTS"
}
