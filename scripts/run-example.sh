#!/usr/bin/env bash
# The main job on the bundled example: probe a trained MLP on the real diabetes data set.
# Usage: scripts/run-example.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
model=examples/diabetes/diabetes_mlp.pt
data=examples/diabetes/diabetes.csv
exec "$dir/app/borehole-cli" probe --model "$model" --data "$data" --target progression \
  --standardize-targets --surface --resolution 31 --out "$dir/diabetes-probe.json"
