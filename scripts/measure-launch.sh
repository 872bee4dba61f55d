#!/usr/bin/env bash
# Launch as the user sees it: starts the release binary under Xvfb (1280×800,
# Mesa software rendering, a window manager) and polls the screen until the
# article is on it and still, for each article below, with a plain editor
# (mousepad) measured in the same run as the reference.
#   scripts/measure-launch.sh [RUNS]      (median of RUNS after a warm-up; 3)
# Prints, per article and program: window mapped, first frame, text
# readable, peak memory, idle CPU (benches/launch.rs does the measuring).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then
  echo "*** $corpus is missing: the launch benchmark opens its articles. ***" >&2
  exit 1
fi

# The probe is built before headless.sh gives the session its own HOME.
probe=$(cargo bench --bench launch --no-run --message-format=json 2>/dev/null |
  grep -o '"executable":"[^"]*launch-[^"]*"' | tail -1 | cut -d'"' -f4)
headless_setup=measure headless_screen=1280x800x24
source scripts/lib/headless.sh
matchbox-window-manager -use_titlebar no >/dev/null 2>&1 &
wm=$!
trap 'kill $wm $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1

measure() { # NAME WORDS... -- PROGRAM ARGS...
  local name=$1
  shift
  local expect=()
  while [ "$1" != -- ]; do expect+=(--expect "$1"); shift; done
  shift
  echo "== $name: $*"
  "$probe" --bench --runs "$runs" --out "$work/$name" "${expect[@]}" -- "$@" | grep -E "^(median|measured)"
}

# MARGINALIA_BINARY: another build to measure (a release of an earlier commit).
app="${MARGINALIA_BINARY:-$PWD/target/release/marginalia}"
sample=assets/kerry-lavrov-meeting.txt
war=$corpus/large/pg2600-war-and-peace.txt
measure sample-marginalia Kerry Lavrov meeting -- "$app" "$sample"
measure sample-mousepad Kerry Lavrov meeting -- mousepad "$sample"
measure war-marginalia War Peace -- "$app" "$war"
measure war-mousepad War Peace -- mousepad "$war"
measure bbc-marginalia -- "$app" "$corpus/html/bbc-1/source.html"
measure alice-marginalia Alice -- "$app" "$corpus/epub/alice.epub"
measure guardian-1mb-marginalia -- "$app" "$corpus/html/guardian-1/source.html"
measure tracemonkey-pdf-marginalia Trace Specialization -- "$app" "$corpus/pdf/papers/p01_tracemonkey.pdf"
