# Shared pieces of the benchmark scripts (sourced, not run): tools, the release build, a
# fresh demo database, the server's start and stop, a participant session, wrk parsing
# and the server's CPU time. Everything stays on the loopback interface.
#
# Expects HERE (the bench folder) to be set by the sourcing script. Sets ROOT, WORK, BIN,
# PORT, BASE, WID, JOIN_CODE, SERVER_PID, COOKIE (after bench_session).

ROOT=$(cd "$HERE/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'FEHLER: %s\n' "$*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# bench_apt PROGRAM PACKAGE: installs PACKAGE from Debian when PROGRAM is missing.
bench_apt() {
    command -v "$1" >/dev/null 2>&1 && return 0
    log "$1 fehlt: installiere $2 aus Debian"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show "$2" >/dev/null 2>&1; then as_root apt-get update; fi
    as_root apt-get install -y "$2" >/dev/null
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || die "$2 konnte nicht installiert werden"
}

# The release binary as the README builds it (`cargo run --release`).
bench_build() {
    log "baue das Release-Binary nach $CARGO_TARGET_DIR (der erste Bau dauert einige Minuten)"
    (cd "$ROOT" && cargo build --release -p werkstatt)
    BIN="$CARGO_TARGET_DIR/release/werkstatt"
    [ -x "$BIN" ] || die "$BIN fehlt nach dem Bau"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

json_get() {
    python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

# A fresh folder with the demo database; removed on exit unless BENCH_KEEP=1.
bench_demo() {
    WORK=$(mktemp -d /tmp/werkstatt-bench.XXXXXX)
    DB_URL="sqlite://$WORK/bench.db"
    PORT=${BENCH_PORT:-$(free_port)}
    BASE="http://127.0.0.1:$PORT"
    local demo
    demo=$("$BIN" demo --json --db "$DB_URL" --addr "127.0.0.1:$PORT")
    WID=$(json_get werkstatt_id <<<"$demo")
    JOIN_CODE=$(json_get join_code <<<"$demo")
}

start_server() {
    "$BIN" serve --addr "127.0.0.1:$PORT" --db "$DB_URL" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    local _
    for _ in $(seq 1 300); do
        curl -sf "$BASE/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || {
            cat "$WORK/server.log" >&2
            die "der Server ist beim Start beendet worden"
        }
        sleep 0.1
    done
    die "der Server antwortet nicht auf $BASE/healthz"
}

# Joins the demo Werkstatt as a participant; sets COOKIE.
bench_session() {
    local body sid
    body=$(python3 -c 'import json, sys; print(json.dumps({"code": sys.argv[1], "name": sys.argv[2]}))' "$JOIN_CODE" "${1:-Bench}")
    curl -sf -c "$WORK/jar" -o /dev/null -X POST -H 'content-type: application/json' \
        -d "$body" "$BASE/api/v1/join" || die "Beitritt mit dem Teilnahme-Code fehlgeschlagen"
    sid=$(awk -F'\t' '$6 == "werkstatt_sid" { print $7 }' "$WORK/jar")
    [ -n "$sid" ] || die "kein werkstatt_sid-Cookie erhalten"
    COOKIE="Cookie: werkstatt_sid=$sid"
}

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

# CPU time (user + system, all threads) of process $1 so far, in microseconds.
CLK_TCK=$(getconf CLK_TCK)
cpu_us() {
    awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%d\n", ($12 + $13) * 1000000 / hz }' "/proc/$1/stat"
}

machine_line() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
    echo "$(nproc) cores, $cpu, $mem GiB RAM"
}
