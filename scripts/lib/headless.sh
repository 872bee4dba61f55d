# Sourced by the measuring scripts: installs what they need, builds the
# release binary and starts a private Xvfb session (removed on exit).
# Sets $work (a private folder, also HOME) and exports DISPLAY & co.
# Before sourcing: headless_setup (setup-system.sh's set; test) and
# headless_screen (Xvfb's screen; 1280x900x24) may be set.
bash scripts/setup-system.sh "${headless_setup:-test}"
cargo build --release --quiet

work="$(mktemp -d)"
chmod 700 "$work"
display=":$((150 + RANDOM % 50))"
Xvfb "$display" -screen 0 "${headless_screen:-1280x900x24}" -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY="$display" XDG_RUNTIME_DIR="$work" HOME="$work" GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY
