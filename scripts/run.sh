#!/usr/bin/env bash
# Runs Marginalia: `scripts/run.sh [ARTICLE]` (no article: the bundled sample).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh run
exec cargo run --release --quiet -- "$@"
