#!/usr/bin/python3
"""Issue 12 item 4: what would several Hessian-vector products per backward pass buy?

libtorch 1.13's C++ autograd has no `is_grads_batched`, so Borehole does one vector-Jacobian
product per vector through the retained gradient graph. This measures, in Python with the same
torch, k HVPs through one retained graph (∇L built once with create_graph=True):
  sequential  k calls of torch.autograd.grad(g, params, grad_outputs=v_i, retain_graph=True)
  batched     one call with the k vectors stacked and is_grads_batched=True (vmap over the
              backward; ops without a batching rule fall back to a loop, which torch warns about)
and checks that both give the same products. Times are best-of-N (the machine may be shared),
the graph build is excluded from both; sequential and batched take turns within each repeat.
vmap's fallback warnings are switched on for one checking call and printed: an op listed there
has no batching rule and runs once per vector inside the "batched" call.

Usage: batched_vjp.py --model M --data D [--loss mse|cross-entropy] [--standardize-targets]
       [--ks 1,4,16] [--repeats 7] [--threads 1] [--seed 0] [--out result.json]
Data are loaded and standardised like bench/python_twin.py (all rows).
"""
import argparse
import json
import os
import re
import sys
import time
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_twin import load, standardise  # noqa: E402


def best_of(fns, repeats):
    """Best time of each function; the functions take turns, so that a load spike on the shared
    machine hits both rather than one."""
    for fn in fns:
        fn()  # warm-up
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def fallback_warnings(on):
    """vmap's "no batching rule for <op>, falling back to a slow loop" warnings are off by
    default; they say which backward ops the batched call runs one vector at a time."""
    try:
        torch._C._debug_only_display_vmap_fallback_warnings(on)
    except AttributeError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--loss", default="mse", choices=["mse", "cross-entropy"])
    ap.add_argument("--standardize-targets", action="store_true")
    ap.add_argument("--ks", default="1,4,16")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = torch.jit.load(a.model, map_location="cpu")
    model.eval()
    x, y = load(a.data)
    x = standardise(x)
    if a.loss == "cross-entropy":
        y = y.view(-1).long()
        crit = torch.nn.functional.cross_entropy
    else:
        y = standardise(y) if a.standardize_targets else y
        crit = torch.nn.functional.mse_loss
    params = [p for p in model.parameters() if p.requires_grad]
    n = sum(p.numel() for p in params)
    g = torch.autograd.grad(crit(model(x), y), params, create_graph=True)
    name = os.path.basename(a.model)
    out = {"model": name, "parameters": n, "rows": int(x.shape[0]), "torch": torch.__version__,
           "threads": torch.get_num_threads(), "repeats": a.repeats, "k": {}}
    print(f"{name}: {n} parameters, {x.shape[0]} rows, torch {torch.__version__}, "
          f"{torch.get_num_threads()} thread(s), best of {a.repeats}")
    print(f"{'k':>3} {'sequential s':>13} {'batched s':>11} {'seq/batched':>12} "
          f"{'ms/HVP seq':>11} {'ms/HVP bat':>11}  max rel. diff")
    for k in [int(s) for s in a.ks.split(",")]:
        vs = [[torch.randn_like(p) for p in params] for _ in range(k)]
        stacked = [torch.stack([v[i] for v in vs]) for i in range(len(params))]

        def sequential():
            return [torch.autograd.grad(g, params, grad_outputs=v, retain_graph=True) for v in vs]

        def batched():
            return torch.autograd.grad(g, params, grad_outputs=stacked, retain_graph=True,
                                       is_grads_batched=True)

        row = {}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                fallback_warnings(True)
                ref = sequential()
                got = batched()
                fallback_warnings(False)
            diff = max(float((got[i][j] - ref[j][i]).abs().max())
                       / max(float(ref[j][i].abs().max()), 1e-30)
                       for j in range(k) for i in range(len(params)))
            row["max_relative_difference"] = diff
            ops, other = set(), set()
            for w in caught:
                m = re.search(r"batching rule for (\S+?)\.? We", str(w.message))
                (ops.add(m.group(1)) if m else other.add(str(w.message).splitlines()[0][:200]))
            row["fallback_ops"] = sorted(ops)
            row["warnings"] = sorted(other)
            row["sequential_s"], row["batched_s"] = best_of([sequential, batched], a.repeats)
            row["ratio"] = row["sequential_s"] / row["batched_s"]
            print(f"{k:>3} {row['sequential_s']:>13.4f} {row['batched_s']:>11.4f} "
                  f"{row['ratio']:>11.2f}× {1e3 * row['sequential_s'] / k:>11.2f} "
                  f"{1e3 * row['batched_s'] / k:>11.2f}  {diff:.1e}", flush=True)
            if ops:
                print(f"    no batching rule (looped per vector): {', '.join(sorted(ops))}")
            for w in row["warnings"]:
                print(f"    warning: {w}")
        except Exception as e:  # an op without a batched backward: say which
            fallback_warnings(False)
            row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
            row["sequential_s"] = best_of([sequential], a.repeats)[0]
            print(f"{k:>3} {row['sequential_s']:>13.4f} {'failed':>11}  {row['error']}",
                  flush=True)
        out["k"][str(k)] = row
    if a.out:
        with open(a.out, "w") as f:
            json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
