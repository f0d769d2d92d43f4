"""Optuna 3.1 side of bench/multi-objective.bench.ts: the hypervolume gap of NSGA-II and TPE on the
same problems, seeds and budget, and the mean time per trial. Prints one JSON object.

  python3 optuna_mo.py TRIALS SEEDS
"""
import json
import math
import sys
import time
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402
from optuna._hypervolume import WFG  # noqa: E402
import numpy as np  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def zdt_g(x):
    return 1 + 9 * sum(x[1:]) / (len(x) - 1)


def zdt1(x):
    g = zdt_g(x)
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt2(x):
    g = zdt_g(x)
    return [x[0], g * (1 - (x[0] / g) ** 2)]


def dtlz2(x):
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a, b = x[0] * math.pi / 2, x[1] * math.pi / 2
    return [(1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)]


PROBLEMS = {
    "ZDT1-10": (zdt1, 10, [11.0, 11.0], 120 + 2 / 3),
    "ZDT2-10": (zdt2, 10, [11.0, 11.0], 120 + 1 / 3),
    "DTLZ2-7": (dtlz2, 7, [2.5, 2.5, 2.5], 2.5 ** 3 - math.pi / 6),
}
GARDNER_OPT = -1.31224989991992


def gardner_constraints(trial):
    return [math.sin(trial.params["x0"]) * math.sin(trial.params["x1"]) + 0.95]


def sampler(kind, seed, constraints=None):
    if kind == "NSGA-II":
        return optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints)
    return optuna.samplers.TPESampler(seed=seed, constraints_func=constraints)


def run_mo(kind, name, trials, seed):
    fn, d, ref, opt = PROBLEMS[name]
    study = optuna.create_study(directions=["minimize"] * len(ref), sampler=sampler(kind, seed))
    gaps, front = [], []
    started = time.perf_counter()
    for _ in range(trials):
        t = study.ask()
        x = [t.suggest_float(f"x{i}", 0, 1) for i in range(d)]
        v = fn(x)
        study.tell(t, v)
        front.append(v)
        gaps.append(opt - WFG().compute(np.asarray(front), np.asarray(ref)))
    return gaps, (time.perf_counter() - started) / trials


def run_gardner(kind, trials, seed):
    study = optuna.create_study(sampler=sampler(kind, seed, gardner_constraints))
    gaps, best = [], math.inf
    started = time.perf_counter()
    for _ in range(trials):
        t = study.ask()
        a, b = t.suggest_float("x0", 0, 6), t.suggest_float("x1", 0, 6)
        v = math.cos(2 * a) * math.cos(b) + math.sin(a)
        study.tell(t, v)
        if math.sin(a) * math.sin(b) + 0.95 <= 0:
            best = min(best, v)
        gaps.append(max(0.0, best - GARDNER_OPT) if best < math.inf else None)
    return gaps, (time.perf_counter() - started) / trials


def main():
    trials, seeds = int(sys.argv[1]), int(sys.argv[2])
    out = {"version": optuna.__version__, "results": {}}
    for kind in ["NSGA-II", "TPE"]:
        for name in list(PROBLEMS) + ["Gardner"]:
            curves, seconds = [], 0.0
            for seed in range(seeds):
                gaps, per = run_gardner(kind, trials, seed) if name == "Gardner" else run_mo(kind, name, trials, seed)
                curves.append(gaps)
                seconds += per
            out["results"][f"{kind}|{name}"] = {"curves": curves, "ms_per_trial": 1000 * seconds / seeds}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
