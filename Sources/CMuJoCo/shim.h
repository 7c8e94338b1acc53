/* MuJoCo 2.2.2 (Debian libmujoco-dev); only SGPEnvs/MuJoCoSimulation.swift imports it. */
#include <string.h>
#include <mujoco/mujoco.h>

/* MuJoCo's default warning handler prints and appends to MUJOCO_LOG.TXT in the working directory (e.g. for
   Gymnasium's deprecated 'settotalmass' attribute). We keep the last warning instead; Swift reads it. The state
   lives in function-local statics because Swift emits a header's inline functions but not its global variables. */
static inline char* sgp_mujoco_warning_text(void) { static char text[1024]; return text; }
static inline int* sgp_mujoco_warning_counter(void) { static int count = 0; return &count; }
static void sgp_mujoco_store_warning(const char* msg) {
    char* text = sgp_mujoco_warning_text();
    strncpy(text, msg, 1023);
    text[1023] = 0;
    *sgp_mujoco_warning_counter() += 1;
}
static inline void sgp_mujoco_capture_warnings(void) { mju_user_warning = sgp_mujoco_store_warning; }
static inline const char* sgp_mujoco_last_warning(void) { return sgp_mujoco_warning_text(); }
static inline int sgp_mujoco_warnings(void) { return *sgp_mujoco_warning_counter(); }
