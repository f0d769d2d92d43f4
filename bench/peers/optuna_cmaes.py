"""Optuna 3.1 side of bench/cmaes.bench.ts: CmaEsSampler ask+tell latency, same loop as bonito's.

Usage: /usr/bin/python3 bench/peers/optuna_cmaes.py [marks...]  (prints one JSON object on stdout)

Study: 10-D Rosenbrock on [-5, 10]^10, in-memory storage, CmaEsSampler(seed=3) with its defaults,
one ask + 10 suggest_float + tell per trial, timed with perf_counter. For each mark k the median of
the trials k-20 .. k-1 is reported in milliseconds (the same window as bonito's bench).
"""
import json
import statistics
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
marks = [int(a) for a in sys.argv[1:]] or [100, 500, 1000]
d = 10


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(d - 1))


study = optuna.create_study(sampler=optuna.samplers.CmaEsSampler(seed=3))
times = []
for _ in range(max(marks)):
    t0 = time.perf_counter()
    trial = study.ask()
    x = [trial.suggest_float(f"x{j}", -5, 10) for j in range(d)]
    study.tell(trial, rosenbrock(x))
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"optuna": optuna.__version__, "ms": {str(k): statistics.median(times[k - 20 : k]) for k in marks}}))
