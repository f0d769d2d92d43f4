// Argument checks shared by every layer, so each rule is written once and every message has the
// house form "<Where>: `<option>` <constraint> but got <value>.". A value of the wrong type is a
// TypeError, a number outside the range a RangeError.
import { describeValue } from './errors.js';

/**
 * The house form of a bad-input message, for services and tools built on bonito that want the
 * same wording: "<Where>: `<option>` <constraint> but got <value>.".
 * @param where - the function or endpoint, e.g. "createStudy".
 * @param option - the option or field, e.g. "direction".
 * @param constraint - what is accepted, e.g. "must be 'minimize' or 'maximize'".
 * @param got - the value received (described by `describeValue`).
 * @example
 * ```ts
 * badInput('POST /studies', 'params.lr.low', 'must be a number', 'a'); // "POST /studies: `params.lr.low` must be a number but got 'a' (a string)."
 * ```
 */
export function badInput(where: string, option: string, constraint: string, got: unknown): string {
  return `${where}: \`${option}\` ${constraint} but got ${describeValue(got)}.`;
}

function integerConstraint(min: number, max: number): string {
  if (min === 0 && max === Number.MAX_SAFE_INTEGER) return 'must be a non-negative integer';
  if (min === 1 && max === Number.MAX_SAFE_INTEGER) return 'must be a positive integer';
  if (max === Number.MAX_SAFE_INTEGER) return `must be an integer >= ${min}`;
  if (min === Number.MIN_SAFE_INTEGER) return `must be an integer <= ${max}`;
  return `must be an integer in [${min}, ${max}]`;
}

/**
 * Checks that `v` is a safe integer in [min, max].
 * @returns `v`, typed.
 * @throws TypeError when `v` is not a number; RangeError when it is not a safe integer in range.
 * @example
 * ```ts
 * checkInteger('Grid.point', 'k', k, 0, size - 1);
 * ```
 * @internal
 */
export function checkInteger(
  where: string,
  option: string,
  v: unknown,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof v !== 'number') throw new TypeError(badInput(where, option, integerConstraint(min, max), v));
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new RangeError(badInput(where, option, integerConstraint(min, max), v));
  return v;
}

/** {@link checkInteger} over [0, 2^53). @internal */
export function checkNonNegativeInteger(where: string, option: string, v: unknown): number {
  return checkInteger(where, option, v, 0);
}

/** {@link checkInteger} over [1, 2^53). @internal */
export function checkPositiveInteger(where: string, option: string, v: unknown): number {
  return checkInteger(where, option, v, 1);
}

/**
 * Checks that `v` is a finite number (at least `min` when given).
 * @throws TypeError when `v` is not a number; RangeError when it is NaN, infinite or below `min`.
 * @internal
 */
export function checkFinite(where: string, option: string, v: unknown, min = -Infinity): number {
  const constraint =
    min === -Infinity
      ? 'must be a finite number'
      : min === 0
        ? 'must be a finite non-negative number'
        : `must be a finite number >= ${min}`;
  if (typeof v !== 'number') throw new TypeError(badInput(where, option, constraint, v));
  if (!Number.isFinite(v) || v < min) throw new RangeError(badInput(where, option, constraint, v));
  return v;
}

/**
 * Checks that `v` is a number >= 0 (Infinity allowed, NaN not): durations, limits.
 * @throws TypeError when `v` is not a number; RangeError when it is negative or NaN.
 * @internal
 */
export function checkNonNegative(where: string, option: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(badInput(where, option, 'must be a non-negative number', v));
  if (!(v >= 0)) throw new RangeError(badInput(where, option, 'must be a non-negative number', v));
  return v;
}

/** @throws TypeError when `v` is not a boolean. @internal */
export function checkBoolean(where: string, option: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(badInput(where, option, 'must be a boolean', v));
  return v;
}

/**
 * Checks that `v` is one of `choices` (compared with `===`).
 * @throws TypeError naming the choices otherwise.
 * @internal
 */
export function checkOneOf<const T>(where: string, option: string, v: unknown, choices: readonly T[]): T {
  if (choices.includes(v as T)) return v as T;
  const names = choices.map((c) => (typeof c === 'string' ? `'${c}'` : String(c)));
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  throw new TypeError(badInput(where, option, `must be ${list}`, v));
}

const JSON_DATA = 'must be plain JSON data (objects, arrays, strings, numbers, booleans, null)';

/**
 * Checks that `v` is plain JSON data, so it reads back the same from every journal: plain
 * objects, arrays, strings, numbers (±Infinity and NaN included, as Python's json writes them),
 * booleans and null. A Map, Set, Date, class instance, bigint, function, `undefined` or a cycle
 * would be stored as something else (a Map as `{}`), so it is refused with its path.
 * @param path - how the value is named in the message (the attribute key).
 * @throws TypeError naming the first offending value and where it is.
 * @internal
 */
export function checkJsonData(where: string, option: string, v: unknown, path: string): void {
  const bad = jsonProblem(v, path, new Set());
  if (bad !== null) throw new TypeError(`${where}: \`${option}\` ${JSON_DATA} but got ${bad.what} at \`${bad.path}\`.`);
}

function jsonProblem(v: unknown, path: string, open: Set<object>): { what: string; path: string } | null {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return null;
  if (typeof v !== 'object') return { what: describeValue(v), path };
  if (open.has(v)) return { what: 'a cyclic reference', path };
  const proto: unknown = Object.getPrototypeOf(v);
  const isArray = Array.isArray(v);
  if (!isArray && proto !== Object.prototype && proto !== null) return { what: describeValue(v), path };
  open.add(v);
  try {
    if (isArray) {
      for (let i = 0; i < v.length; i++) {
        const bad = jsonProblem(v[i], `${path}[${i}]`, open);
        if (bad !== null) return bad;
      }
    } else {
      for (const key of Object.keys(v)) {
        const bad = jsonProblem((v as Record<string, unknown>)[key], `${path}.${key}`, open);
        if (bad !== null) return bad;
      }
    }
  } finally {
    open.delete(v);
  }
  return null;
}
