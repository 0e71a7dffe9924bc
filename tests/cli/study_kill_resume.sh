#!/usr/bin/env bash
# borehole-cli study end to end: SIGKILL `study run` mid-study, check the database, resume, and
# check that nothing finished was re-run; then status, train, export and spec errors.
# Usage: study_kill_resume.sh <borehole-cli> <source dir>
set -uo pipefail
cli=$1
src=$2
source "$(dirname "$0")/check.sh"
py=/usr/bin/python3
db="$work/study.sqlite"
cat > "$work/spec.json" <<EOF
{
  "schema": "borehole.study/1",
  "name": "kill-resume",
  "model": "$src/examples/diabetes/diabetes_mlp.pt",
  "data": {"path": "$src/examples/diabetes/diabetes.csv", "target": "progression",
           "standardize_targets": true, "device": "cpu"},
  "hyperparameters": {
    "learning_rate": {"min": 1e-3, "max": 1.0},
    "momentum": {"min": 0, "max": 0.9},
    "batch_size": {"values": [32, 128]}
  },
  "sampler": {"kind": "lhs", "count": 40, "seed": 7},
  "probe": {"burst_steps": 30, "directions": 3, "eigen_iterations": 8, "trace_samples": 4,
            "perturbations": 4},
  "outcome": {"metric": "mse", "target": "mse <= 0.6", "full_run": {"steps": 60}}
}
EOF

"$cli" study run "$work/spec.json" --db "$db" --quiet --no-fit > "$work/run1.out" 2>&1 &
pid=$!
# Wait until at least three configurations are committed, then kill without warning.
killed=0
for _ in $(seq 1 1200); do
  n=$($py -c "import sqlite3,sys
try:
    c=sqlite3.connect('file:$db?mode=ro', uri=True, timeout=5)
    print(c.execute(\"select count(*) from configurations where status in ('done','failed')\").fetchone()[0])
except Exception:
    print(0)" 2>/dev/null)
  if [ "${n:-0}" -ge 3 ]; then kill -9 "$pid"; killed=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
wait "$pid" 2>/dev/null
code=$?
check "study run was killed mid-study (SIGKILL)" test "$killed" -eq 1 -a "$code" -eq 137

$py - "$db" > "$work/before.json" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
rows = c.execute("select id, status, finished_at, attempts from configurations").fetchall()
json.dump({"rows": rows, "journal": c.execute("pragma journal_mode").fetchone()[0]}, sys.stdout)
PY
check "killed database passes integrity_check" test $? -eq 0
check "killed database state" $py - "$work/before.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
rows = b["rows"]
assert b["journal"] == "wal", b["journal"]
assert len(rows) == 40
finished = [r for r in rows if r[1] in ("done", "failed")]
running = [r for r in rows if r[1] == "running"]
assert 3 <= len(finished) < 40, len(finished)
assert len(running) <= 1, running
assert all(r[2] for r in finished)
PY

"$cli" study run --db "$db" --quiet --members 3 --epochs 150 > "$work/run2.out" 2> "$work/run2.err"
check "resume exits 0" test $? -eq 0
check "resume says what it resumes" grep -q "^resuming: [0-9]* of 40 configurations already finished" "$work/run2.err"
check "resume finished everything, re-ran nothing" $py - "$db" "$work/before.json" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
before = {r[0]: r for r in json.load(open(sys.argv[2]))["rows"]}
after = {r[0]: r for r in c.execute("select id, status, finished_at, attempts from configurations")}
assert all(r[1] in ("done", "failed") for r in after.values()), "unfinished rows remain"
for i, b in before.items():
    a = after[i]
    if b[1] in ("done", "failed"):
        assert a[2] == b[2] and a[3] == 1, ("re-run", b, a)
    elif b[1] == "running":
        assert a[3] == 2, ("interrupted row should have started twice", b, a)
    else:
        assert a[3] == 1, a
assert c.execute("select count(*) from meta_models").fetchone()[0] == 1
assert c.execute("select count(*) from predictions").fetchone()[0] == \
    c.execute("select count(*) from configurations where status = 'done'").fetchone()[0]
failed = c.execute("select reason from configurations where status = 'failed'").fetchall()
assert all(r[0] for r in failed), "failed rows need a reason"
PY
check "run prints the meta-model and ranking" grep -q "meta-model v1 (proxy, 3 members" "$work/run2.out"

"$cli" study run --db "$db" --quiet > "$work/run3.out" 2>&1
check "a finished study runs nothing" grep -q "^probed 0 configurations" "$work/run3.out"

"$cli" study train --db "$db" --top 3 --rounds 2 --members 3 --epochs 150 --min-outcomes 5 --quiet \
  > "$work/train.out" 2>&1
check "train exits 0" test $? -eq 0
check "train stored 6 full runs with curves, outcome model" $py - "$db" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
runs = c.execute("select configuration_id, status, outcome, curve, steps from full_runs").fetchall()
assert len(runs) == 6 and len({r[0] for r in runs}) == 6, runs
for r in runs:
    if r[1] == "done":
        assert r[2] is not None and r[4] == 60 and len(json.loads(r[3])) >= 2, r
kinds = [k for (k,) in c.execute("select kind from meta_models order by version")]
assert kinds == ["proxy", "proxy", "outcome"], kinds
PY
check "train prints the target list" grep -q "^target mse <= 0.6: " "$work/train.out"

"$cli" study status --db "$db" > "$work/status.out" 2>&1
check "status exits 0" test $? -eq 0
check "status counts" grep -q "configurations: 40 (" "$work/status.out"
check "status names the model" grep -q "meta-model v3 (outcome" "$work/status.out"

"$cli" study export --db "$db" --out "$work/chosen.json" > "$work/export.out" 2>&1
check "export exits 0" test $? -eq 0
check "export JSON chooses the best measured run" $py - "$work/chosen.json" "$db" <<'PY'
import json, sqlite3, sys
ch = json.load(open(sys.argv[1]))
c = sqlite3.connect(sys.argv[2])
best = c.execute("select min(outcome) from full_runs where status = 'done'").fetchone()[0]
assert ch["schema"] == "borehole.study-choice/1"
assert ch["basis"] == "best measured full-run outcome"
assert abs(ch["measured"] - best) < 1e-12
assert set(ch["hyperparameters"]) == {"learning_rate", "weight_decay", "momentum", "batch_size",
                                      "optimizer", "sam_rho", "init_scale"}
PY
check "export wrote the HTML report" grep -q "<svg" "$work/chosen.html"
check "the report names the chosen configuration and replays the baselines on the curves" \
  $py - "$work/chosen.html" "$work/chosen.json" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
ch = json.load(open(sys.argv[2]))
n = ch["configuration"]
assert f"Configuration #{n}, chosen by best measured full-run outcome." in html
assert "<h2>The pick against the baselines</h2>" in html
m = re.search(r"(\d+) configurations were trained fully; the best, #(\d+), reached", html)
assert m and int(m.group(1)) >= 2 and int(m.group(2)) == n, m and m.groups()
assert "Successive halving (η = 3" in html and "Random search with that compute" in html
PY
"$cli" study export --db "$db" --top 4 --out "$work/chosen.CSV" > "$work/export_csv.out" 2>&1
check "export to .CSV exits 0" test $? -eq 0
check "export to a .csv name writes CSV: the chosen configuration first, then the ranking" \
  $py - "$work/chosen.CSV" "$work/chosen.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ch = json.load(open(sys.argv[2]))
assert list(rows[0]) == ["configuration", "optimizer", "learning_rate", "weight_decay", "momentum",
                         "batch_size", "sam_rho", "init_scale", "predicted", "predicted_std",
                         "promisingness", "measured"], list(rows[0])
assert int(rows[0]["configuration"]) == ch["configuration"], (rows[0], ch["configuration"])
assert abs(float(rows[0]["measured"]) - ch["measured"]) < 1e-12
assert float(rows[0]["learning_rate"]) == ch["hyperparameters"]["learning_rate"]
ids = [int(r["configuration"]) for r in rows]
assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 5, ids
PY
check "the CSV export's report is chosen.html" test "$work/chosen.html" -nt "$work/chosen.json"
# Every configuration (the trials) as CSV, against the database row by row.
"$cli" study export --db "$db" --out "$work/chosen2.json" --trials "$work/trials.csv" \
  > "$work/export_trials.out" 2>&1
check "export --trials exits 0 and says so" grep -q " and $work/trials.csv\$" "$work/export_trials.out"
check "the trials CSV has every configuration with its status, measured outcome and probe features" \
  $py - "$work/trials.csv" "$db" <<'PY'
import csv, json, math, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1])))
c = sqlite3.connect(sys.argv[2])
configs = {i: (s, json.loads(f) if f else {}) for i, s, f in
           c.execute("select idx, status, features from configurations")}
assert len(rows) == len(configs), (len(rows), len(configs))
head = list(rows[0])
assert head[:18] == ["configuration", "optimizer", "learning_rate", "weight_decay", "momentum",
                     "batch_size", "sam_rho", "init_scale", "predicted", "predicted_std",
                     "promisingness", "measured", "status", "reason", "attempts", "failures",
                     "probe_seconds", "full_run_failed"], head[:18]
features = sorted({k for _, f in configs.values() for k in f})
assert head[18:] == features, (head[18:], features)
measured = {i: o for i, o in c.execute(
    "select c.idx, r.outcome from full_runs r join configurations c on c.id = r.configuration_id "
    "where r.status = 'done'")}
for r in rows:
    i = int(r["configuration"])
    status, f = configs[i]
    assert r["status"] == status, (i, r["status"], status)
    for k in features:
        v = f.get(k)
        if v is None:
            assert r[k] == "", (i, k, r[k])
        else:
            assert math.isclose(float(r[k]), v, rel_tol=1e-15), (i, k, r[k], v)
    if i in measured:
        assert math.isclose(float(r["measured"]), measured[i], rel_tol=1e-15), (i, r["measured"])
        assert r["full_run_failed"] == "0"
PY

# A guided follow-up of the top-ranked configuration: rank 1 gets the full cap (s = 1), the
# run record says guided, the model is written and the database is unchanged.
top=$($py -c "import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print(c.execute(\"select count(*) from full_runs\").fetchone()[0])" "$db")
first=$(awk '$1 == "#" {getline; print $1; exit}' "$work/status.out")
"$cli" study train --db "$db" --guided --config "$first" --model-out "$work/guided.pt" \
  --out "$work/guided.json" --quiet > "$work/guided.out" 2>&1
code=$?
check "guided follow-up exits 0" test $code -eq 0
check "guided follow-up names rank and scale" grep -q "^configuration #$first: rank 1 of [0-9]*, guided cap scale s = 1," "$work/guided.out"
check "guided run record and model" $py - "$work/guided.json" "$work/guided.pt" "$db" "$top" <<'PY'
import json, os, sqlite3, sys
r = json.load(open(sys.argv[1]))
assert r["options"]["optimizer"]["kind"] == "guided", r["options"]["optimizer"]
assert r["options"]["optimizer"]["guidedScale"] == 1.0, r["options"]["optimizer"]
assert os.path.getsize(sys.argv[2]) > 0
c = sqlite3.connect(sys.argv[3])
assert c.execute("select count(*) from full_runs").fetchone()[0] == int(sys.argv[4])
PY
"$cli" study train --db "$db" --guided --config 999 --quiet > "$work/guided_bad.out" 2>&1
check "guided follow-up of an unknown configuration exits 1" test $? -eq 1
check "guided follow-up error message" grep -qxF "borehole-cli study: error: no configuration #999 in $db (see 'borehole-cli study status')" "$work/guided_bad.out"

echo '{"model": "m.pt", "data": {"path": "d.csv"}, "hyperparameters": {"learning_rate": {"min": -1, "max": 1}}}' > "$work/bad.json"
"$cli" study run "$work/bad.json" --db "$work/bad.sqlite" > "$work/bad.out" 2>&1
code=$?
check "bad spec exits 1" test $code -eq 1
check "bad spec message" grep -qxF "borehole-cli study: error: $work/bad.json: hyperparameters.learning_rate.min must be positive, got -1" "$work/bad.out"

sed 's/"count": 40/"count": 41/' "$work/spec.json" > "$work/other.json"
"$cli" study run "$work/other.json" --db "$db" > "$work/other.out" 2>&1
check "a different spec on the same database is refused" grep -qF "$db: holds a different study spec (sampler differs)" "$work/other.out"

"$cli" study status --db "$work/none.sqlite" > "$work/none.out" 2>&1
check "status of a missing database refuses" grep -qF "$work/none.sqlite: no such study database" "$work/none.out"
check "status of a missing database creates nothing" test ! -e "$work/none.sqlite"
/usr/bin/python3 -c "import sqlite3; sqlite3.connect('$work/empty.sqlite').execute('create table study_meta(key text primary key, value text not null)').connection.execute(\"insert into study_meta values ('schema', 'borehole.study-db/2')\").connection.commit()"
"$cli" study status --db "$work/empty.sqlite" > "$work/empty.out" 2>&1
check "status of an empty study database explains" grep -qF "holds no study yet" "$work/empty.out"

finish
