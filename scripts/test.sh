#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, unit, corpus, property,
# kittest UI (with snapshot images) and the end-to-end test of the release
# binary under Xvfb. Installs the system packages a fresh Debian lacks.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh test
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# A headless, private desktop session for the UI and end-to-end tests.
XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT

if [ ! -d ../shared/corpus ]; then
  echo "*** ../shared/corpus is missing: the corpus tests read real articles from it. ***" >&2
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo build --release (for the end-to-end test)"
cargo build --release --quiet
echo "== cargo test"
cargo test --all-targets
