#!/usr/bin/python3
"""Generated tasks for the transferred meta-model of issue 13 (docs/study.md, "Transfer").

Usage: /usr/bin/python3 bench/study_transfer_tasks.py <out-folder>

Each task is a random *teacher* network that labels Gaussian inputs, with noise, and an untrained
*student* MLP (seed 0) to be studied on it: regression and classification, teachers of several
widths, noise levels and row counts, students of several widths. They add (data set × model)
variety to the records the transferred model is fitted on; they are never scored in the
evaluation's table. Deterministic: every task draws from its own torch generator, so the CSVs
are byte-identical on every run (the student .pt files hold the same weights).

Written per task: gen_<name>.csv (columns x0 … x{d-1}, then "y") and gen_<name>.pt.
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench_model import write_csv  # noqa: E402

# name, task, inputs, teacher width, noise, rows, classes, student width
TASKS = [
    ("reg_w8_n01", "regression", 8, 8, 0.1, 300, 0, 256),
    ("reg_w64_n05", "regression", 12, 64, 0.5, 600, 0, 128),
    ("reg_w256_n10", "regression", 20, 256, 1.0, 200, 0, 64),
    ("cls3_w16_n005", "classification", 10, 16, 0.05, 400, 3, 256),
    ("cls5_w64_n02", "classification", 16, 64, 0.2, 800, 5, 64),
    ("cls2_w128_n01", "classification", 24, 128, 0.1, 250, 2, 128),
    ("reg_w32_n02_r1200", "regression", 6, 32, 0.2, 1200, 0, 256),
    ("reg_w16_n20", "regression", 16, 16, 2.0, 400, 0, 128),
    ("reg_w128_n03_r150", "regression", 10, 128, 0.3, 150, 0, 256),
    ("cls4_w32_n0_r1000", "classification", 8, 32, 0.0, 1000, 4, 128),
    ("cls2_w8_n03", "classification", 12, 8, 0.3, 500, 2, 256),
    ("cls10_w64_n01", "classification", 30, 64, 0.1, 600, 10, 64),
]


def teacher(g, inputs, width, outputs):
    """A random two-layer tanh network; weights drawn from g, scaled so units stay in tanh's
    curved range."""
    w1 = torch.randn(inputs, width, generator=g) * (1.5 / inputs ** 0.5)
    b1 = torch.randn(width, generator=g) * 0.5
    w2 = torch.randn(width, outputs, generator=g) / width ** 0.5
    return lambda x: torch.tanh(x @ w1 + b1) @ w2


def student(inputs, width, outputs):
    return nn.Sequential(nn.Linear(inputs, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                         nn.Linear(width, outputs))


def fmt(v):
    return f"{v:.6g}"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    for index, (name, task, d, width, noise, rows, classes, swidth) in enumerate(TASKS):
        g = torch.Generator().manual_seed(1000 + index)
        x = torch.randn(rows, d, generator=g)
        if task == "regression":
            f = teacher(g, d, width, 1)(x).squeeze(1)
            f = (f - f.mean()) / f.std(unbiased=False).clamp_min(1e-12)
            y = f + noise * torch.randn(rows, generator=g)
            labels = [fmt(float(v)) for v in y]
        else:
            logits = teacher(g, d, width, classes)(x)
            logits = (logits - logits.mean(0)) / logits.std(unbiased=False).clamp_min(1e-12)
            y = logits.argmax(1)
            flip = torch.rand(rows, generator=g) < noise
            y = torch.where(flip, torch.randint(0, classes, (rows,), generator=g), y)
            labels = [str(int(v)) for v in y]
        write_csv(os.path.join(out, f"gen_{name}.csv"), [f"x{i}" for i in range(d)] + ["y"],
                  ([fmt(float(v)) for v in x[r]] + [labels[r]] for r in range(rows)))
        torch.manual_seed(0)
        outputs = 1 if task == "regression" else classes
        torch.jit.script(student(d, swidth, outputs)).save(os.path.join(out, f"gen_{name}.pt"))
    print(out)


if __name__ == "__main__":
    main()
