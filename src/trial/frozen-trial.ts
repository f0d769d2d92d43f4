import type { ParamValue, SearchSpace } from '../space/distributions.js';
import type { TrialState } from './state.js';

/**
 * An immutable snapshot of one trial, as replayed from the journal.
 *
 * @example
 * ```ts
 * const done = study.trials.filter((t) => t.state === 'COMPLETE');
 * ```
 */
export interface FrozenTrial {
  /** Position among the study's trials, 0-based. */
  readonly number: number;
  /** Optuna's `trial_id` in the journal (position among all trials of all studies in the log). */
  readonly trialId: number;
  readonly state: TrialState;
  /** Objective value (single objective; the first objective of several); `null` unless COMPLETE (or PRUNED with a last reported value). */
  readonly value: number | null;
  /** Every objective value, in the study's `directions` order; `null` when `value` is. */
  readonly values: readonly number[] | null;
  /** Parameter values in their external (user-facing) representation. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: SearchSpace;
  /** step -> value, as given to `trial.report`. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly userAttrs: Readonly<Record<string, unknown>>;
  readonly systemAttrs: Readonly<Record<string, unknown>>;
  readonly datetimeStart: Date | null;
  readonly datetimeComplete: Date | null;
}
