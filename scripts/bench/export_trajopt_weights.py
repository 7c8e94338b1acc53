"""Dump the seeded weights and inputs of benchmark workloads (b) and (c) (../shared/bench/anchor_trajopt.py) as .npy
files plus manifest.json, so `PlanBenchmarks` (sgp bench plan) starts from the reference's exact parameters and can
check the step-1 losses 245.385 (b) and 245.618 (c).

usage: python export_trajopt_weights.py OUTDIR [--bench-dir /work/shared/bench]   (numpy only)
"""
import argparse, json, os, sys
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--bench-dir", default=os.environ.get("SGP_BENCH_DIR", "/work/shared/bench"))
args = ap.parse_args()
sys.path.insert(0, args.bench_dir)
from common import mlp_init, STATE, ACTION, D  # noqa: E402

B, T = 64, 50
dyn_dims = [D, 256, 256, STATE]
score_dims = [D, 256, 256, 256, 256, D]
dyn = mlp_init(dyn_dims, seed=10, last_scale=0.1)
score = mlp_init(score_dims, seed=0)
x0 = (0.5 * np.random.default_rng(2).standard_normal((B, STATE))).astype(np.float32)
U0 = (0.1 * np.random.default_rng(3).standard_normal((B, T, ACTION))).astype(np.float32)

os.makedirs(args.out, exist_ok=True)
def save(name, a):
    np.save(os.path.join(args.out, name + ".npy"), np.ascontiguousarray(a, dtype=np.float32))
for prefix, params in (("dyn", dyn), ("score", score)):
    for i, (W, b) in enumerate(params):
        save(f"{prefix}_W{i}", W)
        save(f"{prefix}_b{i}", b)
save("x0", x0)
save("U0", U0)
manifest = {"B": B, "T": T, "state": STATE, "action": ACTION, "dyn_dims": dyn_dims, "score_dims": score_dims,
            "activation": "relu", "lr": 1e-2, "beta": 0.1, "loss_step1": {"b": 245.385, "c": 245.618}}
with open(os.path.join(args.out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(f"wrote {len(dyn) * 2 + len(score) * 2 + 2} arrays and manifest.json to {args.out}")
