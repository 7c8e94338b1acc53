/* Peak FP32 multiply-add throughput of one core: independent FMA chains held in registers, no memory traffic.
 * The roofline that anchor-workload timings are read against (docs/PERFORMANCE.md): a workload of F flops cannot
 * run faster than F / peak on one thread, whatever its GEMM kernel. */
#include "ckernels.h"

#define CHAINS 16 /* > FMA latency (4) x pipes (2): every pipe issues every cycle */

typedef float v16 __attribute__((vector_size(64)));

/* One body for both instruction sets: inlined into an AVX-512 caller each v16 FMA is one zmm FMA, into the default
   (x86-64-v3, AVX2 + FMA) caller two ymm FMAs; the flop count is the same. -ffp-contract=fast makes a*x+b an FMA. */
__attribute__((always_inline)) static inline double peak_body(long iters, float seed) {
    v16 acc[CHAINS];
    for (int c = 0; c < CHAINS; c++)
        for (int l = 0; l < 16; l++) acc[c][l] = seed + (float)c;
    v16 a, b;
    for (int l = 0; l < 16; l++) { a[l] = 0.999999f; b[l] = 1e-7f; }
    for (long i = 0; i < iters; i++) {
#pragma GCC unroll 16
        for (int c = 0; c < CHAINS; c++) acc[c] = acc[c] * a + b;
    }
    double t = 0;
    for (int c = 0; c < CHAINS; c++)
        for (int l = 0; l < 16; l++) t += acc[c][l];
    return t;
}

__attribute__((target("avx512f"))) static double peak_avx512(long iters, float seed) { return peak_body(iters, seed); }
static double peak_default(long iters, float seed) { return peak_body(iters, seed); }

double sgp_peak_fma_f32(long iters, float seed, int *lanes) {
    *lanes = 16;
    return __builtin_cpu_supports("avx512f") ? peak_avx512(iters, seed) : peak_default(iters, seed);
}
