/**
 * The system-attribute keys bonito reads and writes, in one place: every layer that touches one
 * (study, storage, samplers, CLI) names it from here, so a key can neither drift nor be misspelled.
 * Keys without a prefix are Optuna's own and mean the same thing to both.
 * @internal
 */
export const SYSTEM_ATTR = Object.freeze({
  /** Parameters an enqueued (WAITING) trial must use; Optuna's key. */
  fixedParams: 'fixed_params',
  /** Number of the trial a retried trial repeats; Optuna's key. */
  failedTrial: 'failed_trial',
  /** Numbers of every earlier attempt of a retried trial; Optuna's key. */
  retryHistory: 'retry_history',
  /** Why a trial failed (`<ErrorName>: <message>`); Optuna 2's key, which Optuna still shows. */
  failReason: 'fail_reason',
  /** Constraint values of a finished trial (`≤ 0` is feasible); Optuna's key. */
  constraints: 'constraints',
  /** The NSGA-II generation a trial belongs to; Optuna's key. */
  nsga2Generation: 'nsga2:generation',
  /** The study seed, a decimal string. */
  seed: 'bonito:seed',
  /** A trial's last heartbeat `{ at, interval_ms }`. */
  heartbeat: 'bonito:heartbeat',
  /** The GP sampler's fitted log-hyperparameters, the next fit's warm start. */
  gpLogHyperparameters: 'gp:log_hyperparameters',
  /** The same for each constraint's GP, a list (null where a constraint had no fitted θ). */
  gpConstraintLogHyperparameters: 'gp:constraint_log_hyperparameters',
  /** The same for each objective's GP in a study of several objectives, a list (null where one had no fitted θ). */
  gpObjectiveLogHyperparameters: 'gp:objective_log_hyperparameters',
  /**
   * The GP sampler's relative sample of a trial (parameter name -> external value), written when
   * the trial is asked: workers in other processes and hosts read it and treat the RUNNING trial
   * as a pending point before its objective has suggested anything (Optuna 4.9 keeps similar
   * state under `gp:` keys).
   */
  gpRelativeParams: 'gp:relative_params',
  /**
   * The CMA-ES generation a trial was sampled from, `{ generation, told }`: `told` lists the trial
   * numbers whose values made the update into that generation, so every worker replays the same
   * updates (samplers/cmaes/replay.ts).
   */
  cmaesGeneration: 'cmaes:generation',
});
