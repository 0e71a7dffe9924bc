#!/usr/bin/python3
"""Regenerates the bundled TorchScript models with Debian's python3-torch.

Usage: /usr/bin/python3 examples/make_models.py

Each model is an MLP, briefly trained with a fixed seed so that Borehole probes a realistic point
of the landscape (not a random initialisation), then saved with torch.jit.script(m).save(path).
Features are standardised the way Borehole does by default (statistics of the training split),
so the saved model fits the data as Borehole loads it.
"""
import csv
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path, target):
    with open(path) as f:
        rows = list(csv.reader(f))
    header, data = rows[0], [[float(v) for v in r] for r in rows[1:]]
    t = header.index(target)
    x = torch.tensor([[v for i, v in enumerate(r) if i != t] for r in data])
    y = torch.tensor([r[t] for r in data])
    return x, y


class Mlp(nn.Module):
    def __init__(self, inputs: int, hidden: int, outputs: int):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(),
                                 nn.Linear(hidden, outputs))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def standardise(v):
    return (v - v.mean(0)) / v.std(0, unbiased=False).clamp_min(1e-12)


def train(model, x, y, loss_fn, steps, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return float(loss)


def main():
    torch.manual_seed(0)
    x, y = load(os.path.join(HERE, "diabetes", "diabetes.csv"), "progression")
    x, y = standardise(x), standardise(y.unsqueeze(1))
    m = Mlp(10, 32, 1)
    loss = train(m, x, y, nn.functional.mse_loss, 120, 1e-2)
    torch.jit.script(m).save(os.path.join(HERE, "diabetes", "diabetes_mlp.pt"))
    print(f"diabetes_mlp.pt: {sum(p.numel() for p in m.parameters())} parameters, "
          f"training MSE {loss:.4f} (standardised target)")

    torch.manual_seed(0)
    x, y = load(os.path.join(HERE, "wine", "wine.csv"), "cultivar")
    x = standardise(x)
    m = Mlp(13, 32, 3)
    loss = train(m, x, y.long(), nn.functional.cross_entropy, 100, 1e-2)
    torch.jit.script(m).save(os.path.join(HERE, "wine", "wine_mlp.pt"))
    print(f"wine_mlp.pt: {sum(p.numel() for p in m.parameters())} parameters, "
          f"training cross-entropy {loss:.4f}")


if __name__ == "__main__":
    main()
