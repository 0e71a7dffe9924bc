#!/usr/bin/python3
"""Writes a benchmark model (TorchScript) and its data set (CSV).

Usage: make_bench_model.py --out DIR [--kind mlp-random] [--inputs 64] [--hidden 512]
                           [--layers 2] [--rows 4096] [--sklearn-data DIR]
Kinds (prints the model path, the data path, the parameter count and the task, one a line):
  mlp-random  the reference workload of issue 6 (default): MLP 64→512→512→1 = 296,449
              parameters on 4,096 random rows, MSE (--inputs/--hidden/--layers/--rows change it).
              Files: DIR/mlp_<inputs>_<hidden>x<layers>.pt, DIR/data_<inputs>_<rows>.csv.
  cnn-digits  issue 12's small CNN with batch norm on the 8×8 digits images (1,797 rows, 10
              classes, cross-entropy): Conv 1→16 3×3, BN, ReLU, Conv 16→32 3×3, BN, ReLU,
              max-pool 2, Linear 512→10 = 10,026 parameters, trained briefly (Adam, 150 full-batch
              steps on the standardised pixels), saved in evaluation mode (batch norm uses its
              running statistics, which are buffers). Files: DIR/cnn_digits.pt, DIR/digits.csv.
  mlp-boston  issue 12's small MLP 13→64→1 (ReLU, 961 parameters) on the Boston house-prices
              regression set (506 rows, 13 features, target MEDV in $1000s; a 1978 census set
              with known flaws, used here only as the 506-row regression set the issue names),
              trained briefly (Adam, 400 full-batch steps, standardised features and target), MSE
              on standardised targets. Files: DIR/mlp_boston.pt, DIR/boston.csv.
The real data sets come from Debian's python3-sklearn (sklearn/datasets/data): the installed
package, --sklearn-data DIR or $BOREHOLE_SKLEARN_DATA, or `apt-get download python3-sklearn` unpacked under DIR.
"""
import argparse
import glob
import gzip
import os
import subprocess
import tempfile

import torch
from torch import nn


def sklearn_data(out, given):
    """The folder holding sklearn's bundled CSV files."""
    candidates = [given or os.environ.get("BOREHOLE_SKLEARN_DATA", "")]
    try:
        import sklearn  # noqa: F401  (only its data folder is used)
        candidates.append(os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data"))
    except ImportError:
        pass
    candidates.append("/usr/lib/python3/dist-packages/sklearn/datasets/data")
    cache = os.path.join(out, "sklearn-data")
    candidates.append(os.path.join(cache, "usr/lib/python3/dist-packages/sklearn/datasets/data"))
    for c in candidates:
        if c and os.path.exists(os.path.join(c, "digits.csv.gz")):
            return c
    # Debian's package, unpacked without installing it (as examples/make_data.sh does).
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "python3-sklearn"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(tmp, "python3-sklearn_*.deb"))[0]
        subprocess.run(["dpkg", "-x", deb, cache], check=True)
    return candidates[-1]


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def standardise(t):
    return (t - t.mean(0)) / t.std(0, unbiased=False).clamp_min(1e-12)


def train(model, x, y, loss_fn, steps, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        return float(loss_fn(model(x), y))


class DigitsCnn(nn.Module):
    """Small CNN with batch norm for 8×8 images given as 64 columns."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.MaxPool2d(2))
        self.classifier = nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        h = self.features(x.reshape(-1, 1, 8, 8))
        return self.classifier(h.flatten(1))


def cnn_digits(a):
    src = sklearn_data(a.out, a.sklearn_data)
    with gzip.open(os.path.join(src, "digits.csv.gz"), "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    t = torch.tensor(rows)
    x, label = t[:, :64], t[:, 64].long()
    dpath = os.path.join(a.out, "digits.csv")
    write_csv(dpath, [f"p{i}" for i in range(64)] + ["digit"],
              ([f"{int(v)}" for v in r[:64]] + [f"{int(r[64])}"] for r in rows))
    model = DigitsCnn()
    final = train(model, standardise(x), label, nn.functional.cross_entropy, 150, 1e-2)
    mpath = os.path.join(a.out, "cnn_digits.pt")
    torch.jit.script(model).save(mpath)
    return mpath, dpath, model, f"classification (cross-entropy after training {final:.4f})"


def mlp_boston(a):
    src = sklearn_data(a.out, a.sklearn_data)
    with open(os.path.join(src, "boston_house_prices.csv")) as f:
        f.readline()  # "506,13"
        header = [h.strip('"') for h in f.readline().strip().split(",")]
        rows = [line.strip().split(",") for line in f if line.strip()]
    t = torch.tensor([[float(v) for v in r] for r in rows])
    dpath = os.path.join(a.out, "boston.csv")
    write_csv(dpath, header, rows)
    model = nn.Sequential(nn.Linear(13, 64), nn.ReLU(), nn.Linear(64, 1))
    final = train(model, standardise(t[:, :13]), standardise(t[:, 13:]),
                  nn.functional.mse_loss, 400, 1e-2)
    mpath = os.path.join(a.out, "mlp_boston.pt")
    torch.jit.script(model).save(mpath)
    return mpath, dpath, model, f"regression (standardised MSE after training {final:.4f})"


def mlp_random(a):
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
    write_csv(dpath, [f"x{i}" for i in range(a.inputs)] + ["y"],
              ([f"{v:.6g}" for v in row] for row in torch.cat([x, y], 1).tolist()))
    return mpath, dpath, model, "regression (MSE, random data, untrained)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--kind", default="mlp-random", choices=["mlp-random", "cnn-digits", "mlp-boston"])
    ap.add_argument("--inputs", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--rows", type=int, default=4096)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sklearn-data", default="")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)  # the same trained weights on every machine
    make = {"mlp-random": mlp_random, "cnn-digits": cnn_digits, "mlp-boston": mlp_boston}[a.kind]
    mpath, dpath, model, task = make(a)
    print(mpath)
    print(dpath)
    print(sum(p.numel() for p in model.parameters()))
    print(task)


if __name__ == "__main__":
    main()
