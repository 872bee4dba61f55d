#!/usr/bin/env bash
# Measures the release app with War and Peace under Xvfb: time until the
# document is laid out, peak memory, and CPU used while idle (also with
# the find field focused).
#   scripts/measure.sh [ARTICLE]
set -euo pipefail
cd "$(dirname "$0")/.."
article="${1:-../shared/corpus/large/pg2600-war-and-peace.txt}"
source scripts/lib/headless.sh
MARGINALIA_TIMING=1 /usr/bin/time -v -o "$work/time.txt" target/release/marginalia "$article" 2>"$work/app.log" &
timed=$!
sleep 4
pid=$(pgrep -n -f "target/release/marginalia")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
idle_ms() { local before; before=$(ticks); sleep 10; echo $(( ($(ticks) - before) * 1000 / hz )); }
idle=$(idle_ms)
# The same with the find field focused (its caret blinking), once the app
# has been left alone for 12 s.
window=$(xdotool search --onlyvisible --name Marginalia | head -1)
xdotool windowfocus --sync "$window" key ctrl+f
sleep 12
focused=$(idle_ms)
kill "$pid"
wait "$timed" 2>/dev/null || true
grep -h "first frame" "$work/app.log" || true
echo "idle CPU over 10 s: $idle ms of CPU time"
echo "idle CPU over 10 s with the find field focused: $focused ms of CPU time"
grep -E "Maximum resident set size" "$work/time.txt" | sed 's/^\s*//'
