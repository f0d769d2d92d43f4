"""Optuna side of bench/long-quality.bench.ts: Optuna's multivariate TPE on the 20-D functions.

Usage: python3 bench/peers/optuna_long_quality.py < spec.json  (prints JSON)

spec: {"runs": [{"fn": "Ackley-20", "shift": [...] | null, "seed": 0, "n_trials": 1000}],
       "probes": [{"fn": "Ackley-20", "x": [...]}]}
For each run: the best-so-far curve of f(x - shift) over n_trials trials of
TPESampler(seed=seed, multivariate=True) on bonito's bounds, and the run's wall time (s).
For each probe: f(x), so the caller can check that both sides evaluate the same function.
The functions are written here from their definitions (bonito's src/bench/functions.ts has the
same formulas); the shifts come from bonito (src/bench/shift.ts), so both sides see one problem.
"""
import json
import math
import sys
import time
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def ackley(x):
    d = len(x)
    sq = sum(v * v for v in x)
    cs = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(sq / d)) - math.exp(cs / d) + 20 + math.e


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    f = math.sin(math.pi * w[0]) ** 2
    for i in range(len(x) - 1):
        f += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return f + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def styblinski_tang(x):
    return sum(v**4 - 16 * v * v + 5 * v for v in x) / 2


FUNCTIONS = {
    "Ackley": (ackley, (-32.768, 32.768)),
    "Rosenbrock": (rosenbrock, (-5.0, 10.0)),
    "Levy": (levy, (-10.0, 10.0)),
    "Styblinski-Tang": (styblinski_tang, (-5.0, 5.0)),
}


def lookup(name):
    base, d = name.rsplit("-", 1)
    f, bounds = FUNCTIONS[base]
    return f, bounds, int(d)


def run(spec):
    f, (lo, hi), d = lookup(spec["fn"])
    shift = spec.get("shift") or [0.0] * d
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=spec["seed"], multivariate=True))
    best = math.inf
    curve = []
    t0 = time.perf_counter()
    for _ in range(spec["n_trials"]):
        trial = study.ask()
        x = [trial.suggest_float(f"x{j}", lo, hi) for j in range(d)]
        value = f([v - s for v, s in zip(x, shift)])
        study.tell(trial, value)
        best = min(best, value)
        curve.append(best)
    return {"curve": curve, "wall_s": time.perf_counter() - t0}


def main():
    spec = json.load(sys.stdin)
    out = {
        "version": optuna.__version__,
        "runs": [run(r) for r in spec.get("runs", [])],
        "probes": [lookup(p["fn"])[0](p["x"]) for p in spec.get("probes", [])],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
