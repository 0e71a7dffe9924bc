#!/usr/bin/env bash
# The main job on the bundled example: a trained MLP on the real diabetes data set.
# With a display, the desktop application opens on it and starts probing; without one (SSH,
# CI, GPU servers) borehole-cli probes it and prints the summary.
# Usage: scripts/run-example.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
model=examples/diabetes/diabetes_mlp.pt
data=examples/diabetes/diabetes.csv
if [ -x "$dir/app/gui/borehole" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec "$dir/app/gui/borehole" "$model" "$data" --target progression --standardize-targets --run
fi
echo "No display: probing with borehole-cli instead of opening the window." >&2
exec "$dir/app/borehole-cli" probe --model "$model" --data "$data" --target progression \
  --standardize-targets --surface --resolution 31 --out "$dir/diabetes-probe.json"
