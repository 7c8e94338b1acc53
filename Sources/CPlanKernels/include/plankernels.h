#ifndef SGP_PLANKERNELS_H
#define SGP_PLANKERNELS_H
#include <stddef.h>
/* Small-GEMM kernels for the planners' fused MLP rollouts: weights are packed once into 32-column panels, and the
   bias + ReLU (forward) or ReLU-derivative mask (backward) is applied while the result is stored. AVX-512 only;
   sgp_plan_available() says whether this CPU can run them (callers fall back to BLAS otherwise). */
int sgp_plan_available(void);
/* Floats needed to pack a K x N matrix. */
size_t sgp_plan_packed_count(int K, int N);
/* Packs B (K x N, row stride ldb) — or, with transpose != 0, the transpose of a row-major N x K source with row
   stride ldb — into panels: Bp[panel][k][32], zero-padded. Bp must be 64-byte aligned. */
void sgp_plan_pack(const float *B, int ldb, int K, int N, int transpose, float *Bp);
/* C[M x N] (stride ldc) = epilogue(A[M x K] (stride lda) * B), B packed by sgp_plan_pack.
   epilogue: v += bias[j] when bias; v = max(v, 0) when relu; v = (mask[i*ldm + j] > 0) ? v : 0 when mask. */
void sgp_plan_gemm(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc,
                   const float *bias, int relu, const float *mask, int ldm);
#endif
