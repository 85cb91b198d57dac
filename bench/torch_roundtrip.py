"""Checks that a network exported by Infoscope computes the same function in PyTorch.

usage: python3 bench/torch_roundtrip.py DIR [tolerance]

DIR holds what the Swift side wrote (Tests/LearningTests/TorchRoundTripTests.swift does it):
  model.json          the network's specification (Network.specification: kind, name, shapes, arguments)
  weights.safetensors its parameters and batch-norm statistics, named by dotted paths (docs/weights.md)
  inputs.npy          a batch of inputs, float32
  outputs.npy         Infoscope's evaluation-mode outputs for those inputs, float32

The script rebuilds the same architecture from torch.nn modules, with the same child names so
that the safetensors names are exactly the PyTorch state_dict keys, loads the weights (the
safetensors file is parsed by hand: 8-byte little-endian header length, JSON header, raw data),
runs the inputs in eval mode and compares. It prints one line and exits 0 when every output
agrees within the tolerance (default 1e-4, absolute plus relative: Float32 sums of a few
hundred terms in a different order differ by ~1e-6), 1 otherwise.
"""
import json
import struct
import sys
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {entry['dtype']} is not F32")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


class Residual(nn.Module):
    """body(x) + x, or body(x) + projection(x)."""

    def __init__(self, body, projection):
        super().__init__()
        self.body = body
        if projection is not None:
            self.projection = projection

    def forward(self, x):
        skip = self.projection(x) if hasattr(self, "projection") else x
        return self.body(x) + skip


def module(spec):
    kind, shape = spec["kind"], spec.get("input")
    if kind == "dense":
        return nn.Linear(shape[0], spec["units"], bias=spec["bias"])
    if kind == "conv2d":
        return nn.Conv2d(shape[0], spec["units"], spec["kernel"], stride=spec["stride"],
                         padding=spec["padding"], bias=spec["bias"])
    if kind == "maxpool":
        return nn.MaxPool2d(spec["kernel"], stride=spec["stride"], padding=spec["padding"])
    if kind == "avgpool":
        # Infoscope leaves padding out of each window's count.
        return nn.AvgPool2d(spec["kernel"], stride=spec["stride"], padding=spec["padding"],
                            count_include_pad=False)
    if kind == "global_avgpool":
        return nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    if kind == "flatten":
        return nn.Flatten()
    if kind == "dropout":
        return nn.Dropout(spec["value"])
    if kind == "batchnorm":
        norm = nn.BatchNorm1d if len(shape) == 1 else nn.BatchNorm2d
        return norm(shape[0], eps=spec["epsilon"], momentum=spec["value"])
    if kind == "layernorm":
        return nn.LayerNorm(shape, eps=spec["epsilon"])
    simple = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU}
    if kind in simple:
        return simple[kind]()
    if kind == "leaky_relu":
        return nn.LeakyReLU(spec["value"])
    if kind == "softmax":
        return nn.Softmax(dim=-1)
    if kind == "residual":
        projection = spec.get("projection")
        return Residual(sequential(spec["layers"]), module(projection[0]) if projection else None)
    if "layers" in spec:
        return sequential(spec["layers"])
    raise ValueError(f"no PyTorch equivalent for layer kind '{kind}'")


def sequential(specs):
    return nn.Sequential(OrderedDict((s["name"], module(s)) for s in specs))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    directory = sys.argv[1]
    tolerance = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-4
    with open(f"{directory}/model.json") as f:
        model = sequential(json.load(f))
    state = read_safetensors(f"{directory}/weights.safetensors")
    result = model.load_state_dict(state, strict=False)
    # PyTorch's batch norm also counts batches; Infoscope does not store that counter.
    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
    if missing or result.unexpected_keys:
        print(f"FAIL names differ: missing {missing}, unexpected {result.unexpected_keys}")
        return 1
    model.eval()
    inputs = torch.from_numpy(np.load(f"{directory}/inputs.npy"))
    expected = torch.from_numpy(np.load(f"{directory}/outputs.npy"))
    with torch.no_grad():
        got = model(inputs)
    if got.shape != expected.shape:
        print(f"FAIL shapes differ: torch {list(got.shape)}, infoscope {list(expected.shape)}")
        return 1
    difference = (got - expected).abs()
    bound = tolerance * (1 + expected.abs())
    worst = difference.max().item()
    if bool((difference > bound).any()):
        print(f"FAIL max abs difference {worst:.3g} exceeds tolerance {tolerance:g}")
        return 1
    print(f"OK {len(state)} tensors, outputs {list(got.shape)}, max abs difference {worst:.3g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
