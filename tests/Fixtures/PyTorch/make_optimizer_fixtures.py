#!/usr/bin/env python3
"""Trajectories of torch.optim SGD, Adam and AdamW in float64, for SigmoidGen's optimizer tests.

Writes optimizer_trajectories.json next to this script: one fixed start and gradient sequence, and for each
configuration the parameters after every step as PyTorch computes them. The C# test
(tests/SigmoidGen.Tests/Training/PyTorchOptimizerFixtureTests.cs) replays the same gradients through SigmoidSgd and
SigmoidAdam and requires the same parameters within 1e-12 relative.

Run with a Python that has torch (Debian: apt-get install python3-torch, then /usr/bin/python3):
    /usr/bin/python3 tests/Fixtures/PyTorch/make_optimizer_fixtures.py

The start and the gradients come from a 32-bit linear congruential generator and are multiples of 2^-23 times
powers of two, so they are exact in float and double and the file's decimal numbers (Python's repr, shortest
round-trip) parse back to the same doubles.
"""

import json
import os

import torch

LENGTH = 11  # two Vector256<double> and a tail of three
STEPS = 30


def lcg(seed):
    """Numerical Recipes' LCG; yields values in [-1, 1) with 24 significant bits."""
    state = seed
    while True:
        state = (1664525 * state + 1013904223) % 2**32
        yield ((state >> 8) - 2**23) / 2**23


def start_and_gradients():
    values = lcg(19)
    start = [next(values) for _ in range(LENGTH)]
    # Per-parameter scales 2^0 .. 2^-10: gradients three decades apart, as Adam meets them.
    gradients = [[next(values) * 2.0 ** -(i % 11) for i in range(LENGTH)] for _ in range(STEPS)]
    return start, gradients


# name -> (optimizer, keyword arguments); the same names and hyperparameters as OptimizerHarness.Configurations.
CASES = {
    "sgd": ("sgd", dict(lr=0.1)),
    "sgd-decay": ("sgd", dict(lr=0.1, weight_decay=0.05)),
    "momentum": ("sgd", dict(lr=0.05, momentum=0.9)),
    "momentum-decay": ("sgd", dict(lr=0.05, momentum=0.9, weight_decay=0.01)),
    "nesterov": ("sgd", dict(lr=0.05, momentum=0.9, nesterov=True)),
    "nesterov-decay": ("sgd", dict(lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.01)),
    "adam": ("adam", dict(lr=0.01)),
    "adam-decay": ("adam", dict(lr=0.01, weight_decay=0.05)),
    "adamw": ("adamw", dict(lr=0.01, weight_decay=0.05)),
    "adam-small-betas": ("adam", dict(lr=0.02, betas=(0.3, 0.6), eps=1e-3)),
    "adamw-beta1-zero": ("adamw", dict(lr=0.005, betas=(0.0, 0.99), eps=1e-6, weight_decay=0.1)),
}


def trajectory(kind, kwargs, start, gradients):
    param = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    if kind == "sgd":
        optimizer = torch.optim.SGD([param], foreach=False, **kwargs)
    elif kind == "adam":
        optimizer = torch.optim.Adam([param], foreach=False, **kwargs)
    else:
        optimizer = torch.optim.AdamW([param], foreach=False, **kwargs)
    steps = []
    for gradient in gradients:
        param.grad = torch.tensor(gradient, dtype=torch.float64)
        optimizer.step()
        steps.append(param.detach().tolist())
    return steps


def format_json(value, indent=""):
    """JSON with one line per list of numbers (a step), so that the file reads and diffs by step."""
    if isinstance(value, dict):
        inner = indent + "  "
        items = [f'{inner}{json.dumps(k)}: {format_json(v, inner)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}" + ("\n" if not indent else "")
    if isinstance(value, list) and value and isinstance(value[0], (list, dict)):
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + format_json(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value)


def main():
    start, gradients = start_and_gradients()
    cases = []
    for name, (kind, kwargs) in CASES.items():
        hyper = dict(kwargs)
        if "betas" in hyper:
            hyper["beta1"], hyper["beta2"] = hyper.pop("betas")
        cases.append(dict(name=name, optimizer=kind, hyperparameters=hyper,
                          trajectory=trajectory(kind, kwargs, start, gradients)))
    fixture = dict(
        torch=torch.__version__,
        dtype="float64",
        note="torch.optim single-tensor (foreach=False) steps; trajectory[t] = parameters after step t + 1",
        start=start,
        gradients=gradients,
        cases=cases,
    )
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizer_trajectories.json")
    with open(path, "w") as file:
        file.write(format_json(fixture))
    print(f"wrote {path}: {len(cases)} cases x {STEPS} steps x {LENGTH} parameters (torch {torch.__version__})")


if __name__ == "__main__":
    main()
