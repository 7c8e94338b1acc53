#ifndef SGP_CKERNELS_H
#define SGP_CKERNELS_H
#include <stddef.h>
/* Vectorised kernels, compiled with -O3 -fno-math-errno -march=x86-64-v3 (see Package.swift).
 * Transcendentals (float32) use polynomial approximations that the compiler auto-vectorises; each is within
 * 2 ulp of a double-precision reference (Tests/SGPTensorTests/KernelULPTests.swift). NaN in -> NaN out.
 * Reductions use several independent accumulators so the loop vectorises without -ffast-math. */

/* y[i] = f(x[i]); x and y may be the same buffer. */
void sgp_exp_f32(const float *x, float *y, size_t n);
void sgp_log_f32(const float *x, float *y, size_t n);
void sgp_tanh_f32(const float *x, float *y, size_t n);
void sgp_sigmoid_f32(const float *x, float *y, size_t n);
void sgp_softplus_f32(const float *x, float *y, size_t n);
void sgp_silu_f32(const float *x, float *y, size_t n);
void sgp_elu_f32(const float *x, float *y, size_t n, float alpha);

/* Backward kernels: out[i] = g[i] * f'(x[i]). */
void sgp_silu_grad_f32(const float *x, const float *g, float *out, size_t n);
void sgp_sigmoid_mul_f32(const float *x, const float *g, float *out, size_t n); /* g * sigmoid(x) */

/* After a GEMM: p[r*n + j] = leaky(p[r*n + j] + b[j]) with the given negative slope (0: relu, 1: bias only). */
void sgp_bias_leaky_f32(float *p, size_t rows, size_t n, const float *b, float slope);
/* (Leaky) relu backward: out[i] = s[i] > 0 ? g[i] : slope * g[i]. */
void sgp_leaky_grad_f32(const float *s, const float *g, float *out, size_t n, float slope);

/* Contiguous reductions. Float32 sums accumulate in double. max/min propagate NaN; n must be > 0. */
double sgp_sum_f32(const float *x, size_t n);
double sgp_sum_f64(const double *x, size_t n);
float sgp_max_f32(const float *x, size_t n);
float sgp_min_f32(const float *x, size_t n);
double sgp_max_f64(const double *x, size_t n);
double sgp_min_f64(const double *x, size_t n);

/* Row-wise reductions over the middle axis of an [rows, inner] block: out[j] = op_r x[r*inner + j]. */
void sgp_rows_sum_f32(const float *x, size_t rows, size_t inner, float *out);
void sgp_rows_sum_f64(const double *x, size_t rows, size_t inner, double *out);
void sgp_rows_max_f32(const float *x, size_t rows, size_t inner, float *out);
void sgp_rows_min_f32(const float *x, size_t rows, size_t inner, float *out);
void sgp_rows_max_f64(const double *x, size_t rows, size_t inner, double *out);
void sgp_rows_min_f64(const double *x, size_t rows, size_t inner, double *out);

/* Runs iters x 16 independent vector FMA chains in registers (AVX-512 when the CPU has it, else AVX2) and returns
 * their sum (so the work is kept); *lanes receives the vector width in floats. Flops = iters * 16 * lanes * 2. */
double sgp_peak_fma_f32(long iters, float seed, int *lanes);
#endif
