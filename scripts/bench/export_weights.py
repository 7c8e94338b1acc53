"""Exports workload (a)'s reference weights, data set and a fixed first batch for `TrainBenchmarks.scoreStep`.

Uses /work/shared/bench/common.py's `mlp_init(dims, seed=0)` and the reference data (default_rng(1), 100k x 23),
so sgp trains from exactly the reference's parameters. numpy only (the safetensors file is written by hand).
The first-step loss is computed here in numpy (float32, like torch/JAX) on a batch drawn with default_rng(2);
sgp's first step uses the same batch and must print the same loss to 5 digits.

usage: python export_weights.py OUT.safetensors [--bench-dir /work/shared/bench]
"""
import argparse, json, os, struct, sys
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--bench-dir", default=os.environ.get("SGP_BENCH_DIR", "/work/shared/bench"))
args = ap.parse_args()
sys.path.insert(0, args.bench_dir)
from common import mlp_init, D  # noqa: E402

B, H, NDATA, SIGMA = 1024, 256, 100_000, 0.1
dims = [D, H, H, H, H, D]
init = mlp_init(dims, seed=0)
data = np.random.default_rng(1).standard_normal((NDATA, D)).astype(np.float32)
rng = np.random.default_rng(2)
idx = rng.integers(0, NDATA, B)
x = data[idx]
z = rng.standard_normal((B, D)).astype(np.float32)

h = x + np.float32(SIGMA) * z
for i, (W, b) in enumerate(init):
    h = h @ W + b
    if i < len(init) - 1:
        h = np.maximum(h, 0)
loss = 0.5 * np.mean(np.sum((np.float32(SIGMA) * h + z) ** 2, -1, dtype=np.float64))

tensors = {}
for i, (W, b) in enumerate(init):
    tensors[f"layers.{i}.weight"] = W
    tensors[f"layers.{i}.bias"] = b
tensors["data"] = data
tensors["batch_x"] = x
tensors["batch_z"] = z
meta = {"workload": "a", "dims": json.dumps(dims), "sigma": repr(SIGMA), "first_loss": repr(float(loss)),
        "source": "common.mlp_init(dims, seed=0); data default_rng(1); first batch default_rng(2)"}

header, off, blobs = {"__metadata__": meta}, 0, []
for name, arr in tensors.items():
    arr = np.ascontiguousarray(arr, dtype="<f4")
    header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [off, off + arr.nbytes]}
    off += arr.nbytes
    blobs.append(arr.tobytes())
hb = json.dumps(header, separators=(",", ":")).encode()
hb += b" " * (-len(hb) % 8)
tmp = args.out + ".tmp"
with open(tmp, "wb") as f:
    f.write(struct.pack("<Q", len(hb)))
    f.write(hb)
    for blob in blobs:
        f.write(blob)
os.replace(tmp, args.out)
print(json.dumps({"out": args.out, "first_loss": float(loss)}))
