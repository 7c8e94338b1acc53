#!/usr/bin/env python3
"""sgp against the PyTorch-eager and JAX-jit references of ../shared/bench, side by side in one interleaved session.

For each repeat and each thread count (1-thread runs pinned with `taskset -c 0`, as shared/bench/run_all.sh does):
`sgp bench train --json`, `sgp bench plan --json` (release build), and the reference scripts for workloads (a), (b),
(c) in torch and JAX. Every reference process runs through this file's `--child` mode, which times the same blocks
as shared/bench/common.timed and adds the process CPU time of those blocks (on a loaded 2-core machine CPU time is
the steadier figure). Prints a median table with sgp/JAX and sgp/PyTorch ratios against the issue targets, the tighter target in ms,
and the roofline: the workload's flops at the core's measured FMA peak (`sgp bench peak`) times the thread count.

usage: python3 scripts/bench/compare.py [--repeats 3] [--python /work/venv-bench/bin/python] [--sgp .build/release/sgp]
                                        [--out results.jsonl] [--threads 1,2] [--workloads a,b,c]
"""
import argparse, json, os, statistics, subprocess, sys, time

BENCH = os.environ.get("SGP_BENCH_DIR", "/work/shared/bench")
# issue targets: time(sgp) <= f_jax * time(JAX) and <= f_torch * time(PyTorch eager)
TARGETS = {"a": (1.0, 0.65), "b": (0.8, 0.45), "c": (0.85, 0.5)}
ST = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"


def child(argv):
    """Runs a shared/bench anchor script with common.timed replaced by a copy that also measures CPU time."""
    sys.path.insert(0, BENCH)
    import common, runpy
    state = {}

    def timed(step, sync, warmup=10, reps=7, min_block_s=0.6):
        for _ in range(warmup):
            out = step()
        sync(out)
        k = 1
        while True:
            t0 = time.perf_counter()
            for _ in range(k):
                out = step()
            sync(out)
            dt = time.perf_counter() - t0
            if dt >= min_block_s / 2 or k >= 4096:
                break
            k *= 2
        k = max(1, int(k * min_block_s / max(dt, 1e-9)))
        wall, cpu = [], []
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(k):
                out = step()
            sync(out)
            wall.append((time.perf_counter() - t0) / k)
            cpu.append((time.process_time() - c0) / k)
        state["cpu_ms"] = statistics.median(cpu) * 1e3
        return statistics.median(wall), min(wall), max(wall), k

    report = common.report

    def report2(record, path=None):
        record["cpu_ms_median"] = round(state.get("cpu_ms", float("nan")), 3)
        return report(record, path)

    common.timed, common.report = timed, report2
    script = argv[0]
    sys.argv = [script] + argv[1:]
    runpy.run_path(os.path.join(BENCH, script), run_name="__main__")


def run(cmd, env=None):
    e = dict(os.environ)
    # the language-level plan collects HalfCheetah data: MuJoCo models come from gymnasium in this python
    if "SGP_TEST_PYTHON" not in e and os.path.exists("/work/venv-test/bin/python"):
        e["SGP_TEST_PYTHON"] = "/work/venv-test/bin/python"
    e.update(env or {})
    p = subprocess.run(cmd, capture_output=True, text=True, env=e)
    if p.returncode != 0:
        print(f"!! {' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-400:]}", file=sys.stderr)
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--python", default=os.environ.get("SGP_BENCH_PYTHON", "/work/venv-bench/bin/python"))
    ap.add_argument("--sgp", default=".build/release/sgp")
    ap.add_argument("--out", default=None, help="append every raw record here (JSON lines)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--workloads", default="a,b,c")
    ap.add_argument("--frameworks", default="torch,jax")
    args = ap.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    wls = args.workloads.split(",")
    fws = args.frameworks.split(",")
    rows = []  # (workload, impl, threads, wall_ms, cpu_ms)
    raw = open(args.out, "a") if args.out else None
    me = os.path.abspath(__file__)
    print(f"# load average at start: {os.getloadavg()}", file=sys.stderr)
    for rep in range(args.repeats):
        for t in threads:
            pin = ["taskset", "-c", "0"] if t == 1 else []
            blas = {"OPENBLAS_NUM_THREADS": str(t)}
            # sgp
            suites = ["peak"] + (["train"] if "a" in wls else []) + (["plan"] if ("b" in wls or "c" in wls) else [])
            for suite in suites:
                recs = run(pin + [args.sgp, "bench", suite, "--json", "--threads", str(t)], blas)
                by = {r["name"]: r["value"] for r in recs}
                if raw:
                    for r in recs:
                        raw.write(json.dumps({"repeat": rep, "suite": suite, **r}) + "\n")
                if suite == "peak":
                    for w in wls:
                        if f"roofline.{w}" in by:
                            rows.append((w, "roofline", t, by[f"roofline.{w}"], None))
                if suite == "train" and "train.a.step" in by:
                    rows.append(("a", "sgp", t, by["train.a.step"], by.get("train.a.step_cpu")))
                for w in ("b", "c"):
                    if suite != "plan" or w not in wls:
                        continue
                    for path in ("fused", "tape", "language"):
                        key = f"plan.{w}.{path}"
                        if key in by:
                            rows.append((w, f"sgp {path}", t, by[key], by.get(key + "_cpu")))
            # references
            for w in wls:
                for fw in fws:
                    if w == "a":
                        cmd = ["anchor_score_train.py", fw]
                    else:
                        cmd = ["anchor_trajopt.py", fw] + (["--score"] if w == "c" else [])
                        if fw == "jax":
                            cmd += ["--jax-loop", "scan"]
                    env = {}
                    if fw == "torch":
                        cmd += ["--threads", str(t)]
                    elif t == 1:
                        env["XLA_FLAGS"] = ST
                    recs = run(pin + [args.python, me, "--child"] + cmd, env)
                    for r in recs:
                        if raw:
                            raw.write(json.dumps({"repeat": rep, "threads": t, **r}) + "\n")
                        ms = r.get("step_ms_median", r.get("iter_ms_median"))
                        rows.append((w, fw, t, ms, r.get("cpu_ms_median")))
            print(f"# repeat {rep + 1}/{args.repeats} threads {t} done, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(f"# load average at end: {os.getloadavg()}", file=sys.stderr)
    table(rows, wls, threads)


def med(rows, w, impl, t, col):
    xs = [r[col] for r in rows if r[0] == w and r[1] == impl and r[2] == t and r[col] is not None]
    return (statistics.median(xs), len(xs)) if xs else (None, 0)


def table(rows, wls, threads):
    f = lambda x: "-" if x is None else f"{x:.2f}"
    # roofline: the workload's flops at the measured FMA peak of one core (`sgp bench peak`) × threads; the target
    # column is the tighter of the two issue targets in ms, so target < roofline means no implementation can meet it.
    print("| workload | thr | impl | wall ms (median, n) | cpu ms | sgp/JAX wall (cpu) | target | sgp/torch wall (cpu) | target | target ms | roofline ms | met (wall) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for w in wls:
        fj, ft = TARGETS[w]
        impls = ["sgp"] if w == "a" else ["sgp fused", "sgp tape", "sgp language"]
        for t in threads:
            jw, _ = med(rows, w, "jax", t, 3); jc, _ = med(rows, w, "jax", t, 4)
            tw, _ = med(rows, w, "torch", t, 3); tc, _ = med(rows, w, "torch", t, 4)
            roof, _ = med(rows, w, "roofline", t, 3)
            tgt = min(x for x in [fj * jw if jw else None, ft * tw if tw else None, float("inf")] if x is not None)
            tgt = None if tgt == float("inf") else tgt
            for impl in ["jax", "torch"] + impls:
                mw, n = med(rows, w, impl, t, 3)
                mc, _ = med(rows, w, impl, t, 4)
                if impl.startswith("sgp") and mw is not None:
                    rj = mw / jw if jw else None; rt = mw / tw if tw else None
                    rjc = mc / jc if (mc and jc) else None; rtc = mc / tc if (mc and tc) else None
                    met = "yes" if (rj is not None and rt is not None and rj <= fj and rt <= ft) else "no"
                    print(f"| ({w}) | {t} | {impl} | {f(mw)} ({n}) | {f(mc)} | {f(rj)} ({f(rjc)}) | ≤ {fj} | {f(rt)} ({f(rtc)}) | ≤ {ft} | {f(tgt)} | {f(roof)} | {met} |")
                else:
                    print(f"| ({w}) | {t} | {impl} | {f(mw)} ({n}) | {f(mc)} | | | | | | | |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
