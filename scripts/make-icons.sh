#!/usr/bin/env bash
# Renders the icon's PNGs from its SVG source (committed; run after editing
# assets/icons/marginalia.svg): assets/icons/hicolor/NxN/apps/marginalia.png.
# Needs rsvg-convert (Debian: librsvg2-bin) and optipng if present.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || {
  echo "make-icons: rsvg-convert is missing (apt install librsvg2-bin)" >&2
  exit 1
}
source=assets/icons/marginalia.svg
for size in 16 24 32 48 64 128 256 512; do
  folder="assets/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$folder"
  rsvg-convert --width "$size" --height "$size" "$source" -o "$folder/marginalia.png"
  if command -v optipng >/dev/null; then optipng -quiet -o5 "$folder/marginalia.png"; fi
done
mkdir -p assets/icons/hicolor/scalable/apps
cp "$source" assets/icons/hicolor/scalable/apps/marginalia.svg
echo "make-icons: assets/icons/hicolor/ rendered from $source"
