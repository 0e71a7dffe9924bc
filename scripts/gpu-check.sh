#!/usr/bin/env bash
# One-shot check on a CUDA machine: builds core + CLI + core tests (no Qt/VTK) against the
# libtorch of the machine's python3 torch, runs the tests, then the CLI on the example on CUDA and
# on the CPU, then issue 6's point-batching goal (a 51×51 surface of the small MLP 64→64→64→1 on
# 1,024 rows, many points per launch ≥ 20× the per-point loop on the same GPU), then the
# benchmark if bench/run exists, then issue 12's comparison with PyHessian's scheme and a
# loss-landscapes-style loop (bench/run --peers; its digits and Boston files from .gpu/sklearn-data
# when the machine is offline, see docs/gpu.md). Everything is logged to $OUT (or ./gpu-out).
# Usage: scripts/gpu-check.sh [--no-bench]   (--no-bench skips bench/run, not the batching check)
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$src/gpu-out}
mkdir -p "$out"
build=${BUILD_DIR:-/tmp/borehole-gpu-build}
py=${PYTHON:-python3}
log() { echo "== $*" | tee -a "$out/summary.txt"; }

prefix=$($py -c 'import torch;print(torch.utils.cmake_prefix_path)')
log "torch $($py -c 'import torch;print(torch.__version__, torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU")')"
extra=()
if [ -z "$(find /usr/include /usr/local/include -name json.hpp -path '*nlohmann*' 2>/dev/null | head -1)" ]; then
  extra+=(-DBOREHOLE_NLOHMANN_INCLUDE_DIR="${NLOHMANN_DIR:-$src/.gpu/include}")
fi
start=$(date +%s)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBOREHOLE_BUILD_GUI=OFF \
  -DCMAKE_PREFIX_PATH="$prefix" "${extra[@]}" > "$out/configure.log" 2>&1 \
  || { log "configure FAILED"; tail -40 "$out/configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" > "$out/build.log" 2>&1 \
  || { log "build FAILED"; grep -E 'error|Error' "$out/build.log" | head -40; exit 1; }
log "configure + build: $(( $(date +%s) - start )) s"

(cd "$build" && ctest --output-on-failure -j4 > "$out/ctest.log" 2>&1)
log "ctest exit $?: $(grep -E 'tests passed|tests failed' "$out/ctest.log")"
grep -E 'Failed|FAIL!' "$out/ctest.log" | head -30

cli="$build/app/borehole-cli"
ex=(--model "$src/examples/diabetes/diabetes_mlp.pt" --data "$src/examples/diabetes/diabetes.csv"
    --standardize-targets --surface --resolution 51 --quiet)
for dev in cuda cpu; do
  "$cli" probe "${ex[@]}" --device "$dev" --out "$out/probe-$dev.json" > "$out/probe-$dev.txt" 2>&1
  log "probe on $dev: exit $?"
  grep -E 'λmax|surface|total|device' "$out/probe-$dev.txt" | tee -a "$out/summary.txt"
done

bench="$build/bench/borehole-bench"
if [ -x "$bench" ]; then
  work="$out/batching"
  mkdir -p "$work"
  mapfile -t made < <("$py" "$src/bench/make_bench_model.py" --out "$work" --hidden 64 --rows 1024)
  for dev in cuda cpu; do
    "$bench" --model "${made[0]}" --data "${made[1]}" --device "$dev" --grid 51 \
      --kernels batching --repeats 3 --out "$out/batching-$dev.json" > "$out/batching-$dev.txt" 2>&1
    log "batching on $dev (issue 6: batched >= 20x per point on the GPU; off, on, auto): exit $?"
    grep surface-batching "$out/batching-$dev.txt" | tee -a "$out/summary.txt"
  done
fi

if [ "${1:-}" != "--no-bench" ] && [ -x "$src/bench/run" ]; then
  BUILD_DIR="$build" PYTHON="$py" "$src/bench/run" --device cuda --out "$out/bench-cuda.json" \
    > "$out/bench.txt" 2>&1
  log "bench exit $?"
  tail -40 "$out/bench.txt" | tee -a "$out/summary.txt"
  [ -d "$src/.gpu/sklearn-data" ] && export BOREHOLE_SKLEARN_DATA="$src/.gpu/sklearn-data"
  BUILD_DIR="$build" PYTHON="$py" "$src/bench/run" --peers --device cuda --threads 0 \
    --out "$out/peers-cuda.json" > "$out/peers.txt" 2>&1
  log "peers (issue 12) exit $?"
  tail -25 "$out/peers.txt" | tee -a "$out/summary.txt"
fi
