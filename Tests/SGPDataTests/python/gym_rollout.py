# Steps a Gymnasium MuJoCo v4 environment from a given (qpos, qvel) with given actions; prints JSON.
# usage: gym_rollout.py SPEC.json   with SPEC = {"env": "Hopper-v4", "qpos": [...], "qvel": [...], "actions": [[...], ...]}
import json, sys, warnings
warnings.filterwarnings("ignore")
import gymnasium as gym, numpy as np
spec = json.load(open(sys.argv[1]))
env = gym.make(spec["env"])
env.reset(seed=0)
env.unwrapped.set_state(np.array(spec["qpos"]), np.array(spec["qvel"]))
obs, rew, term, trunc = [], [], [], []
for a in spec["actions"]:
    o, r, te, tr, _ = env.step(np.array(a, dtype=np.float32))
    obs.append(o.tolist()); rew.append(float(r)); term.append(bool(te)); trunc.append(bool(tr))
    if te or tr: break
print(json.dumps(dict(obs=obs, rewards=rew, terminated=term, truncated=trunc, dt=env.unwrapped.dt,
                      mujoco=__import__("mujoco").__version__)))
