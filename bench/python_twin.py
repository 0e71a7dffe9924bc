#!/usr/bin/python3
"""Python twins of Borehole's kernels, written the way the popular Python tools do it
(PyHessian-style power iteration and Hutchinson with double backward; a per-point loop with
.item() for loss surfaces, as in Li et al.'s plot_surface and loss-landscapes).

Usage: python_twin.py --model M --data D --out result.json [--device cpu|cuda] [--grid 51]
       [--kernels gradient,hvp,power,trace,surface] [--tol 1e-3] [--seed 0]
Data are standardised like Borehole does (features on all rows here; the benchmark data are
random and already standard). Prints one line per kernel and writes JSON.
"""
import argparse
import json
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
    a = ap.parse_args()
    dev = torch.device(a.device)
    torch.manual_seed(a.seed)
    model = torch.jit.load(a.model, map_location=dev)
    model.eval()
    x, y = load(a.data)
    x = ((x - x.mean(0)) / x.std(0, unbiased=False).clamp_min(1e-12)).to(dev)
    y = y.to(dev)
    params = [p for p in model.parameters() if p.requires_grad]
    crit = torch.nn.functional.mse_loss
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
    if "surface" in kernels:  # per-point loop with .item(), filter-normalised directions
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
        values = []
        sync(dev)
        t = time.perf_counter()
        with torch.no_grad():
            for b in coords:
                for al in coords:
                    for p, p0, u, w in zip(params, theta, d1, d2):
                        p.copy_(p0 + al * u + b * w)
                    values.append(crit(model(x), y).item())
            for p, p0 in zip(params, theta):
                p.copy_(p0)
        sync(dev)
        record("surface", time.perf_counter() - t, min(values), forwards=len(values))
    with open(a.out, "w") as f:
        json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
