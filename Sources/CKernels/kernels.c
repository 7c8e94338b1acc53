#include "ckernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
/* Float32 transcendentals as branch-free polynomial code: every special case is a select, so clang vectorises the
 * loops (8 lanes with AVX2). Range reductions follow Cephes (Cody–Waite split of ln 2); coefficients are Cephes'
 * minimax fits. Errors are measured against double-precision libm in KernelULPTests. */

/* Elementwise loops may run in place (x == y): each iteration reads before it writes its own element, so there is
 * no loop-carried dependence, but clang's runtime overlap check would send in-place calls to the scalar loop. */
#define SGP_ELEMENTWISE _Pragma("clang loop vectorize(assume_safety)")

/* The package builds for x86-64-v3 (AVX2); where the CPU has AVX-512 (the target machines do), an ifunc picks a
 * second copy compiled for x86-64-v4: 16 lanes instead of 8, measured 1.4–1.7× faster. Same source, same
 * accuracy; the choice is fixed per machine, so results stay bit-reproducible on one machine. */
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define SGP_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "default")))
#else
#define SGP_MULTIVERSION
#endif

static inline float bits_to_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint32_t float_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* e^x. Reduction x = n·ln2 + r, |r| ≤ ln2/2; 2^n is applied in two halves so results that are subnormal are
 * rounded only once. */
static inline float exp_core(float x) {
    const float hi = 88.72283935546875f, lo = -103.972084045410f;
    float xc = x > hi ? hi : (x < lo ? lo : x);
    float n = __builtin_roundevenf(xc * 1.44269504088896341f);
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t ni = (int32_t)n;
    int32_t n1 = ni >> 1, n2 = ni - n1;
    float s1 = bits_to_float((uint32_t)(n1 + 127) << 23);
    float s2 = bits_to_float((uint32_t)(n2 + 127) << 23);
    float y = (p * s1) * s2;
    y = x > hi ? INFINITY : y;
    y = x < lo ? 0.0f : y;
    return x != x ? x : y;
}

SGP_MULTIVERSION void sgp_exp_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) y[i] = exp_core(x[i]);
}

/* log x = k·ln2 + log m, m ∈ [√½, √2). Subnormal inputs are scaled by 2^23 first. */
static inline float log_core(float x) {
    int sub = x < 1.17549435e-38f;
    float xs = sub ? x * 8388608.0f : x;
    uint32_t u = float_to_bits(xs);
    int32_t e = (int32_t)((u >> 23) & 0xff) - 126;
    float m = bits_to_float((u & 0x007fffff) | 0x3f000000); /* [0.5, 1) */
    int small = m < 0.707106781186547524f;
    e = small ? e - 1 : e;
    m = small ? m + m : m;
    float f = m - 1.0f;
    float z = f * f;
    float p = 7.0376836292e-2f;
    p = p * f - 1.1514610310e-1f;
    p = p * f + 1.1676998740e-1f;
    p = p * f - 1.2420140846e-1f;
    p = p * f + 1.4249322787e-1f;
    p = p * f - 1.6668057665e-1f;
    p = p * f + 2.0000714765e-1f;
    p = p * f - 2.4999993993e-1f;
    p = p * f + 3.3333331174e-1f;
    float ef = (float)(e - (sub ? 23 : 0));
    float y = f * z * p;
    y = y + ef * -2.12194440e-4f;
    y = y - 0.5f * z;
    y = f + y;
    y = y + ef * 0.693359375f;
    y = x == INFINITY ? INFINITY : y;
    y = x == 0.0f ? -INFINITY : y;
    y = x < 0.0f ? NAN : y;
    return x != x ? x : y;
}

SGP_MULTIVERSION void sgp_log_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) y[i] = log_core(x[i]);
}

/* The composite functions (sigmoid, silu, softplus) combine e^x in double: a float pipeline would stack the
 * roundings of e^x, 1 + e^x and the division past 2 ulp. exp_fd runs the float polynomial for the reduced
 * argument, t = e^r − 1 (|t| < 0.42, so its rounding is tiny relative to 1 + t), and applies 1 + t and 2^n in
 * double, where no float overflow or subnormal can occur. */
static inline double dbits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static inline float expm1_reduced(float r) {
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    return p * r * r + r;
}

static inline double exp_fd(float x) {
    float xc = x > 100.0f ? 100.0f : (x < -150.0f ? -150.0f : x);
    float n = __builtin_roundevenf(xc * 1.44269504088896341f);
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float t = expm1_reduced(r);
    int64_t k = (int64_t)(int32_t)n;
    double e = (1.0 + (double)t) * dbits((uint64_t)(k + 1023) << 52);
    return x < -150.0f ? 0.0 : e; /* below e^-150 every caller's float result is exactly 0 */
}

/* log1p(t) for t ∈ [0, 1] in double: log(1+t) = 2·atanh(s), s = t/(2+t) ∈ [0, 1/3]; the series to s^21 is
 * below 1e-11 relative. */
static inline double log1p_unit_d(double t) {
    double s = t / (2.0 + t), z = s * s;
    double p = 1.0 / 21;
    p = p * z + 1.0 / 19;
    p = p * z + 1.0 / 17;
    p = p * z + 1.0 / 15;
    p = p * z + 1.0 / 13;
    p = p * z + 1.0 / 11;
    p = p * z + 1.0 / 9;
    p = p * z + 1.0 / 7;
    p = p * z + 1.0 / 5;
    p = p * z + 1.0 / 3;
    p = p * z + 1.0;
    return 2.0 * s * p;
}

/* sigmoid: 1/(1+e^{−x}) for x ≥ 0, e^x/(1+e^x) for x < 0 (relative accuracy as the result goes to 0). */
static inline double sigmoid_d(float x) {
    double e = exp_fd(-fabsf(x));
    double inv = 1.0 / (1.0 + e);
    return x >= 0 ? inv : e * inv;
}

SGP_MULTIVERSION void sgp_sigmoid_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) { float v = x[i]; float r = (float)sigmoid_d(v); y[i] = v != v ? v : r; }
}

/* softplus = max(x, 0) + log1p(e^{−|x|}). */
SGP_MULTIVERSION void sgp_softplus_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        double d = v;
        float r = (float)((d > 0 ? d : 0.0) + log1p_unit_d(exp_fd(-fabsf(v))));
        y[i] = v != v ? v : r;
    }
}

SGP_MULTIVERSION void sgp_silu_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float r = (float)((double)v * sigmoid_d(v));
        r = v == -INFINITY ? -0.0f : r; /* the limit x·e^x → 0, not −inf·0 */
        y[i] = v != v ? v : r;
    }
}

/* expm1 for x ≤ 0 in float: with e^x = 2^n(1 + t), e^x − 1 = 2^n·t + (2^n − 1), one fused multiply-add in which
 * 2^n − 1 is exact; near 0 (n = 0) this is t itself, so nothing cancels. */
static inline float expm1_neg(float x) {
    float xc = x < -88.0f ? -88.0f : x;
    float n = __builtin_roundevenf(xc * 1.44269504088896341f);
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float t = expm1_reduced(r);
    float s = bits_to_float((uint32_t)((int32_t)n + 127) << 23);
    return fmaf(s, t, s - 1.0f);
}

/* tanh |x| = −m/(2 + m) with m = expm1(−2|x|) = 2^n·t + (2^n − 1) formed in double: no cancellation near 0,
 * and no float rounding of m to amplify near saturation. */
static inline float tanh_core(float x) {
    float a = fabsf(x);
    float xc = a > 10.0f ? -20.0f : -2.0f * a;
    float n = __builtin_roundevenf(xc * 1.44269504088896341f);
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float t = expm1_reduced(r);
    double s = (double)bits_to_float((uint32_t)((int32_t)n + 127) << 23);
    double m = s * (double)t + (s - 1.0);
    float y = copysignf((float)(-m / (2.0 + m)), x);
    return x != x ? x : y;
}

SGP_MULTIVERSION void sgp_tanh_f32(const float *x, float *y, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) y[i] = tanh_core(x[i]);
}

SGP_MULTIVERSION void sgp_elu_f32(const float *x, float *y, size_t n, float alpha) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float neg = alpha * expm1_neg(v < 0 ? v : 0);
        y[i] = v > 0 ? v : (v != v ? v : neg);
    }
}

SGP_MULTIVERSION void sgp_silu_grad_f32(const float *x, const float *g, float *out, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) {
        double v = x[i], s = sigmoid_d(x[i]);
        out[i] = (float)(g[i] * (s * (1.0 + v * (1.0 - s))));
    }
}

SGP_MULTIVERSION void sgp_sigmoid_mul_f32(const float *x, const float *g, float *out, size_t n) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) out[i] = (float)(g[i] * sigmoid_d(x[i]));
}

/* Bias and (leaky) relu after a GEMM, one pass: p[r·n + j] = v < 0 ? slope·v : v with v = p[r·n + j] + b[j].
 * slope 0 is relu, slope 1 is the plain bias add. */
SGP_MULTIVERSION void sgp_bias_leaky_f32(float *p, size_t rows, size_t n, const float *b, float slope) {
    for (size_t r = 0; r < rows; r++) {
        float *row = p + r * n;
        SGP_ELEMENTWISE
        for (size_t j = 0; j < n; j++) { float v = row[j] + b[j]; row[j] = v < 0 ? slope * v : v; }
    }
}

/* (Leaky) relu backward: out = s > 0 ? g : slope·g, with s the input or (for relu) the output. */
SGP_MULTIVERSION void sgp_leaky_grad_f32(const float *s, const float *g, float *out, size_t n, float slope) {
    SGP_ELEMENTWISE
    for (size_t i = 0; i < n; i++) { float v = s[i], d = g[i]; out[i] = v > 0 ? d : slope * d; }
}
