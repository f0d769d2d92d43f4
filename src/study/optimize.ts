import { TrialPruned, toError } from '../errors.js';
import type { Sampler } from '../samplers/base.js';
import type { FrozenTrial, StudyView, Trial } from '../trial/index.js';
import { badInput, checkNonNegative, checkNonNegativeInteger, checkPositiveInteger } from '../validate.js';
import { objectReturnedError, type TellOutcome } from './outcome.js';
import type { StudyTrial } from './trial.js';

/** What an objective returns: its value, or one value per objective for a study of several. */
export type ObjectiveValue = number | readonly number[];

/** The function being minimized or maximized: sync or async, returning the objective value(s). */
export type Objective = (trial: Trial) => ObjectiveValue | Promise<ObjectiveValue>;

/**
 * What the `optimize` loop needs of a study (the `Study` is one): asking, telling, warning
 * (`StudyView.warnOnce`), and whether the sampler has run out. Narrow on purpose, so this file does not depend on study.ts.
 * @internal
 */
export interface OptimizeHost extends StudyView {
  readonly name: string;
  /** Asked, through `isExhausted`, whether it can offer a new point (a finished grid cannot). */
  readonly sampler: Pick<Sampler, 'isExhausted'>;
  /** `signal` stops a sampling in progress (see `Study.ask`). */
  ask(options?: { signal?: AbortSignal }): Promise<StudyTrial>;
  tell(trial: StudyTrial, outcome: TellOutcome): Promise<FrozenTrial>;
}

/**
 * Called after every finished trial of `optimize`, with the study (`S`, a `Study` for
 * `study.optimize`; see `OptimizeCallback`) and the trial as recorded.
 */
export type TrialCallback<S> = (study: S, trial: FrozenTrial) => void | Promise<void>;

/**
 * Where objectives run. The default runs them in this realm (`inProcessExecutor`); a worker-thread
 * pool implements the same method to run them elsewhere. `optimize` owns asking, telling,
 * stopping and error policy, so an executor only runs one objective for one trial.
 */
export interface TrialExecutor {
  /**
   * Runs `objective` for `trial`.
   * @returns the objective's value; rejects with what the objective threw (`TrialPruned` included).
   */
  execute(objective: Objective, trial: StudyTrial): Promise<ObjectiveValue>;
  /**
   * Optional: true for failures of the executor itself rather than of the objective (a worker
   * that crashed or was killed). Such a trial is recorded as FAIL and the run goes on whatever
   * `catch` says, because the next trial gets a fresh worker.
   */
  recoverable?(error: unknown): boolean;
}

/** Runs each objective in the calling realm; `concurrency` overlaps their awaits. */
export const inProcessExecutor: TrialExecutor = Object.freeze({
  async execute(objective: Objective, trial: StudyTrial): Promise<ObjectiveValue> {
    return objective(trial);
  },
});

/**
 * Options of the optimize loop for a study of type `S` (`study.optimize` takes
 * `OptimizeOptions`, this with `S = Study`). Without nTrials, timeoutMs or signal it runs until
 * the sampler is exhausted.
 */
export interface OptimizeLoopOptions<S> {
  /** Trials to start in this call. @defaultValue unlimited */
  nTrials?: number;
  /** Start no trial after this many milliseconds (running ones finish). @defaultValue unlimited */
  timeoutMs?: number;
  /** Objectives running at once. @defaultValue 1 */
  concurrency?: number;
  /** Start no trial once aborted (running ones finish). */
  signal?: AbortSignal;
  /** Error classes recorded as FAIL without stopping the run. @defaultValue [] */
  catch?: readonly (abstract new (
    ...args: never[]
  ) => unknown)[];
  /** Called after every finished trial, in finishing order. @defaultValue [] */
  callbacks?: readonly TrialCallback<S>[];
  /** Where objectives run. @defaultValue inProcessExecutor */
  executor?: TrialExecutor;
}

/**
 * The loop behind `study.optimize`: `concurrency` lanes each ask, execute and tell until a stop
 * condition holds. An objective error not listed in `catch` stops new trials and is rethrown
 * once the running ones have been told.
 * @internal
 */
export async function runOptimize<S extends OptimizeHost>(study: S, objective: Objective, options: OptimizeLoopOptions<S>): Promise<void> {
  const opts = checkOptions(objective, options);
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  let started = 0;
  let failure: { error: unknown } | null = null;

  const shouldStop = (): boolean =>
    failure !== null ||
    started >= opts.nTrials ||
    Date.now() >= deadline ||
    opts.signal?.aborted === true ||
    study.sampler.isExhausted?.(study) === true;

  const lane = async (): Promise<void> => {
    while (!shouldStop()) {
      started += 1;
      let trial: StudyTrial;
      try {
        trial = await study.ask({ signal: opts.signal });
      } catch (err) {
        // Stopped by the signal mid-sampling: a requested stop, not a failure of the run.
        if (opts.signal?.aborted === true && err === opts.signal.reason) return;
        failure ??= { error: err };
        return;
      }
      let outcome: TellOutcome;
      let rethrow: { error: unknown } | null = null;
      try {
        const returned: unknown = await opts.executor.execute(objective, trial);
        // An object is no value; as an outcome `{ state: 'PRUNED' }` would silently prune and
        // `{ value: 3 }` would leave the trial RUNNING. Like a worker thread, fail the trial. An
        // array is one value per objective (one for a single objective, as in Optuna): `tell`
        // checks its length and its numbers.
        if (typeof returned === 'object' && returned !== null && !Array.isArray(returned)) throw objectReturnedError(returned);
        outcome = returned as number | readonly number[];
      } catch (err) {
        if (err instanceof TrialPruned) {
          outcome = { state: 'PRUNED' };
        } else {
          outcome = { state: 'FAIL', error: err };
          study.warnOnce(`optimize-fail-${trial.number}`, `Study "${study.name}": trial ${trial.number} failed: ${toError(err).message}`);
          const caught = opts.catch.some((C) => err instanceof C) || opts.executor.recoverable?.(err) === true;
          if (!caught) rethrow = { error: err };
        }
      }
      try {
        const frozen = await study.tell(trial, outcome);
        for (const callback of opts.callbacks) await callback(study, frozen);
      } catch (err) {
        failure ??= { error: err };
        return;
      }
      if (rethrow !== null) failure ??= rethrow;
    }
  };

  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

interface CheckedOptions<S> {
  nTrials: number;
  timeoutMs: number | undefined;
  concurrency: number;
  signal: AbortSignal | undefined;
  catch: readonly (abstract new (...args: never[]) => unknown)[];
  callbacks: readonly TrialCallback<S>[];
  executor: TrialExecutor;
}

function checkOptions<S>(objective: unknown, o: OptimizeLoopOptions<S>): CheckedOptions<S> {
  const where = 'Study.optimize';
  if (typeof objective !== 'function') throw new TypeError(badInput(where, 'objective', 'must be a function', objective));
  const nTrials = o.nTrials === undefined || o.nTrials === Infinity ? Infinity : checkNonNegativeInteger(where, 'nTrials', o.nTrials);
  const timeoutMs = o.timeoutMs === undefined ? undefined : checkNonNegative(where, 'timeoutMs', o.timeoutMs);
  const concurrency = checkPositiveInteger(where, 'concurrency', o.concurrency ?? 1);
  const caught = o.catch ?? [];
  if (!Array.isArray(caught) || !caught.every((c) => typeof c === 'function')) {
    throw new TypeError(badInput(where, 'catch', 'must be an array of error classes', caught));
  }
  const callbacks = o.callbacks ?? [];
  if (!Array.isArray(callbacks) || !callbacks.every((c) => typeof c === 'function')) {
    throw new TypeError(badInput(where, 'callbacks', 'must be an array of functions', callbacks));
  }
  const executor = o.executor ?? inProcessExecutor;
  if (typeof executor?.execute !== 'function') {
    throw new TypeError(badInput(where, 'executor', 'must have an `execute` method', executor));
  }
  return { nTrials, timeoutMs, concurrency, signal: o.signal, catch: caught, callbacks, executor };
}
