#include "ckernels.h"
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define SGP_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "default")))
#else
#define SGP_MULTIVERSION
#endif
/* Reductions with 16 independent accumulators: C may not reassociate `acc += x[i]` without -ffast-math, so the
 * accumulators are spelled out and the compiler turns the fixed-width inner loop into SIMD lanes. */

SGP_MULTIVERSION double sgp_sum_f32(const float *x, size_t n) {
    double acc[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int k = 0; k < 16; k++) acc[k] += (double)x[i + k];
    double s = 0;
    for (; i < n; i++) s += (double)x[i];
    for (int k = 0; k < 16; k++) s += acc[k];
    return s;
}

SGP_MULTIVERSION double sgp_sum_f64(const double *x, size_t n) {
    double acc[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int k = 0; k < 16; k++) acc[k] += x[i + k];
    double s = 0;
    for (; i < n; i++) s += x[i];
    for (int k = 0; k < 16; k++) s += acc[k];
    return s;
}

/* NaN propagates: `v != v` selects the NaN so it sticks in its lane. */
#define DEF_EXTREMUM(NAME, T, CMP)                                                  \
    SGP_MULTIVERSION T NAME(const T *x, size_t n) {                                                  \
        T acc[16];                                                                  \
        size_t i = 0;                                                               \
        if (n >= 16) {                                                              \
            for (int k = 0; k < 16; k++) acc[k] = x[k];                             \
            for (i = 16; i + 16 <= n; i += 16)                                      \
                for (int k = 0; k < 16; k++) {                                      \
                    T v = x[i + k], a = acc[k];                                     \
                    acc[k] = (v CMP a || v != v) ? v : a;                           \
                }                                                                   \
        } else {                                                                    \
            for (int k = 0; k < 16; k++) acc[k] = x[0];                             \
        }                                                                           \
        T r = acc[0];                                                               \
        for (int k = 1; k < 16; k++) { T v = acc[k]; r = (v CMP r || v != v) ? v : r; } \
        for (; i < n; i++) { T v = x[i]; r = (v CMP r || v != v) ? v : r; }         \
        return r;                                                                   \
    }
DEF_EXTREMUM(sgp_max_f32, float, >)
DEF_EXTREMUM(sgp_min_f32, float, <)
DEF_EXTREMUM(sgp_max_f64, double, >)
DEF_EXTREMUM(sgp_min_f64, double, <)

#define DEF_ROWS_SUM(NAME, T)                                                       \
    SGP_MULTIVERSION void NAME(const T *x, size_t rows, size_t inner, T *out) {                      \
        for (size_t j = 0; j < inner; j++) out[j] = 0;                              \
        for (size_t r = 0; r < rows; r++) {                                         \
            const T *row = x + r * inner;                                           \
            for (size_t j = 0; j < inner; j++) out[j] += row[j];                    \
        }                                                                           \
    }
DEF_ROWS_SUM(sgp_rows_sum_f32, float)
DEF_ROWS_SUM(sgp_rows_sum_f64, double)

#define DEF_ROWS_EXT(NAME, T, CMP)                                                  \
    SGP_MULTIVERSION void NAME(const T *x, size_t rows, size_t inner, T *out) {                      \
        for (size_t j = 0; j < inner; j++) out[j] = x[j];                           \
        for (size_t r = 1; r < rows; r++) {                                         \
            const T *row = x + r * inner;                                           \
            for (size_t j = 0; j < inner; j++) {                                    \
                T v = row[j], a = out[j];                                           \
                out[j] = (v CMP a || v != v) ? v : a;                               \
            }                                                                       \
        }                                                                           \
    }
DEF_ROWS_EXT(sgp_rows_max_f32, float, >)
DEF_ROWS_EXT(sgp_rows_min_f32, float, <)
DEF_ROWS_EXT(sgp_rows_max_f64, double, >)
DEF_ROWS_EXT(sgp_rows_min_f64, double, <)
