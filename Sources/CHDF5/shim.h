#include <hdf5/serial/hdf5.h>

/* HDF5's handles are macros that expand to function calls; Swift cannot import them. */
static inline hid_t sgp_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t sgp_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t sgp_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t sgp_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t sgp_H5T_NATIVE_INT32(void) { return H5T_NATIVE_INT32; }
static inline hid_t sgp_H5T_C_S1(void) { return H5T_C_S1; }
static inline hid_t sgp_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t sgp_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t sgp_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t sgp_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline unsigned sgp_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned sgp_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline void sgp_hdf5_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
static inline hid_t sgp_H5T_NATIVE_INT8(void) { return H5T_NATIVE_INT8; }
static inline hid_t sgp_H5T_IEEE_F32LE(void) { return H5T_IEEE_F32LE; }
static inline hid_t sgp_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
