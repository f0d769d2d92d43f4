"""Optuna side of bench/mixed.bench.ts: the mixed categorical/conditional space of src/bench/mixed.ts
(same parameters, ranges, log scale and values), run with Optuna's TPESampler.

  python3 optuna_mixed.py regret TRIALS SEEDS CHECKPOINTS   (CHECKPOINTS like 50,100)
      TPESampler(seed=s, multivariate=True, group=True) for s in 0..SEEDS-1, one ask + define-by-run
      suggests + tell per trial; prints {"optuna": version, "regret": {checkpoint: [one per seed]}}.
  python3 optuna_mixed.py eval   < params.json
      the function at each parameter set of a JSON list; prints the list of values (the test that
      keeps both implementations equal).
"""
import json
import math
import sys
import warnings

warnings.simplefilter("ignore")  # group/multivariate are "experimental" in 3.1
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)

BRANIN_MIN = 0.39788735772973816
ST_MIN_1D = -39.16616570377142


def branin(x0, x1):
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x1 - b * x0 * x0 + c * x0 - 6) ** 2 + 10 * (1 - t) * math.cos(x0) + 10


def styblinski_tang(xs):
    return sum(x**4 - 16 * x * x + 5 * x for x in xs) / 2


def value(p):
    w = (math.log10(p["w"]) + 2) ** 2 / 4
    kind = p["kind"]
    if kind == "a":
        return w + branin(p["a_x0"], p["a_x1"]) - BRANIN_MIN + 1
    if kind == "b":
        return w + 0.5 + 0.1 * (p["b_n"] - 13) ** 2 + (p["b_x"] - 0.5) ** 2
    if kind == "c":
        return w + (styblinski_tang([p["c_x0"], p["c_x1"], p["c_x2"]]) - 3 * ST_MIN_1D) / 20
    raise ValueError(f"kind {kind!r}")


def objective(trial):
    p = {"kind": trial.suggest_categorical("kind", ["a", "b", "c"]), "w": trial.suggest_float("w", 1e-3, 1, log=True)}
    if p["kind"] == "a":
        p["a_x0"] = trial.suggest_float("a_x0", -5, 10)
        p["a_x1"] = trial.suggest_float("a_x1", 0, 15)
    elif p["kind"] == "b":
        p["b_n"] = trial.suggest_int("b_n", 0, 20)
        p["b_x"] = trial.suggest_float("b_x", -2, 2)
    else:
        for i in range(3):
            p[f"c_x{i}"] = trial.suggest_float(f"c_x{i}", -5, 5)
    return value(p)


def regret(trials, seeds, checkpoints):
    out = {str(k): [] for k in checkpoints}
    for seed in range(seeds):
        sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True)
        study = optuna.create_study(sampler=sampler)
        best = math.inf
        for i in range(trials):
            trial = study.ask()
            v = objective(trial)
            study.tell(trial, v)
            best = min(best, v)
            if str(i + 1) in out:
                out[str(i + 1)].append(max(0.0, best))  # the minimum is 0
    return out


if sys.argv[1] == "eval":
    print(json.dumps([value(p) for p in json.load(sys.stdin)]))
else:
    trials, seeds = int(sys.argv[2]), int(sys.argv[3])
    checkpoints = [int(c) for c in sys.argv[4].split(",")]
    print(json.dumps({"optuna": optuna.__version__, "regret": regret(trials, seeds, checkpoints)}))
