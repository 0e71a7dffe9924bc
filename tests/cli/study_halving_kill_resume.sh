#!/usr/bin/env bash
# Probe-halving under SIGKILL: a reference study runs uninterrupted; a second copy is killed while
# a rung run is in flight (after at least one rung row finished), then resumed. No finished rung
# row may run again, the interrupted one must finish on resume, and every rung (entrants, steps,
# validation, λmax, score) and the pick must equal the reference's.
# Usage: study_halving_kill_resume.sh <borehole-cli> <source dir>
set -uo pipefail
cli=$1
src=$2
source "$(dirname "$0")/check.sh"
py=/usr/bin/python3
cat > "$work/spec.json" <<EOF
{
  "schema": "borehole.study/1",
  "name": "halving-kill-resume",
  "model": "$src/examples/diabetes/diabetes_mlp.pt",
  "data": {"path": "$src/examples/diabetes/diabetes.csv", "target": "progression",
           "standardize_targets": true, "device": "cpu"},
  "hyperparameters": {
    "learning_rate": {"min": 1e-3, "max": 0.1, "levels": 5},
    "momentum": {"values": [0, 0.9]},
    "batch_size": {"values": [16, 64]}
  },
  "sampler": {"kind": "grid"},
  "probe": {"burst_steps": 20, "directions": 1, "direction_kinds": ["gradient"],
            "eigen_iterations": 4, "trace_samples": 0, "perturbations": 0},
  "outcome": {"metric": "mse", "full_run": {"steps": 1800, "validate_every": 50}},
  "strategy": "probe-halving",
  "halving": {"eta": 3, "eigen_iterations": 4}
}
EOF

"$cli" study run "$work/spec.json" --db "$work/ref.sqlite" --quiet > "$work/ref.out" 2>&1
check "reference probe-halving study exits 0" test $? -eq 0
check "reference prints its pick" grep -q "^pick: #" "$work/ref.out"

db="$work/kill.sqlite"
"$cli" study run "$work/spec.json" --db "$db" --quiet > "$work/run1.out" 2>&1 &
pid=$!
killed=0
for _ in $(seq 1 3000); do
  n=$($py -c "import sqlite3
try:
    c=sqlite3.connect('file:$db?mode=ro', uri=True, timeout=5)
    d=c.execute(\"select count(*) from rungs where status='done'\").fetchone()[0]
    r=c.execute(\"select count(*) from rungs where status='running'\").fetchone()[0]
    print(1 if d >= 2 and r == 1 else 0)
except Exception:
    print(0)" 2>/dev/null)
  if [ "${n:-0}" -eq 1 ]; then sleep 0.3; kill -9 "$pid"; killed=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
wait "$pid" 2>/dev/null
code=$?
check "probe-halving run was killed during a rung (SIGKILL)" test "$killed" -eq 1 -a "$code" -eq 137

$py - "$db" > "$work/before.json" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
rows = c.execute("select id, rung, configuration_id, status, finished_at, attempts from rungs").fetchall()
json.dump(rows, sys.stdout)
PY
check "killed database passes integrity_check" test $? -eq 0
check "killed database: finished rung rows and one in flight" $py - "$work/before.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert sum(r[3] == "done" for r in rows) >= 2, rows
assert sum(r[3] == "running" for r in rows) == 1, rows
PY

"$cli" study run --db "$db" --quiet > "$work/run2.out" 2> "$work/run2.err"
check "resume exits 0" test $? -eq 0
check "resume prints the pick" grep -q "^pick: #" "$work/run2.out"
check "resume re-ran no finished rung, finished the interrupted one" $py - "$db" "$work/before.json" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
after = {r[0]: r for r in c.execute("select id, rung, configuration_id, status, finished_at, attempts from rungs")}
assert all(r[3] in ("done", "failed") for r in after.values()), after
for b in json.load(open(sys.argv[2])):
    a = after[b[0]]
    if b[3] in ("done", "failed"):
        assert a[4] == b[4] and a[5] == 1, ("re-run", b, a)
    elif b[3] == "running":
        assert a[3] == "done" and a[5] == 2, ("interrupted rung should have run twice", b, a)
    else:
        assert a[3] in ("done", "failed") and a[5] == 1, ("pending rung ran once", b, a)
assert any(b[3] == "running" for b in json.load(open(sys.argv[2])))
PY
check "every rung and the pick equal the uninterrupted study's" $py - "$work/ref.sqlite" "$db" <<'PY'
import sqlite3, sys
def rungs(path):
    c = sqlite3.connect(path)
    q = ("select r.rung, k.idx, r.steps, r.status, r.validation, r.lambda_max, r.score from rungs r "
         "join configurations k on k.id = r.configuration_id order by r.rung, k.idx")
    return c.execute(q).fetchall(), c.execute(
        "select k.idx, f.outcome from full_runs f join configurations k on k.id = f.configuration_id").fetchall()
ref, refRuns = rungs(sys.argv[1])
got, gotRuns = rungs(sys.argv[2])
assert [r[:4] for r in ref] == [r[:4] for r in got], (ref, got)
def close(a, b):
    return a == b or (a is not None and b is not None and abs(a - b) <= 1e-6 * (1 + abs(a)))
for a, b in zip(ref, got):
    assert all(close(x, y) for x, y in zip(a[4:], b[4:])), (a, b)
assert len(refRuns) == 1 and len(gotRuns) == 1 and refRuns[0][0] == gotRuns[0][0], (refRuns, gotRuns)
assert close(refRuns[0][1], gotRuns[0][1]), (refRuns, gotRuns)
top = max(r[0] for r in ref)
assert sum(r[0] == top for r in ref) == 1, "the last rung trains one configuration"
PY
check "a finished probe-halving study runs nothing" sh -c "'$cli' study run --db '$db' --quiet 2>/dev/null | grep -q 'trained 0 rung runs'"
check "status shows the rungs" sh -c "'$cli' study status --db '$db' | grep -q '^    rung 1: 7 configurations'"
finish
