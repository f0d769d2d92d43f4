"""scikit-learn side of bench/gp.bench.ts: the same peer data, timed in the same run.

Usage: python3 bench/peers/sklearn_gp.py  (prints one JSON object on stdout)

Data: u_k = (z_k >> 11)·2^-53 with z_k the SplitMix64 output from state 1 + k·γ,
k = 1, 2, …; X[i, j] = u[i·d + j]; ε_i = √(−2 ln(1 − u_a))·cos(2π u_b) from the two values after X
(u[n·d + 2i], u[n·d + 2i + 1]); y_i = Σ_j sin(2π x_ij + j)/√d + 0.1·ε_i. Candidates for predict
are the next 10,000·d values of the stream after the ε values.

Model: ConstantKernel · Matern(ν = 2.5, one lengthscale per dimension) + WhiteKernel,
normalize_y=True, scikit-learn's default L-BFGS-B optimizer with no restarts (the optimizer
callable below is scikit-learn's own default, wrapped to count iterations and evaluations). BLAS
runs on one thread (OPENBLAS_NUM_THREADS=1, set by the caller) to compare one core with one core.
"""
import json
import sys
import time
import warnings

import numpy as np
import scipy.optimize
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

GAMMA = np.uint64(0x9E3779B97F4A7C15)


def splitmix_uniforms(count, start=1):
    k = np.arange(start, start + count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(1) + k * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def peer_data(n, d, candidates=0):
    u = splitmix_uniforms(n * d + 2 * n + candidates * d)
    X = u[: n * d].reshape(n, d)
    a = u[n * d : n * d + 2 * n : 2]
    b = u[n * d + 1 : n * d + 2 * n : 2]
    eps = np.sqrt(-2.0 * np.log(1.0 - a)) * np.cos(2.0 * np.pi * b)
    y = (np.sin(2.0 * np.pi * X + np.arange(d)) / np.sqrt(d)).sum(axis=1) + 0.1 * eps
    Xc = u[n * d + 2 * n :].reshape(candidates, d) if candidates else None
    return X, y, Xc


class CountingOptimizer:
    """scikit-learn's default fmin_l_bfgs_b call, recording iterations and evaluations."""

    def __init__(self):
        self.nit = 0
        self.nfev = 0

    def __call__(self, obj_func, initial_theta, bounds):
        res = scipy.optimize.minimize(obj_func, initial_theta, method="L-BFGS-B", jac=True, bounds=bounds)
        self.nit, self.nfev = int(res.nit), int(res.nfev)
        return res.x, res.fun


def model(d, optimizer):
    kernel = ConstantKernel(1.0) * Matern(length_scale=np.ones(d), nu=2.5) + WhiteKernel(1.0)
    return GaussianProcessRegressor(kernel, normalize_y=True, optimizer=optimizer, n_restarts_optimizer=0)


def timed(fn, repeats):
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times)) * 1e3, out


def main():
    warnings.simplefilter("ignore", ConvergenceWarning)
    result = {"sklearn": sklearn.__version__, "numpy": np.__version__, "fit": [], "predict": None}
    for d, n in [(5, 200), (5, 500), (20, 200), (20, 500)]:
        X, y, _ = peer_data(n, d)
        opt = CountingOptimizer()
        repeats = 3 if n * d <= 1000 else 1
        ms, gp = timed(lambda: model(d, opt).fit(X, y), repeats)
        result["fit"].append(
            {"d": d, "n": n, "ms": ms, "nit": opt.nit, "nfev": opt.nfev, "lml": float(gp.log_marginal_likelihood_value_)}
        )
        print(f"sklearn fit d={d} n={n}: {ms:.0f} ms", file=sys.stderr)
        if (d, n) == (5, 500):
            _, _, Xc = peer_data(n, d, 10000)
            pms, _ = timed(lambda: gp.predict(Xc, return_std=True), 3)
            result["predict"] = {"d": d, "n": n, "m": 10000, "ms": pms}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
