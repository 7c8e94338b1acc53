/* Peak FP32 multiply-add throughput of one core: independent FMA chains held in registers, no memory traffic.
 * The roofline that anchor-workload timings are read against (docs/PERFORMANCE.md): a workload of F flops cannot
 * run faster than F / peak on one thread, whatever its GEMM kernel. */
#include <immintrin.h>
#include "ckernels.h"

#define CHAINS 16 /* > FMA latency (4) x pipes (2): every pipe issues every cycle */

__attribute__((target("avx512f"))) static double peak_avx512(long iters, float seed) {
    __m512 acc[CHAINS];
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps(seed + (float)c);
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (long i = 0; i < iters; i++) {
#pragma GCC unroll 16
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    }
    __m512 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm512_add_ps(s, acc[c]);
    return (double)_mm512_reduce_add_ps(s);
}

__attribute__((target("avx2,fma"))) static double peak_avx2(long iters, float seed) {
    __m256 acc[CHAINS];
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps(seed + (float)c);
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (long i = 0; i < iters; i++) {
#pragma GCC unroll 16
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    }
    float lanes[8];
    __m256 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm256_add_ps(s, acc[c]);
    _mm256_storeu_ps(lanes, s);
    double t = 0;
    for (int i = 0; i < 8; i++) t += lanes[i];
    return t;
}

double sgp_peak_fma_f32(long iters, float seed, int *lanes) {
    if (__builtin_cpu_supports("avx512f")) { *lanes = 16; return peak_avx512(iters, seed); }
    *lanes = 8;
    return peak_avx2(iters, seed);
}
