#!/usr/bin/env bash
# fetch.sh [OUTDIR] - this batch's files (manifest.tsv beside it); see ../fetch-real-notes.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MANIFEST="$here/manifest.tsv" exec "$here/../fetch-real-notes" "$@"
