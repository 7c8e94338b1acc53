#!/usr/bin/env bash
# Workloads (b), (c) side by side: sgp's PlanBenchmarks at 1 and 2 threads, interleaved with the JAX / torch
# reference (anchor_trajopt.py, CPU time via anchor_cpu_time.py) where installed.
# usage: scripts/bench/plan_bench.sh [PYTHON] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${1:-${SGP_TEST_PYTHON:-python3}}
REPEATS=${2:-3}
BENCH=${SGP_BENCH_DIR:-/work/shared/bench}
W=${TMPDIR:-/tmp}/sgp_bench_bc
"$PY" scripts/bench/export_trajopt_weights.py "$W" --bench-dir "$BENCH"
swift build -c release --target SGPPlanning >/dev/null
R=.build/release
swiftc -O scripts/bench/plan_bench_main.swift -o "$R/sgp-plan-bench" -I "$R/Modules" \
  -Xcc -fmodule-map-file=Sources/COpenBLAS/module.modulemap \
  -Xcc -fmodule-map-file="$R/CKernels.build/module.modulemap" -Xcc -I -Xcc Sources/CKernels/include \
  -Xcc -fmodule-map-file="$R/CPlanKernels.build/module.modulemap" -Xcc -I -Xcc Sources/CPlanKernels/include \
  "$R"/SGPTensor.build/*.o "$R"/SGPNN.build/*.o "$R"/SGPPlanning.build/*.o "$R"/CKernels.build/*.o \
  "$R"/CPlanKernels.build/*.o -lopenblas
ST="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
for i in $(seq "$REPEATS"); do
  for wl in b c; do
    S=""; [ "$wl" = c ] && S="--score"
    OPENBLAS_NUM_THREADS=1 taskset -c 0 "$R/sgp-plan-bench" "$W" "$wl" 1
    OPENBLAS_NUM_THREADS=1 "$R/sgp-plan-bench" "$W" "$wl" 2
    if "$PY" -c "import jax" 2>/dev/null; then
      XLA_FLAGS="$ST" taskset -c 0 "$PY" scripts/bench/anchor_cpu_time.py jax $S --jax-loop scan
      "$PY" scripts/bench/anchor_cpu_time.py jax $S --jax-loop scan
    else
      echo "{\"impl\": \"jax\", \"note\": \"not installed in $PY\"}"
    fi
    if "$PY" -c "import torch" 2>/dev/null; then
      taskset -c 0 "$PY" "$BENCH/anchor_trajopt.py" torch $S --threads 1
      "$PY" "$BENCH/anchor_trajopt.py" torch $S --threads 2
    fi
  done
done
OPENBLAS_NUM_THREADS=1 "$R/sgp-plan-bench" "$W" b 1 sampling
