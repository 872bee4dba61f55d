#!/usr/bin/env bash
# Installs Marginalia for the current user, without root:
#   scripts/install.sh              build and install under ~/.local
#   scripts/install.sh --uninstall  remove everything it installed
#   PREFIX=/somewhere scripts/install.sh   install under another prefix
# Installs the binary (~/.local/bin/marginalia), the desktop entry (so
# "Open With Marginalia" and the application menu know it), the icon in
# every size, the AppStream metadata, the man pages and the bash, zsh and
# fish completions. Missing system packages are installed with sudo first
# (scripts/setup-system.sh). For a system-wide install, build the .deb:
# `cargo deb` (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${PREFIX:-$HOME/.local}"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
[ "$prefix" = "$HOME/.local" ] && share="$data_home" || share="$prefix/share"
config_home="${XDG_CONFIG_HOME:-$HOME/.config}"

metainfo=io.github.marginalia_reader.Marginalia.metainfo.xml
sizes=(16 24 32 48 64 128 256 512)
installed_files=(
  "$share/applications/marginalia.desktop"
  "$share/metainfo/$metainfo"
  "$share/icons/hicolor/scalable/apps/marginalia.svg"
  "$share/bash-completion/completions/marginalia"
  "$share/zsh/site-functions/_marginalia"
  "$config_home/fish/completions/marginalia.fish"
)
for size in "${sizes[@]}"; do
  installed_files+=("$share/icons/hicolor/${size}x${size}/apps/marginalia.png")
done

refresh_caches() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$share/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true
  fi
  if command -v mandb >/dev/null; then mandb -q "$share/man" 2>/dev/null || true; fi
}

if [ "${1:-}" = --uninstall ]; then
  if [ -e "$prefix/bin/marginalia" ]; then
    cargo uninstall --quiet --root "$prefix" marginalia 2>/dev/null || rm -f "$prefix/bin/marginalia"
    echo "removed $prefix/bin/marginalia"
  fi
  for file in "${installed_files[@]}" "$share"/man/man1/marginalia.1 "$share"/man/man1/marginalia-*.1; do
    if [ -e "$file" ]; then rm -f "$file" && echo "removed $file"; fi
  done
  refresh_caches
  echo "Marginalia is uninstalled. Your annotations (ARTICLE.annotations.ron beside each"
  echo "article) and the data folder ($data_home/marginalia) are kept."
  exit 0
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/install.sh [--uninstall]" >&2
  exit 2
fi

bash scripts/setup-system.sh run
cargo install --path . --locked --root "$prefix"
binary="$prefix/bin/marginalia"

install -Dm644 assets/desktop/marginalia.desktop "$share/applications/marginalia.desktop"
# The menu starts the binary by its full path: ~/.local/bin is not on every
# desktop session's PATH.
sed -i "s|^Exec=marginalia |Exec=$binary |; s|^TryExec=marginalia$|TryExec=$binary|" \
  "$share/applications/marginalia.desktop"
install -Dm644 "assets/desktop/$metainfo" "$share/metainfo/$metainfo"
for size in "${sizes[@]}"; do
  install -Dm644 "assets/icons/hicolor/${size}x${size}/apps/marginalia.png" \
    "$share/icons/hicolor/${size}x${size}/apps/marginalia.png"
done
install -Dm644 assets/icons/marginalia.svg "$share/icons/hicolor/scalable/apps/marginalia.svg"
# A user's own icon folder needs the theme's index for the cache to be built.
if [ ! -f "$share/icons/hicolor/index.theme" ] && [ -f /usr/share/icons/hicolor/index.theme ]; then
  cp /usr/share/icons/hicolor/index.theme "$share/icons/hicolor/index.theme"
fi

# Man pages and completions, written by the binary just installed: they are
# always those of its own --help.
generated="$(mktemp -d)"
trap 'rm -rf "$generated"' EXIT
"$binary" install-files "$generated" >/dev/null
for page in "$generated"/man/man1/*.1; do
  install -Dm644 "$page" "$share/man/man1/$(basename "$page")"
done
install -Dm644 "$generated/completions/marginalia.bash" "$share/bash-completion/completions/marginalia"
install -Dm644 "$generated/completions/_marginalia" "$share/zsh/site-functions/_marginalia"
install -Dm644 "$generated/completions/marginalia.fish" "$config_home/fish/completions/marginalia.fish"

refresh_caches
echo
echo "Marginalia is installed: $binary"
echo "It is in the application menu, and in \"Open With\" for text, Markdown, HTML and EPUB files."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH to type 'marginalia' (and 'man marginalia') in a terminal." ;;
esac
echo "zsh: add $share/zsh/site-functions to fpath for completions."
echo "Uninstall: scripts/install.sh --uninstall"
