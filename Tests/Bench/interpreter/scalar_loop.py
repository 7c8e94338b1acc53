# The CPython side of scalar_loop.sgp.
import time
def f(x):
    return x * 2.0 + 1.0
t0 = time.perf_counter()
s = 0.0
for i in range(1000000):
    s = s + f(i) * 0.5
print(s, time.perf_counter() - t0)
