#!/usr/bin/env bash
# Times whole `notedeck build` processes against the floor (bench/floor:
# cut at `## `, push_html, write one padded file per talk) and, when they
# install, Marp CLI and Pandoc+reveal.js on the same talks. Prints ratios,
# peak memory and output bytes. Run from anywhere: bench/compare.sh
# Env: RUNS (default 7) runs per measurement, median reported.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
RUNS=${RUNS:-7}
mkdir -p "$OUT"

echo "== building release binaries"
cargo build --release -q
(cd bench/floor && cargo build --release -q)
ND=$ROOT/target/release/notedeck
FLOOR=$ROOT/bench/floor/target/release/floor
GEN=$ROOT/bench/floor/target/release/gen

echo "== generating corpora in bench/out"
rm -rf "$OUT/c1k" "$OUT/pertalk" "$OUT/huge"
"$GEN" "$OUT/c1k" 1000 10
"$GEN" --per-talk "$OUT/pertalk" 1000
"$GEN" --huge "$OUT/huge" 100000

now_ns() { date +%s%N; }
# median wall ms of "$@" over RUNS runs; `prep` is run before each
median_ms() {
  local prep=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    eval "$prep"
    local t0; t0=$(now_ns)
    "$@" >/dev/null 2>&1
    local t1; t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
peak_kb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$OUT/.rss" "$@" >/dev/null 2>&1 || true
    cat "$OUT/.rss"
  else
    echo "?"
  fi
}
deck_bytes() { find "$1" -name '*.html' ! -name index.html -printf '%s\n' | awk '{s+=$1; n++} END {print s+0, n+0}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

compare() {
  local name=$1; shift
  local inputs=("$@")
  local nout=$OUT/nd-$name fout=$OUT/floor-$name
  rm -rf "$nout"; "$ND" build "${inputs[@]}" -o "$nout" >/dev/null 2>&1 || true
  read -r bytes decks < <(deck_bytes "$nout")
  local pad=$(( bytes / decks ))
  local md=()
  for i in "${inputs[@]}"; do
    if [ -d "$i" ]; then while IFS= read -r f; do md+=("$f"); done < <(find "$i" -name '*.md' | sort); else md+=("$i"); fi
  done
  # Interleaved, so load from other processes hits both alike.
  local nts=() fts=() t0
  for _ in $(seq "$RUNS"); do
    rm -rf "$nout"; t0=$(now_ns); "$ND" build "${inputs[@]}" -o "$nout" >/dev/null 2>&1 || true
    nts+=($(( ($(now_ns) - t0) / 1000 )))
    rm -rf "$fout"; t0=$(now_ns); "$FLOOR" --pad "$pad" "$fout" "${md[@]}" >/dev/null 2>&1
    fts+=($(( ($(now_ns) - t0) / 1000 )))
  done
  local nt ft
  nt=$(printf '%s\n' "${nts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  ft=$(printf '%s\n' "${fts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  rm -rf "$nout"; local nm; nm=$(peak_kb "$ND" build "${inputs[@]}" -o "$nout")
  rm -rf "$fout"; local fm; fm=$(peak_kb "$FLOOR" --pad "$pad" "$fout" "${md[@]}")
  read -r fbytes fdecks < <(deck_bytes "$fout")
  local max; max=$(find "$nout" -name '*.html' ! -name index.html -printf '%s\n' | sort -n | tail -1)
  printf '%-10s notedeck %8s ms  floor %8s ms  ratio %5s   peak %6s KB vs %6s KB   decks %4s (%s B, largest deck %s B) vs floor %4s files (%s B)\n' \
    "$name" "$nt" "$ft" "$(ratio "$nt" "$ft")" "$nm" "$fm" "$decks" "$bytes" "$max" "$fdecks" "$fbytes"
  # Rebuild with nothing changed, and after a one-talk edit (whole process).
  local ut; ut=$(median_ms ":" "$ND" build "${inputs[@]}" -o "$nout")
  printf '%-10s notedeck rebuild, nothing changed: %s ms\n' "$name" "$ut"
  NT=$nt
}

echo
echo "== full builds (median of $RUNS, fresh output folder each run)"
compare user talks
compare c1k "$OUT/c1k"
C1K_MS=$NT
cp -r "$OUT/c1k" "$OUT/c1k-edit"
EDIT_PREP="sed -i '0,/^\\* /s//* EDITED /' '$OUT/c1k-edit/day-05.md'"
"$ND" build "$OUT/c1k-edit" -o "$OUT/nd-edit" >/dev/null 2>&1 || true
et=$(median_ms "$EDIT_PREP" "$ND" build "$OUT/c1k-edit" -o "$OUT/nd-edit")
echo "c1k        notedeck rebuild after a one-talk edit (whole process, no cache): $et ms"
ht=$(median_ms "rm -rf '$OUT/nd-huge'" "$ND" build "$OUT/huge" -o "$OUT/nd-huge")
echo "huge       one talk of 100,000 bullets: $ht ms, peak $(peak_kb "$ND" build "$OUT/huge" -o "$OUT/nd-huge2") KB"
echo "binary     $(stat -c %s "$ND") bytes"

echo
echo "== other tools on the same talks (one file per talk)"
TOOLS=$OUT/tools
if command -v npm >/dev/null && [ ! -x "$TOOLS/node_modules/.bin/marp" ]; then
  npm install --no-audit --no-fund --prefix "$TOOLS" @marp-team/marp-cli reveal.js@4 >/dev/null 2>&1 || true
fi
if [ -x "$TOOLS/node_modules/.bin/marp" ]; then
  # Marp on 100 talks (HTML needs no browser), extrapolated to 1,000.
  rm -rf "$OUT/marp-in" "$OUT/marp-out"; mkdir -p "$OUT/marp-in"
  cp $(ls "$OUT"/pertalk/*.md | head -100) "$OUT/marp-in/"
  t0=$(now_ns)
  "$TOOLS/node_modules/.bin/marp" --no-stdin -I "$OUT/marp-in" -o "$OUT/marp-out" >/dev/null 2>&1
  mt=$(( ($(now_ns) - t0) / 1000000 ))
  mb=$(du -sb "$OUT/marp-out" | cut -f1)
  echo "marp       100 talks: $mt ms (x10 = $((mt * 10)) ms for 1,000, extrapolated), $mb B;" \
       "ratio marp/notedeck for 1,000 talks: $(ratio $((mt * 10)) "$C1K_MS")"
else
  echo "marp       not installed (npm @marp-team/marp-cli): skipped"
fi
if command -v pandoc >/dev/null && [ -d "$TOOLS/node_modules/reveal.js" ]; then
  # Pandoc + reveal.js embedded in each deck, on 10 talks, extrapolated.
  rm -rf "$OUT/pandoc-out"; mkdir -p "$OUT/pandoc-out"
  ok=0
  t0=$(now_ns)
  for f in $(ls "$OUT"/pertalk/*.md | head -10); do
    pandoc -t revealjs -s --self-contained --metadata title=talk \
      -V revealjs-url="$TOOLS/node_modules/reveal.js" "$f" \
      -o "$OUT/pandoc-out/$(basename "$f" .md).html" >/dev/null 2>&1 && ok=$((ok + 1))
  done
  pt=$(( ($(now_ns) - t0) / 1000000 ))
  pb=$(du -sb "$OUT/pandoc-out" | cut -f1)
  echo "pandoc     10 talks: $pt ms ($ok ok; x100 = $((pt * 100)) ms for 1,000, extrapolated), $pb B;" \
       "ratio pandoc/notedeck for 1,000 talks: $(ratio $((pt * 100)) "$C1K_MS")"
else
  echo "pandoc     not installed (Debian pandoc + npm reveal.js@4): skipped"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
