#!/usr/bin/env bash
# Memory of the release app under Xvfb: resident memory with the sample,
# then after each of 20 articles opened in turn in the same window (File ▸
# Open, the native dialog driven with xdotool), then what the resident
# memory is made of (the largest mappings).
#   scripts/measure-memory.sh            (ROUNDS=3 for three rounds of the 10 articles)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "*** $corpus is missing: this script opens its articles ***" >&2; exit 1; }
source scripts/lib/headless.sh
articles=(
  "$corpus/large/pg2600-war-and-peace.txt"
  "$corpus/epub/alice.epub"
  "$corpus/html/guardian-1/source.html"
  "$corpus/html/wikipedia/source.html"
  "$corpus/markdown/rustblog-Rust-1.83.0.md"
  "$corpus/large/pg1399-anna-karenina.txt"
  "$corpus/html/nytimes-1/source.html"
  "$corpus/html/bbc-1/source.html"
  "$corpus/epub/fatbf.epub"
  "$corpus/html/lemonde-1/source.html"
)
target/release/marginalia 2>"$work/app.log" &
pid=$!
trap 'kill $pid 2>/dev/null; kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 4
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
echo "sample: $(rss) MB"
window=$(xdotool search --onlyvisible --name Marginalia | head -1)
for round in $(seq "${ROUNDS:-2}"); do
  for article in "${articles[@]}"; do
    xdotool windowfocus --sync "$window" key ctrl+o
    # rfd's dialog (the portal's, or zenity's without one): waited for,
    # then focused (no window manager gives it the keys).
    dialog=""
    for _ in $(seq 100); do
      dialog=$(xdotool search --onlyvisible --name . | grep -vx "$window" | tail -1 || true)
      [ -n "$dialog" ] && break
      sleep 0.1
    done
    [ -n "$dialog" ] || { echo "no open dialog" >&2; exit 1; }
    sleep 1
    xdotool windowfocus --sync "$dialog" key ctrl+l
    sleep 0.3
    xdotool type --delay 5 "$(realpath "$article")"
    sleep 0.5
    xdotool key Return
    # Until the dialog has gone (a Return may only take the path's
    # completion: then another).
    for attempt in $(seq 100); do
      xdotool search --onlyvisible --name . | grep -qvx "$window" || break
      [ $((attempt % 10)) -eq 0 ] && xdotool windowfocus --sync "$dialog" key Return
      sleep 0.1
    done
    sleep 3
    title=$(xdotool getwindowname "$window")
    echo "$(basename "$(dirname "$article")")/$(basename "$article"): $(rss) MB  ($title)"
  done
done
echo "peak: $(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status") MB"
echo "largest mappings now (MB resident):"
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = $6 == "" ? "(anonymous)" : $6}
     /^Rss:/ {rss[name] += $2}
     END {for (n in rss) if (rss[n] > 2048) printf "  %5.1f  %s\n", rss[n] / 1024, n}' \
  "/proc/$pid/smaps" | sort -rn
