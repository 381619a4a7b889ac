#!/usr/bin/env bash
# Times the pure algorithms in a release build: all prioritisation results for 30 × 200 with
# every method, and a schedule of 500 tasks with 2,000 dependencies (crates/core/examples/rechenzeit.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/werkstatt-bench-target}
cargo run --release -q -p werkstatt-core --example rechenzeit
