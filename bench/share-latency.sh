#!/bin/sh
# Remote tap → presenter and → follower latency of `serve --share`, p50/p95
# over 50 taps, three browser contexts of headless Chromium on 127.0.0.2.
# Not a test: numbers go in BENCHMARKS.md. NOTEDECK_BIN overrides the binary.
set -eu
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || { echo "needs /usr/bin/chromium"; exit 1; }
if [ -z "${NOTEDECK_BIN:-}" ]; then
  cargo build --release --quiet --bin notedeck
  NOTEDECK_BIN=target/release/notedeck
fi
cargo build --release --quiet --example share_bench
NOTEDECK_BIN="$NOTEDECK_BIN" target/release/examples/share_bench --taps "${TAPS:-50}"
