#!/usr/bin/env bash
# Runs every test suite of a build folder (default: build) with ctest, under a virtual X server
# so that the GUI and render tests have a display with Mesa's OpenGL.
# Usage: scripts/test.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
# One test at a time: the GUI latency test measures the event loop and must not compete for
# the two cores with another suite.
if command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1600x1200x24" ctest --test-dir "$dir" --output-on-failure
else
  exec ctest --test-dir "$dir" --output-on-failure
fi
