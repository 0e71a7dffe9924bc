#!/usr/bin/python3
"""Regenerates the hostile inputs of the bad-input corpus (tests/bad/cases.txt) with Debian's
python3-torch. Usage: /usr/bin/python3 tests/data/bad/make_bad_fixtures.py

Every model takes the 4 features of tests/data/four_features.csv.
nan_weight.pt      Linear(4, 1) with NaN in its weight and Inf in its bias
int_output.pt      forward returns argmax labels (int64)
bool_output.pt     forward returns a comparison (bool)
detached.pt        forward returns Linear(x).detach(): no gradient reaches the parameters
scalar_output.pt   forward returns one number (a 0-d tensor): its own loss, mean(Linear(x)²)
tuple_output.pt    forward returns (prediction, hidden features)
dict_output.pt     forward returns {"y": prediction}
overflow.pt        finite weights, but forward computes exp(1000·Linear(x)): L(θ) = inf
ten_outputs.pt     Linear(4, 10): ten outputs for a one-column regression target
bitflip.pt         linear.pt with one bit of a stored weight flipped (zip CRC mismatch)
truncated.pt       the first half of linear.pt
not_a_zip.pt       a text file
The CSV files are written as bytes (BOM, NUL, 1e308, duplicate names, ...).
"""
import os
import zipfile

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)


def save(module, name):
    torch.jit.script(module).save(os.path.join(HERE, name))


class Lin(nn.Module):
    def __init__(self, outputs: int = 1):
        super().__init__()
        torch.manual_seed(0)
        self.fc = nn.Linear(4, outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x)


class IntOutput(Lin):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x).argmax(1)


class BoolOutput(Lin):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x) > 0


class Detached(Lin):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x).detach()


class ScalarOutput(Lin):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (self.fc(x) ** 2).mean()


class TupleOutput(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 3)
        self.out = nn.Linear(3, 1)

    def forward(self, x: torch.Tensor):
        h = torch.tanh(self.hidden(x))
        return self.out(h), h


class DictOutput(Lin):
    def forward(self, x: torch.Tensor):
        return {"y": self.fc(x)}


class Overflow(Lin):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.exp(1000.0 * self.fc(x))


def main():
    nan = Lin()
    with torch.no_grad():
        nan.fc.weight[0, 1] = float("nan")
        nan.fc.bias[0] = float("inf")
    save(nan, "nan_weight.pt")
    save(IntOutput(2), "int_output.pt")
    save(BoolOutput(), "bool_output.pt")
    save(Detached(), "detached.pt")
    save(ScalarOutput(), "scalar_output.pt")
    save(TupleOutput(), "tuple_output.pt")
    save(DictOutput(), "dict_output.pt")
    save(Overflow(), "overflow.pt")
    save(Lin(10), "ten_outputs.pt")

    path = os.path.join(DATA, "linear.pt")
    linear = open(path, "rb").read()
    entry = [i for i in zipfile.ZipFile(path).infolist() if i.filename.endswith("/data/0")][0]
    header = entry.header_offset
    name_length = int.from_bytes(linear[header + 26:header + 28], "little")
    extra_length = int.from_bytes(linear[header + 28:header + 30], "little")
    start = header + 30 + name_length + extra_length
    flipped = bytearray(linear)
    flipped[start + 2] ^= 0x10
    open(os.path.join(HERE, "bitflip.pt"), "wb").write(bytes(flipped))
    open(os.path.join(HERE, "truncated.pt"), "wb").write(linear[: len(linear) // 2])
    open(os.path.join(HERE, "not_a_zip.pt"), "w").write("this is not a model\n")

    rows = open(os.path.join(DATA, "four_features.csv"), "rb").read()
    body = rows.split(b"\n", 1)[1]
    files = {
        "bom.csv": b"\xef\xbb\xbf" + rows,
        "nul.csv": b"x1,x2,x3,x4,y\n1,2,3,4,5\x00 99999\n1,2,3,4,5\n1,2,3,4,5\n",
        "duplicate_columns.csv": b"x1,x2,x1,x4,y\n" + body,
        "huge_value.csv": b"x1,x2,x3,x4,y\n1,2,3,4,5\n1,1e308,3,4,5\n2,2,3,4,6\n3,2,3,4,7\n",
        "one_column.csv": b"y\n1\n2\n3\n4\n",
        "two_rows.csv": b"x1,x2,x3,x4,y\n1,2,3,4,5\n2,3,4,5,6\n",
        "unterminated_quote.csv": b"x1,x2,x3,x4,y\n\"1,2,3,4,5\n1,2,3,4,5\n",
        "semicolons.csv": b"x1;x2;x3;x4;y\n1;2;3;4;5\n2;3;4;5;6\n3;4;5;6;8\n4;5;6;7;9\n",
        "negative_labels.csv": b"x1,x2,x3,x4,label\n1,2,3,4,0\n2,3,4,5,-1\n3,4,5,6,1\n4,5,6,7,0\n",
        "big_targets.csv": b"x1,x2,x3,x4,y\n1,2,3,4,25\n2,3,4,5,346\n3,4,5,6,100\n4,5,6,7,200\n"
                           b"5,6,7,8,150\n6,7,8,9,30\n",
        "binary.csv": bytes(range(256)),
        "empty_header_cell.csv": b"x1,,x3,x4,y\n1,2,3,4,5\n2,3,4,5,7\n3,4,5,6,8\n",
        "crlf.csv": rows.replace(b"\n", b"\r\n"),
    }
    for name, content in files.items():
        open(os.path.join(HERE, name), "wb").write(content)
    os.makedirs(os.path.join(HERE, "a_folder.csv"), exist_ok=True)
    open(os.path.join(HERE, "a_folder.csv", ".keep"), "w").write("")


if __name__ == "__main__":
    main()
