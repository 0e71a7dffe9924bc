#!/usr/bin/env bash
# Reproduces the study evaluation table of docs/study.md:
#   bench/study_eval.sh [build folder = build-study] [full-run steps = 600]
# Writes untrained TorchScript MLPs into <build>/study_eval_models (Debian python3-torch), then
# probes and fully trains a 48-configuration grid on diabetes, wine and breast_cancer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build-study"}
steps=${2:-600}
ninja -C "$build" borehole-study-eval >&2
/usr/bin/python3 "$here/study_eval_models.py" "$build/study_eval_models" >&2
"$build/bench/borehole-study-eval" "$build/study_eval_models" "$here/../examples" "$steps"
