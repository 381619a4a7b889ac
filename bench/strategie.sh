#!/usr/bin/env bash
# How long the Digitalstrategie of the demo Werkstatt takes to render, per format and for
# all five together: rerunnable, self-contained, no network.
#
#   bash bench/strategie.sh
#
# What it does:
#   1. installs hyperfine and poppler-utils from Debian if missing;
#   2. builds the release binary into $CARGO_TARGET_DIR (default /tmp/werkstatt-bench-target,
#      so that it never blocks debug builds in ./target);
#   3. seeds the demo Werkstatt into a fresh SQLite database in a temporary folder;
#   4. times `werkstatt export --format F` for pdf, docx, odt, md and html, and one shell
#      command running all five, with hyperfine (warm-up runs first);
#   5. prints a Markdown summary with mean, min and max, the PDF's page count and size, and
#      the targets (PDF < 500 ms, all five < 1.5 s).
#
# Each run is a whole process: start, open the database, assemble the document from the
# Werkstatt (with its charts), render, write the file. So the figures are an upper bound of
# the rendering time a server request needs.
#
# Settings (environment):
#   CARGO_TARGET_DIR   where the release build goes   (/tmp/werkstatt-bench-target)
#   BENCH_RUNS         runs per command               (10)
#   BENCH_KEEP=1       keep the temporary folder (database and the rendered files)

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
RUNS=${BENCH_RUNS:-10}

log() { printf '==> %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

log "building the release binary (first time: several minutes)"
(cd "$ROOT" && cargo build --release -q -p werkstatt)
BIN=$CARGO_TARGET_DIR/release/werkstatt

TMP=$(mktemp -d)
if [ "${BENCH_KEEP:-}" != 1 ]; then trap 'rm -rf "$TMP"' EXIT; else log "keeping $TMP"; fi
DB="sqlite://$TMP/bench.db"
W=$("$BIN" demo --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["werkstatt_id"])')
log "demo Werkstatt $W"

cmds=()
names=()
for f in pdf docx odt md html; do
    cmds+=("$BIN export --db $DB --werkstatt $W --format $f --out $TMP/strategie.$f")
    names+=(-n "$f")
done
alle="for f in pdf docx odt md html; do $BIN export --db $DB --werkstatt $W --format \$f --out $TMP/alle.\$f; done"

hyperfine -N --warmup 2 --runs "$RUNS" "${names[@]}" "${cmds[@]}" --export-json "$TMP/einzeln.json" >&2
hyperfine --warmup 1 --runs "$RUNS" -n alle "$alle" --export-json "$TMP/alle.json" >&2

seiten=$(pdfinfo "$TMP/strategie.pdf" | awk '/^Pages:/ {print $2}')
python3 - "$TMP" "$seiten" <<'PY'
import json, os, sys
tmp, seiten = sys.argv[1], sys.argv[2]
rows = json.load(open(f"{tmp}/einzeln.json"))["results"] + json.load(open(f"{tmp}/alle.json"))["results"]
ziel = {"pdf": 0.5, "alle": 1.5}
print(f"Machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
print()
print("| format | mean ms | min ms | max ms | file | target |")
print("|---|---:|---:|---:|---:|---|")
for r in rows:
    n = r["command"]
    datei = f"{tmp}/strategie.{n}" if n != "alle" else None
    groesse = f"{os.path.getsize(datei) / 1024:.0f} KiB" if datei and os.path.exists(datei) else "–"
    z = ziel.get(n)
    ok = "" if z is None else ("< %d ms: met" % (z * 1000) if r["mean"] < z else "< %d ms: MISSED" % (z * 1000))
    print(f"| {n} | {r['mean']*1000:.0f} | {r['min']*1000:.0f} | {r['max']*1000:.0f} | {groesse} | {ok} |")
print()
print(f"PDF pages: {seiten}")
PY
