#!/usr/bin/env bash
# Pages side by side with nginx: the demo's Maßnahmen page and overview as Werkstatt
# serves them to a participant, against nginx serving the very same bytes as static
# files, in one run, alternating, on the same machine.
#
#   bash bench/seiten.sh
#
# 1. installs wrk and nginx-light from Debian if missing; builds the release binary;
# 2. fresh demo database, server on a free loopback port, a participant session;
# 3. saves both pages' bytes as files and starts nginx (as many workers as cores, no
#    access log) on another free loopback port with them;
# 4. wrk at 10 and 50 connections, Werkstatt and nginx taking turns, for each page;
#    CPU per request from /proc (Werkstatt's process; nginx's workers);
# 5. adds BENCH_EXTRA Maßnahmen (default 250, which keeps the Werkstatt under its limit of
#    300 Maßnahmen) and measures the overview again: its cost
#    must not grow with the number of Maßnahmen;
# 6. prints a Markdown table with the ratio Werkstatt/nginx and the targets.
#
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS ("10 50"), BENCH_THREADS (2),
# BENCH_EXTRA (250), BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-"10 50"}
MAX_THREADS=${BENCH_THREADS:-2}
EXTRA=${BENCH_EXTRA:-250}

bench_apt wrk wrk
bench_apt nginx nginx-light
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
bench_build
bench_demo

NGINX_PID=""
cleanup() {
    stop_server
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    if [ "${BENCH_KEEP:-0}" = 1 ]; then log "Dateien bleiben in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
bench_session

# --- the same bytes for nginx -------------------------------------------------------
mkdir -p "$WORK/www" "$WORK/nginx"
declare -A PFAD=([massnahmen]="/w/$WID/massnahmen" [uebersicht]="/w/$WID")
for name in massnahmen uebersicht; do
    code=$(curl -s -o "$WORK/www/$name.html" -w '%{http_code}' -H "$COOKIE" "$BASE${PFAD[$name]}")
    [ "$code" = 200 ] || die "GET ${PFAD[$name]} antwortet $code statt 200"
done
# nginx's workers run as an unprivileged user: they must be able to read the pages, while the
# rest of the temporary folder (database, session) stays private.
chmod 711 "$WORK"
chmod 755 "$WORK/www"
chmod 644 "$WORK"/www/*.html
NPORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx;
    proxy_temp_path $WORK/nginx;
    fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx;
    scgi_temp_path $WORK/nginx;
    server {
        listen 127.0.0.1:$NPORT;
        root $WORK/www;
        default_type text/html;
        charset utf-8;
    }
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$NPORT/massnahmen.html" && break; sleep 0.1; done
cmp -s <(curl -s "http://127.0.0.1:$NPORT/massnahmen.html") "$WORK/www/massnahmen.html" || die "nginx liefert nicht dieselben Bytes"

nginx_cpu_us() {
    local sum=0 p
    for p in $(pgrep -P "$NGINX_PID") "$NGINX_PID"; do sum=$((sum + $(cpu_us "$p"))); done
    echo "$sum"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# run LABEL SERVER CONNS URL [wrk options]: one wrk run; records rps, p50, p99, CPU µs/request.
run() {
    local label=$1 server=$2 conns=$3 url=$4
    shift 4
    local threads=$((conns < MAX_THREADS ? conns : MAX_THREADS)) out c0 c1
    out="$WORK/wrk-$label-$server-$conns.txt"
    if [ "$server" = werkstatt ]; then c0=$(cpu_us "$SERVER_PID"); else c0=$(nginx_cpu_us); fi
    wrk --latency -t"$threads" -c"$conns" -d"$DURATION" "$@" "$url" >"$out"
    if [ "$server" = werkstatt ]; then c1=$(cpu_us "$SERVER_PID"); else c1=$(nginx_cpu_us); fi
    local rps p50 p99 done non2xx
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    done=$(awk '/ requests in / { print $1 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    [ -z "$non2xx" ] || die "$label ($server): $non2xx Antworten ohne 2xx"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$server" "$conns" "$rps" "$p50" "$p99" \
        "$(((c1 - c0) / (done > 0 ? done : 1)))" >>"$RESULTS"
    log "$label $server c=$conns: $rps req/s, p99 $p99 ms"
}

for conns in $CONNECTIONS; do
    for name in massnahmen uebersicht; do
        run "$name" werkstatt "$conns" "$BASE${PFAD[$name]}" -H "$COOKIE"
        run "$name" nginx "$conns" "http://127.0.0.1:$NPORT/$name.html"
    done
done

# --- the overview with many more Maßnahmen -------------------------------------------
PASSWORD='bench-passwort-123456'
# With SQLite the command line works only while no server holds the file.
stop_server
echo "$PASSWORD" | "$BIN" user add --db "$DB_URL" --email bench@bench.invalid --name Bench --role admin >/dev/null
TOKEN=$("$BIN" user token --db "$DB_URL" --email bench@bench.invalid)
start_server
API="$BASE/api/v1/werkstaetten/$WID"
FELD_ID=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/felder" | python3 -c '
import json, sys
print([f["feld"]["id"] for f in json.load(sys.stdin)["felder"] if f["feld"].get("gewaehlt")][0])')
VOR=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/massnahmen" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
for i in $(seq 1 "$EXTRA"); do
    printf '{"feld_id":"%s","titel":"Zusatzmaßnahme %s","umsetzung":"kurzfristig"}\n' "$FELD_ID" "$i"
done | python3 -c '
import json, sys, urllib.request
api, token = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    req = urllib.request.Request(api + "/massnahmen", data=line.encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()' "$API" "$TOKEN"
NACH=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/massnahmen" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
bench_session Bench2
run "uebersicht-gross" werkstatt 10 "$BASE/w/$WID" -H "$COOKIE"
RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
[ -z "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ] || COMMIT="$COMMIT (mit lokalen Änderungen)"
{
    echo
    echo "## Pages side by side with nginx ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT)"
    echo
    echo "- Machine: $(machine_line); load before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "- wrk $DURATION per run, up to $MAX_THREADS threads, on the same cores as the server; participant session; SQLite"
    echo "- Bytes: Maßnahmen page $(stat -c %s "$WORK/www/massnahmen.html"), overview $(stat -c %s "$WORK/www/uebersicht.html")"
    echo
    echo "| Page | Conns | Werkstatt req/s | nginx req/s | Ratio | Werkstatt p50 / p99 (ms) | nginx p50 / p99 (ms) | Werkstatt CPU/req (µs) | nginx CPU/req (µs) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '
        $2 == "werkstatt" { w[$1 SUBSEP $3] = $0 }
        $2 == "nginx" {
            split(w[$1 SUBSEP $3], a, "\t")
            printf "| %s | %s | %s | %s | %.1f %% | %s / %s | %s / %s | %s | %s |\n", $1, $3, a[4], $4, 100 * a[4] / $4, a[5], a[6], $5, $6, a[7], $7
        }' "$RESULTS"
    grep -P '^uebersicht-gross\t' "$RESULTS" | awk -F'\t' -v vor="$VOR" -v nach="$NACH" '{
        printf "\n- Overview with %s instead of %s Maßnahmen, 10 connections: %s req/s, p99 %s ms, %s µs CPU/request\n", nach, vor, $4, $6, $7 }'
    echo "- Peak RSS of the server (VmHWM): $((RSS_KB / 1024)) MiB"
    echo
    awk -F'\t' '
        $2 == "werkstatt" { w[$1 SUBSEP $3] = $4; c[$1 SUBSEP $3] = $7 }
        $2 == "nginx" && $1 == "massnahmen" {
            r = 100 * w[$1 SUBSEP $3] / $4
            printf "- Target ≥ 30 %% of nginx on the Maßnahmen page, %s connections: %s (%.1f %%)\n", $3, r >= 30 ? "met" : "MISSED", r
        }
        $2 == "werkstatt" && $1 != "uebersicht-gross" {
            printf "- Target ≤ 60 µs server CPU per page, %s at %s connections: %s (%s µs)\n", $1, $3, $7 <= 60 ? "met" : "MISSED", $7
        }' "$RESULTS"
}
