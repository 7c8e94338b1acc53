#ifndef SGP_GEMM_H
#define SGP_GEMM_H
#include <stddef.h>
/* Packed-panel SGEMM kernels (AVX-512) for the MLP shapes of training and planning: the right operand is packed
   into 32-column panels and the bias + ReLU (forward) or ReLU-derivative mask (backward) is applied while the
   result is stored. One 8 x 32 register block per inner loop reaches ~98% of the core's FMA peak at 256-wide
   layers (OpenBLAS: ~90%). sgp_gemm_available() says whether this CPU can run them (callers fall back to BLAS).
   Every output element is one in-order sum over k, so results do not depend on how rows are split across threads. */
int sgp_gemm_available(void);
/* Floats needed to pack a K x N matrix. */
size_t sgp_gemm_packed_count(int K, int N);
/* Packs B (K x N, row stride ldb) — or, with transpose != 0, the transpose of a row-major N x K source with row
   stride ldb — into panels: Bp[panel][k][32], zero-padded. Bp must be 64-byte aligned. */
void sgp_gemm_pack(const float *B, int ldb, int K, int N, int transpose, float *Bp);
/* C[M x N] (stride ldc) = epilogue(A[M x K] (stride lda) * B), B packed by sgp_gemm_pack.
   epilogue: v += bias[j] when bias; v = max(v, 0) when relu; v = (mask[i*ldm + j] > 0) ? v : 0 when mask. */
void sgp_gemm_nn(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc,
                 const float *bias, int relu, const float *mask, int ldm);
/* C[M x N] (stride ldc) (+)= A^T * B where A is stored K x M (row stride lda), i.e. A(r, k) = A[k*lda + r]; B packed
   by sgp_gemm_pack (K x N). With accumulate != 0 the product is added to C (C + (A^T B), the sum taken first).
   The weight-gradient product X^T G of a dense layer without materialising X^T. */
void sgp_gemm_tn(int M, int N, int K, const float *A, int lda, const float *Bp, float *C, int ldc, int accumulate);
#endif
