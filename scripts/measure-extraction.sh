#!/usr/bin/env bash
# Web-article extraction on the development benchmark
# (../shared/corpus/extraction: 398 pages with ground truth, its own scorer):
# the release binary's `inspect` on every page, scored per set — body F1,
# trafilatura's snippets, titles — with the per-page table in
# target/extraction-pages.tsv.
#   scripts/measure-extraction.sh [--sets dragnet,...] [--group lang]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/extraction
if [ ! -f "$corpus/score.py" ]; then
  echo "*** $corpus is missing: the benchmark reads the shared corpus in place ***" >&2
  exit 1
fi
cargo build --release --quiet
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
python3 "$corpus/score.py" --cmd 'target/release/marginalia inspect {file}' \
  --home "$home" --name marginalia --tsv target/extraction-pages.tsv "$@"
