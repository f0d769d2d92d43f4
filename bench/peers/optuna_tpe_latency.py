"""Optuna side of bench/tpe.bench.ts: ask+tell latency of Optuna's TPESampler on Rosenbrock-10.

Usage: python3 bench/peers/optuna_tpe_latency.py MARKS WINDOW  (e.g. 100,500,1000 20; prints JSON)

The same loop as bonito's: one in-memory study run by the sampler from its first trial; each trial
is ask, ten suggest_float on [-5, 10], the objective, tell. Prints the median time of the WINDOW
trials ending at each mark (ms of this process's CPU time, time.process_time, as bonito's side
measures process.cpuUsage: wall time on a shared machine mostly measures the other processes),
with Optuna's version.
"""
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def main():
    marks = [int(m) for m in sys.argv[1].split(",")]
    window = int(sys.argv[2])
    multivariate = len(sys.argv) > 3 and sys.argv[3] == "multivariate"
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=3, multivariate=multivariate))
    times = []
    for _ in range(max(marks)):
        t0 = time.process_time()
        trial = study.ask()
        x = [trial.suggest_float(f"x{j}", -5, 10) for j in range(10)]
        study.tell(trial, rosenbrock(x))
        times.append((time.process_time() - t0) * 1000)
    out = {}
    for m in marks:
        w = sorted(times[m - window:m])
        out[str(m)] = (w[(window - 1) // 2] + w[window // 2]) / 2
    print(json.dumps({"optuna": optuna.__version__, "medians": out}))


if __name__ == "__main__":
    main()
