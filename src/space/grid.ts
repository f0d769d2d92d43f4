import type { CategoricalChoice, Distribution, ParamValue } from './distributions.js';
import { nameRecord } from './record.js';
import { checkInteger } from '../validate.js';
import { describeValue } from '../errors.js';

/** An explicit grid: parameter name -> the values to try, like Optuna's `GridSampler` search space. */
export type GridSearchSpace = Readonly<Record<string, readonly CategoricalChoice[]>>;

/**
 * The cartesian product of value lists, enumerated in a fixed order: names sorted, the last name
 * varying fastest (like `itertools.product` over sorted names), values in the order given.
 * Point k is computed directly (mixed-radix digits of k), so nothing is materialised.
 *
 * @example
 * ```ts
 * const grid = new Grid({ b: [1, 2], a: ['x', 'y', 'z'] });
 * grid.size;     // 6
 * grid.point(0); // { a: 'x', b: 1 }
 * grid.point(1); // { a: 'x', b: 2 }
 * grid.indexOf({ a: 'z', b: 2 }); // 5
 * ```
 */
export class Grid {
  /** Parameter names, sorted. */
  readonly names: readonly string[];
  /** The values of each name, in `names` order. */
  readonly values: readonly (readonly CategoricalChoice[])[];
  /** The number of grid points. */
  readonly size: number;

  /**
   * @param searchSpace - name -> non-empty list of distinct values (strings, finite numbers,
   *   booleans or null).
   * @throws TypeError when a list is not an array, holds another kind of value, or repeats one;
   *   RangeError when a list is empty, the space has no names, or the grid has more than 2^53 points.
   */
  constructor(searchSpace: GridSearchSpace, where = 'Grid') {
    if (typeof searchSpace !== 'object' || searchSpace === null) {
      throw new TypeError(`${where}: \`searchSpace\` must be an object of value lists but got ${describeValue(searchSpace)}.`);
    }
    this.names = Object.freeze(Object.keys(searchSpace).sort());
    if (this.names.length === 0) throw new RangeError(`${where}: \`searchSpace\` needs at least one parameter but got none.`);
    this.values = Object.freeze(this.names.map((name) => Object.freeze(checkList(where, name, searchSpace[name]).slice())));
    let size = 1;
    for (const list of this.values) size *= list.length;
    if (size > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`${where}: \`searchSpace\` must have at most 2^53 - 1 points but got ${size}.`);
    }
    this.size = size;
  }

  /**
   * The grid point of index `k`.
   * @throws RangeError unless k is an integer in [0, size).
   */
  point(k: number): Record<string, ParamValue> {
    checkInteger('Grid.point', 'k', k, 0, this.size - 1);
    const digits = new Array<number>(this.names.length);
    let rest = k;
    for (let j = this.names.length - 1; j >= 0; j--) {
      digits[j] = rest % this.values[j].length;
      rest = Math.floor(rest / this.values[j].length);
    }
    const out = nameRecord<ParamValue>();
    this.names.forEach((name, j) => (out[name] = this.values[j][digits[j]]));
    return out;
  }

  /** The index of the point with these values (extra names are ignored), or -1 when it is not on the grid. */
  indexOf(params: Readonly<Record<string, ParamValue>>): number {
    let k = 0;
    for (let j = 0; j < this.names.length; j++) {
      if (!(this.names[j] in params)) return -1;
      const i = this.values[j].indexOf(params[this.names[j]] as CategoricalChoice);
      if (i === -1) return -1;
      k = k * this.values[j].length + i;
    }
    return k;
  }

  /** Every point, in index order. */
  *[Symbol.iterator](): IterableIterator<Record<string, ParamValue>> {
    for (let k = 0; k < this.size; k++) yield this.point(k);
  }
}

/**
 * Every value of a discrete distribution, in increasing order (choices in their order), to build a
 * grid from the distributions an objective suggests.
 * @param d - an int, stepped float or categorical distribution.
 * @param limit - the most values accepted. @defaultValue 1_000_000
 * @returns the values.
 * @throws TypeError for a continuous float distribution; RangeError when there are more than `limit`.
 * @example
 * ```ts
 * distributionValues(intDistribution('n', 2, 8, { step: 2 })); // [2, 4, 6, 8]
 * ```
 */
export function distributionValues(d: Distribution, limit = 1_000_000): ParamValue[] {
  if (d.kind === 'categorical') return d.choices.slice();
  if (d.step === null) {
    throw new TypeError(
      'distributionValues: `d` must be discrete (an int, a float with a step, or categorical) but got a continuous float.',
    );
  }
  const count = Math.round((d.high - d.low) / d.step) + 1;
  if (count > limit) throw new RangeError(`distributionValues: \`d\` must have at most ${limit} values but got ${count}.`);
  return Array.from({ length: count }, (_, i) => Math.min(d.high, d.low + i * d.step!));
}

function checkList(where: string, name: string, list: unknown): readonly CategoricalChoice[] {
  const at = `${where}: \`searchSpace.${name}\``;
  if (!Array.isArray(list)) throw new TypeError(`${at} must be an array of values but got ${describeValue(list)}.`);
  if (list.length === 0) throw new RangeError(`${at} needs at least one value but got an empty list.`);
  list.forEach((v: unknown, i) => {
    const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new TypeError(`${at} accepts strings, finite numbers, booleans or null but got ${describeValue(v)} at index ${i}.`);
    if (list.indexOf(v) !== i) throw new TypeError(`${at} needs distinct values but got ${describeValue(v)} twice.`);
  });
  return list as CategoricalChoice[];
}
