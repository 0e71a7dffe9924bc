#!/usr/bin/env bash
# Configures and builds one CMake preset (default: dev). Usage: scripts/build.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
cmake --preset "$preset" >/dev/null
# Two parallel jobs per core at most; libtorch translation units need ~1 GB each.
jobs=$(nproc)
cmake --build --preset "$preset" -- -j"$jobs"
