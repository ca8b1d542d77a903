#!/usr/bin/env python3
"""PyTorch fixtures for SigmoidGen's safetensors and ONNX tests (issue 18).

How to run (from the repository root; writes next to this script, overwriting the committed files):

    apt-get install -y python3-torch            # Debian 12: PyTorch 1.13, no `safetensors` module
    /usr/bin/python3 tests/Fixtures/PyTorch/make_fixtures.py

CI never runs this script: the files it writes are committed, and the C# tests only read them. Re-run it only to
change the fixtures, and commit the script and its output together. Everything is seeded, so a re-run with the same
PyTorch version writes the same weights, inputs and outputs (the .onnx files may differ in producer metadata).

What it writes, for each model NAME below (small nn.Sequential(Linear, Sigmoid, Linear, Sigmoid, ...) MLPs, fixed
seeds, sizes that are multiples of no vector width):

    NAME.safetensors  the state dict, in exactly the format of the `safetensors` library (written by hand below:
                      u64 little-endian header length, compact JSON header with `__metadata__` first and the tensors
                      sorted by name, padded with spaces to a multiple of 8 bytes, then the raw little-endian data)
    NAME.onnx         torch.onnx.export (the TorchScript exporter; PyTorch 1.13 has no `dynamo` flag), opset 13,
                      input `input` [batch, in], output `output` [batch, out], batch a dynamic axis
    NAME.json         fixed inputs [7, in] and PyTorch's outputs [7, out], all as float64 numbers:
                      "outputs" is the model run in its own dtype (float32 or float64), "outputs_float64" the same
                      model converted to float64 (the exact reference the float tests compare against)

plus, for the model mlp_6_4_3 (weights rounded to bfloat16, hence exact in float16 and float32 too), the copies
mlp_6_4_3_f16.safetensors (F16) and mlp_6_4_3_bf16.safetensors (BF16), and two files that show what SigmoidGen's
own Save must write byte for byte (its metadata: format, generator, layer_sizes): mlp_5_3_1_sigmoidgen.safetensors
(F32) and mlp_6_11_3_f64_sigmoidgen.safetensors (F64).
"""

import inspect
import json
import os
import struct

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 7
OPSET = 13

# safetensors dtype names and their order in the library's Dtype enum (it sorts tensors by descending dtype, then name).
DTYPES = {torch.float16: ("F16", 7), torch.bfloat16: ("BF16", 8), torch.float32: ("F32", 11), torch.float64: ("F64", 12)}


def safetensors_bytes(tensors, metadata=None):
    """The bytes `safetensors.torch.save_file(tensors, path, metadata)` writes (same order, JSON, padding)."""
    items = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = dict(sorted(metadata.items()))  # the library's order is a hash map's; ours is sorted
    for name, t in items:
        data = t.detach().contiguous().cpu().view(torch.uint8).numpy().tobytes()  # native order: little-endian on x86
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def self_test():
    """The writer against byte vectors from the safetensors library's own tests (safetensors/src/tensor.rs)."""
    data = torch.tensor([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], dtype=torch.float32)
    expected = (bytes([72, 0, 0, 0, 0, 0, 0, 0]) + b'{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}'
                + b" " * 7 + data.numpy().tobytes())
    assert safetensors_bytes({"attn0": data.reshape(1, 1, 2, 3)}) == expected, "test_serialization_forced_alignement"
    expected = bytes([40, 0, 0, 0, 0, 0, 0, 0]) + b'{"__metadata__":{"framework":"pt"}}' + b" " * 5
    assert safetensors_bytes({}, {"framework": "pt"}) == expected, "test_empty"


def read_safetensors(path):
    """The ten-line reader the README shows, used here to check every file written."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    kinds = {"F16": torch.float16, "BF16": torch.bfloat16, "F32": torch.float32, "F64": torch.float64}
    return {name: torch.frombuffer(bytearray(data[b:e]), dtype=kinds[info["dtype"]]).reshape(info["shape"])
            for name, info in header.items() if name != "__metadata__" for b, e in [info["data_offsets"]]}


class Named(nn.Module):
    """A model whose state dict names its layers fc1, fc2 (not 0, 2)."""

    def __init__(self, sizes):
        super().__init__()
        self.fc1 = nn.Linear(sizes[0], sizes[1])
        self.fc2 = nn.Linear(sizes[1], sizes[2])

    def forward(self, x):
        return torch.sigmoid(self.fc2(torch.sigmoid(self.fc1(x))))


def sequential(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers += [nn.Linear(sizes[i], sizes[i + 1]), nn.Sigmoid()]
    return nn.Sequential(*layers)


def export_onnx(model, x, path):
    kwargs = dict(input_names=["input"], output_names=["output"], opset_version=OPSET, do_constant_folding=True,
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # newer PyTorch: keep the TorchScript exporter
    torch.onnx.export(model, (x,), path, **kwargs)


def write_model(name, model, sizes, seed, dtype, metadata):
    """NAME.safetensors, NAME.onnx and NAME.json for one model (already initialised and in `dtype`)."""
    model.eval()
    state = model.state_dict()
    path = os.path.join(HERE, name + ".safetensors")
    with open(path, "wb") as f:
        f.write(safetensors_bytes(state, metadata))
    back = read_safetensors(path)
    assert back.keys() == state.keys() and all(torch.equal(back[k], state[k]) for k in state), name

    g = torch.Generator().manual_seed(1000 + seed)
    x = (torch.randn(BATCH, sizes[0], generator=g, dtype=torch.float64) * 1.5).to(dtype)
    with torch.no_grad():
        y = model(x)
        y64 = model.to(torch.float64)(x.to(torch.float64))
        model.to(dtype)
    export_onnx(model, x, os.path.join(HERE, name + ".onnx"))

    record = {
        "model": name, "layer_sizes": sizes, "dtype": str(dtype).replace("torch.", ""), "seed": seed,
        "state_dict": list(state.keys()), "batch": BATCH,
        "inputs": x.to(torch.float64).tolist(),
        "outputs": y.to(torch.float64).tolist(),
        "outputs_float64": y64.tolist(),
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:  # one key, or one row of a matrix, per line
        f.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v) if not isinstance(v, list) or not v
                                   or not isinstance(v[0], list) else "[\n  " + ",\n  ".join(map(json.dumps, v)) + "]")
                                   for k, v in record.items()) + "\n}\n")
    return model


def build(sizes, seed, dtype=torch.float32, named=False):
    torch.manual_seed(seed)
    model = Named(sizes) if named else sequential(sizes)
    return model.to(dtype)


def main():
    self_test()
    torch.use_deterministic_algorithms(True)
    pt = {"format": "pt"}

    for sizes, seed in [([5, 3, 1], 1), ([30, 16, 1], 2), ([7, 9, 4, 2], 3)]:
        name = "mlp_" + "_".join(map(str, sizes))
        model = write_model(name, build(sizes, seed), sizes, seed, torch.float32, pt)
        if sizes == [5, 3, 1]:
            save_as_sigmoidgen(name, model, sizes)

    sizes = [6, 11, 3]
    model = write_model("mlp_6_11_3_f64", build(sizes, 4, torch.float64), sizes, 4, torch.float64, pt)
    save_as_sigmoidgen("mlp_6_11_3_f64", model, sizes)

    write_model("named_4_6_2", build([4, 6, 2], 5, named=True), [4, 6, 2], 5, torch.float32, pt)

    # One model whose float32 weights are exactly representable in bfloat16 and float16, written in all three.
    sizes = [6, 4, 3]
    model = build(sizes, 6)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.to(torch.bfloat16).to(torch.float32))
            assert torch.equal(p.to(torch.float16).to(torch.float32), p), "not exact in float16"
    model = write_model("mlp_6_4_3", model, sizes, 6, torch.float32, pt)
    for dtype, suffix in [(torch.float16, "f16"), (torch.bfloat16, "bf16")]:
        state = {k: v.to(dtype) for k, v in model.state_dict().items()}
        with open(os.path.join(HERE, "mlp_6_4_3_%s.safetensors" % suffix), "wb") as f:
            f.write(safetensors_bytes(state, pt))


def save_as_sigmoidgen(name, model, sizes):
    """What SigmoidSafetensors.Save writes for this model: the same tensors, SigmoidGen's metadata."""
    metadata = {"format": "pt", "generator": "SigmoidGen", "layer_sizes": ",".join(map(str, sizes))}
    with open(os.path.join(HERE, name + "_sigmoidgen.safetensors"), "wb") as f:
        f.write(safetensors_bytes(model.state_dict(), metadata))


if __name__ == "__main__":
    main()
