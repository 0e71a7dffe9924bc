#!/usr/bin/env bash
# borehole-cli with the shipped transferred meta-model (spec "transfer": "shipped", issue 13):
# before any full run the study's meta-model is the transferred one; `study train` fine-tunes it
# on the study's own full runs and measures its error on them first; probe-halving promotes by
# it; a spec naming a missing model file is refused with the file's name.
# Usage: study_transfer.sh <borehole-cli> <source dir>
set -uo pipefail
cli=$1
src=$2
source "$(dirname "$0")/check.sh"
spec() { # strategy, transfer
  cat <<EOF
{
  "schema": "borehole.study/1",
  "model": "$src/examples/diabetes/diabetes_mlp.pt",
  "data": {"path": "$src/examples/diabetes/diabetes.csv", "target": "progression",
           "standardize_targets": true, "device": "cpu"},
  "hyperparameters": {"learning_rate": {"min": 1e-3, "max": 0.3, "levels": 3},
                      "momentum": {"values": [0, 0.9]}},
  "sampler": {"kind": "grid"},
  "probe": {"burst_steps": 20, "directions": 1, "direction_kinds": ["gradient"],
            "eigen_iterations": 4, "trace_samples": 0, "perturbations": 0, "probe_rows": 128},
  "outcome": {"metric": "mse", "target": "mse <= 2", "full_run": {"steps": 81, "validate_every": 27}},
  "strategy": "$1", "transfer": "$2"
}
EOF
}
spec probe shipped > "$work/probe.json"
"$cli" study run "$work/probe.json" --db "$work/p.sqlite" --quiet > "$work/run.out" 2>&1
check "study run with the shipped transferred model" test $? -eq 0
check "its meta-model is the transferred one, error not yet measured" \
  grep -q "meta-model v1 (transferred: shipped, fine-tuned on 0 full runs of this study, 5 members): error not measured yet (fewer than 2 full runs)" "$work/run.out"
"$cli" study train --db "$work/p.sqlite" --top 2 --rounds 1 --quiet > "$work/train.out" 2>&1
check "study train" test $? -eq 0
"$cli" study status --db "$work/p.sqlite" > "$work/status.out" 2>&1
check "fine-tuned on the 2 full runs, its error on them measured before" \
  grep -Eq "\(transferred: shipped, fine-tuned on 2 full runs of this study, 5 members\): error on 2 full runs before fine-tuning on them: RMSE [0-9.e+-]+ \(log units\), Spearman" "$work/status.out"
check "target mode works with the measured transferred model" \
  grep -Eq "^target mse <= 2: [0-9]+ configurations with P" "$work/status.out"

spec probe-halving shipped > "$work/halving.json"
"$cli" study run "$work/halving.json" --db "$work/h.sqlite" --quiet > "$work/halving.out" 2>&1
check "probe-halving promoted by the transferred model finishes with a pick" \
  grep -Eq "^pick: #[0-9]+ \(.*\), mse [0-9.e+-]+ after the full run$" "$work/halving.out"

spec probe missing/model.json > "$work/missing.json"
"$cli" study run "$work/missing.json" --db "$work/m.sqlite" --quiet > "$work/missing.out" 2>&1
check "a missing transferred model is refused" test $? -ne 0
check "naming the file" grep -q "missing.json: transfer names no file: $work/missing/model.json" "$work/missing.out"
check "before the database is created" test ! -e "$work/m.sqlite"
finish
