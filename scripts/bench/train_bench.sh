#!/usr/bin/env bash
# Workload (a) side by side: sgp's TrainBenchmarks.scoreStep at 1 and 2 threads, then the reference scripts
# (torch / jax) where installed. usage: scripts/bench/train_bench.sh [PYTHON] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${1:-${SGP_TEST_PYTHON:-python3}}
REPEATS=${2:-3}
BENCH=${SGP_BENCH_DIR:-/work/shared/bench}
W=${TMPDIR:-/tmp}/sgp_bench_a.safetensors
"$PY" scripts/bench/export_weights.py "$W" --bench-dir "$BENCH"
swift build -c release --target SGPNN >/dev/null
R=.build/release
swiftc -O scripts/bench/train_bench_main.swift -o "$R/sgp-train-bench" -I "$R/Modules" \
  -I "$R/CKernels.build" -I Sources/CKernels/include -I Sources/COpenBLAS \
  "$R"/SGPNN.build/*.o "$R"/SGPTensor.build/*.o "$R"/CKernels.build/*.o -lopenblas
for i in $(seq "$REPEATS"); do
  OPENBLAS_NUM_THREADS=1 taskset -c 0 "$R/sgp-train-bench" "$W" 1
  OPENBLAS_NUM_THREADS=2 "$R/sgp-train-bench" "$W" 2
  for fw in torch jax; do
    if "$PY" -c "import $fw" 2>/dev/null; then
      taskset -c 0 "$PY" "$BENCH/anchor_score_train.py" "$fw" --threads 1
      "$PY" "$BENCH/anchor_score_train.py" "$fw" --threads 2
    else
      echo "{\"impl\": \"$fw\", \"note\": \"not installed in $PY\"}"
    fi
  done
done
