#!/usr/bin/env python3
"""Trains two small networks in PyTorch and exports them to ONNX, for NetGen's compile-time import
([Network(Weights = "...onnx")]) and the round-trip test tests/NetGen.IntegrationTests/PyTorchRoundTripTests.cs.

Deterministic (seeded data, seeded initialization, one thread). Writes into tests/NetGen.IntegrationTests/Interop/:
  classifier.onnx            4 -> 16 ReLU -> 8 Tanh -> 3 Softmax, nn.Linear layers: exported as Gemm (transB = 1, W [out, in])
  regressor.onnx             4 -> 6 LeakyReLU(0.2) -> 1 Sigmoid, x @ W + b with W [in, out]: exported as MatMul + Add
  train.csv                  the training set: 4 features, then the class (0, 1, 2) and the binary target, one example a row
  classifier-reference.csv   inputs (4 columns) then PyTorch's outputs (3 columns), one example a row
  regressor-reference.csv    inputs (4 columns) then PyTorch's output (1 column)
Needs only torch (Debian's python3-torch; tools/bench/install-peers.sh); torch.onnx.export needs no onnx package.
Usage: tools/interop/train-pytorch.py [output folder]
"""
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "tests", "NetGen.IntegrationTests", "Interop")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(12)
torch.set_num_threads(1)

# Three Gaussian blobs in 4-D; the binary target is whether the first two features sum to more than 0.
m = 300
centres = torch.tensor([[2.0, 0.0, -1.0, 0.5], [-2.0, 1.0, 1.0, -0.5], [0.0, -2.0, 0.0, 1.5]])
labels = torch.arange(m) % 3
X = centres[labels] + torch.randn(m, 4)
binary = (X[:, 0] + X[:, 1] > 0).float().unsqueeze(1)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 3))

    def forward(self, x):
        return torch.softmax(self.layers(x), dim=-1)


class Regressor(nn.Module):
    """Written as x @ W + b with W as [in, out], which torch.onnx.export writes as MatMul + Add."""

    def __init__(self):
        super().__init__()
        self.W1 = nn.Parameter(torch.randn(4, 6) * 0.5)
        self.b1 = nn.Parameter(torch.zeros(6))
        self.W2 = nn.Parameter(torch.randn(6, 1) * 0.5)
        self.b2 = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        hidden = nn.functional.leaky_relu(x @ self.W1 + self.b1, negative_slope=0.2)
        return torch.sigmoid(hidden @ self.W2 + self.b2)


def train(model, loss_of, epochs=200):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_of(model)
        loss.backward()
        optimizer.step()
    return loss.item()


classifier = Classifier()
print("classifier loss", train(classifier, lambda net: nn.functional.nll_loss(torch.log(net(X)), labels)))
regressor = Regressor()
print("regressor loss", train(regressor, lambda net: nn.functional.binary_cross_entropy(net(X), binary)))


def export(model, name):
    model.eval()
    torch.onnx.export(
        model, X[:1], os.path.join(OUT, name + ".onnx"), input_names=["X"], output_names=["Y"],
        dynamic_axes={"X": {0: "batch"}, "Y": {0: "batch"}}, opset_version=13, do_constant_folding=True)
    # Reference: the first 40 training examples and 20 new ones, with PyTorch's outputs.
    inputs = torch.cat([X[:40], torch.randn(20, 4) * 2])
    with torch.no_grad():
        outputs = model(inputs)
    with open(os.path.join(OUT, name + "-reference.csv"), "w") as f:
        for x, y in zip(inputs.tolist(), outputs.tolist()):
            f.write(",".join("%.9g" % v for v in x + y) + "\n")


export(classifier, "classifier")
export(regressor, "regressor")
with open(os.path.join(OUT, "train.csv"), "w") as f:
    for x, c, b in zip(X.tolist(), labels.tolist(), binary.squeeze(1).tolist()):
        f.write(",".join("%.9g" % v for v in x) + ",%d,%d\n" % (c, int(b)))
print("wrote", OUT)
