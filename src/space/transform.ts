import { exactExp, exactLog } from '../core/exact-math.js';
import type { CategoricalChoice, Distribution, ParamValue, SearchSpace } from './distributions.js';
import { nameRecord } from './record.js';
import { describeValue } from '../errors.js';

/**
 * Encoding of parameter values to the unit cube and back (Optuna's `_SearchSpaceTransform`, with
 * categoricals kept as one column each so a model can use a Hamming distance on them).
 *
 * One column per parameter, every column in [0, 1]:
 * - float: (v − low) / (high − low); log floats do the same on log v.
 * - int and stepped float: the range is padded by half a step on each side,
 *   [low − step/2, high + step/2], so each grid value owns an interval of equal width and decoding
 *   rounds back to the grid (log ints pad by 1/2 before taking logs).
 * - categorical with k choices: choice i is the centre (i + 1/2) / k of its stratum, and any u
 *   decodes to the choice floor(u · k) (stratified, so a Sobol column spreads over the choices).
 *
 * Decoding accepts any u in [0, 1] (values outside are clamped) and always returns a value the
 * distribution contains.
 */

/**
 * Where `value` lies in [0, 1] for `d`.
 * @param d - the distribution.
 * @param value - a value of `d` (external representation).
 * @returns the encoded coordinate.
 * @throws RangeError when a categorical value is not among the choices.
 * @example
 * ```ts
 * encodeValue(intDistribution('n', 0, 3), 0); // 0.125: the centre of [−0.5, 0.5] in [−0.5, 3.5]
 * ```
 */
export function encodeValue(d: Distribution, value: ParamValue): number {
  if (d.kind === 'categorical') {
    const i = d.choices.indexOf(value as CategoricalChoice);
    if (i === -1) throw new RangeError(`encodeValue: \`value\` must be one of the choices but got ${describeValue(value)}.`);
    return (i + 0.5) / d.choices.length;
  }
  const [a, b] = paddedBounds(d);
  if (a === b) return 0.5;
  const v = d.log ? exactLog(value as number) : (value as number);
  // Halving first keeps a range wider than the largest double (−1.7e308..1.7e308) finite.
  return clamp01(Number.isFinite(b - a) ? (v - a) / (b - a) : (v / 2 - a / 2) / (b / 2 - a / 2));
}

/**
 * The value of `d` at coordinate `u`.
 * @param d - the distribution.
 * @param u - a coordinate, clamped to [0, 1].
 * @returns a value `d` contains.
 * @example
 * ```ts
 * decodeValue(categoricalDistribution('c', ['a', 'b', 'c']), 0.5); // 'b'
 * ```
 */
export function decodeValue(d: Distribution, u: number): ParamValue {
  const t = clamp01(u);
  if (d.kind === 'categorical') return d.choices[Math.min(d.choices.length - 1, Math.floor(t * d.choices.length))];
  const [a, b] = paddedBounds(d);
  // exp(log(low)) need not be low: give the ends exactly.
  if (d.step === null && (t === 0 || t === 1)) return t === 0 ? d.low : d.high;
  // high − low overflows to Infinity beyond ±8.9e307; the convex form cannot overflow, and the
  // usual form is kept otherwise so trajectories stay bit-identical.
  let v = Number.isFinite(b - a) ? a + t * (b - a) : a * (1 - t) + b * t;
  if (d.log) v = exactExp(v);
  const step = d.step;
  if (step !== null) {
    // Snap to the grid counted from low, so the result is low + k·step exactly for ints.
    const k = Math.round((v - d.low) / step);
    v = d.low + k * step;
  }
  return Math.min(d.high, Math.max(d.low, v));
}

/**
 * The encoded coordinates of every value of a discrete distribution (ints, stepped floats,
 * categoricals), in increasing order; `null` for continuous floats or when there are more than
 * `limit` values. An acquisition optimizer can search these exhaustively.
 * @param d - the distribution.
 * @param limit - the largest count returned.
 * @returns the coordinates, or null.
 * @example
 * ```ts
 * discreteCoordinates(categoricalDistribution('c', [1, 2]), 16); // Float64Array [0.25, 0.75]
 * ```
 */
export function discreteCoordinates(d: Distribution, limit: number): Float64Array | null {
  if (d.kind === 'categorical') {
    const k = d.choices.length;
    return k > limit ? null : Float64Array.from({ length: k }, (_, i) => (i + 0.5) / k);
  }
  if (d.step === null) return null;
  const count = Math.round((d.high - d.low) / d.step) + 1;
  if (count > limit) return null;
  return Float64Array.from({ length: count }, (_, i) => encodeValue(d, Math.min(d.high, d.low + i * d.step!)));
}

/**
 * A fixed column order over a search space, encoding whole parameter sets as rows.
 *
 * @example
 * ```ts
 * const t = new SearchSpaceTransform({ lr: floatDistribution('lr', 1e-4, 1, { log: true }), act: categoricalDistribution('act', ['relu', 'tanh']) });
 * const row = t.encode({ lr: 0.01, act: 'tanh' }); // Float64Array [0.5, 0.75]
 * t.decode(row);                                    // { lr: 0.01 (to rounding), act: 'tanh' }
 * t.categorical;                                    // [false, true]
 * ```
 */
export class SearchSpaceTransform {
  /** Parameter names, in column order (the order of the space's keys). */
  readonly names: readonly string[];
  /** The distribution of each column. */
  readonly distributions: readonly Distribution[];
  /** True for categorical columns (compare them with a Hamming distance, not |x − y|). */
  readonly categorical: readonly boolean[];

  /** @param space - the search space; its key order becomes the column order. */
  constructor(space: SearchSpace) {
    this.names = Object.freeze(Object.keys(space));
    this.distributions = Object.freeze(this.names.map((n) => space[n]));
    this.categorical = Object.freeze(this.distributions.map((d) => d.kind === 'categorical'));
  }

  /** The number of columns. */
  get d(): number {
    return this.names.length;
  }

  /**
   * Encodes one parameter set (every name of the space must be present).
   * @throws RangeError when a parameter is missing.
   */
  encode(params: Readonly<Record<string, ParamValue>>, out = new Float64Array(this.d), offset = 0): Float64Array {
    for (let j = 0; j < this.d; j++) {
      const name = this.names[j];
      if (!(name in params)) {
        throw new RangeError(`SearchSpaceTransform.encode: \`params\` must include every parameter of the space but got no \`${name}\`.`);
      }
      out[offset + j] = encodeValue(this.distributions[j], params[name]);
    }
    return out;
  }

  /** Decodes one row (from `offset` in `x`) to a parameter set. */
  decode(x: ArrayLike<number>, offset = 0): Record<string, ParamValue> {
    const params = nameRecord<ParamValue>();
    for (let j = 0; j < this.d; j++) params[this.names[j]] = decodeValue(this.distributions[j], x[offset + j]);
    return params;
  }

  /** Rounds a row in place to the coordinates of the values it decodes to. */
  snap(x: Float64Array, offset = 0): Float64Array {
    for (let j = 0; j < this.d; j++) {
      const d = this.distributions[j];
      x[offset + j] = encodeValue(d, decodeValue(d, x[offset + j]));
    }
    return x;
  }
}

/** The interval mapped onto [0, 1], in log space for log distributions. */
function paddedBounds(d: Exclude<Distribution, { kind: 'categorical' }>): [number, number] {
  const half = d.step === null ? 0 : d.step / 2;
  const a = d.low - half;
  const b = d.high + half;
  return d.log ? [exactLog(a), exactLog(b)] : [a, b];
}

function clamp01(u: number): number {
  return u > 0 ? Math.min(u, 1) : 0;
}
