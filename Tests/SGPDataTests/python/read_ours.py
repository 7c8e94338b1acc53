# Reads a D4RL-layout file written by sgp with h5py and prints its contents as JSON.
import json, sys
import h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    out = {k: np.asarray(f[k]).tolist() for k in f.keys()}
    out["_dtypes"] = {k: str(f[k].dtype) for k in f.keys()}
    out["_attrs"] = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}
print(json.dumps(out))
