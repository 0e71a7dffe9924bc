#!/usr/bin/env bash
# borehole-cli study with several workers on one database, on a BatchNorm model (whose running
# statistics the burst moves): a single-worker reference run; three concurrent `study run`
# workers with one killed (SIGKILL) while it holds a configuration; a rerun. Every
# configuration must be done exactly once (no duplicate rows, attempts 1, the killed one 2) with
# features bit-identical to the reference. Then the study commands' refusals.
# Usage: study_workers.sh <borehole-cli> <source dir>
set -uo pipefail
cli=$1
src=$2
source "$(dirname "$0")/check.sh"
py=/usr/bin/python3
db="$work/study.sqlite"
ref="$work/reference.sqlite"
cat > "$work/spec.json" <<JSON
{
  "name": "workers",
  "model": "$src/tests/data/batchnorm.pt",
  "data": {"path": "$src/tests/data/four_features.csv", "target": "y", "device": "cpu"},
  "hyperparameters": {
    "learning_rate": {"values": [0.003, 0.01, 0.03, 0.1]},
    "momentum": {"values": [0, 0.9]},
    "batch_size": {"values": [4, 16]}
  },
  "sampler": {"kind": "grid"},
  "probe": {"burst_steps": ${BH_WORKERS_BURST:-400}, "directions": 2, "eigen_iterations": 6,
            "trace_samples": 3, "perturbations": 3}
}
JSON

"$cli" study run "$work/spec.json" --db "$ref" --quiet --no-fit > "$work/ref.out" 2>&1
code=$?
check "reference run exits 0" test $code -eq 0
[ $code -eq 0 ] || cat "$work/ref.out"

declare -a pids
for i in 1 2 3; do
  "$cli" study run "$work/spec.json" --db "$db" --quiet --no-fit > "$work/w$i.out" 2>&1 &
  pids[$i]=$!
done
# Kill worker 2 while it holds a claim (a 'running' row owned by its pid).
victim=${pids[2]}
killed=0
for _ in $(seq 1 3000); do
  held=$($py -c "import sqlite3
try:
    c=sqlite3.connect('file:$db?mode=ro', uri=True, timeout=5)
    print(c.execute(\"select count(*) from configurations where status='running' and owner like '%:$victim:%'\").fetchone()[0])
except Exception:
    print(0)" 2>/dev/null)
  if [ "${held:-0}" -ge 1 ]; then kill -9 "$victim"; killed=1; break; fi
  if ! kill -0 "$victim" 2>/dev/null; then break; fi
  sleep 0.02
done
codes=""
for i in 1 2 3; do wait "${pids[$i]}"; codes="$codes $?"; done
check "worker 2 was killed while holding a configuration" test "$killed" -eq 1
check "exit codes: killed 137, the others 0 (got$codes)" test "$codes" = " 0 137 0"
for i in 1 3; do
  check "worker $i does not report a lost or foreign configuration" \
    bash -c "! grep -q 'is not pending' '$work/w$i.out'"
done

"$cli" study run --db "$db" --quiet --no-fit > "$work/rerun.out" 2>&1
check "rerun exits 0" test $? -eq 0

check "every configuration done exactly once, features equal the single-worker run" \
  $py - "$db" "$ref" "$victim" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = sqlite3.connect(sys.argv[2])
victim = sys.argv[3]
assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
rows = c.execute("select idx, status, attempts, failures, features, reason from configurations "
                 "order by idx").fetchall()
refs = {i: (s, f) for i, s, f in r.execute("select idx, status, features from configurations")}
assert len(rows) == 16 and len({x[0] for x in rows}) == 16, len(rows)
assert all(x[1] in ("done", "failed") for x in rows), [x for x in rows if x[1] not in ("done", "failed")]
assert sum(x[1] == "done" for x in rows) >= 8, rows
killed = [x for x in rows if x[2] != 1]
assert len(killed) == 1, [(x[0], x[2], x[3]) for x in rows]
assert killed[0][2] == 2 and killed[0][3] == 1, killed[0][:4]
for idx, status, attempts, failures, features, reason in rows:
    assert (status, features) == refs[idx], (idx, status, features, refs[idx])
assert c.execute("select count(*) from configurations where owner is not null").fetchone()[0] == 0
PY

# Several workers finished the study between them.
check "at least two workers probed configurations" $py - "$work" <<'PY'
import re, sys
n = 0
for i in (1, 3):
    m = re.search(r"^probed (\d+) configurations", open(f"{sys.argv[1]}/w{i}.out").read(), re.M)
    n += bool(m and int(m.group(1)) > 0)
assert n == 2, n
PY

"$cli" study status --db "$work/none.sqlite" > "$work/none.out" 2>&1
code=$?
check "status of a missing database exits 1" test $code -eq 1
check "status of a missing database says so" grep -qxF "borehole-cli study: error: $work/none.sqlite: no such study database (create one with 'borehole-cli study run spec.json --db $work/none.sqlite')" "$work/none.out"
check "status of a missing database creates nothing" test ! -e "$work/none.sqlite"

"$cli" study run --db "$db" --limit -1 > "$work/limit.out" 2>&1
code=$?
check "negative --limit is a usage error (exit 2)" test $code -eq 2
check "negative --limit message" grep -qF "option '--limit' must be an integer in [0, 1000000000], got '-1'" "$work/limit.out"
"$cli" study status --db "$db" --rows -3 > "$work/rows.out" 2>&1
check "negative --rows is a usage error" test $? -eq 2
"$cli" study export --db "$db" --top -1 --out "$work/x.json" > "$work/top.out" 2>&1
check "negative --top is a usage error" test $? -eq 2

mkdir "$work/adir"
"$cli" study status --db "$work/adir" > "$work/dir.out" 2>&1
check "a directory as database names the cause" grep -qxF "borehole-cli study: error: $work/adir: is a directory, not a study database" "$work/dir.out"

sed 's/"burst_steps": [0-9]*/"burst_steps": 1e20/' "$work/spec.json" > "$work/poison.json"
"$cli" study run "$work/poison.json" --db "$work/poison.sqlite" > "$work/poison.out" 2>&1
check "burst_steps 1e20 is refused at spec time" grep -qxF "borehole-cli study: error: $work/poison.json: probe.burst_steps must be a whole number from 1 to 1000000, got 1e+20" "$work/poison.out"
check "a refused spec leaves no database behind" test ! -e "$work/poison.sqlite"

# A full disk is reported as a full disk (it used to say "not a Borehole study database").
if [ "$(id -u)" = 0 ] && mkdir -p "$work/full" \
   && mount -t tmpfs -o size=40k tmpfs "$work/full" 2>/dev/null; then
  "$cli" study run "$work/spec.json" --db "$work/full/s.sqlite" --quiet --no-fit > "$work/full.out" 2>&1
  code=$?
  umount "$work/full"
  check "a full disk exits 1" test $code -eq 1
  check "a full disk is reported as such, with the path" \
    grep -qE "^borehole-cli study: error: $work/full/s.sqlite: (.*: )?disk full" "$work/full.out"
  # A read-only file system is reported as read-only, not as "not a Borehole study database".
  mkdir -p "$work/ro" && mount -t tmpfs -o size=2m tmpfs "$work/ro"
  cp "$ref" "$work/ro/s.sqlite" && mount -o remount,ro "$work/ro"
  "$cli" study status --db "$work/ro/s.sqlite" > "$work/ro.out" 2>&1
  code=$?
  "$cli" study run "$work/spec.json" --db "$work/ro/new.sqlite" > "$work/ro_new.out" 2>&1
  umount "$work/ro"
  check "a read-only database exits 1" test $code -eq 1
  check "a read-only database is reported as such" grep -qxF "borehole-cli study: error: $work/ro/s.sqlite: the study database is read-only (Read-only file system)" "$work/ro.out"
  check "a read-only folder is reported as such" grep -qF "$work/ro/new.sqlite: the folder $work/ro is read-only (Read-only file system)" "$work/ro_new.out"
else
  echo "SKIP   : the disk-full and read-only checks need root to mount a small tmpfs"
fi

finish
