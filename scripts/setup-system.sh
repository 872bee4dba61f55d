#!/usr/bin/env bash
# Installs the Debian packages Marginalia needs, if any are missing.
#   scripts/setup-system.sh run    what the window needs (X11/Wayland, GL, zenity for dialogs,
#                                  fonts for every script)
#   scripts/setup-system.sh test   also Xvfb, xdotool and ImageMagick for headless tests, and
#                                  the desktop entry and AppStream validators, git (merge driver),
#                                  python3 (the extraction benchmark's scorer)
#   scripts/setup-system.sh measure  also what scripts/measure-launch.sh compares and reads with
set -euo pipefail

packages=(build-essential pkg-config zenity libxcursor1 libxi6 libxrandr2 libxkbcommon0
  libxkbcommon-x11-0 libwayland-client0 libegl1 libgl1-mesa-dri libvulkan1 mesa-vulkan-drivers
  libfontconfig1
  # Faces for what the bundled ones lack, found through fontconfig when a
  # text needs them: box drawing and symbols, CJK, and monochrome emoji.
  fontconfig fonts-dejavu-core fonts-droid-fallback fonts-symbola)
if [ "${1:-run}" = test ] || [ "${1:-run}" = measure ]; then
  packages+=(xvfb xauth xdotool xclip imagemagick desktop-file-utils appstream git
    python3)  # the corpus's scorers (tests/extraction_benchmark.rs)
fi
if [ "${1:-run}" = measure ]; then
  # The launch benchmark: a window manager, a plain editor to compare
  # with, and OCR to check that the text is on the screen.
  packages+=(matchbox-window-manager mousepad tesseract-ocr tesseract-ocr-eng)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
