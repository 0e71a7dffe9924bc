#!/usr/bin/env bash
# packaging/slurm/*.sbatch on a throw-away one-node Slurm that this script starts and always
# stops: its own munged (key and socket in a temporary folder, as the munge user), slurmctld and
# slurmd as root on free local ports, no cgroups (proctrack/linuxproc, task/none).
#  - surface-mpi.sbatch, 2 tasks through `srun --mpi=pmix`: the surface equals the one of
#    `borehole-cli surface` as one process byte for byte (CSV), and its summary says the rows
#    were split over 2 MPI ranks;
#  - `srun --mpi=none` with 2 tasks is refused with the message that names the fix;
#  - study-workers.sbatch as a job array of 3 workers on a PostgreSQL study (a server started as
#    in study_postgres.sh): every configuration done, each attempted exactly once.
# Usage: slurm_scripts.sh <borehole-cli> <source dir> <"mpi" or "none"> <"pg" or "none">
set -uo pipefail
cli=$(realpath "$1")
src=$2
have_mpi=$3
have_pg=$4
if [ "$have_mpi" != mpi ] || [ "$have_pg" != pg ]; then
  echo "SKIP: borehole-cli was built without MPI or without libpq (the scripts need both)"
  exit 77
fi
source "$(dirname "$0")/check.sh"
for tool in slurmctld slurmd sbatch srun munged; do
  if ! command -v "$tool" > /dev/null && [ ! -x "/usr/sbin/$tool" ]; then
    echo "FAIL!  : $tool is missing (scripts/install-deps.sh installs slurm-wlm and munge)"
    exit 1
  fi
done
if [ "$(id -u)" -ne 0 ]; then
  echo "FAIL!  : starting slurmd needs root (CI runs as root)"
  exit 1
fi
py=/usr/bin/python3
d=$(mktemp -d /tmp/borehole-slurm.XXXXXX)
chmod 755 "$d"
mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/run"
chmod 777 "$d/run"
pgdir=""
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
stop_pid() { # pid file: TERM, up to 5 s, then KILL
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null
}
cleanup() {
  SLURM_CONF="$d/slurm.conf" timeout 5 scontrol shutdown > /dev/null 2>&1
  stop_pid "$d/slurmd.pid"
  stop_pid "$d/slurmctld.pid"
  stop_pid "$d/munge/pid"
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop > /dev/null 2>&1
  fi
  rm -rf "$d" "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT

# munge: a fresh key and socket of our own.
head -c 1024 /dev/urandom > "$d/munge/munge.key"
chown -R munge:munge "$d/munge"
chmod 755 "$d/munge" # munged wants its socket's folder open to all; the key is 400
chmod 400 "$d/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$d/munge/sock" --key-file="$d/munge/munge.key" \
  --pid-file="$d/munge/pid" --log-file="$d/munge/log" --seed-file="$d/munge/seed" \
  > "$work/munged.out" 2>&1
code=$?
check "munged starts" test $code -eq 0
[ $code -eq 0 ] || { cat "$work/munged.out"; finish; exit 1; }

read -r p1 p2 < <($py -c "
import socket
s=[socket.socket() for _ in range(2)]
[x.bind(('127.0.0.1', 0)) for x in s]
print(*[x.getsockname()[1] for x in s])")
host=$(hostname -s)
cpus=$(nproc)
cat > "$d/slurm.conf" <<EOF
ClusterName=borehole-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$d/munge/sock
CredType=cred/munge
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/slurmctld.log
SlurmdLogFile=$d/slurmd.log
SlurmctldPort=$p1
SlurmdPort=$p2
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
export SLURM_CONF="$d/slurm.conf"
/usr/sbin/slurmctld -i > "$work/slurmctld.out" 2>&1
/usr/sbin/slurmd > "$work/slurmd.out" 2>&1
up=0
for _ in $(seq 1 60); do
  if timeout 5 sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)'; then up=1; break; fi
  sleep 0.5
done
check "slurmctld and slurmd start and the node is idle" test $up -eq 1
if [ $up -ne 1 ]; then
  cat "$work"/*.out "$d"/slurm*.log 2>/dev/null | tail -30
  finish
  exit 1
fi

# 1. An MPI surface through srun --mpi=pmix.
ex="$src/examples/diabetes"
"$cli" surface --model "$ex/diabetes_mlp.pt" --data "$ex/diabetes.csv" --target progression \
  --standardize-targets --point-batching off --resolution 21 --threads 1 --quiet \
  --out "$d/run/serial" > /dev/null 2>&1
check "serial surface exits 0" test $? -eq 0
(cd "$d/run" && sbatch --wait --nodes=1 --ntasks-per-node=2 --cpus-per-task=1 \
  --export=ALL,MODEL="$ex/diabetes_mlp.pt",DATA="$ex/diabetes.csv",TARGET=progression,RESOLUTION=21,PREFIX="$d/run/split",BOREHOLE_CLI="$cli",EXTRA="--standardize-targets --point-batching off" \
  "$src/packaging/slurm/surface-mpi.sbatch" > "$work/sbatch1.out" 2>&1)
code=$?
check "surface-mpi.sbatch job exits 0 (got $code)" test $code -eq 0
out=$(cat "$d"/run/borehole-surface-*.out 2>/dev/null)
[ $code -eq 0 ] || { cat "$work/sbatch1.out"; echo "$out"; }
check "its surface CSV is byte-identical to the single-process one" \
  cmp -s "$d/run/serial.csv" "$d/run/split.csv"
check "the job split the rows over 2 MPI ranks, one summary" \
  test "$(echo "$out" | grep -c 'rows split over 2 MPI ranks')" -eq 1

# 2. srun without an MPI plugin is refused.
srun -n 2 --mpi=none "$cli" surface --model "$ex/diabetes_mlp.pt" --data "$ex/diabetes.csv" \
  --target progression --resolution 5 --quiet --out "$d/run/nompi" > "$work/nompi.out" 2>&1
code=$?
check "srun --mpi=none with 2 tasks exits non-zero" test $code -ne 0
check "and names the fix" grep -qF "srun started 2 tasks without an MPI plugin, so they cannot share one surface: run 'srun --mpi=pmix …' or mpirun" "$work/nompi.out"
check "and writes nothing" test ! -e "$d/run/nompi.json"

# 3. A job array of study workers on a PostgreSQL study.
pgdir=$(mktemp -d /tmp/borehole-pg.XXXXXX)
chown postgres "$pgdir"
chmod 700 "$pgdir"
port=$((p2 + 1))
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U borehole --no-sync \
  > "$work/initdb.out" 2>&1 \
  && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
       -o "-c listen_addresses='' -k $pgdir -p $port -c fsync=off" start > "$work/pg.out" 2>&1 \
  && "$pgbin/psql" -X -q "host=$pgdir port=$port user=borehole dbname=postgres" \
       -c "CREATE DATABASE study"
check "a PostgreSQL server for the study starts" test $? -eq 0
url="postgresql:///study?host=$pgdir&port=$port&user=borehole"
cat > "$d/run/spec.json" <<JSON
{"name": "slurm array", "model": "$src/tests/data/batchnorm.pt",
 "data": {"path": "$src/tests/data/four_features.csv", "target": "y", "device": "cpu"},
 "hyperparameters": {"learning_rate": {"values": [0.003, 0.01, 0.03, 0.1]},
                     "momentum": {"values": [0, 0.9]}},
 "sampler": {"kind": "grid"},
 "probe": {"burst_steps": 50, "directions": 2, "eigen_iterations": 4, "trace_samples": 2,
           "perturbations": 2}}
JSON
(cd "$d/run" && sbatch --wait --array=1-3 --cpus-per-task=1 \
  --export=ALL,SPEC="$d/run/spec.json",DB="$url",BOREHOLE_CLI="$cli" \
  "$src/packaging/slurm/study-workers.sbatch" > "$work/sbatch2.out" 2>&1)
code=$?
check "study-workers.sbatch array of 3 exits 0 (got $code)" test $code -eq 0
[ $code -eq 0 ] || cat "$work/sbatch2.out" "$d"/run/borehole-study-*.out
rows=$("$pgbin/psql" -X -q -t -A "host=$pgdir port=$port user=borehole dbname=study" \
  -c "SELECT count(*) FILTER (WHERE status = 'done'), count(*), sum(attempts) FROM configurations")
check "all 8 configurations done, 8 attempts in all (got done|total|attempts = $rows)" \
  test "$rows" = "8|8|8"
check "all three array tasks ran a worker" \
  test "$(cat "$d"/run/borehole-study-*.out 2>/dev/null | grep -c '^probed ')" -eq 3
finish
