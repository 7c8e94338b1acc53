/* MuJoCo 2.2.2 (Debian libmujoco-dev); only SGPEnvs/MuJoCoSimulation.swift imports it. */
#include <mujoco/mujoco.h>
