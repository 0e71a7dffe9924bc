#!/usr/bin/python3
"""Issue 12's comparison against the strongest Python practice, side by side in one run.

For each model kind (bench/make_bench_model.py: the small CNN with batch norm on the digits
images, the small MLP on the 506-row Boston set, the reference MLP of issue 6, and the bundled
diabetes example the issue names for the trace target) it runs
borehole-bench (C++, through core's public API) and bench/python_twin.py (PyHessian's scheme and
loss-landscapes' per-point loop) on the same model, rows, device, libtorch and thread count, and
prints one table of ratios (Borehole / twin; below 1 Borehole is faster) with each target of
issue 12 as met or not met:
  λmax    Borehole's Lanczos at tol 1e-3, true relative error ≤ 1e-3 against a reference (the
          exact Hessian's largest eigenvalue for models up to 4,096 parameters, else Lanczos to
          1e-7), in ≤ 0.5× the time of PyHessian's power iteration at tol 1e-3
  surface the grid at equal points in ≤ 0.5× the faster per-point twin (plot_surface's loop or
          loss-landscapes' random_plane loop); auto never slower than off beyond noise (10 %)
  trace   within 2 % of the exact trace (≤ 4,096 parameters) or of a converged Hutch++ reference,
          in ≤ the time of PyHessian's Hutchinson trace
Usage: bench/run --peers [--device cpu] [--threads 1] [--models cnn-digits,mlp-boston,reference,diabetes,quick]
                         [--repeats 3] [--trace-seeds 1] [--out peers.json]
                         [--twin-keeps-memory] [--glibc-trim]
Borehole keeps freed host memory for reuse (keepFreedHostMemory: glibc's malloc tuned so that
large activations are not unmapped and faulted in again on every forward); the twin runs with
glibc's defaults, as users run it. --twin-keeps-memory gives the twin the same setting (through
GLIBC_TUNABLES), --glibc-trim takes it from Borehole: the kernels alone, compared.
Environment: BUILD_DIR (default build), PYTHON.
"""
import argparse
import json
import os
import subprocess
import sys
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Per kind: how to make it, Borehole's and the twin's data options, and the surface grid (the
# CNN's and the reference model's forwards take tens of milliseconds: 21×21 keeps a run short).
KINDS = {
    "cnn-digits": {"make": ["--kind", "cnn-digits"], "task": "classification",
                   "loss": "cross-entropy", "standardizeTargets": False, "grid": 21},
    "mlp-boston": {"make": ["--kind", "mlp-boston"], "task": "regression", "loss": "mse",
                   "standardizeTargets": True, "grid": 51},
    "reference": {"make": ["--kind", "mlp-random", "--hidden", "512", "--rows", "4096"],
                  "task": "regression", "loss": "mse", "standardizeTargets": False, "grid": 21},
    # The bundled diabetes example (examples/diabetes: MLP 10→32→32→1, 1,441 parameters, 442 rows),
    # the model issue 12 names for the trace target.
    "diabetes": {"files": ["examples/diabetes/diabetes_mlp.pt", "examples/diabetes/diabetes.csv"],
                 "task": "regression", "loss": "mse", "standardizeTargets": True, "grid": 51},
    "quick": {"make": ["--kind", "mlp-random", "--hidden", "64", "--rows", "1024"],
              "task": "regression", "loss": "mse", "standardizeTargets": False, "grid": 51},
}


# glibc's malloc tuned as keepFreedHostMemory() tunes it in Borehole (bench/peers.py
# --twin-keeps-memory): the twin then runs with the same allocator setting, for a comparison of
# the kernels alone.
KEPT_MEMORY_TUNABLES = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=536870912"


def run(cmd, log, threads=0, extra_env=None):
    """Runs a command, echoing its output to the log file; raises on failure. With threads > 0
    both sides' BLAS pools are bounded as well: torch.set_num_threads and libtorch's
    at::set_num_threads do not bound OpenBLAS (Debian's BLAS), whose own pool starts one thread
    per CPU (measured: "1 thread" ran at 160 % CPU on 2 cores)."""
    env = dict(os.environ)
    if threads > 0:
        env.update(OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    env.update(extra_env or {})
    with open(log, "w") as f:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env=env)
        f.write(p.stdout)
    if p.returncode != 0:
        sys.stderr.write(p.stdout[-4000:])
        raise SystemExit(f"bench/peers: {' '.join(cmd[:2])} failed (exit {p.returncode}), log {log}")
    return p.stdout


def made(py, work, kind):
    """Model, data, parameter count; the files are made once per work folder and reused."""
    if "files" in KINDS[kind]:  # a model and data set of the repository, used as they are
        model, data = (os.path.join(SRC, f) for f in KINDS[kind]["files"])
        import torch  # noqa: E402  (the twin's interpreter has it; only counting here)
        count = sum(p.numel() for p in torch.jit.load(model).parameters())
        return model, data, count
    stamp = os.path.join(work, f"{kind}.made")
    if os.path.exists(stamp):
        lines = open(stamp).read().split("\n")
        if all(os.path.exists(p) for p in lines[:2]):
            return lines[0], lines[1], int(lines[2])
    out = run([py, os.path.join(SRC, "bench", "make_bench_model.py"), "--out", work]
              + KINDS[kind]["make"], os.path.join(work, f"{kind}-make.log"))
    lines = out.strip().split("\n")[-4:]
    open(stamp, "w").write("\n".join(lines[:3]))
    return lines[0], lines[1], int(lines[2])


def rel(v, ref):
    return abs(v - ref) / max(abs(ref), 1e-30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--models", default="cnn-digits,mlp-boston,reference,diabetes")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--trace-seeds", type=int, default=1)
    ap.add_argument("--out", default="")
    ap.add_argument("--twin-keeps-memory", action="store_true",
                    help="run the Python twin with glibc's malloc tuned as Borehole tunes it "
                         "(keepFreedHostMemory); default: glibc's defaults, as users run it")
    ap.add_argument("--glibc-trim", action="store_true",
                    help="run Borehole with glibc's malloc defaults (no keepFreedHostMemory)")
    a = ap.parse_args()
    build = os.environ.get("BUILD_DIR", os.path.join(SRC, "build"))
    py = os.environ.get("PYTHON") or ("/usr/bin/python3" if os.path.exists("/usr/bin/python3")
                                      else "python3")
    work = os.path.join(build, "bench-data")
    os.makedirs(work, exist_ok=True)
    bench = os.path.join(build, "bench", "borehole-bench")
    results, table = {}, []
    start = time.time()
    for kind in a.models.split(","):
        k = KINDS[kind]
        model, data, count = made(py, work, kind)
        grid = k["grid"]
        print(f"== {kind}: {os.path.basename(model)} ({count:,} parameters), "
              f"{os.path.basename(data)}, {k['loss']}, grid {grid}x{grid}, device {a.device}, "
              f"{a.threads} thread(s)", flush=True)
        bcmd = [bench, "--model", model, "--data", data, "--device", a.device, "--grid", str(grid),
                "--kernels", "eigen,trace,batching", "--repeats", str(a.repeats),
                "--trace-seeds", str(a.trace_seeds), "--threads", str(a.threads),
                "--task", k["task"], "--out", os.path.join(work, f"{kind}-borehole.json")]
        tcmd = [py, os.path.join(SRC, "bench", "python_twin.py"), "--model", model, "--data", data,
                "--device", a.device, "--grid", str(grid), "--threads", str(a.threads),
                "--loss", k["loss"], "--surface-repeats", str(a.repeats),
                "--kernels", "pyhessian-power,pyhessian-trace,surface,surface-ll,exact",
                "--out", os.path.join(work, f"{kind}-python.json")]
        if k["standardizeTargets"]:
            bcmd.append("--standardize-targets")
            tcmd.append("--standardize-targets")
        if a.glibc_trim:
            bcmd.append("--glibc-trim")
        run(bcmd, os.path.join(work, f"{kind}-borehole.log"), a.threads)
        run(tcmd, os.path.join(work, f"{kind}-python.log"), a.threads,
            {"GLIBC_TUNABLES": KEPT_MEMORY_TUNABLES} if a.twin_keeps_memory else None)
        b = json.load(open(os.path.join(work, f"{kind}-borehole.json")))
        p = json.load(open(os.path.join(work, f"{kind}-python.json")))
        bk, pk = b["kernels"], p["kernels"]
        results[kind] = {"borehole": b, "python": p}

        # λmax reference: the exact Hessian where the twin computed it, else Lanczos to 1e-7.
        exact = pk.get("exact")
        lref = exact["value"] if exact else bk["eigen-reference"]["value"]
        lref_name = "exact Hessian" if exact else "Lanczos to 1e-7"
        twin = pk["pyhessian-power"]
        for name, key in (("λmax Lanczos", "lanczos"), ("λmax power", "power")):
            e = bk[key]
            err = rel(e["value"], lref)
            ratio = e["seconds"] / twin["seconds"]
            met = err <= 1e-3 and ratio <= 0.5
            table.append((kind, name, e["seconds"], f"{e['hvps']} HVPs, err {err:.1e}",
                          twin["seconds"],
                          f"PyHessian power, {twin['hvps']} HVPs, err {rel(twin['value'], lref):.1e}",
                          ratio, f"≤0.5 at err≤1e-3: {'met' if met else 'NOT met'}"))
        # Trace reference: exact where computed, else Borehole's Hutch++ with a 40-vector sketch.
        tref = exact["trace"] if exact else bk["trace-reference"]["value"]
        tref_name = "exact" if exact else (
            f"Hutch++ 40, SE {bk['trace-reference']['standardError'] / abs(tref):.1%}")
        twin = pk["pyhessian-trace"]
        for name, prefix in (("trace Hutchinson", "trace-hutchinson-seed"),
                             ("trace Hutch++", "trace-hutch++-seed")):
            runs = [v for key, v in bk.items() if key.startswith(prefix)]
            worst = max(rel(v["value"], tref) for v in runs)
            slowest = max(v["seconds"] for v in runs)
            ratio = slowest / twin["seconds"]
            met = worst <= 0.02 and ratio <= 1.0
            table.append((kind, name, slowest,
                          f"{max(v['hvps'] for v in runs)} HVPs, err {worst:.1%} ({len(runs)} seed)",
                          twin["seconds"],
                          f"PyHessian Hutchinson, {twin['hvps']} HVPs, err {rel(twin['value'], tref):.1%}",
                          ratio, f"≤1 at err≤2%: {'met' if met else 'NOT met'}"))
        # The default trace: exact from per-row gradient norms on piecewise-linear chains
        # (estimator exact-gauss-newton), else the default sampled estimator.
        d = bk["trace-default"]
        err = rel(d["value"], tref)
        ratio = d["seconds"] / twin["seconds"]
        table.append((kind, f"trace default ({d['estimator']})", d["seconds"],
                      f"{d['hvps']} HVPs, {d['gradients']} passes, err {err:.1e} vs {tref_name}",
                      twin["seconds"],
                      f"PyHessian Hutchinson, {twin['hvps']} HVPs, err {rel(twin['value'], tref):.1%}",
                      ratio, f"≤1 at err≤2%: {'met' if err <= 0.02 and ratio <= 1.0 else 'NOT met'}"))
        # Surface at equal points against the faster per-point twin.
        loops = {"surface": "plot_surface loop", "surface-ll": "loss-landscapes loop"}
        tkey = min(loops, key=lambda t: pk[t]["seconds"])
        twin = pk[tkey]
        off = bk["surface-per-point"]["seconds"]
        for name, key in (("surface auto", "surface-auto"), ("surface off", "surface-per-point"),
                          ("surface on", "surface-batched")):
            g = bk[key]
            ratio = g["seconds"] / twin["seconds"]
            note = g.get("evaluation", "per point: point batching is off")
            target = f"≤0.5: {'met' if ratio <= 0.5 else 'NOT met'}"
            if key == "surface-auto":
                slower = g["seconds"] / off
                target += f"; auto/off {slower:.2f} ({'ok' if slower <= 1.10 else 'SLOWER'})"
            table.append((kind, name, g["seconds"], f"{g['points']} points, {note}",
                          twin["seconds"], f"{loops[tkey]}, {twin['forwards']} points", ratio,
                          target))
        print(f"   references: λmax {lref:.6g} ({lref_name}), trace {tref:.6g} ({tref_name}); "
              f"auto trials {bk['surface-auto'].get('trials')}", flush=True)

    print(f"\nBorehole / twin, {a.device}, {a.threads} thread(s) each, best of {a.repeats} "
          f"(surfaces), one run otherwise; freed host memory: Borehole "
          f"{'returned (glibc defaults)' if a.glibc_trim else 'kept'}, twin "
          f"{'kept' if a.twin_keeps_memory else 'returned (glibc defaults)'}; "
          f"{time.time() - start:.0f} s in all\n")
    print(f"{'model':11s} {'task':17s} {'Borehole s':>10s} {'twin s':>8s} {'ratio':>6s}  "
          "target | Borehole | twin")
    for kind, name, bs, bnote, ts, tnote, ratio, target in table:
        print(f"{kind:11s} {name:17s} {bs:10.4f} {ts:8.4f} {ratio:6.2f}  {target} | {bnote} | {tnote}")
    out = a.out or os.path.join(build, "bench-peers.json")
    json.dump({"device": a.device, "threads": a.threads, "results": results,
               "table": [dict(zip(("model", "task", "borehole", "boreholeNote", "twin", "twinNote",
                                   "ratio", "target"), row)) for row in table]},
              open(out, "w"), indent=2)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
