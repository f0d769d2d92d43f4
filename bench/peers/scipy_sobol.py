"""scipy side of bench/sobol.bench.ts: values per second of scipy.stats.qmc.Sobol.random(n).

Usage: python3 bench/peers/scipy_sobol.py D:N [D:N ...]  (prints JSON)

For each shape, the median over REPS calls of `reset(); random(n)` on an unscrambled sequence and
on an LMS-scrambled one (scipy's default scramble=True), each returning a fresh array as scipy
always does, with scipy's version.
"""
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")
import scipy  # noqa: E402
from scipy.stats import qmc  # noqa: E402

REPS = 7


def median_seconds(engine, n):
    times = []
    for _ in range(REPS):
        engine.reset()
        t0 = time.perf_counter()
        engine.random(n)
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    out = {"version": scipy.__version__, "shapes": []}
    for shape in sys.argv[1:]:
        d, n = (int(v) for v in shape.split(":"))
        plain = median_seconds(qmc.Sobol(d, scramble=False), n)
        scrambled = median_seconds(qmc.Sobol(d, scramble=True, seed=1), n)
        out["shapes"].append({"d": d, "n": n, "plain_values_per_s": d * n / plain, "scrambled_values_per_s": d * n / scrambled})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
