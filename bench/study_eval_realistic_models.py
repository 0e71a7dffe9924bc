#!/usr/bin/python3
"""Untrained models for the realistic study evaluation (bench/study_eval_realistic.sh).

Usage: /usr/bin/python3 bench/study_eval_realistic_models.py <out-folder> [sklearn data folder]

A study starts every configuration from the same θ₀, so the models are freshly initialised
(seed 0), not pre-trained: MLPs 10→256→256→1 (diabetes), 13→256→256→3 (wine), 30→256→256→2
(breast_cancer), ReLU; and the small CNN with batch norm of bench/make_bench_model.py (Conv 1→16,
BN, ReLU, Conv 16→32, BN, ReLU, max-pool 2, Linear 512→10) on the 8×8 digits images, whose CSV
(1,797 rows, 64 pixel columns + digit) is written next to it from Debian's python3-sklearn data
(found as bench/make_bench_model.py finds it).
"""
import gzip
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench_model import DigitsCnn, sklearn_data, write_csv  # noqa: E402


def mlp(inputs: int, outputs: int) -> nn.Module:
    return nn.Sequential(nn.Linear(inputs, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                         nn.Linear(256, outputs))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    for name, inputs, outputs in [("diabetes", 10, 1), ("wine", 13, 3), ("breast_cancer", 30, 2)]:
        torch.manual_seed(0)
        torch.jit.script(mlp(inputs, outputs)).save(os.path.join(out, name + "_w256.pt"))
    src = sklearn_data(out, sys.argv[2] if len(sys.argv) > 2 else "")
    with gzip.open(os.path.join(src, "digits.csv.gz"), "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    write_csv(os.path.join(out, "digits.csv"), [f"p{i}" for i in range(64)] + ["digit"],
              ([f"{int(v)}" for v in r[:64]] + [f"{int(r[64])}"] for r in rows))
    torch.manual_seed(0)
    torch.jit.script(DigitsCnn()).save(os.path.join(out, "cnn_digits_bn.pt"))
    print(out)


if __name__ == "__main__":
    main()
