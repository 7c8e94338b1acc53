#include "gemm.h"
#include <immintrin.h>

int sgp_gemm_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

size_t sgp_gemm_packed_count(int K, int N) { return (size_t)K * (size_t)((N + 31) / 32) * 32; }

/* In-register transpose of a 16 x 16 float block (r[i] = row i in, column i out). */
__attribute__((target("avx512f"), always_inline)) static inline void transpose16(__m512 r[16]) {
    __m512 t[16], u[16];
    for (int i = 0; i < 16; i += 2) {
        t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {
        u[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
        u[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
        u[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        u[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    /* u[4g + c] holds, in each 128-bit lane l, column (4l + c) of rows 4g..4g+3. */
    for (int i = 0; i < 4; i++) {
        t[i] = _mm512_shuffle_f32x4(u[i], u[i + 4], 0x88);      /* lanes 0,2 of u[i], u[i+4] */
        t[i + 4] = _mm512_shuffle_f32x4(u[i], u[i + 4], 0xDD);  /* lanes 1,3 */
        t[i + 8] = _mm512_shuffle_f32x4(u[i + 8], u[i + 12], 0x88);
        t[i + 12] = _mm512_shuffle_f32x4(u[i + 8], u[i + 12], 0xDD);
    }
    for (int i = 0; i < 4; i++) {
        r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
        r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xDD);
        r[i + 4] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0x88);
        r[i + 12] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0xDD);
    }
}

/* Per-step packing must stay cheap next to the products (a 1024 x 256 output gradient is packed for every weight
   gradient): plain copies of 32-float row segments, or for the transpose a 16-lane gather per k. */
__attribute__((target("avx512f")))
void sgp_gemm_pack(const float *B, int ldb, int K, int N, int transpose, float *Bp) {
    int np = (N + 31) / 32;
    for (int p = 0; p < np; p++) {
        int cols = N - p * 32;
        if (cols > 32) cols = 32;
        __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1);
        __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF : cols > 16 ? (__mmask16)((1u << (cols - 16)) - 1) : (__mmask16)0;
        float *dst = Bp + (size_t)p * K * 32;
        if (!transpose) {
            const float *src = B + p * 32;
            for (int k = 0; k < K; k++) {
                const float *row = src + (size_t)k * ldb;
                _mm512_store_ps(dst + (size_t)k * 32, _mm512_maskz_loadu_ps(m0, row));
                _mm512_store_ps(dst + (size_t)k * 32 + 16, _mm512_maskz_loadu_ps(m1, row + 16));
            }
        } else {
            /* Column c of the packed matrix is row c of the source: 16 x 16 blocks transposed in registers. */
            for (int h = 0; h < 2; h++) {
                __mmask16 rowsMask = h ? m1 : m0;
                int rows = __builtin_popcount(rowsMask);
                const float *src = B + (size_t)(p * 32 + h * 16) * ldb;
                for (int k0 = 0; k0 < K; k0 += 16) {
                    int kn = K - k0 < 16 ? K - k0 : 16;
                    __mmask16 km = kn == 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << kn) - 1);
                    __m512 r[16];
                    for (int j = 0; j < 16; j++)
                        r[j] = j < rows ? _mm512_maskz_loadu_ps(km, src + (size_t)j * ldb + k0) : _mm512_setzero_ps();
                    transpose16(r);
                    for (int q = 0; q < kn; q++) _mm512_store_ps(dst + (size_t)(k0 + q) * 32 + h * 16, r[q]);
                }
            }
        }
    }
}

/* Stores one row's two accumulators through the epilogue. */
__attribute__((target("avx512f"), always_inline)) static inline void
store_row(float *c, __m512 x0, __m512 x1, __mmask16 m0, __mmask16 m1, __m512 b0, __m512 b1, int relu,
          const float *mrow) {
    x0 = _mm512_add_ps(x0, b0);
    x1 = _mm512_add_ps(x1, b1);
    if (relu) {
        x0 = _mm512_max_ps(x0, _mm512_setzero_ps());
        x1 = _mm512_max_ps(x1, _mm512_setzero_ps());
    }
    if (mrow) {
        __mmask16 k0 = _mm512_mask_cmp_ps_mask(m0, _mm512_maskz_loadu_ps(m0, mrow), _mm512_setzero_ps(), _CMP_GT_OQ);
        x0 = _mm512_maskz_mov_ps(k0, x0);
        if (m1) {
            __mmask16 k1 = _mm512_mask_cmp_ps_mask(m1, _mm512_maskz_loadu_ps(m1, mrow + 16), _mm512_setzero_ps(), _CMP_GT_OQ);
            x1 = _mm512_maskz_mov_ps(k1, x1);
        }
    }
    _mm512_mask_storeu_ps(c, m0, x0);
    if (m1) _mm512_mask_storeu_ps(c + 16, m1, x1);
}

#define FMA2(r) { __m512 a = _mm512_set1_ps(ar[(r) * lda + k]); c##r##0 = _mm512_fmadd_ps(a, w0, c##r##0); c##r##1 = _mm512_fmadd_ps(a, w1, c##r##1); }

/* One panel (32 columns) of `rows` rows (8 or 1) starting at row i. */
__attribute__((target("avx512f,fma"), always_inline)) static inline void
panel(int p, int i, int rows, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc,
      const float *bias, int relu, const float *mask, int ldm) {
    const float *bp = Bp + (size_t)p * K * 32;
    int cols = N - p * 32;
    if (cols > 32) cols = 32;
    __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1);
    __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF : cols > 16 ? (__mmask16)((1u << (cols - 16)) - 1) : (__mmask16)0;
    __m512 b0 = _mm512_setzero_ps(), b1 = _mm512_setzero_ps();
    if (bias) {
        b0 = _mm512_maskz_loadu_ps(m0, bias + p * 32);
        if (m1) b1 = _mm512_maskz_loadu_ps(m1, bias + p * 32 + 16);
    }
    const float *ar = A + (size_t)i * lda;
    float *c = C + (size_t)i * ldc + p * 32;
    const float *mr = mask ? mask + (size_t)i * ldm + p * 32 : 0;
    if (rows == 8) {
        if (mask) {
            /* The mask rows come from activations cached many steps ago (L3): fetch the next panel's segment while
               this panel computes, so the epilogue does not stall on them. */
            int np = (N + 31) / 32;
            const float *next = p + 1 < np ? mask + (size_t)i * ldm + (p + 1) * 32 : mask + (size_t)(i + 8) * ldm;
            for (int r = 0; r < 8; r++) {
                _mm_prefetch((const char *)(next + (size_t)r * ldm), _MM_HINT_T0);
                _mm_prefetch((const char *)(next + (size_t)r * ldm + 16), _MM_HINT_T0);
            }
        }
        __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
               c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int k = 0; k < K; k++) {
            __m512 w0 = _mm512_load_ps(bp + (size_t)k * 32), w1 = _mm512_load_ps(bp + (size_t)k * 32 + 16);
            FMA2(0) FMA2(1) FMA2(2) FMA2(3) FMA2(4) FMA2(5) FMA2(6) FMA2(7)
        }
        store_row(c, c00, c01, m0, m1, b0, b1, relu, mr);
        store_row(c + ldc, c10, c11, m0, m1, b0, b1, relu, mr ? mr + ldm : 0);
        store_row(c + 2 * (size_t)ldc, c20, c21, m0, m1, b0, b1, relu, mr ? mr + 2 * (size_t)ldm : 0);
        store_row(c + 3 * (size_t)ldc, c30, c31, m0, m1, b0, b1, relu, mr ? mr + 3 * (size_t)ldm : 0);
        store_row(c + 4 * (size_t)ldc, c40, c41, m0, m1, b0, b1, relu, mr ? mr + 4 * (size_t)ldm : 0);
        store_row(c + 5 * (size_t)ldc, c50, c51, m0, m1, b0, b1, relu, mr ? mr + 5 * (size_t)ldm : 0);
        store_row(c + 6 * (size_t)ldc, c60, c61, m0, m1, b0, b1, relu, mr ? mr + 6 * (size_t)ldm : 0);
        store_row(c + 7 * (size_t)ldc, c70, c71, m0, m1, b0, b1, relu, mr ? mr + 7 * (size_t)ldm : 0);
    } else {
        __m512 c00 = _mm512_setzero_ps(), c01 = c00;
        for (int k = 0; k < K; k++) {
            __m512 w0 = _mm512_load_ps(bp + (size_t)k * 32), w1 = _mm512_load_ps(bp + (size_t)k * 32 + 16);
            FMA2(0)
        }
        store_row(c, c00, c01, m0, m1, b0, b1, relu, mr);
    }
}

/* Row blocks outermost: a block's 8 rows of A (and of the mask) stay in L1 while it sweeps all panels, and the
   packed weights (≤ 256 KB here) stay in L2. */
__attribute__((target("avx512f,fma")))
void sgp_gemm_nn(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc,
                   const float *bias, int relu, const float *mask, int ldm) {
    int np = (N + 31) / 32;
    int i = 0;
    for (; i + 8 <= M; i += 8)
        for (int p = 0; p < np; p++) panel(p, i, 8, N, K, A, lda, Bp, C, ldc, bias, relu, mask, ldm);
    for (; i < M; i++)
        for (int p = 0; p < np; p++) panel(p, i, 1, N, K, A, lda, Bp, C, ldc, bias, relu, mask, ldm);
}

#define FMA2T(r) { __m512 a = _mm512_set1_ps(ak[r]); c##r##0 = _mm512_fmadd_ps(a, w0, c##r##0); c##r##1 = _mm512_fmadd_ps(a, w1, c##r##1); }

/* Stores (or adds) one output row of the A^T B kernel. */
__attribute__((target("avx512f"), always_inline)) static inline void
store_tn(float *c, __m512 x0, __m512 x1, __mmask16 m0, __mmask16 m1, int accumulate) {
    if (accumulate) {
        x0 = _mm512_add_ps(_mm512_maskz_loadu_ps(m0, c), x0);
        if (m1) x1 = _mm512_add_ps(_mm512_maskz_loadu_ps(m1, c + 16), x1);
    }
    _mm512_mask_storeu_ps(c, m0, x0);
    if (m1) _mm512_mask_storeu_ps(c + 16, m1, x1);
}

/* Panels outermost: one panel of B (K x 32) stays in L2 while every 8-row block of A^T sweeps it; the 8 values of
   A^T needed per k are 8 consecutive floats of A's row k. */
__attribute__((target("avx512f,fma")))
void sgp_gemm_tn(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc, int accumulate) {
    int np = (N + 31) / 32;
    for (int p = 0; p < np; p++) {
        const float *bp = Bp + (size_t)p * K * 32;
        int cols = N - p * 32;
        if (cols > 32) cols = 32;
        __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1);
        __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF : cols > 16 ? (__mmask16)((1u << (cols - 16)) - 1) : (__mmask16)0;
        int i = 0;
        for (; i + 8 <= M; i += 8) {
            __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                   c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
            for (int k = 0; k < K; k++) {
                const float *ak = A + (size_t)k * lda + i;
                __m512 w0 = _mm512_load_ps(bp + (size_t)k * 32), w1 = _mm512_load_ps(bp + (size_t)k * 32 + 16);
                FMA2T(0) FMA2T(1) FMA2T(2) FMA2T(3) FMA2T(4) FMA2T(5) FMA2T(6) FMA2T(7)
            }
            float *c = C + (size_t)i * ldc + p * 32;
            store_tn(c, c00, c01, m0, m1, accumulate);
            store_tn(c + ldc, c10, c11, m0, m1, accumulate);
            store_tn(c + 2 * (size_t)ldc, c20, c21, m0, m1, accumulate);
            store_tn(c + 3 * (size_t)ldc, c30, c31, m0, m1, accumulate);
            store_tn(c + 4 * (size_t)ldc, c40, c41, m0, m1, accumulate);
            store_tn(c + 5 * (size_t)ldc, c50, c51, m0, m1, accumulate);
            store_tn(c + 6 * (size_t)ldc, c60, c61, m0, m1, accumulate);
            store_tn(c + 7 * (size_t)ldc, c70, c71, m0, m1, accumulate);
        }
        if (i < M) {
            /* The last 1-7 rows as a full 8-row block: rows past M re-read row i (in bounds) and are not stored, so
               the tail runs at full speed instead of one latency-bound row at a time. */
            int rows = M - i;
            int o1 = rows > 1, o2 = rows > 2 ? 2 : 0, o3 = rows > 3 ? 3 : 0, o4 = rows > 4 ? 4 : 0, o5 = rows > 5 ? 5 : 0,
                o6 = rows > 6 ? 6 : 0;
            __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                   c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00;
            for (int k = 0; k < K; k++) {
                const float *ak = A + (size_t)k * lda + i;
                __m512 w0 = _mm512_load_ps(bp + (size_t)k * 32), w1 = _mm512_load_ps(bp + (size_t)k * 32 + 16);
                __m512 a;
                a = _mm512_set1_ps(ak[0]); c00 = _mm512_fmadd_ps(a, w0, c00); c01 = _mm512_fmadd_ps(a, w1, c01);
                a = _mm512_set1_ps(ak[o1]); c10 = _mm512_fmadd_ps(a, w0, c10); c11 = _mm512_fmadd_ps(a, w1, c11);
                a = _mm512_set1_ps(ak[o2]); c20 = _mm512_fmadd_ps(a, w0, c20); c21 = _mm512_fmadd_ps(a, w1, c21);
                a = _mm512_set1_ps(ak[o3]); c30 = _mm512_fmadd_ps(a, w0, c30); c31 = _mm512_fmadd_ps(a, w1, c31);
                a = _mm512_set1_ps(ak[o4]); c40 = _mm512_fmadd_ps(a, w0, c40); c41 = _mm512_fmadd_ps(a, w1, c41);
                a = _mm512_set1_ps(ak[o5]); c50 = _mm512_fmadd_ps(a, w0, c50); c51 = _mm512_fmadd_ps(a, w1, c51);
                a = _mm512_set1_ps(ak[o6]); c60 = _mm512_fmadd_ps(a, w0, c60); c61 = _mm512_fmadd_ps(a, w1, c61);
            }
            float *c = C + (size_t)i * ldc + p * 32;
            __m512 r0[7] = {c00, c10, c20, c30, c40, c50, c60}, r1[7] = {c01, c11, c21, c31, c41, c51, c61};
            for (int r = 0; r < rows; r++) store_tn(c + (size_t)r * ldc, r0[r], r1[r], m0, m1, accumulate);
        }
    }
}
