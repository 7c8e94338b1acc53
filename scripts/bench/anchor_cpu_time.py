"""Runs ../shared/bench/anchor_trajopt.py with its `timed` wrapped to also print process CPU ms per step (median):
on a loaded machine the 1-thread CPU time is the comparable figure. usage: python anchor_cpu_time.py jax [--score] ..."""
import os, runpy, statistics, sys, time
BENCH = os.environ.get("SGP_BENCH_DIR", "/work/shared/bench")
sys.path.insert(0, BENCH)
import common  # noqa: E402
orig = common.timed
def timed(step, sync, warmup=10, reps=7, min_block_s=0.6):
    med, mn, mx, k = orig(step, sync, warmup, reps, min_block_s)
    cpu = []
    for _ in range(reps):
        c0 = time.process_time()
        for _ in range(k):
            out = step()
        sync(out)
        cpu.append((time.process_time() - c0) / k)
    print(f"CPU_MS {statistics.median(cpu) * 1e3:.3f} WALL_MS {med * 1e3:.3f}", flush=True)
    return med, mn, mx, k
common.timed = timed
sys.argv = ["anchor_trajopt.py"] + sys.argv[1:]
runpy.run_path(os.path.join(BENCH, "anchor_trajopt.py"), run_name="__main__")
