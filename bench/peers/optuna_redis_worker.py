"""Optuna side of bench/redis.bench.ts: one worker on a study in Redis.

Usage: python3 bench/peers/optuna_redis_worker.py URL PREFIX N_TRIALS SLEEP_MS

Loads study "tp" through Optuna 3.1's JournalStorage(JournalRedisStorage(url, prefix=...)) (the
class Optuna 4.x calls JournalRedisBackend), prints READY, waits for a line on stdin (so start-up
stays out of the timing), runs N_TRIALS trials of the same 50 ms objective as bonito's worker with
TPESampler (Optuna 3.1 has no GPSampler), prints DONE.
"""
import sys
import time
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def main():
    url, prefix, n_trials, sleep_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    storage = optuna.storages.JournalStorage(optuna.storages.JournalRedisStorage(url, prefix=prefix))
    study = optuna.load_study(study_name="tp", storage=storage, sampler=optuna.samplers.TPESampler())

    def objective(trial):
        x = trial.suggest_float("x", -1, 1)
        y = trial.suggest_float("y", -1, 1)
        time.sleep(sleep_ms / 1000)
        return (x - 0.2) ** 2 + (y + 0.4) ** 2

    print("READY", flush=True)
    sys.stdin.readline()
    study.optimize(objective, n_trials=n_trials)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
