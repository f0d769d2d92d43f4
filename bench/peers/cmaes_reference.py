"""python3-cmaes (the library behind Optuna's CmaEsSampler) on bench/cmaes.bench.ts's protocol.

Usage: /usr/bin/python3 bench/peers/cmaes_reference.py SEEDS  (prints one JSON object on stdout)

Per function and seed: one uniform random start-up trial (as n_startup_trials=1), then
cmaes.CMA(mean = centre of the unit cube, sigma = 1/6, bounds = [0, 1]^d, n_max_resampling = 10 d,
default population) on the function mapped to the unit cube, 99 more evaluations. Reports the
median and quartiles of the simple regret after 100 evaluations (and after 1,000 for the 20-D
functions, key "at1000"). It separates the algorithm's own
level from Optuna 4.9's quoted figures (its random streams differ from bonito's, so only the
distributions compare).
"""
import json
import math
import sys

import numpy as np
from cmaes import CMA

A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
ALPHA = np.array([1, 1.2, 3, 3.2])


def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6, 10, 1 / (8 * math.pi)
    return a * (x[1] - b * x[0] ** 2 + c * x[0] - r) ** 2 + s * (1 - t) * math.cos(x[0]) + s


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-np.sum(A[i] * (x - P[i]) ** 2)) for i in range(4))


def ackley(x):
    d = len(x)
    return -20 * math.exp(-0.2 * math.sqrt(np.sum(x * x) / d)) - math.exp(np.sum(np.cos(2 * math.pi * x)) / d) + 20 + math.e


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def styblinski_tang(x):
    return float(np.sum(x ** 4 - 16 * x ** 2 + 5 * x) / 2)


def levy(x):
    w = 1 + (x - 1) / 4
    f = math.sin(math.pi * w[0]) ** 2
    for i in range(len(x) - 1):
        f += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return f + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


FUNCTIONS = [
    ("Branin", branin, [(-5, 10), (0, 15)], 0.39788735772973816),
    ("Hartmann6", hartmann6, [(0, 1)] * 6, -3.3223680114155147),
    ("Ackley-10", ackley, [(-32.768, 32.768)] * 10, 0.0),
    ("Rosenbrock-5", rosenbrock, [(-5, 10)] * 5, 0.0),
    ("Styblinski-Tang-8", styblinski_tang, [(-5, 5)] * 8, -39.16616570377142 * 8),
    ("Ackley-20", ackley, [(-32.768, 32.768)] * 20, 0.0),
    ("Rosenbrock-20", rosenbrock, [(-5, 10)] * 20, 0.0),
    ("Levy-20", levy, [(-10, 10)] * 20, 0.0),
]

seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
only = sys.argv[2].split(",") if len(sys.argv) > 2 else None
out = {}
for name, f, bounds, minimum in FUNCTIONS:
    if only is not None and name not in only:
        continue
    lo = np.array([b[0] for b in bounds], dtype=float)
    hi = np.array([b[1] for b in bounds], dtype=float)
    d = len(bounds)
    budget = 1000 if d == 20 else 100
    regrets = []
    regrets_long = []
    for seed in range(seeds):
        rng = np.random.RandomState(seed + 1000)
        best = f(lo + (hi - lo) * rng.rand(d))
        opt = CMA(mean=np.full(d, 0.5), sigma=1 / 6, bounds=np.array([[0.0, 1.0]] * d), seed=seed + 1, n_max_resampling=10 * d)
        n = 1
        best_long = best
        while n < budget:
            solutions = []
            for _ in range(opt.population_size):
                x = opt.ask()
                v = f(lo + (hi - lo) * x)
                solutions.append((x, v))
                n += 1
                if n <= 100:
                    best = min(best, v)
                if n <= budget:
                    best_long = min(best_long, v)
            opt.tell(solutions)
        regrets.append(best - minimum)
        regrets_long.append(best_long - minimum)
    q1, med, q3 = np.percentile(regrets, [25, 50, 75])
    out[name] = {"median": med, "q1": q1, "q3": q3}
    if budget == 1000:
        q1, med, q3 = np.percentile(regrets_long, [25, 50, 75])
        out[name]["at1000"] = {"median": med, "q1": q1, "q3": q3}
print(json.dumps(out))
