#!/usr/bin/env bash
# Reproduces the probe-halving evaluation table of docs/study.md (issue 13):
#   bench/study_eval_realistic.sh [build folder = build] [seeds = 1] [data sets = all | a,b,...]
#                                 [--collect-only | --cached-only] [--write-model file.json]
# Data sets: names, or "real" (diabetes, wine, breast_cancer, digits: scored) and "generated" (the
# teacher–student tasks of bench/study_transfer_tasks.py, one seed each: training records of the
# transferred model only).
# Writes untrained TorchScript models and digits.csv into <build>/study_eval_realistic_models
# (Debian python3-torch; sklearn's data found as bench/make_bench_model.py finds it), then probes
# and fully trains (2187 steps) a 48-configuration grid per data set and seed — cached there as
# runs_<set>_seed<k>.json, so data sets can be collected in parallel (--collect-only) and the
# table printed afterwards from the cache — and replays every method on the recorded runs.
# The recorded runs are also kept in the source tree, gzip-compressed, in bench/study_runs/: a
# seed takes 11–17 minutes of one core per data set, so seeds collected on different machines and
# days add up (they are copied into the cache before a run and every new one is copied back).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
seeds=${2:-1}
sets=${3:-all}
cmake --build "$build" --target borehole-study-eval-realistic >&2
models="$build/study_eval_realistic_models"
runs="$here/study_runs"
[ -f "$models/cnn_digits_bn.pt" ] || /usr/bin/python3 "$here/study_eval_realistic_models.py" "$models" >&2
[ -f "$models/gen_cls10_w64_n01.pt" ] || /usr/bin/python3 "$here/study_transfer_tasks.py" "$models" >&2
mkdir -p "$models" "$runs"
shopt -s nullglob
for kept in "$runs"/runs_*.json.gz; do
  cached="$models/$(basename "$kept" .gz)"
  [ -f "$cached" ] || { gzip -dc "$kept" > "$cached.tmp" && mv "$cached.tmp" "$cached"; }
done
status=0
"$build/bench/borehole-study-eval-realistic" "$models" "$here/../examples" "$seeds" "$sets" "${@:4}" \
  || status=$?
for cached in "$models"/runs_*.json; do
  kept="$runs/$(basename "$cached").gz"
  [ -f "$kept" ] || { gzip -9nc "$cached" > "$kept.tmp" && mv "$kept.tmp" "$kept"; }
done
exit "$status"
