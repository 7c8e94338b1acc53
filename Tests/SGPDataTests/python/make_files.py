# Writes reference files for SGPDataTests with h5py/numpy and prints what the D4RL rules say they hold, as JSON.
# usage: make_files.py OUTDIR
import json, os, sys
import h5py, numpy as np

out = sys.argv[1]
rng = np.random.default_rng(0)
N, DX, DU = 53, 5, 2
obs = rng.standard_normal((N, DX)).astype(np.float32)
act = rng.uniform(-1, 1, (N, DU)).astype(np.float32)
rew = rng.standard_normal(N).astype(np.float32)
term = np.zeros(N, dtype=bool); term[[7, 30]] = True
tout = np.zeros(N, dtype=bool); tout[[19, 41]] = True
nxt = (obs + 0.5).astype(np.float32)

def d4rl(path, with_next, **kw):
    with h5py.File(path, "w") as f:
        for k, v in [("observations", obs), ("actions", act), ("rewards", rew), ("terminals", term), ("timeouts", tout)]:
            f.create_dataset(k, data=v, **kw)
        if with_next: f.create_dataset("next_observations", data=nxt, **kw)
        f["infos/qpos"] = rng.standard_normal((N, 3))
        f["metadata/algorithm"] = "synthetic"

def qlearning(with_next):
    # D4RL's qlearning_dataset, with next_observations[i] as successor (and all N rows) when present.
    xs, us, xn, rs, ds, eps = [], [], [], [], [], []
    ep = 0; ep_of = []
    for i in range(N):
        ep_of.append(ep)
        if term[i] or tout[i]: ep += 1
    last = N if with_next else N - 1
    for i in range(last):
        if tout[i]: continue
        xs.append(obs[i]); us.append(act[i]); rs.append(rew[i]); ds.append(bool(term[i])); eps.append(ep_of[i])
        xn.append(nxt[i] if with_next else obs[i + 1])
    return dict(n=len(xs), x_sum=float(np.sum(np.array(xs, dtype=np.float64))),
                xn_sum=float(np.sum(np.array(xn, dtype=np.float64))), u_sum=float(np.sum(np.array(us, dtype=np.float64))),
                r_sum=float(np.sum(np.array(rs, dtype=np.float64))), terminals=int(sum(ds)),
                x_last=[float(v) for v in xs[-1]], xn_last=[float(v) for v in xn[-1]], episodes=sorted(set(eps)))

d4rl(os.path.join(out, "d4rl_plain.hdf5"), False)
d4rl(os.path.join(out, "d4rl_next.hdf5"), True)
d4rl(os.path.join(out, "d4rl_gzip.hdf5"), True, compression="gzip", chunks=True)

# Minari: two episodes (ids 0 and 2) of 4 and 3 steps.
with h5py.File(os.path.join(out, "main_data.hdf5"), "w") as f:
    for eid, T in [(2, 3), (0, 4)]:
        g = f.create_group(f"episode_{eid}")
        g["observations"] = np.arange((T + 1) * 3, dtype=np.float64).reshape(T + 1, 3) + 100 * eid
        g["actions"] = np.ones((T, 2), dtype=np.float32) * eid
        g["rewards"] = np.arange(T, dtype=np.float64)
        g["terminations"] = np.array([False] * (T - 1) + [eid == 2])
        g["truncations"] = np.array([False] * (T - 1) + [eid == 0])
        g.attrs["id"] = eid

# Bad files.
with h5py.File(os.path.join(out, "bad_minari.hdf5"), "w") as f:
    g = f.create_group("episode_0")
    g["observations"] = np.zeros((3, 2)); g["actions"] = np.zeros((3, 1)); g["rewards"] = np.zeros(3)
    g["terminations"] = np.zeros(3, bool); g["truncations"] = np.zeros(3, bool)
with h5py.File(os.path.join(out, "bad_dtype.hdf5"), "w") as f:
    f["observations"] = np.array([b"a", b"b", b"c"]); f["actions"] = act[:3]; f["rewards"] = rew[:3]; f["terminals"] = term[:3]
with h5py.File(os.path.join(out, "bad_rank.hdf5"), "w") as f:
    f["observations"] = np.zeros((3, 2, 2), np.float32); f["actions"] = act[:3]; f["rewards"] = rew[:3]; f["terminals"] = term[:3]
with h5py.File(os.path.join(out, "not_dataset.hdf5"), "w") as f:
    f["weights"] = np.zeros(3)

# NumPy archives, stored and deflated, and a single array.
arrays = dict(observations=obs, actions=act, next_observations=nxt, rewards=rew, terminals=term, timeouts=tout)
np.savez(os.path.join(out, "stored.npz"), **arrays)
np.savez_compressed(os.path.join(out, "deflated.npz"), **arrays)
np.savez(os.path.join(out, "short_keys.npz"), x=obs.astype(np.float64), u=act, x_next=nxt)
np.save(os.path.join(out, "states.npy"), obs)
np.savez(os.path.join(out, "object.npz"), observations=np.array([{"a": 1}], dtype=object), actions=act, next_observations=nxt)

print(json.dumps(dict(plain=qlearning(False), next=qlearning(True),
                      npz=dict(n=N, x_sum=float(obs.astype(np.float64).sum()), xn_sum=float(nxt.astype(np.float64).sum()),
                               episodes=int(np.sum(term | tout)) + (0 if (term | tout)[-1] else 1)))))
