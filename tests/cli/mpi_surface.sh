#!/usr/bin/env bash
# `mpirun -np N borehole-cli surface` (docs/scale-out.md) against the single-process grid of the
# same command, on the diabetes MLP:
#  - 2 ranks, one forward per point (--point-batching off), subsampled probe rows (standard
#    errors) and grid curvature (computed by rank 0 on the assembled grid): values, standard
#    errors, curvature, axes and L(θ) bit-identical (JSON doubles are written round-trip);
#  - 3 ranks on a 7-row grid (3, 2, 2 rows), HVP curvature per point: values bit-identical,
#    curvature within 1e-6 relative (measured: one point 2.9e-8 off, the first HVP a rank computes;
#    the first HVP of a process differs in the last bits with the process's allocations, and a
#    second serial run reproduces the serial grid bit for bit);
#  - 2 ranks with stacked point batching (--point-batching on, blocks fall differently): equal
#    within 1e-6 relative (the batched path's own check is 1e-4);
#  - exactly one writer (one summary line, only the two outputs in the folder, no temp files);
#  - a refused split (--refine) reports its error once and exits non-zero.
# Same --threads 1 everywhere: the intra-op thread count may change the order of a sum.
# Usage: mpi_surface.sh <borehole-cli> <source dir> <mpiexec or "none">
set -uo pipefail
cli=$1
src=$2
mpiexec=$3
if [ "$mpiexec" = none ] || [ -z "$mpiexec" ]; then
  echo "SKIP: borehole-cli was built without MPI (BOREHOLE_WITH_MPI=OFF or no libopenmpi-dev)"
  exit 77
fi
source "$(dirname "$0")/check.sh"
py=/usr/bin/python3
mpi=("$mpiexec" --oversubscribe)
[ "$(id -u)" -eq 0 ] && mpi+=(--allow-run-as-root)
# No network transports: the ranks are processes of this machine (CI containers have no IB).
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
ex=(--model "$src/examples/diabetes/diabetes_mlp.pt" --data "$src/examples/diabetes/diabetes.csv"
    --target progression --standardize-targets --threads 1 --quiet)

# compare A.json B.json tolerance keys...: exit 0 when every listed array / number agrees.
compare() {
  $py - "$@" <<'PY'
import json, sys
a, b, tol = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
def flat(x):
    return x if isinstance(x, list) else [x]
def get(d, key):
    for part in key.split('.'):
        d = d[part]
    return d
bad = 0
for key in sys.argv[4:]:
    u, v = flat(get(a, key)), flat(get(b, key))
    if len(u) != len(v) or not u:
        print(f"  {key}: {len(u)} vs {len(v)} values"); bad += 1; continue
    worst = max(abs(p - q) / max(abs(p), abs(q), 1e-300) if p != q else 0.0 for p, q in zip(u, v))
    if worst > tol:
        print(f"  {key}: largest relative difference {worst:.3e} > {tol:g}"); bad += 1
sys.exit(1 if bad else 0)
PY
}

# 1. Two ranks, per point, standard errors and grid curvature.
one=(--resolution 21 --probe-rows 200 --curvature grid --point-batching off)
"$cli" surface "${ex[@]}" "${one[@]}" --out "$work/serial" > "$work/serial.out" 2>&1
check "serial surface exits 0" test $? -eq 0
mkdir "$work/split"
"${mpi[@]}" -np 2 "$cli" surface "${ex[@]}" "${one[@]}" --out "$work/split/grid" \
  > "$work/split.out" 2>&1
code=$?
check "mpirun -np 2 surface exits 0 (got $code)" test $code -eq 0
[ $code -eq 0 ] || cat "$work/split.out"
check "2 ranks: values, standard errors, curvature, axes and L(θ) bit-identical to the serial grid" \
  compare "$work/serial.json" "$work/split/grid.json" 0 values standardError curvature x.values \
  y.values centerValue
check "2 ranks: the CSV is byte-identical" cmp -s "$work/serial.csv" "$work/split/grid.csv"
check "2 ranks: one summary, printed by rank 0" \
  test "$(grep -c '^21×21 surface' "$work/split.out")" -eq 1
check "2 ranks: the summary says how the rows were split" \
  grep -q 'rows split over 2 MPI ranks' "$work/split.out"
check "2 ranks: only grid.json and grid.csv were written (no temporary files)" \
  test "$(ls -A "$work/split" | tr '\n' ' ')" = "grid.csv grid.json "

# 2. Three ranks, uneven rows, HVP curvature per point.
three=(--curvature hvp --point-batching off)
"$cli" surface "${ex[@]}" "${three[@]}" --resolution 7 --out "$work/hvp-serial" \
  > "$work/hvp-serial.out" 2>&1
check "serial HVP surface exits 0" test $? -eq 0
"${mpi[@]}" -np 3 "$cli" surface "${ex[@]}" "${three[@]}" --resolution 7 --out "$work/hvp-split" \
  > "$work/hvp-split.out" 2>&1
code=$?
check "mpirun -np 3 HVP surface (7 rows: 3, 2, 2) exits 0 (got $code)" test $code -eq 0
[ $code -eq 0 ] || cat "$work/hvp-split.out"
check "3 ranks: values bit-identical to the serial grid" \
  compare "$work/hvp-serial.json" "$work/hvp-split.json" 0 values
check "3 ranks: HVP curvature within 1e-6 relative of the serial grid" \
  compare "$work/hvp-serial.json" "$work/hvp-split.json" 1e-6 curvature

# 3. Two ranks, stacked point batching.
"$cli" surface "${ex[@]}" --resolution 15 --point-batching on --out "$work/on-serial" \
  > /dev/null 2>&1
check "serial batched surface exits 0" test $? -eq 0
"${mpi[@]}" -np 2 "$cli" surface "${ex[@]}" --resolution 15 --point-batching on \
  --out "$work/on-split" > "$work/on-split.out" 2>&1
code=$?
check "mpirun -np 2 batched surface exits 0 (got $code)" test $code -eq 0
check "2 ranks, batched: values within 1e-6 relative of the serial grid" \
  compare "$work/on-serial.json" "$work/on-split.json" 1e-6 values

# 4. A split the command refuses.
"${mpi[@]}" -np 2 "$cli" surface "${ex[@]}" --resolution 11 --refine --out "$work/refused" \
  > "$work/refused.out" 2>&1
code=$?
check "mpirun -np 2 surface --refine exits non-zero (got $code)" test $code -ne 0
check "the refusal is reported once, by rank 0" \
  test "$(grep -c 'a refined surface cannot be split by rows (its cells span rows): evaluate it in one process' "$work/refused.out")" -eq 1
check "the refused run wrote nothing" test ! -e "$work/refused.json"
finish
