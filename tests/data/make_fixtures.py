#!/usr/bin/python3
"""Regenerates the TorchScript test fixtures with Debian's python3-torch.

Usage: /usr/bin/python3 tests/data/make_fixtures.py

quadratic.pt      L(θ) = ½ θᵀAθ for a 12×12 symmetric positive definite A with known eigenvalues
                  (forward returns L for every row; Borehole's "output" loss takes the mean).
quadratic_A.csv   A, row by row, as float32 values exactly as stored in the model.
indefinite.pt     the same with eigenvalues of both signs (largest magnitude is negative).
close_gap.pt      the same with a small spectral gap at the top (10, 9.7, ...): power iteration
                  converges slowly, so its stopping rule must bound the true error.
tiny_mlp.pt       Linear(4, 6) → Tanh → Linear(6, 2): for filter-normalisation and shape tests.
linear.pt         Linear(4, 1) with fixed weights for four_features.csv: per-row squared errors
                  are computable by hand (sampling error of subsampled landscapes).
batchnorm.pt      BatchNorm1d(4, momentum 0.25) → Linear(4, 1) for four_features.csv: the
                  normalisation sits on the raw inputs, so a test can compute the running
                  statistics after a training forward from the data alone (SAM's buffer restore).
sequential_mlp.pt nn.Sequential(Linear(4, 8), ReLU, Linear(8, 8), GELU, Linear(8, 8),
                  LeakyReLU, Linear(8, 8), Tanh, Linear(8, 1)) for four_features.csv: a model
                  whose grid points can be evaluated many per launch (stacked weights).
silu_mlp.pt       nn.Sequential(Linear(4, 8), SiLU, Linear(8, 8), Softplus(β 2, threshold 10),
                  Linear(8, 8), Sigmoid, Linear(8, 8), ELU(α 0.5), Linear(8, 1)): the other
                  activations of the stacked path.
doubled_mlp.pt    a module whose only child is such a Sequential but whose forward() doubles its
                  output: the stacked path must notice that it differs and fall back.
relu_mlp.pt       Sequential: Linear(4, 8) → BatchNorm1d(8) (evaluation mode, statistics away
                  from 0 and 1) → ReLU → Linear(8, 8) → LeakyReLU(0.1) → Dropout → Linear(8, 1):
                  every parameter enters piecewise linearly, so tr H is the Gauss–Newton trace.
relu_classifier.pt Sequential: Linear(4, 8) → ReLU → Linear(8, 8) → ReLU → Linear(8, 8): class
                  scores for few_labels.csv (cross-entropy), piecewise linear as relu_mlp.pt.
smooth_classifier.pt Sequential: Linear(4, 8) → Tanh → Linear(8, 8) → SiLU → Linear(8, 8): class
                  scores for few_labels.csv whose Hessian has curvature inside the chain.
relu_doubled.pt   a module whose only child is Linear(4, 8) → ReLU → Linear(8, 1) but whose
                  forward() doubles its output: the Gauss–Newton trace must notice and not apply.
four_features_binary.csv four_features.csv with y > 0 as 1, else 0 (a BCE target).
bn_mlp.pt         Sequential: Linear(4, 8) → BatchNorm1d(8) → ReLU → Linear(8, 8) →
                  BatchNorm1d(8, affine=False) → Tanh → Linear(8, 1), evaluation mode, running
                  statistics set away from 0 and 1: batch norms the stacked path applies per point.
two_outputs.pt    Linear(4, 8) → Tanh = features, Linear(8, 1) = prediction; forward returns
                  (prediction, features), as many real models return (logits, features).
dict_outputs.pt   the same returning {"prediction": …, "features": …}.
cnn.pt            a row of 64 values as a 1×8×8 image → Conv2d(1, 4, 3, padding 1) → ReLU →
                  Linear(256, 10): its first weight says 1 channel, nothing about the row width.
bn_cnn.pt         a row of 64 values as a 1×8×8 image → Conv2d(1, 8, 3, padding 1) →
                  BatchNorm2d(8) (evaluation mode, running statistics set away from 0 and 1) →
                  ReLU → Conv2d(8, 8, 3, padding 1) → MaxPool2d(2) → Linear(128, 10): a CNN with
                  buffers, evaluated per point, whose convolution weights have a layout to time.
pool_cnn.pt       a row of 64 values as a 1×8×8 image → Conv2d(1, 8, 3, padding 1) →
                  BatchNorm2d(8) → ReLU → MaxPool2d(3, stride 2) (overlapping windows, 8×8 →
                  3×3) → Conv2d(8, 8, 3, padding 1, no bias) → BatchNorm2d(8, affine=False) →
                  ReLU → AvgPool2d(2) → Flatten → Dropout (eval) → Linear(8, 10), running
                  statistics set away from 0 and 1: every step of
                  the convolutional chain the grid may run instead of forward() (batch norms
                  folded, a max-pooling moved before its ReLU, a bias-less convolution).
images_8x8.csv    96 rows of 64 pixel values 0–16 and a class 0–9 (random, seeded) for cnn.pt
                  and bn_cnn.pt.
raw_scales.csv    x1 ≈ 1000 ± 200, x2 ≈ 0.01 ± 0.002, x3 ≈ 5 ± 1, y = 0.003·x1 + 200·x2 − x3
                  + noise (60 rows).
raw_linear.pt     Linear(3, 1) fitted by least squares to raw_scales.csv's raw values: it
                  describes nothing once the features are standardised.
"""
import os
from typing import Dict, Tuple

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
EIGENVALUES = [10.0, 7.0, 5.0, 3.0, 2.0, 1.5, 1.0, 0.8, 0.5, 0.3, 0.2, 0.1]
INDEFINITE = [4.0, 2.5, 1.0, 0.5, 0.25, -0.5, -1.0, -6.0]
CLOSE_GAP = [10.0, 9.7, 6.0, 4.0, 2.0, 1.0, 0.5, 0.25]


class Quadratic(nn.Module):
    def __init__(self, a: torch.Tensor, theta: torch.Tensor):
        super().__init__()
        self.register_buffer("a", a)
        self.theta = nn.Parameter(theta)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        value = 0.5 * torch.dot(self.theta, torch.mv(self.a, self.theta))
        return value.expand(x.size(0))


class TinyMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 6)
        self.out = nn.Linear(6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.tanh(self.hidden(x)))


class BatchNormLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm1d(4, momentum=0.25)
        self.out = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.bn(x))


class TwoOutputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        features = torch.tanh(self.hidden(x))
        return self.out(features), features


class DictOutputs(TwoOutputs):
    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        features = torch.tanh(self.hidden(x))
        return {"prediction": self.out(features), "features": features}


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.fc = nn.Linear(256, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        images = x.view(-1, 1, 8, 8)
        return self.fc(torch.relu(self.conv(images)).flatten(1))


class BnCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1), nn.MaxPool2d(2))
        self.fc = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x.view(-1, 1, 8, 8)).flatten(1))


class PoolCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8, affine=False),
            nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(), nn.Dropout(0.5))
        self.classifier = nn.Linear(8, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x.view(-1, 1, 8, 8)))


class DoubledMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 2.0 * self.net(x)


class DoubledReluMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 2.0 * self.net(x)


def spd(eigenvalues, seed):
    g = torch.Generator().manual_seed(seed)
    n = len(eigenvalues)
    q, _ = torch.linalg.qr(torch.randn(n, n, generator=g, dtype=torch.float64))
    a = q @ torch.diag(torch.tensor(eigenvalues, dtype=torch.float64)) @ q.T
    a = 0.5 * (a + a.T)
    theta = torch.randn(n, generator=g, dtype=torch.float64)
    return a.float(), theta.float()


def main():
    a, theta = spd(EIGENVALUES, 1)
    torch.jit.script(Quadratic(a, theta)).save(os.path.join(HERE, "quadratic.pt"))
    with open(os.path.join(HERE, "quadratic_A.csv"), "w") as f:
        for row in a.tolist():
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    a, theta = spd(INDEFINITE, 2)
    torch.jit.script(Quadratic(a, theta)).save(os.path.join(HERE, "indefinite.pt"))
    a, theta = spd(CLOSE_GAP, 5)
    torch.jit.script(Quadratic(a, theta)).save(os.path.join(HERE, "close_gap.pt"))
    torch.manual_seed(3)
    torch.jit.script(TinyMlp()).save(os.path.join(HERE, "tiny_mlp.pt"))
    make_batchnorm()
    make_linear()
    make_sequential()
    make_outputs()
    make_raw_scales()
    make_images()
    make_piecewise_linear()


def make_outputs():
    torch.manual_seed(9)
    torch.jit.script(TwoOutputs()).save(os.path.join(HERE, "two_outputs.pt"))
    torch.manual_seed(9)
    torch.jit.script(DictOutputs()).save(os.path.join(HERE, "dict_outputs.pt"))
    torch.manual_seed(10)
    torch.jit.script(SmallCnn()).save(os.path.join(HERE, "cnn.pt"))


def make_raw_scales():
    g = torch.Generator().manual_seed(11)
    n = 60
    x = torch.stack([1000.0 + 200.0 * torch.randn(n, generator=g, dtype=torch.float64),
                     0.01 + 0.002 * torch.randn(n, generator=g, dtype=torch.float64),
                     5.0 + torch.randn(n, generator=g, dtype=torch.float64)], dim=1)
    y = 0.003 * x[:, 0] + 200.0 * x[:, 1] - x[:, 2] + 0.05 * torch.randn(n, generator=g,
                                                                          dtype=torch.float64)
    with open(os.path.join(HERE, "raw_scales.csv"), "w") as f:
        f.write("x1,x2,x3,y\n")
        for row, target in zip(x.tolist(), y.tolist()):
            f.write(",".join("%.6g" % v for v in row) + ",%.6g\n" % target)
    # Least squares on the values as written (float64), then stored as float32.
    x = torch.tensor([[float("%.6g" % v) for v in row] for row in x.tolist()], dtype=torch.float64)
    y = torch.tensor([float("%.6g" % v) for v in y.tolist()], dtype=torch.float64)
    design = torch.cat([x, torch.ones(n, 1, dtype=torch.float64)], dim=1)
    solution = torch.linalg.lstsq(design, y.unsqueeze(1)).solution.squeeze(1)
    model = nn.Linear(3, 1)
    with torch.no_grad():
        model.weight.copy_(solution[:3].float().unsqueeze(0))
        model.bias.fill_(float(solution[3]))
    torch.jit.script(model).save(os.path.join(HERE, "raw_linear.pt"))


def make_sequential():
    torch.manual_seed(6)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.GELU(),
                          nn.Linear(8, 8), nn.LeakyReLU(), nn.Linear(8, 8), nn.Tanh(),
                          nn.Linear(8, 1))
    torch.jit.script(model).save(os.path.join(HERE, "sequential_mlp.pt"))
    torch.manual_seed(8)
    model = nn.Sequential(nn.Linear(4, 8), nn.SiLU(), nn.Linear(8, 8),
                          nn.Softplus(beta=2.0, threshold=10.0), nn.Linear(8, 8), nn.Sigmoid(),
                          nn.Linear(8, 8), nn.ELU(alpha=0.5), nn.Linear(8, 1))
    torch.jit.script(model).save(os.path.join(HERE, "silu_mlp.pt"))
    torch.manual_seed(7)
    torch.jit.script(DoubledMlp()).save(os.path.join(HERE, "doubled_mlp.pt"))
    torch.manual_seed(9)
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 8),
                          nn.BatchNorm1d(8, affine=False), nn.Tanh(), nn.Linear(8, 1))
    with torch.no_grad():
        for i, bn in enumerate((model[1], model[4])):
            bn.running_mean.copy_(torch.linspace(-0.5, 0.5, 8) * (i + 1))
            bn.running_var.copy_(torch.linspace(0.5, 2.0, 8) / (i + 1))
        model[1].weight.copy_(torch.linspace(0.8, 1.2, 8))
        model[1].bias.copy_(torch.linspace(-0.1, 0.1, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "bn_mlp.pt"))


def make_piecewise_linear():
    torch.manual_seed(13)
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 8),
                          nn.LeakyReLU(0.1), nn.Dropout(0.2), nn.Linear(8, 1))
    with torch.no_grad():
        model[1].running_mean.copy_(torch.linspace(-0.5, 0.5, 8))
        model[1].running_var.copy_(torch.linspace(0.5, 2.0, 8))
        model[1].weight.copy_(torch.linspace(0.8, 1.2, 8))
        model[1].bias.copy_(torch.linspace(-0.1, 0.1, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "relu_mlp.pt"))
    torch.manual_seed(14)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "relu_classifier.pt"))
    torch.manual_seed(15)
    torch.jit.script(DoubledReluMlp()).save(os.path.join(HERE, "relu_doubled.pt"))
    torch.manual_seed(16)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8), nn.SiLU(), nn.Linear(8, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "smooth_classifier.pt"))
    with open(os.path.join(HERE, "four_features.csv")) as f:
        lines = f.read().split()
    with open(os.path.join(HERE, "four_features_binary.csv"), "w") as f:
        f.write(lines[0] + "\n")
        for line in lines[1:]:
            v = line.split(",")
            f.write(",".join(v[:-1] + ["1" if float(v[-1]) > 0 else "0"]) + "\n")


def make_linear():
    model = nn.Linear(4, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.5, -1.0, 0.25, 0.75]]))
        model.bias.fill_(0.2)
    torch.jit.script(model).save(os.path.join(HERE, "linear.pt"))


def make_images():
    torch.manual_seed(12)
    model = BnCnn()
    bn = model.features[1]
    with torch.no_grad():
        bn.running_mean.copy_(torch.linspace(-0.5, 0.5, 8))
        bn.running_var.copy_(torch.linspace(0.5, 2.0, 8))
        bn.weight.copy_(torch.linspace(0.8, 1.2, 8))
        bn.bias.copy_(torch.linspace(-0.1, 0.1, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "bn_cnn.pt"))
    torch.manual_seed(14)
    model = PoolCnn()
    with torch.no_grad():
        for i, bn in enumerate((model.features[1], model.features[5])):
            bn.running_mean.copy_(torch.linspace(-0.5, 0.5, 8) * (i + 1))
            bn.running_var.copy_(torch.linspace(0.5, 2.0, 8) / (i + 1))
        model.features[1].weight.copy_(torch.linspace(0.8, 1.2, 8))
        model.features[1].bias.copy_(torch.linspace(-0.1, 0.1, 8))
    torch.jit.script(model.eval()).save(os.path.join(HERE, "pool_cnn.pt"))
    g = torch.Generator().manual_seed(13)
    pixels = torch.randint(0, 17, (96, 64), generator=g)
    labels = torch.randint(0, 10, (96,), generator=g)
    with open(os.path.join(HERE, "images_8x8.csv"), "w") as f:
        f.write(",".join(f"p{i}" for i in range(64)) + ",label\n")
        for row, label in zip(pixels.tolist(), labels.tolist()):
            f.write(",".join(str(v) for v in row) + f",{label}\n")


def make_batchnorm():
    torch.manual_seed(4)
    torch.jit.script(BatchNormLinear()).save(os.path.join(HERE, "batchnorm.pt"))


if __name__ == "__main__":
    main()
