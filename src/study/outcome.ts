import { describeValue, toError } from '../errors.js';
import { lastReportedValue, type FrozenTrial, type TrialState } from '../trial/index.js';
import { badInput } from '../validate.js';

/** What `study.tell` records: a value (COMPLETE, or FAIL when NaN), or an explicit state. */
export type TellOutcome =
  | number
  | { readonly state: 'COMPLETE'; readonly value: number }
  | { readonly state: 'PRUNED' }
  | { readonly state: 'FAIL'; readonly error?: unknown };

/** A validated outcome. @internal */
export interface ParsedOutcome {
  readonly state: TrialState;
  readonly value: number | null;
  readonly error?: Error;
}

/**
 * Turns what `tell` got into a state and value: a number completes (±Infinity included), NaN or
 * a non-number fails with a warning, as in Optuna.
 * @throws TypeError on an object whose `state` is not COMPLETE, PRUNED or FAIL.
 * @internal
 */
export function parseOutcome(outcome: TellOutcome, warn: (message: string) => void): ParsedOutcome {
  if (typeof outcome !== 'object' || outcome === null) return valueOutcome(outcome, warn);
  switch (outcome.state) {
    case 'COMPLETE':
      return valueOutcome(outcome.value, warn);
    case 'PRUNED':
      return { state: 'PRUNED', value: null };
    case 'FAIL':
      return { state: 'FAIL', value: null, error: outcome.error === undefined ? undefined : toError(outcome.error) };
    default:
      throw new TypeError(badInput('Study.tell', 'outcome.state', "must be 'COMPLETE', 'PRUNED' or 'FAIL'", (outcome as { state: unknown }).state));
  }
}

function valueOutcome(value: unknown, warn: (message: string) => void): ParsedOutcome {
  if (typeof value === 'number' && !Number.isNaN(value)) return { state: 'COMPLETE', value };
  const error = new TypeError(`the objective returned ${describeValue(value)}, not a number`);
  warn(`a trial failed because ${error.message}.`);
  return { state: 'FAIL', value: null, error };
}

/**
 * The error of a trial whose objective returned an object (a boxed number, an array, an outcome
 * such as `{ state: 'PRUNED' }`): objectives return numbers and prune by throwing.
 * @internal
 */
export function objectReturnedError(returned: object): TypeError {
  const hint = Object.hasOwn(returned, 'state') ? '; throw TrialPruned to prune a trial, return a number to complete it' : '';
  return new TypeError(`the objective returned ${describeValue(returned)}, not a number${hint}`);
}

/** Optuna: a pruned trial's value is its last reported value, unless that is NaN. @internal */
export function lastIntermediate(t: FrozenTrial): number | null {
  const value = lastReportedValue(t);
  return value === undefined || Number.isNaN(value) ? null : value;
}
