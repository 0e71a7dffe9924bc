#!/usr/bin/python3
"""Python twins of Borehole's kernels, written the way the popular Python tools do it.

Kernels (--kernels, comma-separated):
  gradient, hvp        one gradient; one HVP by forward + double backward (recomputed per product)
  power, trace         power iteration and Hutchinson with that recomputing HVP (issue 6's twins)
  surface              per-point loop with .item(), weights set to θ₀ + α·d₁ + β·d₂ (Li et al.'s
                       plot_surface)
  pyhessian-hvp        PyHessian's scheme: ∇L with its graph built once (create_graph=True), then
                       one vector-Jacobian product per HVP through it (retain_graph=True)
  pyhessian-power      PyHessian's eigenvalues(top_n=1): power iteration through that graph,
                       maxIter 100, stopping when |λ − λ_prev|/(|λ_prev| + 1e-6) < tol and
                       returning λ_prev, as PyHessian does; the time includes building the graph
  pyhessian-trace      PyHessian's trace(): Rademacher vectors through that graph, maxIter 100,
                       stopping when the running mean changes by less than tol relative; the time
                       includes building the graph
  surface-ll           loss-landscapes' random_plane loop: the weights start at a corner and move
                       by one in-place add of a direction per point (snake order), then forward,
                       loss, .item() per point, under torch.no_grad()
  exact                models up to --exact-max parameters: the full Hessian (one VJP per
                       parameter through the retained graph), its trace and largest eigenvalue
Usage: python_twin.py --model M --data D --out result.json [--device cpu|cuda] [--grid 51]
       [--kernels ...] [--loss mse|cross-entropy] [--standardize-targets] [--threads 0]
       [--tol 1e-3] [--seed 0] [--repeats 5] [--surface-repeats 3]
Data are standardised like Borehole does (features, and targets with --standardize-targets, on
all rows: Borehole's benchmark keeps no validation rows). Prints one line per kernel and writes
JSON.
"""
import argparse
import glob
import json
import os
import time

import torch


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def load(path):
    with open(path) as f:
        f.readline()
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    t = torch.tensor(rows)
    return t[:, :-1], t[:, -1:]


def physical_cores():
    """Distinct (package, core) pairs in /sys, as Borehole's physicalCoreCount()."""
    cores = set()
    for topo in glob.glob("/sys/devices/system/cpu/cpu[0-9]*/topology"):
        try:
            with open(os.path.join(topo, "physical_package_id")) as p, \
                    open(os.path.join(topo, "core_id")) as c:
                cores.add((p.read().strip(), c.read().strip()))
        except OSError:
            pass
    return len(cores) or os.cpu_count() or 1


def standardise(t):
    return (t - t.mean(0)) / t.std(0, unbiased=False).clamp_min(1e-12)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--grid", type=int, default=51)
    ap.add_argument("--kernels", default="gradient,hvp,power,trace,surface")
    ap.add_argument("--tol", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--surface-repeats", type=int, default=1)
    ap.add_argument("--loss", default="mse", choices=["mse", "cross-entropy"])
    ap.add_argument("--standardize-targets", action="store_true")
    ap.add_argument("--threads", type=int, default=0, help="intra-op threads (0: physical cores)")
    ap.add_argument("--exact-max", type=int, default=4096)
    a = ap.parse_args()
    torch.set_num_threads(a.threads if a.threads > 0 else physical_cores())
    dev = torch.device(a.device)
    torch.manual_seed(a.seed)
    model = torch.jit.load(a.model, map_location=dev)
    model.eval()
    x, y = load(a.data)
    x = standardise(x).to(dev)
    if a.loss == "cross-entropy":
        y = y.view(-1).long().to(dev)
        crit = torch.nn.functional.cross_entropy
    else:
        y = (standardise(y) if a.standardize_targets else y).to(dev)
        crit = torch.nn.functional.mse_loss
    params = [p for p in model.parameters() if p.requires_grad]
    kernels = a.kernels.split(",")
    out = {"device": str(dev), "torch": torch.__version__, "threads": torch.get_num_threads(),
           "kernels": {}}

    def hvp(v):
        loss = crit(model(x), y)
        g = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(g, params, grad_outputs=v)

    def dot(a_, b_):
        return sum(float((u * w).sum()) for u, w in zip(a_, b_))

    def normalize(v):
        n = dot(v, v) ** 0.5
        return [u / n for u in v]

    def record(name, seconds, value=None, **counts):
        out["kernels"][name] = {"seconds": seconds, "value": value, **counts}
        print(f"python {name:10s} {seconds:9.4f} s  value {value}  {counts}", flush=True)

    if "gradient" in kernels:
        for _ in range(2):  # warm-up
            torch.autograd.grad(crit(model(x), y), params)
        sync(dev)
        t = time.perf_counter()
        for _ in range(a.repeats):
            torch.autograd.grad(crit(model(x), y), params)
        sync(dev)
        record("gradient", (time.perf_counter() - t) / a.repeats, gradients=1)
    if "hvp" in kernels:
        v = [torch.randn_like(p) for p in params]
        hvp(v)
        sync(dev)
        t = time.perf_counter()
        for _ in range(a.repeats):
            hvp(v)
        sync(dev)
        record("hvp", (time.perf_counter() - t) / a.repeats, hvps=1)
    if "power" in kernels:  # PyHessian's eigenvalues(), top-1, maxIter 100
        sync(dev)
        t = time.perf_counter()
        v = normalize([torch.randn_like(p) for p in params])
        eig, n = None, 0
        for _ in range(100):
            hv = hvp(v)
            n += 1
            tmp = dot(hv, v)
            v = normalize(list(hv))
            if eig is not None and abs(eig - tmp) / (abs(eig) + 1e-6) < a.tol:
                eig = tmp
                break
            eig = tmp
        sync(dev)
        record("power", time.perf_counter() - t, eig, hvps=n)
    if "trace" in kernels:  # PyHessian's trace(), maxIter 100
        sync(dev)
        t = time.perf_counter()
        vhv, trace, n = [], 0.0, 0
        for _ in range(100):
            v = [torch.randint_like(p, high=2) * 2 - 1 for p in params]
            hv = hvp(v)
            n += 1
            vhv.append(dot(hv, v))
            mean = sum(vhv) / len(vhv)
            if abs(mean - trace) / (abs(trace) + 1e-6) < a.tol:
                trace = mean
                break
            trace = mean
        sync(dev)
        record("trace", time.perf_counter() - t, trace, hvps=n)
    def pyhessian_graph():
        # hessian.__init__: one forward, loss.backward(create_graph=True), gradsH = p.grad.
        loss = crit(model(x), y)
        return torch.autograd.grad(loss, params, create_graph=True)

    def pyhessian_hvp(gradsH, v):
        return torch.autograd.grad(gradsH, params, grad_outputs=v, only_inputs=True,
                                   retain_graph=True)

    if "pyhessian-hvp" in kernels:
        v = [torch.randn_like(p) for p in params]
        g = pyhessian_graph()
        pyhessian_hvp(g, v)
        sync(dev)
        t = time.perf_counter()
        for _ in range(a.repeats):
            pyhessian_hvp(g, v)
        sync(dev)
        record("pyhessian-hvp", (time.perf_counter() - t) / a.repeats, hvps=1)
        del g
    if "pyhessian-power" in kernels:  # PyHessian's eigenvalues(maxIter=100, tol, top_n=1)
        torch.manual_seed(a.seed)
        sync(dev)
        t = time.perf_counter()
        g = pyhessian_graph()
        v = normalize([torch.randn_like(p) for p in params])
        eig, n = None, 0
        for _ in range(100):
            hv = pyhessian_hvp(g, v)
            n += 1
            tmp = dot(hv, v)
            v = normalize(list(hv))
            if eig is None:
                eig = tmp
            elif abs(eig - tmp) / (abs(eig) + 1e-6) < a.tol:
                break  # PyHessian returns the previous estimate
            else:
                eig = tmp
        sync(dev)
        record("pyhessian-power", time.perf_counter() - t, eig, hvps=n, gradients=1)
        del g
    if "pyhessian-trace" in kernels:  # PyHessian's trace(maxIter=100, tol)
        torch.manual_seed(a.seed)
        sync(dev)
        t = time.perf_counter()
        g = pyhessian_graph()
        vhv, trace, n = [], 0.0, 0
        for _ in range(100):
            v = [torch.randint_like(p, high=2) for p in params]
            for vi in v:
                vi[vi == 0] = -1
            hv = pyhessian_hvp(g, v)
            n += 1
            vhv.append(dot(hv, v))
            mean = sum(vhv) / len(vhv)
            if abs(mean - trace) / (abs(trace) + 1e-6) < a.tol:
                break
            trace = mean
        sync(dev)
        record("pyhessian-trace", time.perf_counter() - t, sum(vhv) / len(vhv), hvps=n,
               gradients=1)
        del g
    if "exact" in kernels:
        count = sum(p.numel() for p in params)
        if count <= a.exact_max:
            sync(dev)
            t = time.perf_counter()
            g = pyhessian_graph()
            columns = []
            for i in range(count):
                e = torch.zeros(count, device=dev)
                e[i] = 1.0
                parts, at = [], 0
                for p in params:
                    parts.append(e[at:at + p.numel()].view_as(p))
                    at += p.numel()
                columns.append(torch.cat([h.reshape(-1) for h in pyhessian_hvp(g, parts)]))
            h = torch.stack(columns).double()
            h = 0.5 * (h + h.t())
            eigs = torch.linalg.eigvalsh(h)
            sync(dev)
            record("exact", time.perf_counter() - t, float(eigs[-1]), trace=float(h.trace()),
                   lambdaMin=float(eigs[0]), hvps=count)
            del g
        else:
            print(f"python exact      skipped: {count} parameters > --exact-max {a.exact_max}")
    if "surface" in kernels or "surface-ll" in kernels:
        theta = [p.detach().clone() for p in params]

        def direction():
            d = [torch.randn_like(p) for p in params]
            for di, pi in zip(d, theta):
                if di.dim() <= 1:
                    di.zero_()
                else:
                    for f, w in zip(di, pi):
                        f.mul_(w.norm() / (f.norm() + 1e-10))
            return d

        d1, d2 = direction(), direction()
        coords = torch.linspace(-1, 1, a.grid).tolist()

        def plot_surface():  # per-point loop with .item(), weights set afresh
            values = []
            with torch.no_grad():
                for b in coords:
                    for al in coords:
                        for p, p0, u, w in zip(params, theta, d1, d2):
                            p.copy_(p0 + al * u + b * w)
                        values.append(crit(model(x), y).item())
            return values

        def random_plane():  # loss-landscapes: in-place moves, snake order
            steps = a.grid
            step = 2.0 / (steps - 1)
            values = []
            with torch.no_grad():
                for p, p0, u, w in zip(params, theta, d1, d2):
                    p.copy_(p0 - u - w - step * w)  # one step before the first point
                for i in range(steps):
                    column = []
                    for _ in range(steps):
                        for p, w in zip(params, d2):
                            p.add_(w, alpha=step if i % 2 == 0 else -step)
                        column.append(crit(model(x), y).item())
                    values += column if i % 2 == 0 else column[::-1]
                    if i + 1 < steps:
                        for p, u, w in zip(params, d1, d2):
                            p.add_(u, alpha=step)
                            p.add_(w, alpha=step if i % 2 == 0 else -step)
            return values

        for name, loop in (("surface", plot_surface), ("surface-ll", random_plane)):
            if name not in kernels:
                continue
            best, values = None, None
            for _ in range(max(1, a.surface_repeats)):
                sync(dev)
                t = time.perf_counter()
                values = loop()
                sync(dev)
                seconds = time.perf_counter() - t
                best = seconds if best is None else min(best, seconds)
            with torch.no_grad():
                for p, p0 in zip(params, theta):
                    p.copy_(p0)
            record(name, best, min(values), forwards=len(values))
    with open(a.out, "w") as f:
        json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
