#include "nn_kernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Branch-free exp (Cephes-style, ~1 ulp on [-87, 88]) so loops vectorise; glibc's expf does not. */
static inline float nn_exp(float x) {
    x = x < -87.0f ? -87.0f : x;
    x = x > 88.0f ? 88.0f : x;
    float n = floorf(x * 1.44269504088896341f + 0.5f);
    float r = x - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/* Branch-free natural log for x > 0 (Cephes logf). */
static inline float nn_log(float x) {
    int32_t bits;
    memcpy(&bits, &x, sizeof bits);
    int32_t e = ((bits >> 23) & 0xff) - 126;
    int32_t mb = (bits & 0x007fffff) | 0x3f000000; /* mantissa in [0.5, 1) */
    float m;
    memcpy(&m, &mb, sizeof m);
    int small = m < 0.707106781186547524f;
    float fe = (float)(e - small);
    m = small ? m + m - 1.0f : m - 1.0f;
    float z = m * m;
    float y = 7.0376836292e-2f;
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    y += -2.12194440e-4f * fe;
    y += -0.5f * z;
    return m + y + 0.693359375f * fe;
}

static inline float nn_act(float x, int act, float alpha) {
    switch (act) {
    case 1: return x > 0 ? x : 0.0f;
    case 2: { float ex = nn_exp(x) - 1.0f; return x > 0 ? x : ex; }
    case 3: return x > 0 ? x : alpha * x;
    case 4: { float c = x > 9.0f ? 9.0f : (x < -9.0f ? -9.0f : x); float e2 = nn_exp(2.0f * c);
              return (e2 - 1.0f) / (e2 + 1.0f); }
    case 5: return x / (1.0f + nn_exp(-x));
    case 6: { float a = fabsf(x); float l = nn_log(1.0f + nn_exp(-a)); return (x > 0 ? x : 0.0f) + l; }
    default: return x;
    }
}

/* The switch sits outside each loop so every loop body is a single branch-free expression. */
#define ACT_LOOP(N, EXPR) \
    switch (act) { \
    case 1: for (size_t i = 0; i < (N); i++) { EXPR(1) } break; \
    case 2: for (size_t i = 0; i < (N); i++) { EXPR(2) } break; \
    case 3: for (size_t i = 0; i < (N); i++) { EXPR(3) } break; \
    case 4: for (size_t i = 0; i < (N); i++) { EXPR(4) } break; \
    case 5: for (size_t i = 0; i < (N); i++) { EXPR(5) } break; \
    case 6: for (size_t i = 0; i < (N); i++) { EXPR(6) } break; \
    default: for (size_t i = 0; i < (N); i++) { EXPR(0) } break; \
    }

void sgp_nn_act_fwd(const float *pre, float *out, size_t n, int act, float alpha) {
#define F(A) out[i] = nn_act(pre[i], A, alpha);
    ACT_LOOP(n, F)
#undef F
}

void sgp_nn_bias_act_fwd(float *pre, const float *bias, float *out, size_t rows, size_t cols, int act, float alpha) {
    for (size_t r = 0; r < rows; r++) {
        float *p = pre + r * cols;
        for (size_t c = 0; c < cols; c++) p[c] += bias[c];
        if (out) sgp_nn_act_fwd(p, out + r * cols, cols, act, alpha);
    }
}

/* relu, elu, leaky_relu and tanh read only the output y (y > 0 exactly when x > 0), saving a stream. */
static inline float nn_dact(float x, float y, int act, float alpha) {
    switch (act) {
    case 1: return y > 0 ? 1.0f : 0.0f;
    case 2: return y > 0 ? 1.0f : y + 1.0f;
    case 3: return y > 0 ? 1.0f : alpha;
    case 4: return 1.0f - y * y;
    case 5: { float s = 1.0f / (1.0f + nn_exp(-x)); return s * (1.0f + x * (1.0f - s)); }
    case 6: return 1.0f / (1.0f + nn_exp(-x));
    default: return 1.0f;
    }
}

void sgp_nn_act_bwd(const float *pre, const float *out, const float *dout, float *dpre, size_t n, int act, float alpha) {
    if (act >= 1 && act <= 4) {
#define B(A) { float y = out[i], d = dout[i]; dpre[i] = d * nn_dact(0.0f, y, A, alpha); }
        ACT_LOOP(n, B)
#undef B
        return;
    }
#define B(A) { float x = pre[i], y = out[i], d = dout[i]; dpre[i] = d * nn_dact(x, y, A, alpha); }
    ACT_LOOP(n, B)
#undef B
}

void sgp_nn_act_bwd_colsum(const float *pre, const float *out, const float *dout, float *dpre, size_t rows, size_t cols,
                           int act, float alpha, float *acc) {
    for (size_t r = 0; r < rows; r++) {
        sgp_nn_act_bwd(pre + r * cols, out + r * cols, dout + r * cols, dpre + r * cols, cols, act, alpha);
        const float *p = dpre + r * cols;
        for (size_t c = 0; c < cols; c++) acc[c] += p[c];
    }
}

void sgp_nn_fill_rows(float *dst, const float *row, size_t rows, size_t cols) {
    for (size_t r = 0; r < rows; r++) memcpy(dst + r * cols, row, cols * sizeof(float));
}

void sgp_nn_colsum_acc(const float *x, size_t rows, size_t cols, float *acc) {
    for (size_t r = 0; r < rows; r++) {
        const float *p = x + r * cols;
        for (size_t c = 0; c < cols; c++) acc[c] += p[c];
    }
}

void sgp_nn_layernorm_fwd(const float *t, const float *e, float *xhat, float *rstd, const float *gamma,
                          const float *beta, float *y, size_t rows, size_t cols, float eps) {
    for (size_t r = 0; r < rows; r++) {
        const float *tr = t + r * cols;
        float *xr = xhat + r * cols, *yr = y + r * cols;
        float s = 0;
        if (e) { for (size_t c = 0; c < cols; c++) { float u = tr[c] * e[c]; xr[c] = u; s += u; } }
        else { for (size_t c = 0; c < cols; c++) { float u = tr[c]; xr[c] = u; s += u; } }
        float mean = s / (float)cols, v = 0;
        for (size_t c = 0; c < cols; c++) { float d = xr[c] - mean; v += d * d; }
        float rs = 1.0f / sqrtf(v / (float)cols + eps);
        rstd[r] = rs;
        for (size_t c = 0; c < cols; c++) {
            float xh = (xr[c] - mean) * rs;
            xr[c] = xh;
            yr[c] = xh * gamma[c] + beta[c];
        }
    }
}

void sgp_nn_layernorm_bwd(const float *dy, const float *xhat, const float *rstd, const float *gamma, const float *t,
                          const float *e, float *dt, float *dgamma, float *dbeta, float *de, size_t rows, size_t cols) {
    for (size_t r = 0; r < rows; r++) {
        const float *dyr = dy + r * cols, *xr = xhat + r * cols, *tr = t + r * cols;
        float *dtr = dt + r * cols;
        float s1 = 0, s2 = 0;
        for (size_t c = 0; c < cols; c++) {
            float d = dyr[c], xh = xr[c];
            dgamma[c] += d * xh;
            dbeta[c] += d;
            float dx = d * gamma[c];
            s1 += dx;
            s2 += dx * xh;
        }
        float m1 = s1 / (float)cols, m2 = s2 / (float)cols, rs = rstd[r];
        if (e) {
            for (size_t c = 0; c < cols; c++) {
                float du = rs * (dyr[c] * gamma[c] - m1 - xr[c] * m2);
                de[c] += du * tr[c];
                dtr[c] = du * e[c];
            }
        } else {
            for (size_t c = 0; c < cols; c++) dtr[c] = rs * (dyr[c] * gamma[c] - m1 - xr[c] * m2);
        }
    }
}

void sgp_nn_adam(float *p, const float *g, float *m, float *v, size_t n, float lr, float b1, float b2, float eps,
                 float c1, float c2, float l2, float decoupled, float gscale) {
    float step = lr / c1, ic2 = 1.0f / sqrtf(c2), shrink = 1.0f - lr * decoupled;
    for (size_t i = 0; i < n; i++) {
        float pi = p[i];
        float gi = g[i] * gscale + l2 * pi;
        float mi = b1 * m[i] + (1.0f - b1) * gi;
        float vi = b2 * v[i] + (1.0f - b2) * gi * gi;
        m[i] = mi; v[i] = vi;
        p[i] = pi * shrink - step * mi / (sqrtf(vi) * ic2 + eps);
    }
}

double sgp_nn_sumsq(const float *x, size_t n) {
    double total = 0;
    for (size_t start = 0; start < n; start += 4096) {
        size_t end = start + 4096 < n ? start + 4096 : n;
        float acc[16] = {0};
        size_t i = start;
        for (; i + 16 <= end; i += 16)
            for (int k = 0; k < 16; k++) acc[k] += x[i + k] * x[i + k];
        float s = 0;
        for (int k = 0; k < 16; k++) s += acc[k];
        for (; i < end; i++) s += x[i] * x[i];
        total += s;
    }
    return total;
}

double sgp_nn_dsm_residual(const float *s, const float *eps, float inv_sigma, float scale, float *ds, size_t n) {
    double total = 0;
    for (size_t start = 0; start < n; start += 4096) {
        size_t end = start + 4096 < n ? start + 4096 : n;
        float acc[16] = {0};
        size_t i = start;
        for (; i + 16 <= end; i += 16)
            for (int k = 0; k < 16; k++) {
                float r = s[i + k] + eps[i + k] * inv_sigma;
                ds[i + k] = scale * r;
                acc[k] += r * r;
            }
        float t = 0;
        for (int k = 0; k < 16; k++) t += acc[k];
        for (; i < end; i++) { float r = s[i] + eps[i] * inv_sigma; ds[i] = scale * r; t += r * r; }
        total += t;
    }
    return total;
}

void sgp_nn_add_inplace(float *y, const float *x, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += x[i];
}

void sgp_nn_axpy3(const float *a, float b, const float *c, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + b * c[i];
}

void sgp_nn_box_muller(const uint32_t *words, float *out, size_t n) {
    const float inv24 = 1.0f / 16777216.0f, pi = 3.14159265358979f;
    for (size_t i = 0; i + 1 < n; i += 2) {
        float u1 = (float)((words[i] >> 8) + 1) * inv24;
        float u2 = (float)(words[i + 1] >> 8) * inv24;
        float r = sqrtf(-2.0f * nn_log(u1));
        /* θ = 2π u2 − π in [−π, π); sin θ' = −sin θ and cos θ' = −cos θ with θ' = θ + π. Half-angle y ∈ [−π/2, π/2]. */
        float y = (2.0f * u2 - 1.0f) * (0.5f * pi);
        float y2 = y * y;
        float s = y * (1.0f + y2 * (-1.66666667e-1f + y2 * (8.33333333e-3f + y2 * (-1.98412698e-4f + y2 * (2.75573192e-6f + y2 * -2.50521084e-8f)))));
        float c = 1.0f + y2 * (-0.5f + y2 * (4.16666667e-2f + y2 * (-1.38888889e-3f + y2 * (2.48015873e-5f + y2 * (-2.75573192e-7f + y2 * 2.08767570e-9f)))));
        out[i] = -r * (1.0f - 2.0f * s * s);
        out[i + 1] = -r * (2.0f * s * c);
    }
}
