#!/usr/bin/env bash
# Prioritisation benchmark: results of all methods for 30 participants × 200 Maßnahmen, and
# the ballot endpoint under load. Rerunnable, self-contained, loopback only.
#
#   bash bench/priorisierung.sh
#
# What it does, in order:
#   1. installs wrk from Debian if it is missing (apt-get; as root, or through sudo);
#   2. builds the release binary into $CARGO_TARGET_DIR (default
#      /tmp/werkstatt-bench-target, so that it never blocks debug builds in ./target);
#   3. creates a fresh SQLite database in a temporary folder, an admin account and an API
#      token for it, and starts `werkstatt serve` on 127.0.0.1 (stopped by a trap on exit);
#   4. bench/priorisierung.py sets up through the JSON API: a Kommune, a Werkstatt, one
#      chosen field with 200 Maßnahmen, the phases feldwahl → gruppenarbeit →
#      priorisierung one step at a time, 30 participants (POST /api/v1/join, one cookie jar
#      each), one round per method with a ballot from every participant (dots: the default
#      101 of at most 3 per Maßnahme, all spent; matrix and weighted scoring: all 200
#      Maßnahmen rated; pairwise: 50 comparisons each; ranking: all 200 in order), and
#      closes each round;
#   5. results: wrk --latency with one connection against GET
#      /api/v1/werkstaetten/{id}/runden/{rid} (bearer token) per method: every request
#      reads the round and its 30 ballots from SQLite, parses them and computes the whole
#      result, so the figures are an upper bound for the computation itself;
#   6. ballots: wrk with bench/stimmzettel.lua, PUT …/runden/{rid}/stimmzettel rotating
#      through the 30 participants' session cookies (each body a valid dot ballot of 10 dots),
#      at 10 and 50 connections, each on a fresh round; afterwards the round must show
#      abgegeben = 30 (one ballot per participant, however often it was replaced), and once
#      closed punkte_gesamt = 30 × 10 with every Maßnahme's dots as the ballots say;
#   7. prints a Markdown summary.
#
# Settings (environment):
#   CARGO_TARGET_DIR   where the release build goes        (/tmp/werkstatt-bench-target)
#   BENCH_DURATION     length of each wrk run              (10s)
#   BENCH_VOTE_CONNECTIONS  connection counts for the ballots ("10 50")
#   BENCH_THREADS      wrk threads for the ballots         (2)
#   BENCH_PORT         port to listen on                   (a free one)
#   BENCH_KEEP=1       keep the temporary folder (database, logs, raw wrk output)
#
# wrk, the server and anything else running share the machine's cores: the load average
# before and after is printed with the summary.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY="$HERE/priorisierung.py"
LUA="$HERE/stimmzettel.lua"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
DURATION=${BENCH_DURATION:-10s}
VOTE_CONNECTIONS=${BENCH_VOTE_CONNECTIONS:-"10 50"}
MAX_THREADS=${BENCH_THREADS:-2}
PASSWORD='bench-passwort-123456'
EMAIL='b@b.invalid'

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'FEHLER: %s\n' "$*" >&2
    exit 1
}

# --- 1. Tools ---------------------------------------------------------------------

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v wrk >/dev/null 2>&1; then
    log "wrk fehlt: installiere es aus Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-cache show wrk >/dev/null 2>&1 || as_root apt-get update
    as_root apt-get install -y wrk
    command -v wrk >/dev/null 2>&1 || die "wrk konnte nicht installiert werden"
fi
for tool in curl python3 cargo; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool wird gebraucht, ist aber nicht installiert"
done

# --- 2. Release build -------------------------------------------------------------

log "baue das Release-Binary nach $CARGO_TARGET_DIR"
(cd "$ROOT" && cargo build --release -p werkstatt)
BIN="$CARGO_TARGET_DIR/release/werkstatt"
[ -x "$BIN" ] || die "$BIN fehlt nach dem Bau"

# --- 3. Fresh database, admin, token, server -----------------------------------------

WORK=$(mktemp -d /tmp/werkstatt-prio-bench.XXXXXX)
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
    if [ "${BENCH_KEEP:-0}" = 1 ]; then log "Dateien bleiben in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"

log "lege Datenbank, Admin-Konto und API-Token in $WORK an"
"$BIN" migrate --db "$DB_URL" >/dev/null
echo "$PASSWORD" | "$BIN" user add --db "$DB_URL" --email "$EMAIL" --name Bench --role admin >/dev/null
# The token first: with SQLite the running server holds the database for itself.
TOKEN=$("$BIN" user token --db "$DB_URL" --email "$EMAIL")
[ -n "$TOKEN" ] || die "kein API-Token erhalten"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$BIN" serve --addr "127.0.0.1:$PORT" --db "$DB_URL" >>"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
    curl -sf "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "der Server ist beim Start beendet worden"; }
    sleep 0.1
done
curl -sf "$BASE/healthz" >/dev/null || die "der Server antwortet nicht auf $BASE/healthz"

# --- 4. Werkstatt, Maßnahmen, participants, one closed round per method --------------

log "Werkstatt mit 200 Maßnahmen, 30 Teilnehmenden und je einer Runde pro Methode"
T0=$(date +%s.%N)
python3 "$PY" setup "$BASE" "$TOKEN" "$WORK"
SETUP_S=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$T0" "$(date +%s.%N)")
WID=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["werkstatt_id"])' "$WORK/setup.json")
API="$BASE/api/v1/werkstaetten/$WID"
AUTH="Authorization: Bearer $TOKEN"
rid_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["runden"][sys.argv[2]])' "$WORK/setup.json" "$1"; }

# --- wrk helpers -------------------------------------------------------------------

to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n)
        u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") f = 0.001; else if (u == "ms") f = 1; else if (u == "s") f = 1000;
        else if (u == "m") f = 60000; else { print "?"; exit }
        printf "%.2f", n * f
    }'
}
CLK_TCK=$(getconf CLK_TCK)
server_cpu_ms() {
    awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$SERVER_PID/stat"
}

# One tab-separated line per run: label, connections, requests/s, p50 ms, p99 ms,
# completed, non-2xx, socket errors, server CPU µs per request, extra
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

run_wrk() {
    local label=$1 conns=$2 threads=$3 url=$4 extra=$5
    shift 5
    local out
    out="$WORK/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$label")-c$conns.txt"
    log "wrk: $label, $conns Verbindung(en), $threads Thread(s), $DURATION"
    local cpu0 cpu1
    cpu0=$(server_cpu_ms)
    wrk --latency -t"$threads" -c"$conns" -d"$DURATION" "$@" "$url" >"$out"
    cpu1=$(server_cpu_ms)
    cat "$out" >&2
    local rps p50 p99 completed non2xx sockerr cpu_us='?'
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    completed=$(awk '/ requests in / { print $1 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    if [ "${completed:-0}" -gt 0 ]; then cpu_us=$(((cpu1 - cpu0) * 1000 / completed)); fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$conns" "${rps:-?}" "$p50" "$p99" \
        "${completed:-?}" "${non2xx:-0}" "${sockerr:-0}" "$cpu_us" "$extra" >>"$RESULTS"
    LAST_OUT=$out
}

# --- 5. Results per method -------------------------------------------------------------

for methode in punkte matrix nutzwert paarvergleich rangfolge; do
    rid=$(rid_of "$methode")
    read -r code bytes < <(curl -s -o "$WORK/ergebnis-$methode.json" -w '%{http_code} %{size_download}\n' -H "$AUTH" "$API/runden/$rid")
    [ "$code" = 200 ] || die "GET …/runden/$rid ($methode) antwortet $code"
    python3 -c 'import json, sys; e = json.load(open(sys.argv[1]))["ergebnis"]; assert e and e["stimmzettel"] == 30 and len([m for g in e["rang"] for m in g]) == 200, "unvollständiges Ergebnis"' "$WORK/ergebnis-$methode.json" \
        || die "das Ergebnis der Runde $methode ist unvollständig"
    run_wrk "Ergebnis $methode" 1 1 "$API/runden/$rid" "$bytes" -H "$AUTH"
done

# --- 6. Ballots under load ---------------------------------------------------------------

CHECKS="$WORK/checks.tsv"
: >"$CHECKS"
for conns in $VOTE_CONNECTIONS; do
    rid=$(python3 "$PY" open "$BASE" "$TOKEN" "$WORK" "c$conns")
    export BENCH_ZETTEL="$WORK/zettel-$rid.tsv"
    threads=$((conns < MAX_THREADS ? conns : MAX_THREADS))
    run_wrk "PUT …/stimmzettel" "$conns" "$threads" "$API/runden/$rid/stimmzettel" "" -s "$LUA"
    not200=$(awk '/^Not-200 responses:/ { print $3 }' "$LAST_OUT")
    sleep 1
    verdict=$(python3 "$PY" check "$BASE" "$TOKEN" "$WORK" "$rid")
    printf '%s\t%s\t%s\t%s\n' "$conns" "${not200:-?}" "$verdict" "$rid" >>"$CHECKS"
done

RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_server
# Independently of the API: the rows in the database, once the server has stopped.
declare -A ROWS
if command -v sqlite3 >/dev/null 2>&1; then
    while IFS=$'\t' read -r conns _ _ rid; do
        ROWS[$conns]=$(sqlite3 -separator ' / ' "$WORK/bench.db" \
            "SELECT count(*), count(DISTINCT teilnehmende_id) FROM stimmzettel WHERE runde_id = '$rid'")
    done <"$CHECKS"
fi

# --- 7. Summary ----------------------------------------------------------------------

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then COMMIT="$COMMIT (with local changes)"; fi

{
    echo
    echo "## Prioritisation benchmark (bench/priorisierung.sh)"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $COMMIT"
    echo "- Machine: $(nproc) cores, $CPU, $MEM_GIB GiB RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "- wrk $DURATION per run on the same machine as the server; SQLite; setup through the API took ${SETUP_S} s"
    echo
    echo "### Results: GET /api/v1/werkstaetten/{id}/runden/{rid}, 30 ballots × 200 Maßnahmen, 1 connection"
    echo
    echo "| Method | Requests/s | p50 (ms) | p99 (ms) | Completed | Non-2xx | Server CPU/request (µs) | Response (bytes) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '$1 ~ /^Ergebnis/ { sub(/^Ergebnis /, "", $1); printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $4, $5, $6, $7, $9, $10 }' "$RESULTS"
    echo
    echo "### Ballots: PUT /api/v1/werkstaetten/{id}/runden/{rid}/stimmzettel, 30 participants rotating"
    echo
    echo "| Connections | Ballots/s | p50 (ms) | p99 (ms) | Completed | Non-2xx | Not 200 | Socket errors | Server CPU/request (µs) |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    paste <(awk -F'\t' '$1 ~ /^PUT/' "$RESULTS") "$CHECKS" |
        awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $12, $8, $9 }'
    echo
    while IFS=$'\t' read -r conns not200 verdict rid; do
        python3 -c '
import json, sys
c, v = sys.argv[1], json.loads(sys.argv[2])
print("- %s connections: abgegeben %d (participants who voted: %d), ballots counted after closing %d, "
      "punkte_gesamt %d (expected %d), dots per Maßnahme as cast: %s -> %s" % (
          c, v["abgegeben"], v["teilnehmende_mit_stimme"], v["stimmzettel"], v["punkte_gesamt"],
          v["erwartet_gesamt"], "yes" if v["verteilung_ok"] else "NO",
          "none lost or double counted" if v["ok"] else "MISMATCH"))
' "$conns" "$verdict"
        if [ -n "${ROWS[$conns]:-}" ]; then
            echo "  - rows in the database for that round (ballots / distinct participants): ${ROWS[$conns]}"
        fi
    done <"$CHECKS"
    echo "- Peak RSS of the server (VmHWM): $((RSS_KB / 1024)) MiB"
    echo
    awk -F'\t' '
        $1 ~ /^Ergebnis/ { sub(/^Ergebnis /, "", $1); if ($5 + 0 >= 10) miss = miss " " $1 "(" $5 " ms)" }
        END { printf "- Target: every method under 10 ms for 30 × 200 (p99 of the whole request): %s\n", miss == "" ? "met" : "MISSED by" miss }' "$RESULTS"
    awk -F'\t' -v checks="$CHECKS" '
        BEGIN { while ((getline l < checks) > 0) { split(l, f, "\t"); bad += (f[2] != 0); if (l !~ /"ok": true/) bad++ } }
        $1 ~ /^PUT/ { if ($3 + 0 < 500) slow = slow " " $2 " conns (" $3 "/s)" }
        END { printf "- Target: at least 500 ballots/s with none lost: %s\n", (slow == "" && bad == 0) ? "met" : "MISSED" slow (bad ? " (errors or mismatches)" : "") }' "$RESULTS"
}
