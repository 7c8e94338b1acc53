#ifndef SGP_NN_KERNELS_H
#define SGP_NN_KERNELS_H
#include <stddef.h>
/* Fused kernels for neural-network training (SGPNN). Row-major float32; branch-free loops so -O3 vectorises them.
   Activation codes: 0 identity, 1 relu, 2 elu, 3 leaky_relu, 4 tanh, 5 silu, 6 softplus. */

/* pre[r,c] += bias[c]; out[r,c] = act(pre[r,c]) (out may be NULL for identity-only bias add). */
void sgp_nn_bias_act_fwd(float *pre, const float *bias, float *out, size_t rows, size_t cols, int act, float alpha);
/* out = act(pre), elementwise. */
void sgp_nn_act_fwd(const float *pre, float *out, size_t n, int act, float alpha);
/* dpre = dout * act'(pre) (out = act(pre) is passed so elu/tanh reuse it). dpre may alias dout. */
void sgp_nn_act_bwd(const float *pre, const float *out, const float *dout, float *dpre, size_t n, int act, float alpha);
/* sgp_nn_act_bwd row by row, also adding each row of dpre into acc (the bias gradient of the layer below). */
void sgp_nn_act_bwd_colsum(const float *pre, const float *out, const float *dout, float *dpre, size_t rows, size_t cols,
                           int act, float alpha, float *acc);
/* Every row of dst[rows, cols] = row (bias broadcast before a beta = 1 GEMM). */
void sgp_nn_fill_rows(float *dst, const float *row, size_t rows, size_t cols);
/* acc[c] += sum_r x[r,c]. */
void sgp_nn_colsum_acc(const float *x, size_t rows, size_t cols, float *acc);
/* u = t * e (e may be NULL: u = t); LayerNorm over each row: xhat = (u - mean) * rstd, y = xhat * gamma + beta. */
void sgp_nn_layernorm_fwd(const float *t, const float *e, float *xhat, float *rstd, const float *gamma,
                          const float *beta, float *y, size_t rows, size_t cols, float eps);
/* Backward of sgp_nn_layernorm_fwd: dgamma += sum dy*xhat, dbeta += sum dy, dt = du * e, de += sum du * t.
   dt may alias dy. e, de may be NULL (no embedding). */
void sgp_nn_layernorm_bwd(const float *dy, const float *xhat, const float *rstd, const float *gamma, const float *t,
                          const float *e, float *dt, float *dgamma, float *dbeta, float *de, size_t rows, size_t cols);
/* One Adam step (PyTorch formula): g' = g + l2 * p; m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2;
   p = p * (1 - lr * decoupled) - lr * (m / c1) / (sqrt(v / c2) + eps), with c1 = 1 - b1^t, c2 = 1 - b2^t.
   gscale multiplies g first (gradient clipping). */
void sgp_nn_adam(float *p, const float *g, float *m, float *v, size_t n, float lr, float b1, float b2, float eps,
                 float c1, float c2, float l2, float decoupled, float gscale);
/* Sum of squares with double accumulation in blocks. */
double sgp_nn_sumsq(const float *x, size_t n);
/* DSM residual: noisy = x + sigma * eps (done by caller); r = s + eps / sigma; returns sum r^2 and writes
   dS = scale * r. */
double sgp_nn_dsm_residual(const float *s, const float *eps, float inv_sigma, float scale, float *ds, size_t n);
/* y = a + b * c elementwise. */
/* y[i] += x[i] (summing per-chunk gradients). */
void sgp_nn_add_inplace(float *y, const float *x, size_t n);
void sgp_nn_axpy3(const float *a, float b, const float *c, float *y, size_t n);
#endif
#ifndef SGP_NN_KERNELS_BOXMULLER
#define SGP_NN_KERNELS_BOXMULLER
#include <stdint.h>
/* Standard normals from 32-bit random words by Box–Muller (pairs; n even): u1 = (w>>8 + 1)/2^24 in (0, 1],
   u2 = (w>>8)/2^24; out[2i] = r cos(2πu2), out[2i+1] = r sin(2πu2), r = sqrt(-2 ln u1). Tails end at 5.77. */
void sgp_nn_box_muller(const uint32_t *words, float *out, size_t n);
#endif
