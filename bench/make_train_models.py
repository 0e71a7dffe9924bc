#!/usr/bin/python3
"""Untrained MLPs for the training benchmark (bench/train_bench.cpp), two sizes per data set and
one initialisation per seed, written to a build folder (never committed).

Usage: /usr/bin/python3 bench/make_train_models.py <out-dir> [seeds=5]

small: in → 16 → out (Tanh);  large: in → 64 → 64 → out (Tanh). Initialised by PyTorch's
defaults under torch.manual_seed(seed), saved with torch.jit.script(m).save(path).
"""
import os
import sys

import torch
from torch import nn

SETS = {"diabetes": (10, 1), "wine": (13, 3), "breast_cancer": (30, 2)}


def mlp(inputs, outputs, size):
    if size == "small":
        return nn.Sequential(nn.Linear(inputs, 16), nn.Tanh(), nn.Linear(16, outputs))
    return nn.Sequential(nn.Linear(inputs, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(),
                         nn.Linear(64, outputs))


def main():
    out = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    os.makedirs(out, exist_ok=True)
    for name, (inputs, outputs) in SETS.items():
        for size in ("small", "large"):
            for seed in range(seeds):
                torch.manual_seed(seed)
                m = mlp(inputs, outputs, size)
                torch.jit.script(m).save(os.path.join(out, f"{name}_{size}_s{seed}.pt"))
    print(f"wrote {len(SETS) * 2 * seeds} models to {out}")


if __name__ == "__main__":
    main()
