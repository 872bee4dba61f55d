# Sourced by the measuring scripts: installs what they need, builds the
# release binary and starts a private Xvfb session (removed on exit).
# Sets $work (a private folder, also HOME) and exports DISPLAY & co.
bash scripts/setup-system.sh test
cargo build --release --quiet

work="$(mktemp -d)"
chmod 700 "$work"
display=":$((150 + RANDOM % 50))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY="$display" XDG_RUNTIME_DIR="$work" HOME="$work" GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY
