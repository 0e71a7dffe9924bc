#!/usr/bin/env bash
# borehole-cli end to end on the bundled example: every subcommand, its outputs and its errors.
# Usage: cli_end_to_end.sh <borehole-cli> <source dir>
set -uo pipefail
cli=$1
src=$2
source "$(dirname "$0")/check.sh"
model="$src/examples/diabetes/diabetes_mlp.pt"
data="$src/examples/diabetes/diabetes.csv"
common=(--model "$model" --data "$data" --standardize-targets --device cpu --quiet)

"$cli" info "${common[@]}" > "$work/info.txt" 2>&1
check "info exits 0" test $? -eq 0
check "info names parameters" grep -q "1441 parameters in 6 tensors, 3 layers" "$work/info.txt"
check "info names target" grep -q "target: progression" "$work/info.txt"

"$cli" probe "${common[@]}" --k 4 --pca-samples 6 --max-iter 40 --trace-max 30 \
  --perturbations 8 --out "$work/report.json" > "$work/probe.txt" 2> "$work/probe.err"
check "probe exits 0" test $? -eq 0
check "probe prints λmax" grep -q "λmax (lanczos)" "$work/probe.txt"
check "probe prints the exact trace (tanh MLP: Hessian diagonal, no HVPs)" grep -q "tr(H) (exact-diagonal)" "$work/probe.txt"
check "probe prints every direction kind" \
  bash -c "grep -q 'FD curvature, random' '$work/probe.txt' && grep -q 'FD curvature, gradient' '$work/probe.txt' && grep -q 'FD curvature, pca' '$work/probe.txt'"
check "probe JSON is a probe report with consistent λmax" /usr/bin/python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "borehole.probe-report/1"
assert r["model"]["parameterCount"] == 1441
assert len(r["curvature"]) == 3
p, l = r["power"]["value"], r["lanczos"]["value"]
assert l > 0 and abs(p - l) / l < 0.05, (p, l)
assert r["trace"]["estimator"] == "exact-diagonal" and r["trace"]["cost"]["hvps"] == 0, r["trace"]
assert r["total"]["hvps"] > 0 and r["total"]["gradients"] > 0
PY

"$cli" probe "${common[@]}" --directions random --k 1 --no-power --no-trace --no-sharpness \
  --spectrum --top-k 3 --out "$work/spectrum.json" > "$work/spectrum.txt" 2>&1
check "probe --spectrum exits 0" test $? -eq 0
check "probe --spectrum prints the exact spectrum" grep -q "spectrum (exact)" "$work/spectrum.txt"
check "probe --spectrum JSON: exact eigenvalues, λmax agrees with Lanczos, density of mass 1" \
  /usr/bin/python3 - "$work/spectrum.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["spectrum"]
assert s["method"] == "exact" and len(s["eigenvalues"]) == 1441
assert abs(s["lambdaMax"] - r["lanczos"]["value"]) <= 1e-3 * abs(s["lambdaMax"]), (s["lambdaMax"], r["lanczos"]["value"])
assert abs(sum(s["eigenvalues"]) - s["trace"]) <= 1e-6 * max(1.0, abs(s["trace"]))
x, y = s["densityX"], s["densityY"]
mass = sum(0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]) for i in range(1, len(x)))
assert abs(mass - 1) < 1e-3, mass
assert r["lanczos"]["hvpPlan"]["strategy"] == "R-operator", r["lanczos"]["hvpPlan"]
assert r["lanczos"]["errors"][-1] <= 1e-3
PY
check "the HVP-free exact trace equals the exact spectrum's" /usr/bin/python3 - "$work/report.json" "$work/spectrum.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["trace"]["estimate"]
s = json.load(open(sys.argv[2]))["spectrum"]["trace"]
assert abs(t - s) <= 1e-5 * abs(s), (t, s)
PY

# A ReLU chain: the trace is exact from per-row gradient norms (no HVP) and equals the exact
# spectrum's trace; --trace-sampled takes the HVP route (exact here: few parameters).
relu=(--model "$src/tests/data/relu_mlp.pt" --data "$src/tests/data/four_features.csv" --device cpu
      --quiet --directions random --k 1 --no-power --no-sharpness)
"$cli" probe "${relu[@]}" --spectrum --out "$work/relu.json" > "$work/relu.txt" 2>&1
check "probe of a ReLU chain exits 0" test $? -eq 0
check "its trace is exact-gauss-newton" grep -q "tr(H) (exact-gauss-newton)" "$work/relu.txt"
"$cli" probe "${relu[@]}" --trace-sampled --out "$work/relu_sampled.json" > "$work/relu_sampled.txt" 2>&1
check "--trace-sampled exits 0" test $? -eq 0
check "Gauss-Newton trace = exact spectrum's trace = HVP trace" /usr/bin/python3 - "$work/relu.json" "$work/relu_sampled.json" <<'PY'
import json, sys
r, h = (json.load(open(f)) for f in sys.argv[1:3])
t = r["trace"]
assert t["estimator"] == "exact-gauss-newton" and t["cost"]["hvps"] == 0, t
assert h["trace"]["estimator"] == "exact", h["trace"]["estimator"]
for other in (r["spectrum"]["trace"], h["trace"]["estimate"]):
    assert abs(t["estimate"] - other) <= 1e-5 * abs(other), (t["estimate"], other)
PY
# Lanczos starts from the kept gradient unless told otherwise; both reach λmax within their bounds.
"$cli" probe "${relu[@]}" --no-trace --lanczos-random-start --out "$work/relu_random.json" \
  > "$work/relu_random.txt" 2>&1
check "--lanczos-random-start exits 0" test $? -eq 0
check "Lanczos start recorded; both starts agree within their bounds" /usr/bin/python3 - "$work/relu.json" "$work/relu_random.json" <<'PY'
import json, sys
g, r = (json.load(open(f))["lanczos"] for f in sys.argv[1:3])
assert g["start"] == "gradient" and r["start"] == "random", (g["start"], r["start"])
assert g["converged"] and r["converged"], (g, r)
bound = (g["errors"][-1] + r["errors"][-1]) * max(abs(g["value"]), abs(r["value"]))
assert abs(g["value"] - r["value"]) <= bound, (g["value"], r["value"], bound)
PY

"$cli" surface "${common[@]}" --resolution 7 --span 0.5 --curvature grid --out "$work/surf" \
  > "$work/surface.txt" 2>&1
check "surface exits 0" test $? -eq 0
check "surface CSV has header and 49 rows" \
  bash -c "head -1 '$work/surf.csv' | grep -qx 'alpha,beta,loss,curvature' && test \$(wc -l < '$work/surf.csv') -eq 50"
check "surface JSON grid" /usr/bin/python3 - "$work/surf.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
assert g["schema"] == "borehole.grid/1"
assert len(g["x"]["values"]) == 7 and len(g["values"]) == 49
assert abs(g["values"][24] - g["centerValue"]) < 1e-5
PY

"$cli" surface "${common[@]}" --resolution 7 --span 0.5 --curvature grid --point-batching off \
  --out "$work/surf_off" > "$work/surface_off.txt" 2>&1
check "surface --point-batching off exits 0" test $? -eq 0
check "batched and per-point surfaces agree and say how they ran" /usr/bin/python3 - \
  "$work/surf.json" "$work/surf_off.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
# auto times per point and stacked blocks on the first points and keeps the faster
assert a["evaluation"].startswith(("batched (", "per point: fastest of")), a["evaluation"]
assert a["batchTrials"] and a["batchTrials"][0]["pointsPerLaunch"] == 1, a["batchTrials"]
assert b["evaluation"].startswith("per point"), b["evaluation"]
assert b["batchTrials"] == [], b["batchTrials"]
worst = max(abs(x - y) / max(abs(y), 1e-12) for x, y in zip(a["values"], b["values"]))
assert worst < 1e-5, worst
PY
"$cli" surface "${common[@]}" --resolution 5 --point-batching sometimes > "$work/pb_bad.txt" 2>&1
check "bad --point-batching exits 1" test $? -eq 1
"$cli" surface "${common[@]}" --resolution 5 --point-batching on --threads 1 --out "$work/surf_on" \
  > "$work/surface_on.txt" 2>&1
check "surface --point-batching on --threads 1 exits 0" test $? -eq 0
check "--point-batching on stacks and the summary names the threads" \
  bash -c "grep -q 'batched (25 points per launch), 1 CPU thread$' '$work/surface_on.txt'"
# The default thread count respects the affinity mask (Slurm, taskset): one CPU, one thread.
if command -v taskset > /dev/null && [ "$(nproc --all)" -gt 1 ]; then
  taskset -c 0 "$cli" surface "${common[@]}" --resolution 5 --point-batching on \
    --out "$work/surf_one_cpu" > "$work/surface_one_cpu.txt" 2>&1
  check "under taskset -c 0 the default is one CPU thread" \
    bash -c "grep -q 'batched (25 points per launch), 1 CPU thread$' '$work/surface_one_cpu.txt'"
fi
"$cli" surface "${common[@]}" --resolution 5 --threads -1 > "$work/threads_bad.txt" 2>&1
check "bad --threads exits 2" test $? -eq 2

"$cli" surface "${common[@]}" --resolution 5 --directions pca --trajectory-steps 20 --out "$work/pca" \
  > "$work/pca.txt" 2>&1
check "PCA surface exits 0" test $? -eq 0
check "PCA surface JSON has the projected trajectory" /usr/bin/python3 - "$work/pca.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
assert g["directionKind"] == "pca"
assert len(g["pathX"]) == 22 and abs(g["pathX"][-1]) < 1e-6 and abs(g["pathY"][-1]) < 1e-6
assert g["explainedVariance"][0] >= g["explainedVariance"][1] > 0
assert "PC1" in g["x"]["name"]
PY

"$cli" probe --model "$src/tests/data/missing.pt" --data "$data" > "$work/err1.txt" 2>&1
code=$?
check "missing model exits 1" test $code -eq 1
check "missing model message" grep -qF "borehole-cli probe: error: $src/tests/data/missing.pt: cannot open model file" "$work/err1.txt"

"$cli" probe --model "$model" --data "$src/tests/data/ragged.csv" > "$work/err2.txt" 2>&1
check "ragged CSV exits 1" test $? -eq 1
check "ragged CSV names the line" grep -qF "ragged.csv:3: expected 4 cells as in the header, found 3" "$work/err2.txt"

"$cli" probe --model "$model" --data "$data" --k abc > "$work/err3.txt" 2>&1
check "bad number is a usage error (exit 2)" test $? -eq 2
check "bad number message" grep -qF "option '--k' expects an integer, got 'abc'" "$work/err3.txt"

"$cli" probe --bogus > "$work/err4.txt" 2>&1
check "unknown option exits 2" test $? -eq 2
check "unknown option message" grep -qF "unknown option '--bogus'" "$work/err4.txt"

"$cli" frobnicate > "$work/err5.txt" 2>&1
check "unknown command exits 2" test $? -eq 2

for cmd in info probe surface; do
  "$cli" $cmd --help > "$work/help.txt" 2>&1
  check "$cmd --help" grep -q "Usage: borehole-cli $cmd" "$work/help.txt"
done

"$cli" probe --model "$model" --data "$data" --device cpu > "$work/err6.txt" 2>&1 --no-power --no-lanczos --no-trace --no-sharpness --directions random --k 2
check "default regression probe without target standardisation works" test $? -eq 0

"$cli" train "${common[@]}" --optimizer guided --lr 0.5 --steps 40 --batch-size 32 \
  --validate-every 10 --checkpoint "$work/train.ckpt" --model-out "$work/trained.pt" \
  --out "$work/run.json" > "$work/train.txt" 2>&1
check "train exits 0" test $? -eq 0
check "train prints its stop reason" grep -q "trained 40 steps with guided: completed" "$work/train.txt"
check "train run record" /usr/bin/python3 - "$work/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "borehole.train-run/1"
res = r["result"]
assert res["steps"] == 40 and not res["diverged"] and res["stopReason"] == "completed"
assert len(res["curve"]) == 41 and res["curve"][0]["step"] == 0
assert res["adjustments"] and res["adjustments"][0]["reason"]
assert res["probeCost"]["gradients"] > 0 and res["trainingCost"]["gradients"] == 40
assert r["options"]["optimizer"]["kind"] == "guided"
PY
"$cli" info --model "$work/trained.pt" --data "$data" --standardize-targets --device cpu --quiet \
  > "$work/trained.txt" 2>&1
check "trained model loads as TorchScript" grep -q "1441 parameters" "$work/trained.txt"
"$cli" train "${common[@]}" --optimizer guided --lr 0.5 --steps 60 --batch-size 32 \
  --resume "$work/train.ckpt" --out "$work/resumed.json" > "$work/resume.txt" 2>&1
check "train --resume continues from step 40" /usr/bin/python3 - "$work/resumed.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
assert r["resumedFromStep"] == 40 and r["steps"] == 60, r["steps"]
PY
"$cli" train "${common[@]}" --optimizer sgd --lr 1e12 --steps 20 --batch-size 0 \
  --out "$work/diverged.json" > "$work/diverged.txt" 2>&1
check "diverged training exits 1 and says where" \
  bash -c "test $? -eq 1 && grep -q 'diverged: loss is' '$work/diverged.txt'"
"$cli" train "${common[@]}" --optimizer rmsprop > "$work/err7.txt" 2>&1
check "unknown optimizer exits 1 with message" \
  grep -qF "unknown optimizer 'rmsprop' (expected sgd, adam, adamw, sam or guided)" "$work/err7.txt"
"$cli" lr-find "${common[@]}" --steps 60 --out "$work/lr.json" > "$work/lr.txt" 2>&1
check "lr-find exits 0" test $? -eq 0
check "lr-find JSON" /usr/bin/python3 - "$work/lr.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "borehole.lr-find/1"
res = r["result"]
assert len(res["rates"]) == len(res["losses"]) == len(res["smoothed"]) > 10
assert res["suggestion"] is not None and res["rates"][0] <= res["suggestion"] <= res["rates"][-1]
PY
for cmd in train lr-find; do
  "$cli" $cmd --help > "$work/help.txt" 2>&1
  check "$cmd --help" grep -q "Usage: borehole-cli $cmd" "$work/help.txt"
done

finish
