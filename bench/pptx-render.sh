#!/usr/bin/env bash
# Renders `notedeck pptx` of the example recap (or the inputs given) with
# LibreOffice Impress and turns pages into PNGs to look at, then reports
# text boxes that overflow (bench/pptx_check.py --overflow on the PDF).
# Needs Debian's libreoffice-impress and poppler-utils; too heavy for CI.
#
#   bench/pptx-render.sh [INPUT...]      → target/pptx-render/{recap.pptx,recap.pdf,page-*.png}
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/pptx-render
rm -rf "$out" && mkdir -p "$out"
cargo build -q
[ $# -eq 0 ] && set -- talks
./target/debug/notedeck pptx "$@" -o "$out/recap.pptx"
# A private profile: no first-run state in the user's home.
libreoffice -env:UserInstallation="file://$PWD/$out/lo-profile" --headless \
  --convert-to pdf --outdir "$out" "$out/recap.pptx" >/dev/null 2>&1
pages=$(pdfinfo "$out/recap.pdf" | awk '/^Pages:/ {print $2}')
echo "LibreOffice rendered $pages pages → $out/recap.pdf"
pdftoppm -png -r 48 "$out/recap.pdf" "$out/page"
echo "pages as PNG: $out/page-*.png"
python3 bench/pptx_check.py --overflow "$out/recap.pptx" "$out/recap.pdf"
