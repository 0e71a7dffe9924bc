#!/usr/bin/python3
"""Untrained TorchScript MLPs for the study evaluation (bench/study_eval.sh).

Usage: /usr/bin/python3 bench/study_eval_models.py <out-folder>

A study starts every configuration from the same θ₀, so the models are freshly initialised
(seed 0), not pre-trained: diabetes 10→16→16→1, wine 13→16→16→3, breast_cancer 30→16→16→2, tanh.
"""
import os
import sys

import torch
from torch import nn


class Mlp(nn.Module):
    def __init__(self, inputs: int, hidden: int, outputs: int):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(),
                                 nn.Linear(hidden, outputs))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, inputs, outputs in [("diabetes", 10, 1), ("wine", 13, 3), ("breast_cancer", 30, 2)]:
        torch.manual_seed(0)
        torch.jit.script(Mlp(inputs, 16, outputs)).save(os.path.join(out, name + ".pt"))
        print(f"{out}/{name}.pt")


if __name__ == "__main__":
    main()
