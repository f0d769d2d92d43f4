import { describeValue, toError } from '../errors.js';
import { lastReportedValue, type FrozenTrial, type TrialState } from '../trial/index.js';
import { badInput } from '../validate.js';

/**
 * What `study.tell` records: a value (COMPLETE, or FAIL when NaN), one value per objective for a
 * study of several, or an explicit state.
 */
export type TellOutcome =
  | number
  | readonly number[]
  | { readonly state: 'COMPLETE'; readonly value: number | readonly number[] }
  | { readonly state: 'PRUNED' }
  | { readonly state: 'FAIL'; readonly error?: unknown };

/** A validated outcome. @internal */
export interface ParsedOutcome {
  readonly state: TrialState;
  /** One value per objective; null unless COMPLETE. */
  readonly values: readonly number[] | null;
  readonly error?: Error;
}

/**
 * Turns what `tell` got into a state and values: numbers complete (±Infinity included), one per
 * objective; NaN, a wrong count or a non-number fails with a warning, as in Optuna.
 * @param objectives - how many values the study records.
 * @throws TypeError on an object whose `state` is not COMPLETE, PRUNED or FAIL.
 * @internal
 */
export function parseOutcome(outcome: TellOutcome, objectives: number, warn: (message: string) => void): ParsedOutcome {
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return valueOutcome(outcome, objectives, warn);
  switch ((outcome as { state?: unknown }).state) {
    case 'COMPLETE':
      return valueOutcome((outcome as { value: unknown }).value, objectives, warn);
    case 'PRUNED':
      return { state: 'PRUNED', values: null };
    case 'FAIL': {
      const error = (outcome as { error?: unknown }).error;
      return { state: 'FAIL', values: null, error: error === undefined ? undefined : toError(error) };
    }
    default:
      throw new TypeError(
        badInput('Study.tell', 'outcome.state', "must be 'COMPLETE', 'PRUNED' or 'FAIL'", (outcome as { state: unknown }).state),
      );
  }
}

function valueOutcome(value: unknown, objectives: number, warn: (message: string) => void): ParsedOutcome {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  const fail = (message: string): ParsedOutcome => {
    const error = new TypeError(message);
    warn(`a trial failed because ${message}.`);
    return { state: 'FAIL', values: null, error };
  };
  if (values.length !== objectives) {
    const got = Array.isArray(value) ? `${values.length} value${values.length === 1 ? '' : 's'}` : 'a single value';
    return fail(`the objective returned ${got}, but the study has ${objectives} objective${objectives === 1 ? '' : 's'}`);
  }
  for (const v of values) {
    if (typeof v === 'number' && !Number.isNaN(v)) continue;
    return fail(`the objective returned ${describeValue(v)}${Array.isArray(value) ? ' among its values' : ''}, not a number`);
  }
  return { state: 'COMPLETE', values: values as number[] };
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
