#!/usr/bin/env bash
# Restore accuracy: opens War and Peace (or ARTICLE) in the release binary
# under Xvfb at N random paragraphs (stored as the last reading position),
# quits with Ctrl+Q, and checks the position the app stores again is the
# same paragraph: a restore that lands elsewhere, or a position overwritten
# by one the reader never scrolled to, shows as a miss.
#   scripts/measure-restore.sh [N] [ARTICLE]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-20}"
article="$(realpath "${2:-../shared/corpus/large/pg2600-war-and-peace.txt}")"
source scripts/lib/headless.sh
settings="$work/.local/share/marginalia/app.ron"

run() {
  target/release/marginalia "$article" >/dev/null 2>&1 &
  local pid=$!
  local window=""
  for _ in $(seq 100); do
    window=$(xdotool search --onlyvisible --name Marginalia 2>/dev/null | head -1) && [ -n "$window" ] && break
    sleep 0.1
  done
  sleep 1.5
  xdotool windowfocus --sync "$window" key ctrl+q
  wait "$pid"
}

run # the first run writes the settings file
mapfile -t starts < <(target/release/marginalia inspect "$article" \
  | python3 -c 'import json,sys; print("\n".join(str(b["start"]) for b in json.load(sys.stdin)["blocks"]))')
hits=0
for i in $(seq "$count"); do
  start=${starts[$(( (RANDOM * 32768 + RANDOM) % ${#starts[@]} ))]}
  sed -i -E "s/position:[0-9]+/position:$start/" "$settings"
  run
  stored=$(grep -oE 'position:[0-9]+' "$settings" | head -1 | cut -d: -f2)
  if [ "$stored" = "$start" ]; then hits=$((hits + 1)); else echo "miss: asked $start, stored $stored"; fi
done
echo "restore accuracy: $hits of $count positions landed on their paragraph"
