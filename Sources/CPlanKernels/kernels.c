#include "plankernels.h"
#include <immintrin.h>

int sgp_plan_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

size_t sgp_plan_packed_count(int K, int N) { return (size_t)K * (size_t)((N + 31) / 32) * 32; }

void sgp_plan_pack(const float *B, int ldb, int K, int N, int transpose, float *Bp) {
    int np = (N + 31) / 32;
    for (int p = 0; p < np; p++)
        for (int k = 0; k < K; k++)
            for (int j = 0; j < 32; j++) {
                int c = p * 32 + j;
                float v = 0.f;
                if (c < N) v = transpose ? B[(size_t)c * ldb + k] : B[(size_t)k * ldb + c];
                Bp[((size_t)p * K + k) * 32 + j] = v;
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
void sgp_plan_gemm(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc,
                   const float *bias, int relu, const float *mask, int ldm) {
    int np = (N + 31) / 32;
    int i = 0;
    for (; i + 8 <= M; i += 8)
        for (int p = 0; p < np; p++) panel(p, i, 8, N, K, A, lda, Bp, C, ldc, bias, relu, mask, ldm);
    for (; i < M; i++)
        for (int p = 0; p < np; p++) panel(p, i, 1, N, K, A, lda, Bp, C, ldc, bias, relu, mask, ldm);
}
