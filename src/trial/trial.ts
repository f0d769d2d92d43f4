import type { CategoricalChoice, Distribution, NumericDistributionOptions, ParamValue } from '../space/distributions.js';
import type { FrozenTrial } from './frozen-trial.js';
import type { TrialState } from './state.js';

/**
 * What an objective receives (Optuna's `Trial`/`BaseTrial`): suggests parameters define-by-run,
 * reports intermediate values, asks the pruner and keeps user attributes.
 *
 * One interface, several implementations: the study's trial (`study.ask()`, `study.optimize`),
 * the proxy a worker-thread objective gets, and `FixedTrial` (answers from fixed parameters, to
 * rebuild the model of a finished trial). Write objectives against this type and they run with
 * any of them.
 *
 * @example
 * ```ts
 * import type { Trial } from 'bonito';
 * const objective = (trial: Trial): number => (trial.suggestFloat('x', -5, 5) - 2) ** 2;
 * ```
 */
export interface Trial {
  /** Position among the study's trials, 0-based. */
  readonly number: number;
  /** Parameters suggested so far (external values). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Distributions of the parameters suggested so far. */
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** User attributes set so far. */
  readonly userAttrs: Readonly<Record<string, unknown>>;
  /** RUNNING until the study records the outcome. */
  readonly state: TrialState;
  /** A real parameter on [low, high] (log-uniform with `log`, on the grid low + k·step with `step`). */
  suggestFloat(name: string, low: number, high: number, opts?: NumericDistributionOptions): number;
  /** An integer parameter on {low, low + step, ..., high} (log-uniform with `log`). */
  suggestInt(name: string, low: number, high: number, opts?: NumericDistributionOptions): number;
  /** One of `choices` (strings, finite numbers, booleans, null). */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T;
  /** Records an intermediate objective value at a non-negative integer `step`. */
  report(value: number, step: number): void;
  /** Whether the pruner says to stop now (then throw `TrialPruned`). */
  shouldPrune(): boolean;
  /** Attaches a JSON value to the trial. */
  setUserAttr(key: string, value: unknown): void;
  /** A snapshot of the trial as seen where the objective runs. */
  toFrozen(): FrozenTrial;
}

/**
 * The part of {@link Trial} that only suggests: what a search-space definition (an MLP space, a
 * model builder) needs, so hand-written stand-ins need nothing else.
 */
export type SuggestingTrial = Pick<Trial, 'suggestFloat' | 'suggestInt' | 'suggestCategorical'>;
