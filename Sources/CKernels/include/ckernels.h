#ifndef SGP_CKERNELS_H
#define SGP_CKERNELS_H
#include <stddef.h>
/* Vectorised elementwise kernels (compiled with -O3 -fno-math-errno). Float32 and Float64 variants. */
void sgp_exp_f32(const float *x, float *y, size_t n);
void sgp_tanh_f32(const float *x, float *y, size_t n);
#endif
