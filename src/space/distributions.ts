import { describeValue } from '../errors.js';
import { badInput } from '../validate.js';
/** One choice of a categorical parameter. */
export type CategoricalChoice = string | number | boolean | null;
/** A parameter value in its external (user-facing) representation. */
export type ParamValue = number | CategoricalChoice;

/** A real parameter on [low, high], optionally log-scaled or on the grid low + k·step. */
export interface FloatDistribution {
  readonly kind: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;
}

/** An integer parameter on {low, low + step, ..., high}, optionally log-scaled (then step is 1). */
export interface IntDistribution {
  readonly kind: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

/** A parameter taking one of a list of unordered choices. */
export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly choices: readonly CategoricalChoice[];
}

/** Any distribution a trial can suggest from: plain immutable data. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** Parameter name -> distribution. */
export type SearchSpace = Readonly<Record<string, Distribution>>;

/** Options of `floatDistribution` and `intDistribution`. */
export interface NumericDistributionOptions {
  /** Sample in log space (needs low > 0, and no step for floats). @defaultValue false */
  log?: boolean;
  /** Grid spacing; must divide high − low. @defaultValue null for floats, 1 for ints */
  step?: number;
}

// A float step "divides" the range when (high - low) / step is within this relative distance of
// an integer: decimal steps such as 0.1 are not exact in binary.
const STEP_TOLERANCE = 1e-8;

/**
 * A validated float distribution (what `trial.suggestFloat` records).
 *
 * @param name - the parameter's name, quoted in error messages.
 * @param low - lower bound, finite (> 0 when `log`).
 * @param high - upper bound, finite, ≥ low (`low == high` is a fixed value, as in Optuna).
 * @param opts - `log` and `step`, mutually exclusive.
 * @returns a frozen `FloatDistribution`.
 * @throws TypeError when a bound or option has the wrong type; RangeError when low > high, a log
 *   bound is ≤ 0, `step` is not positive or does not divide high − low, or `log` is set with `step`.
 * @example
 * ```ts
 * floatDistribution('lr', 1e-4, 1e-1, { log: true });
 * // { kind: 'float', low: 0.0001, high: 0.1, log: true, step: null }
 * ```
 */
export function floatDistribution(name: string, low: number, high: number, opts: NumericDistributionOptions = {}): FloatDistribution {
  return makeFloat(`suggestFloat(${quoteName(name)})`, low, high, opts.log ?? false, opts.step ?? null, false);
}

/**
 * A validated integer distribution (what `trial.suggestInt` records).
 *
 * @param name - the parameter's name, quoted in error messages.
 * @param low - lower bound, a safe integer (≥ 1 when `log`).
 * @param high - upper bound, a safe integer ≥ low.
 * @param opts - `log` (then `step` must be 1) and `step` (a positive integer dividing high − low).
 * @returns a frozen `IntDistribution`.
 * @throws TypeError when a bound is not an integer; RangeError for the range errors of floats.
 * @example
 * ```ts
 * intDistribution('units', 16, 256, { step: 16 });
 * ```
 */
export function intDistribution(name: string, low: number, high: number, opts: NumericDistributionOptions = {}): IntDistribution {
  return makeInt(`suggestInt(${quoteName(name)})`, low, high, opts.log ?? false, opts.step ?? 1, false);
}

/**
 * A validated categorical distribution (what `trial.suggestCategorical` records).
 *
 * @param name - the parameter's name, quoted in error messages.
 * @param choices - a non-empty list of distinct strings, finite numbers, booleans or null.
 * @returns a frozen `CategoricalDistribution` holding a copy of `choices`.
 * @throws TypeError when `choices` is not an array or holds another kind of value, or repeats one;
 *   RangeError when it is empty.
 * @example
 * ```ts
 * categoricalDistribution('activation', ['relu', 'tanh', null]);
 * ```
 */
export function categoricalDistribution(name: string, choices: readonly CategoricalChoice[]): CategoricalDistribution {
  return makeCategorical(`suggestCategorical(${quoteName(name)})`, choices);
}

function makeCategorical(where: string, choices: readonly CategoricalChoice[]): CategoricalDistribution {
  if (!Array.isArray(choices)) throw new TypeError(badInput(where, 'choices', 'must be an array', choices));
  if (choices.length === 0) throw new RangeError(badInput(where, 'choices', 'must hold at least one choice', choices));
  choices.forEach((c, i) => {
    const ok = c === null || typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && Number.isFinite(c));
    if (!ok) throw new TypeError(badInput(where, `choices[${i}]`, 'must be a string, a finite number, a boolean or null', c));
    if (choices.indexOf(c) !== i) throw new TypeError(badInput(where, `choices[${i}]`, 'must differ from every earlier choice', c));
  });
  return Object.freeze({ kind: 'categorical', choices: Object.freeze(choices.slice()) });
}

/**
 * Whether two distributions are the same (so a parameter may be suggested again in a study).
 * @param a - a distribution.
 * @param b - another distribution.
 * @returns true when kind, bounds, log, step and choices (in order) are equal.
 * @example
 * ```ts
 * sameDistribution(intDistribution('n', 1, 9), intDistribution('n', 1, 9)); // true
 * ```
 */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.kind === 'categorical' || b.kind === 'categorical') {
    if (a.kind !== b.kind) return false;
    const ca = (a as CategoricalDistribution).choices;
    const cb = (b as CategoricalDistribution).choices;
    return ca.length === cb.length && ca.every((c, i) => Object.is(c, cb[i]));
  }
  return a.kind === b.kind && a.low === b.low && a.high === b.high && a.log === b.log && a.step === b.step;
}

/**
 * Whether `value` (external representation) is a possible value of `d`.
 * @param d - the distribution.
 * @param value - a candidate value.
 * @returns true when inside the bounds and on the step grid (or among the choices).
 * @example
 * ```ts
 * contains(intDistribution('n', 0, 10, { step: 2 }), 4); // true
 * ```
 */
export function contains(d: Distribution, value: ParamValue): boolean {
  if (d.kind === 'categorical') return d.choices.indexOf(value as CategoricalChoice) !== -1;
  if (typeof value !== 'number' || !(value >= d.low && value <= d.high)) return false;
  if (d.kind === 'int') return Number.isInteger(value) && (value - d.low) % d.step === 0;
  if (d.step === null) return true;
  const k = (value - d.low) / d.step;
  return Math.abs(k - Math.round(k)) <= STEP_TOLERANCE * Math.max(1, Math.abs(k));
}

/**
 * Optuna's internal representation: a categorical value becomes its index, numbers stay as they are.
 * @param d - the distribution.
 * @param value - a value of `d`.
 * @returns the internal number.
 * @throws RangeError when a categorical value is not among the choices.
 * @example
 * ```ts
 * toInternal(categoricalDistribution('a', ['x', 'y']), 'y'); // 1
 * ```
 */
export function toInternal(d: Distribution, value: ParamValue): number {
  if (d.kind === 'categorical') {
    const i = d.choices.indexOf(value as CategoricalChoice);
    if (i === -1) throw new RangeError(badInput('toInternal', 'value', `must be one of ${showChoices(d.choices)}`, value));
    return i;
  }
  if (typeof value !== 'number') throw new TypeError(badInput('toInternal', 'value', 'must be a number', value));
  return value;
}

/**
 * The inverse of `toInternal`: an index becomes its choice, numbers stay (ints are rounded).
 * @param d - the distribution.
 * @param internal - the internal number.
 * @returns the external value.
 * @throws RangeError when a categorical index is not an integer in [0, choices.length).
 * @example
 * ```ts
 * fromInternal(categoricalDistribution('a', ['x', 'y']), 1); // 'y'
 * ```
 */
export function fromInternal(d: Distribution, internal: number): ParamValue {
  if (d.kind === 'categorical') {
    if (!Number.isInteger(internal) || internal < 0 || internal >= d.choices.length) {
      throw new RangeError(`fromInternal: \`internal\` must be an integer index in [0, ${d.choices.length}) but got ${internal}.`);
    }
    return d.choices[internal];
  }
  return d.kind === 'int' ? Math.round(internal) : internal;
}

/**
 * Serialises a distribution like Optuna's `distribution_to_json`, so Python can read it.
 * @param d - the distribution.
 * @returns `{"name":"FloatDistribution","attributes":{...}}` (or Int/Categorical) as a string.
 * @example
 * ```ts
 * distributionToJson(intDistribution('n', 1, 9));
 * // '{"name":"IntDistribution","attributes":{"low":1,"high":9,"log":false,"step":1}}'
 * ```
 */
export function distributionToJson(d: Distribution): string {
  if (d.kind === 'categorical') {
    return JSON.stringify({ name: 'CategoricalDistribution', attributes: { choices: d.choices } });
  }
  const name = d.kind === 'float' ? 'FloatDistribution' : 'IntDistribution';
  return JSON.stringify({ name, attributes: { low: d.low, high: d.high, log: d.log, step: d.step } });
}

/**
 * Parses Optuna's distribution JSON, including the pre-3.0 names (UniformDistribution,
 * LogUniformDistribution, DiscreteUniformDistribution, IntUniformDistribution,
 * IntLogUniformDistribution). Single-value ranges (low = high), which Optuna allows, are accepted,
 * and so are integer bounds beyond 2^53 (read as the nearest double, see `checkBounds`).
 * @param json - the JSON text.
 * @returns the validated distribution.
 * @throws TypeError on malformed JSON or an unknown name; RangeError on invalid attributes.
 * @example
 * ```ts
 * distributionFromJson('{"name":"FloatDistribution","attributes":{"low":0,"high":1,"log":false,"step":null}}');
 * ```
 */
export function distributionFromJson(json: string): Distribution {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TypeError(badInput('distributionFromJson', 'json', 'must be valid JSON', json));
  }
  const { name, attributes: a } = (parsed ?? {}) as { name?: unknown; attributes?: Record<string, unknown> };
  if (typeof a !== 'object' || a === null) {
    throw new TypeError(badInput('distributionFromJson', 'attributes', 'must be an object', a));
  }
  const w = 'distributionFromJson';
  const low = a.low as number;
  const high = a.high as number;
  switch (name) {
    case 'FloatDistribution':
      return makeFloat(w, low, high, Boolean(a.log), (a.step as number | null) ?? null, true);
    case 'UniformDistribution':
      return makeFloat(w, low, high, false, null, true);
    case 'LogUniformDistribution':
      return makeFloat(w, low, high, true, null, true);
    case 'DiscreteUniformDistribution':
      return makeFloat(w, low, high, false, a.q as number, true);
    case 'IntDistribution':
      return makeInt(w, low, high, Boolean(a.log), (a.step as number) ?? 1, true);
    case 'IntUniformDistribution':
      return makeInt(w, low, high, false, (a.step as number) ?? 1, true);
    case 'IntLogUniformDistribution':
      return makeInt(w, low, high, true, 1, true);
    case 'CategoricalDistribution':
      return makeCategorical(w, a.choices as CategoricalChoice[]);
    default:
      throw new TypeError(badInput('distributionFromJson', 'name', 'must be an Optuna distribution name', name));
  }
}

/** How a parameter name appears in a message's <Where>: `suggestFloat('lr')`. */
function quoteName(name: unknown): string {
  return typeof name === 'string' ? `'${name}'` : describeValue(name);
}

function makeFloat(where: string, low: number, high: number, log: boolean, step: number | null, fromJournal: boolean): FloatDistribution {
  checkBounds(where, low, high, log, fromJournal, false);
  if (step !== null) {
    if (log) throw new RangeError(badInput(where, 'step', 'must be null when log is true', step));
    checkStep(where, low, high, step, false);
  }
  return Object.freeze({ kind: 'float', low, high, log, step });
}

function makeInt(where: string, low: number, high: number, log: boolean, step: number, fromJournal: boolean): IntDistribution {
  checkBounds(where, low, high, log, fromJournal, true);
  if (log && step !== 1) throw new RangeError(badInput(where, 'step', 'must be 1 when log is true', step));
  checkStep(where, low, high, step, true);
  return Object.freeze({ kind: 'int', low, high, log, step });
}

/**
 * `low == high` is a valid single-value range (Optuna allows it). Integer bounds from a journal
 * may lie beyond 2^53 (Python ints): JSON gives them as the nearest double, which rounds
 * monotonically, so every value Optuna stored (a float internally) stays within the bounds.
 */
function checkBounds(where: string, low: number, high: number, log: boolean, fromJournal: boolean, int: boolean): void {
  for (const [label, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    const what = int ? (fromJournal ? 'must be an integer' : 'must be a safe integer') : 'must be a finite number';
    if (typeof v !== 'number') throw new TypeError(badInput(where, label, what, v));
    const ok = !int ? Number.isFinite(v) : fromJournal ? Number.isInteger(v) : Number.isSafeInteger(v);
    if (!ok) throw new (int && Number.isFinite(v) ? TypeError : RangeError)(badInput(where, label, what, v));
  }
  if (typeof log !== 'boolean') throw new TypeError(badInput(where, 'log', 'must be a boolean', log));
  if (low > high) throw new RangeError(badInput(where, 'high', `must be at least low = ${low}`, high));
  if (log && low <= 0) throw new RangeError(badInput(where, 'low', 'must be positive when log is true', low));
}

function checkStep(where: string, low: number, high: number, step: number, int: boolean): void {
  const what = int ? 'must be a positive integer' : 'must be a positive finite number';
  if (typeof step !== 'number') throw new TypeError(badInput(where, 'step', what, step));
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(badInput(where, 'step', what, step));
  if (int) {
    if (!Number.isInteger(step)) throw new TypeError(badInput(where, 'step', what, step));
    if ((high - low) % step !== 0) throw new RangeError(badInput(where, 'step', `must divide high - low = ${high - low}`, step));
    return;
  }
  const k = (high - low) / step;
  if (Math.abs(k - Math.round(k)) > STEP_TOLERANCE * Math.max(1, k)) {
    throw new RangeError(badInput(where, 'step', `must divide high - low = ${high - low}`, step));
  }
}

function showChoices(choices: readonly CategoricalChoice[]): string {
  return `[${choices.map((c) => (typeof c === 'string' ? `'${c}'` : String(c))).join(', ')}]`;
}
/**
 * Optuna's `check_distribution_compatibility`: same kind, same `log` flag, same choices (ranges
 * may differ: dynamic search spaces).
 * @param a - the distribution recorded first.
 * @param b - a new one for the same name.
 * @returns whether `b` may be recorded under the name.
 */
export function compatibleDistributions(a: Distribution, b: Distribution): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    return a.choices.length === b.choices.length && a.choices.every((c, i) => Object.is(c, b.choices[i]));
  }
  return (a as { log: boolean }).log === (b as { log: boolean }).log;
}
