#include "ckernels.h"
#include <math.h>
/* Scalar placeholders (libm, correct); the polynomial versions replace them. */
void sgp_exp_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = expf(x[i]); }
void sgp_log_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = logf(x[i]); }
void sgp_tanh_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = tanhf(x[i]); }
void sgp_sigmoid_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = (float)(1.0 / (1.0 + exp(-(double)x[i]))); }
void sgp_softplus_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) { double v = x[i]; y[i] = (float)(v > 0 ? v + log1p(exp(-v)) : log1p(exp(v))); } }
void sgp_silu_f32(const float *x, float *y, size_t n) { for (size_t i = 0; i < n; i++) { double v = x[i]; y[i] = (float)(v / (1.0 + exp(-v))); } }
void sgp_elu_f32(const float *x, float *y, size_t n, float alpha) { for (size_t i = 0; i < n; i++) { float v = x[i]; y[i] = v > 0 ? v : alpha * expm1f(v); } }
void sgp_silu_grad_f32(const float *x, const float *g, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) { double v = x[i]; double s = 1.0 / (1.0 + exp(-v)); out[i] = (float)(g[i] * s * (1 + v * (1 - s))); }
}
void sgp_sigmoid_mul_f32(const float *x, const float *g, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) { double s = 1.0 / (1.0 + exp(-(double)x[i])); out[i] = (float)(g[i] * s); }
}
