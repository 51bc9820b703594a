#!/usr/bin/env bash
# Paired whole-process runs of `notedeck build` against the floor on N talks
# (10 files): median wall and CPU ratio, the spread of the per-pair ratios,
# peak RSS (/usr/bin/time -v) and the load average before and after.
# Usage: bench/scale.sh [TALKS=10000] [RUNS=5] [ND=target/release/notedeck]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-5}
ND=${ND:-$PWD/target/release/notedeck}
OUT=${OUT:-$PWD/bench/out}
(cd bench/floor && cargo build --release -q)
FLOOR=$PWD/bench/floor/target/release/floor
GEN=$PWD/bench/floor/target/release/gen
mkdir -p "$OUT"
IN=$OUT/c$N
[ -d "$IN" ] || "$GEN" "$IN" "$N" 10 >/dev/null
MD=("$IN"/*.md)

rm -rf "$OUT/nd"; "$ND" build "$IN" -o "$OUT/nd" >/dev/null 2>&1
PAD=$(find "$OUT/nd" -name '*.html' ! -name index.html ! -name recap.html ! -name read.html -printf '%s\n' |
  awk '{s+=$1; n++} END {print int(s/n)}')

# one run: prints "wall_s cpu_s peak_kb"
run() {
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/.t" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$OUT/.t"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$OUT/.pairs"
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/nd"; a=$(run "$ND" build "$IN" -o "$OUT/nd")
  rm -rf "$OUT/fl"; b=$(run "$FLOOR" --pad "$PAD" "$OUT/fl" "${MD[@]}")
  echo "$a $b" | tee -a "$OUT/.pairs"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$N" '
  { w[NR]=$1; c[NR]=$2; m[NR]=$3; fw[NR]=$4; fc[NR]=$5; r[NR]=$1/$4 }
  function med(a, k,  i, j, t, b) { for (i=1;i<=k;i++) b[i]=a[i];
    for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (b[j]<b[i]) {t=b[i];b[i]=b[j];b[j]=t}
    return (k%2) ? b[(k+1)/2] : (b[k/2]+b[k/2+1])/2 }
  function lo(a, k,  i, x) { x=a[1]; for (i=2;i<=k;i++) if (a[i]<x) x=a[i]; return x }
  function hi(a, k,  i, x) { x=a[1]; for (i=2;i<=k;i++) if (a[i]>x) x=a[i]; return x }
  END { k=NR
    printf "%d talks, %d pairs: notedeck %.2f s wall (%.2f s cpu), floor %.2f s (%.2f s cpu)\n", n, k, med(w,k), med(c,k), med(fw,k), med(fc,k)
    printf "ratio wall %.2fx (cpu %.2fx), per-pair wall ratios %.2f-%.2fx\n", med(w,k)/med(fw,k), med(c,k)/med(fc,k), lo(r,k), hi(r,k)
    printf "peak RSS notedeck %.0f MB (%.0f-%.0f)\n", med(m,k)/1024, lo(m,k)/1024, hi(m,k)/1024 }' "$OUT/.pairs"
