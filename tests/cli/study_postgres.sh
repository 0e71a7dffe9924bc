#!/usr/bin/env bash
# PostgreSQL study store (core/include/borehole/study_store_pg.h) against a real server that this
# script starts and always stops: Debian's postgresql, initdb in a temporary folder (as the
# postgres user when run as root: the server refuses root), listening on a Unix socket in that
# folder only (listen_addresses = '', no TCP).
#  - two `init` processes at once: one stores the study (12 configurations), the other finds it;
#  - one configuration claimed by a worker of another host ("elsewhere:4242:…", lease 20 s);
#  - three workers (tests/core/pg_store_worker.cpp: stand-in work with heartbeats), one killed
#    with SIGKILL while it holds a configuration; the others take the killed one's configuration
#    at once (its owner is a dead process of this host) and leave the foreign claim alone while
#    its lease runs; after it expires a fourth worker reclaims and finishes it;
#  - every configuration done exactly once (one "finished" line each over all workers; the
#    killed one's by another worker), attempts 1 / failures 0, except the killed one's and the foreign one's:
#    attempts 2, failures 1; claims per configuration equal its attempts (no double claim);
#  - full runs (with curves), meta-models with predictions and study_meta round-trip, NaN kept.
# Then the same through borehole-cli on a second database of the server:
#  - a single-worker SQLite reference run of a 16-configuration study (BatchNorm model);
#  - three `study run spec.json --db postgresql://…` workers at once, one killed with SIGKILL
#    while it holds a configuration, then `study run --db postgresql://…` (no spec) to finish
#    and fit the meta-model: every configuration done exactly once (attempts 1, the killed one's
#    2 with failures 1), features identical to the SQLite run's, a meta-model stored;
#  - `study worker` (study run --no-fit) and `study status` on the server study; refusals: an empty database ("no such study on the
#    server") and a server that is not there ("cannot connect to the PostgreSQL server").
# And a probe-halving study: refused on the server without a shared checkpoint folder (before
# anything is stored); with one, two workers share its rungs and reach the SQLite run's rungs,
# validations and pick, every rung run done once.
# Usage: study_postgres.sh <pg_store_worker or "none"> <source dir> <borehole-cli>
set -uo pipefail
worker=$1
src=$2
cli=$3
if [ "$worker" = none ] || [ -z "$worker" ]; then
  echo "SKIP: Borehole was built without libpq (BOREHOLE_WITH_POSTGRES=OFF or no libpq-dev)"
  exit 77
fi
source "$(dirname "$0")/check.sh"
source "$(dirname "$0")/../support/pg_server.sh"
cleanup() {
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
pg_start
code=$?
if [ $code -eq 2 ]; then
  echo "FAIL!  : no PostgreSQL server under /usr/lib/postgresql (scripts/install-deps.sh installs postgresql)"
  exit 1
fi
check "initdb and the server start (Unix socket in a temporary folder, no TCP)" test $code -eq 0
[ $code -eq 0 ] || { finish; exit 1; }
# Names the rest of this script uses.
bindir=$pg_bindir
pgdir=$pg_dir
port=$pg_port
as=("${pg_as[@]}")
psql=("${pg_psql[@]}")
"${psql[@]}" "host=$pgdir port=$port user=borehole dbname=postgres" -c "CREATE DATABASE study"
url="postgresql:///study?host=$pgdir&port=$port&user=borehole"
sql() { "${psql[@]}" "host=$pgdir port=$port user=borehole dbname=study" -c "$1"; }
check "the server does not listen on TCP" \
  test "$(sql "SHOW listen_addresses" 2>/dev/null)" = ""

"$worker" init "$url" 12 > "$work/init1.out" 2>&1 &
p1=$!
"$worker" init "$url" 12 > "$work/init2.out" 2>&1 &
p2=$!
wait $p1; c1=$?
wait $p2; c2=$?
check "two concurrent inits exit 0" test $c1 -eq 0 -a $c2 -eq 0
check "one stored the study, the other found it" \
  test "$(cat "$work/init1.out" "$work/init2.out" | sort | tr '\n' ' ')" = "exists 12 initialised 12 "
check "12 configurations, all pending" \
  test "$(sql "SELECT count(*) FROM configurations WHERE status = 'pending'")" = 12

# A claim of a worker on another host, 20 s of lease left.
sql "UPDATE configurations SET status = 'running', owner = 'elsewhere:4242:00000000000000ff',
     attempts = 1, lease_until = extract(epoch from clock_timestamp()) + 20 WHERE idx = 11" > /dev/null
foreign_until=$(( $(date +%s) + 20 ))

declare -a pids
for i in 1 2 3; do
  "$worker" work "$url" 4 700 > "$work/w$i.out" 2> "$work/w$i.err" &
  pids[$i]=$!
done
victim=${pids[2]}
killed=0
victim_idx=none
for _ in $(seq 1 1500); do
  held=$(sql "SELECT idx FROM configurations WHERE status = 'running' AND owner LIKE '%:$victim:%'" 2>/dev/null)
  if [ -n "$held" ]; then kill -9 "$victim"; killed=1; victim_idx=$held; break; fi
  kill -0 "$victim" 2>/dev/null || break
  sleep 0.02
done
codes=""
for i in 1 2 3; do wait "${pids[$i]}"; codes="$codes $?"; done
check "worker 2 was killed while holding a configuration" test $killed -eq 1
check "exit codes: killed 137, the others 0 (got$codes)" test "$codes" = " 0 137 0"
check "before its lease ran out the foreign claim is untouched (the workers ended $(( foreign_until - $(date +%s) )) s before it)" \
  test "$(sql "SELECT status || ' ' || owner || ' ' || attempts FROM configurations WHERE idx = 11")" \
       = "running elsewhere:4242:00000000000000ff 1" -a "$(date +%s)" -lt "$foreign_until"
check "11 configurations done after the three workers" \
  test "$(sql "SELECT count(*) FROM configurations WHERE status = 'done'")" = 11

sleep $(( foreign_until - $(date +%s) + 1 ))
"$worker" work "$url" 4 200 > "$work/w4.out" 2> "$work/w4.err"
check "a fourth worker after the foreign lease expired exits 0" test $? -eq 0
check "it reclaimed and finished the foreign configuration" grep -qx 'finished 11' "$work/w4.out"

"$worker" dump "$url" > "$work/dump.txt"
cat "$work/dump.txt"
check "all 12 configurations done" test "$(grep -c ' done ' "$work/dump.txt")" -eq 12
for idx in $(seq 0 11); do
  finished=$(cat "$work"/w[1234].out | grep -cx "finished $idx")
  claims=$(cat "$work"/w[1234].out | grep -cx "claimed $idx")
  # The victim may die between its claim's commit and its "claimed" line.
  [ "$idx" = "$victim_idx" ] && ! grep -qx "claimed $idx" "$work/w2.out" && claims=$((claims + 1))
  row=$(grep "^$idx " "$work/dump.txt")
  attempts=$(echo "$row" | cut -d' ' -f3)
  failures=$(echo "$row" | cut -d' ' -f4)
  pid=$(echo "$row" | cut -d' ' -f5)
  expect_attempts=1 expect_failures=0
  if [ "$idx" = "$victim_idx" ] || [ "$idx" = 11 ]; then expect_attempts=2 expect_failures=1; fi
  [ "$idx" = 11 ] && claims=$((claims + 1)) # the foreign claim was made by the script
  ok=1
  [ "$finished" -eq 1 ] || ok=0
  [ "$attempts" = "$expect_attempts" ] && [ "$failures" = "$expect_failures" ] || ok=0
  [ "$claims" = "$attempts" ] || ok=0
  [ "$pid" -gt 0 ] || ok=0
  [ "$idx" = "$victim_idx" ] && [ "$pid" = "$victim" ] && ok=0
  check "configuration $idx: finished once, attempts $attempts/$expect_attempts, failures $failures/$expect_failures, claims $claims" \
    test $ok -eq 1
done
"$worker" roundtrip "$url" > "$work/roundtrip.out" 2>&1
code=$?
sed 's/^/  /' "$work/roundtrip.out"
check "full runs, meta-models and study_meta round-trip (NaN as NULL and back)" test $code -eq 0
check "no worker lost a claim it held" bash -c "! grep -q '^lost' '$work'/w[134].out"
check "no worker printed an error" bash -c "! cat '$work'/w[1234].err | grep -q ."

# --- borehole-cli study run workers on the server ---
py=/usr/bin/python3
"${psql[@]}" "host=$pgdir port=$port user=borehole dbname=postgres" -c "CREATE DATABASE cli"
"${psql[@]}" "host=$pgdir port=$port user=borehole dbname=postgres" -c "CREATE DATABASE empty"
curl="postgresql:///cli?host=$pgdir&port=$port&user=borehole"
csql() { "${psql[@]}" "host=$pgdir port=$port user=borehole dbname=cli" -c "$1"; }
cat > "$work/spec.json" <<JSON
{
  "name": "postgres workers",
  "model": "$src/tests/data/batchnorm.pt",
  "data": {"path": "$src/tests/data/four_features.csv", "target": "y", "device": "cpu"},
  "hyperparameters": {
    "learning_rate": {"values": [0.003, 0.01, 0.03, 0.1]},
    "momentum": {"values": [0, 0.9]},
    "batch_size": {"values": [4, 16]}
  },
  "sampler": {"kind": "grid"},
  "probe": {"burst_steps": ${BH_PG_BURST:-200}, "directions": 2, "eigen_iterations": 6,
            "trace_samples": 3, "perturbations": 3}
}
JSON
"$cli" study run "$work/spec.json" --db "$work/reference.sqlite" --quiet --no-fit > "$work/ref.out" 2>&1
check "SQLite reference run exits 0" test $? -eq 0
declare -a cpids
for i in 1 2 3; do
  "$cli" study run "$work/spec.json" --db "$curl" --quiet --no-fit > "$work/c$i.out" 2>&1 &
  cpids[$i]=$!
done
cvictim=${cpids[2]}
ckilled=0
for _ in $(seq 1 3000); do
  held=$(csql "SELECT idx FROM configurations WHERE status = 'running' AND owner LIKE '%:$cvictim:%'" 2>/dev/null)
  if [ -n "$held" ]; then kill -9 "$cvictim"; ckilled=1; break; fi
  kill -0 "$cvictim" 2>/dev/null || break
  sleep 0.02
done
codes=""
for i in 1 2 3; do wait "${cpids[$i]}"; codes="$codes $?"; done
check "study worker 2 was killed while holding a configuration" test $ckilled -eq 1
check "study workers' exit codes: killed 137, the others 0 (got$codes)" test "$codes" = " 0 137 0"
[ "$codes" = " 0 137 0" ] || cat "$work/c1.out" "$work/c3.out"
"$cli" study run --db "$curl" --quiet > "$work/crerun.out" 2>&1
code=$?
check "study run --db postgresql://… (no spec) finishes and fits, exit 0" test $code -eq 0
[ $code -eq 0 ] || cat "$work/crerun.out"
csql "SELECT idx, status, attempts, failures, coalesce(features, '') FROM configurations ORDER BY idx" \
  > "$work/cli-rows.txt"
check "every configuration done exactly once, features identical to the SQLite run" \
  $py - "$work/cli-rows.txt" "$work/reference.sqlite" <<'PY'
import sqlite3, sys
rows = [l.rstrip("\n").split("|", 4) for l in open(sys.argv[1]) if l.strip()]
ref = {i: (s, f) for i, s, f in sqlite3.connect(sys.argv[2]).execute(
    "select idx, status, features from configurations")}
assert len(rows) == 16 and len({r[0] for r in rows}) == 16, len(rows)
killed = [r for r in rows if r[2] != "1"]
assert len(killed) == 1 and killed[0][2:4] == ["2", "1"], [r[:4] for r in rows]
for idx, status, attempts, failures, features in rows:
    assert status in ("done", "failed"), (idx, status)
    assert (status, features) == ref[int(idx)], (idx, status, features, ref[int(idx)])
PY
check "the meta-model was fitted and stored on the server" \
  test "$(csql "SELECT count(*) FROM meta_models")" -ge 1
check "no claim is left" test "$(csql "SELECT count(*) FROM configurations WHERE owner IS NOT NULL")" = 0
"$cli" study worker --db "$curl" --quiet > "$work/cworker.out" 2>&1
code=$?
check "study worker --db postgresql://… on the finished study exits 0 (got $code)" test $code -eq 0
check "and finds nothing left: 'probed 0 configurations … 0 pending of 16'" \
  grep -qE "^probed 0 configurations in .* 0 pending of 16$" "$work/cworker.out"
"$cli" study status --db "$curl" > "$work/cstatus.out" 2>&1
check "study status --db postgresql://… exits 0" test $? -eq 0
done_count=$(csql "SELECT count(*) FROM configurations WHERE status = 'done'")
check "study status reads the server: 'configurations: 16 ($done_count done, …, 0 running, 0 pending)'" \
  grep -qE "^  configurations: 16 \($done_count done, [0-9]+ failed, 0 running, 0 pending\)" "$work/cstatus.out"
check "study status names the study and its URL" \
  grep -qF "study postgres workers (postgresql:///cli?host=$pgdir&port=$port&user=borehole)" "$work/cstatus.out"
"$cli" study status --db "postgresql:///empty?host=$pgdir&port=$port&user=borehole" > "$work/cempty.out" 2>&1
code=$?
check "status of an empty server database exits 1" test $code -eq 1
check "status of an empty server database says so" grep -qxF "borehole-cli study: error: postgresql:///empty?host=$pgdir&port=$port&user=borehole: no such study on the server (create one with 'borehole-cli study run spec.json --db postgresql:///empty?host=$pgdir&port=$port&user=borehole')" "$work/cempty.out"
"$cli" study status --db "postgresql:///cli?host=$pgdir&port=1&user=borehole" > "$work/cnone.out" 2>&1
code=$?
check "status with no server there exits 1" test $code -eq 1
check "status with no server there says so" \
  grep -qF "postgresql:///cli?host=$pgdir&port=1&user=borehole: cannot connect to the PostgreSQL server (" "$work/cnone.out"

# --- a probe-halving study on the server: two workers share the rungs ---
"${psql[@]}" "host=$pgdir port=$port user=borehole dbname=postgres" -c "CREATE DATABASE halving"
"${psql[@]}" "host=$pgdir port=$port user=borehole dbname=postgres" -c "CREATE DATABASE halving0"
hurl="postgresql:///halving?host=$pgdir&port=$port&user=borehole"
hsql() { "${psql[@]}" "host=$pgdir port=$port user=borehole dbname=halving" -c "$1"; }
halving_spec() { # $1: the "halving" object
  cat <<JSON
{
  "name": "halving on the server",
  "model": "$src/examples/diabetes/diabetes_mlp.pt",
  "data": {"path": "$src/examples/diabetes/diabetes.csv", "target": "progression",
           "standardize_targets": true, "device": "cpu"},
  "hyperparameters": {"learning_rate": {"min": 1e-3, "max": 0.03, "levels": 3},
                      "momentum": {"values": [0, 0.9]}},
  "sampler": {"kind": "grid"},
  "probe": {"burst_steps": 20, "directions": 1, "direction_kinds": ["gradient"],
            "eigen_iterations": 4, "trace_samples": 0, "perturbations": 0, "probe_rows": 128},
  "outcome": {"metric": "mse", "full_run": {"steps": 180, "validate_every": 30}},
  "strategy": "probe-halving",
  "halving": $1
}
JSON
}
halving_spec '{"eta": 3}' > "$work/halving-nofolder.json"
h0url="postgresql:///halving0?host=$pgdir&port=$port&user=borehole"
"$cli" study run "$work/halving-nofolder.json" --db "$h0url" --quiet > "$work/h0.out" 2>&1
code=$?
check "a probe-halving study on the server without a checkpoint folder is refused (exit 1, got $code)" \
  test $code -eq 1
check "… saying what to set" grep -qxF "borehole-cli study: error: $h0url: a probe-halving study on PostgreSQL needs a folder for the trainer checkpoints between rungs that every worker can reach (a shared file system): set \"halving\": {\"checkpoints\": \"/shared/path\"} in its spec" "$work/h0.out"
[ $code -eq 1 ] || cat "$work/h0.out"
check "… before anything is stored" \
  test "$("${psql[@]}" "host=$pgdir port=$port user=borehole dbname=halving0" -c "SELECT count(*) FROM spec")" = 0
halving_spec "{\"eta\": 3, \"checkpoints\": \"$work/shared-ckpt\"}" > "$work/halving.json"
halving_spec "{\"eta\": 3, \"checkpoints\": \"$work/ref-ckpt\"}" > "$work/halving-ref.json"
"$cli" study run "$work/halving-ref.json" --db "$work/halving-ref.sqlite" --quiet \
  > "$work/href.out" 2>&1
check "SQLite reference probe-halving run exits 0" test $? -eq 0
"$cli" study run "$work/halving.json" --db "$hurl" --quiet > "$work/h1.out" 2>&1 &
h1=$!
"$cli" study run "$work/halving.json" --db "$hurl" --quiet > "$work/h2.out" 2>&1 &
h2=$!
wait $h1; c1=$?
wait $h2; c2=$?
check "two probe-halving workers on the server exit 0 (got $c1 $c2)" test $c1 -eq 0 -a $c2 -eq 0
[ $c1 -eq 0 ] && [ $c2 -eq 0 ] || cat "$work/h1.out" "$work/h2.out"
hsql "SELECT c.idx, r.rung, r.steps, r.status, r.attempts, r.validation, r.checkpoint FROM rungs r
      JOIN configurations c ON c.id = r.configuration_id ORDER BY r.rung, c.idx" > "$work/hrungs.txt"
cat "$work/hrungs.txt"
check "every rung run done once, with the SQLite run's rungs, steps and validations; checkpoints in the spec's folder" \
  $py - "$work/hrungs.txt" "$work/halving-ref.sqlite" "$work/shared-ckpt" <<'PY'
import os, sqlite3, sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1]) if l.strip()]
ref = sqlite3.connect(sys.argv[2]).execute(
    "select c.idx, r.rung, r.steps, r.status, r.validation from rungs r join configurations c "
    "on c.id = r.configuration_id order by r.rung, c.idx").fetchall()
assert len(rows) == len(ref) and len(rows) >= 2, (len(rows), len(ref))
for (idx, rung, steps, status, attempts, val, ckpt), (ridx, rrung, rsteps, rstatus, rval) in zip(rows, ref):
    assert (int(idx), int(rung), int(steps), status) == (ridx, rrung, rsteps, rstatus), (idx, rung, ridx, rrung)
    assert status == "done" and attempts == "1", (idx, rung, status, attempts)
    assert abs(float(val) - rval) <= 1e-9 * max(1.0, abs(rval)), (idx, rung, val, rval)
    assert os.path.dirname(ckpt) == sys.argv[3] and os.path.isfile(ckpt), ckpt
PY
ref_pick=$(grep "^pick: " "$work/href.out")
check "the workers report the reference's pick ($ref_pick)" \
  bash -c "[ -n '$ref_pick' ] && cat '$work/h1.out' '$work/h2.out' | grep '^pick: ' | sort -u | grep -qxF '$ref_pick' && [ \$(cat '$work/h1.out' '$work/h2.out' | grep '^pick: ' | sort -u | wc -l) -eq 1 ]"
check "no rung claim is left" test "$(hsql "SELECT count(*) FROM rungs WHERE owner IS NOT NULL")" = 0

"${as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -m fast -w stop > /dev/null 2>&1
check "the server stops" test $? -eq 0
"${as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" status > /dev/null 2>&1
check "no server left running" test $? -eq 3
finish
