#!/usr/bin/python3
"""Writes a benchmark MLP (TorchScript) and a random regression data set (CSV).

Usage: make_bench_model.py --out DIR [--inputs 64] [--hidden 512] [--layers 2] [--rows 4096]
The reference workload of issue 6 is the default: MLP 64→512→512→1 = 296,449 parameters,
4,096 rows, MSE. Files: DIR/mlp_<inputs>_<hidden>x<layers>.pt and DIR/data_<inputs>_<rows>.csv.
"""
import argparse
import os

import torch
from torch import nn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--inputs", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--rows", type=int, default=4096)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    layers, width = [], a.inputs
    for _ in range(a.layers):
        layers += [nn.Linear(width, a.hidden), nn.ReLU()]
        width = a.hidden
    layers.append(nn.Linear(width, 1))
    model = nn.Sequential(*layers)
    mpath = os.path.join(a.out, f"mlp_{a.inputs}_{a.hidden}x{a.layers}.pt")
    torch.jit.script(model).save(mpath)
    x = torch.randn(a.rows, a.inputs)
    w = torch.randn(a.inputs, 1) / a.inputs ** 0.5
    y = torch.tanh(x @ w) + 0.1 * torch.randn(a.rows, 1)
    dpath = os.path.join(a.out, f"data_{a.inputs}_{a.rows}.csv")
    with open(dpath, "w") as f:
        f.write(",".join([f"x{i}" for i in range(a.inputs)] + ["y"]) + "\n")
        for row in torch.cat([x, y], 1).tolist():
            f.write(",".join(f"{v:.6g}" for v in row) + "\n")
    print(mpath)
    print(dpath)
    print(sum(p.numel() for p in model.parameters()))


if __name__ == "__main__":
    main()
