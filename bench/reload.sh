#!/bin/sh
# Save → push event and save → shown in Chromium (patched in place, then
# with the reload path forced), p50/p95 over 50 saves,
# for the user's notes and a generated 1,000-talk project (deterministic,
# written to a temp folder). Not a test: numbers go in the report.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin notedeck
cargo build --release --quiet --example reload_bench
run() { NOTEDECK_BIN=target/release/notedeck target/release/examples/reload_bench "$@"; }
browser=""
[ -x /usr/bin/chromium ] && browser="--browser" || echo "no /usr/bin/chromium: push latency only"
run --notes talks/rustconf-2025/day-one.md --saves 50 $browser
run --generate 1000 --saves 50 $browser
if [ -n "$browser" ]; then
  run --notes talks/rustconf-2025/day-one.md --saves 50 $browser --reload
  run --generate 1000 --saves 50 $browser --reload
fi
