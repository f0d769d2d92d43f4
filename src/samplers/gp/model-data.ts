import { exactLog } from '../../core/exact-math.js';
import { BonitoError } from '../../errors.js';
import { sameDistribution, type CategoricalChoice, type ParamValue } from '../../space/distributions.js';
import { type SearchSpaceTransform, decodeValue, discreteCoordinates, encodeValue } from '../../space/transform.js';
import { nameRecord } from '../../space/record.js';
import { directionSign, type FrozenTrial, type Direction } from '../../trial/index.js';

/**
 * Turning trials into the GP's training data and the optimizer's answer back into parameters.
 *
 * Columns follow the transform: numeric parameters at their unit-cube coordinate, categorical
 * ones as the integer index of the choice (the GP compares those by equality: Hamming distance).
 * @internal
 */

/** Integer/step parameters with at most this many values are searched over their exact values. */
const MAX_DISCRETE_VALUES = 4096;

/** One row of model inputs for a parameter set. */
export function encodeRow(t: SearchSpaceTransform, params: Readonly<Record<string, ParamValue>>, out: Float64Array, offset: number): void {
  for (let j = 0; j < t.d; j++) {
    const d = t.distributions[j];
    const v = params[t.names[j]];
    out[offset + j] = d.kind === 'categorical' ? d.choices.indexOf(v as CategoricalChoice) : encodeValue(d, v);
  }
}

/** The parameter set of one row of model inputs. */
export function decodeRow(t: SearchSpaceTransform, x: ArrayLike<number>): Record<string, ParamValue> {
  const out = nameRecord<ParamValue>();
  for (let j = 0; j < t.d; j++) {
    const d = t.distributions[j];
    out[t.names[j]] = d.kind === 'categorical' ? d.choices[Math.round(x[j])] : decodeValue(d, x[j]);
  }
  return out;
}

/** The allowed values of each column for the acquisition optimizer (null: continuous). */
export function discreteColumns(t: SearchSpaceTransform): (Float64Array | null)[] {
  return t.distributions.map((d) =>
    d.kind === 'categorical' ? Float64Array.from(d.choices, (_, i) => i) : discreteCoordinates(d, MAX_DISCRETE_VALUES),
  );
}

/** Whether `params` holds a value for every parameter of the transform. */
export function hasEveryParam(t: SearchSpaceTransform, params: Readonly<Record<string, ParamValue>>): boolean {
  return t.names.every((n) => Object.hasOwn(params, n));
}

/**
 * Whether a finished trial can be a row of the model: it suggested every parameter of the
 * transform, each with the transform's own distribution (a value of another range or choice list
 * would encode to a wrong coordinate).
 */
export function fitsTransform(t: SearchSpaceTransform, trial: FrozenTrial): boolean {
  return t.names.every((n, j) => {
    const d = trial.distributions[n];
    return d !== undefined && Object.hasOwn(trial.params, n) && sameDistribution(d, t.distributions[j]);
  });
}

/**
 * Model inputs of `trials`, one row each, row-major. Every trial must hold every parameter: the
 * caller filters once (`fitsTransform`, `hasEveryParam`) and takes the targets from the same list,
 * so row i of x and entry i of y are always the same trial.
 * @throws BonitoError when a trial misses a parameter (a bug in the caller, never silently dropped).
 */
export function encodeTrials(t: SearchSpaceTransform, trials: readonly Pick<FrozenTrial, 'number' | 'params'>[]): Float64Array {
  const x = new Float64Array(trials.length * t.d);
  trials.forEach((trial, i) => {
    if (!hasEveryParam(t, trial.params)) {
      const missing = t.names.filter((n) => !Object.hasOwn(trial.params, n));
      throw new BonitoError(`GPSampler: trial ${trial.number} must hold every modelled parameter but misses ${missing.join(', ')}.`);
    }
    encodeRow(t, trial.params, x, i * t.d);
  });
  return x;
}

/** How objective values are transformed before the GP sees them (see `modelTargets`). */
export type OutputWarping = 'log-tail' | 'none';

/**
 * Objective values as the model sees them: larger is better (minimized values are negated), and
 * ±Infinity is clipped to the range of the finite values (0 when none is finite), so one
 * diverged trial cannot wreck the standardization.
 *
 * With `warping: 'log-tail'`, let r = c* − c be each value's distance from the best c*, and s the
 * distance from the best to the median (the range, or 1, when half the values tie with the best):
 *   r' = r                     for r <= s   (the better half is kept as it is)
 *   r' = s · (1 + log(r / s))  for r > s    (the worse half is log-compressed; C¹ at r = s)
 * and the model sees −r'. The map keeps the order of the trials and the shape of the objective
 * near the best, but a long tail of bad values (Rosenbrock spans 1e6) no longer dominates the
 * standardization, so the GP's stationary kernel can resolve the region that matters. Output
 * warping of this kind is what HEBO (Cowen-Rivers et al. 2022, https://arxiv.org/abs/2012.03826)
 * credits for much of its gain.
 */
export function modelTargets(values: readonly number[], direction: Direction, warping: OutputWarping = 'none'): Float64Array {
  // The model maximizes: larger is better.
  const sign = -directionSign(direction);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v * sign);
      hi = Math.max(hi, v * sign);
    }
  }
  if (lo > hi) lo = hi = 0;
  // NaN (which a study records as FAIL, so it should not reach here) counts as the worst value.
  const c = Float64Array.from(values, (v) => (Number.isNaN(v) ? lo : Math.min(hi, Math.max(lo, v * sign))));
  if (warping === 'none') return c;
  const sorted = Float64Array.from(c).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const s = hi - median > 0 ? hi - median : hi - lo > 0 ? hi - lo : 1;
  return c.map((v) => {
    const r = hi - v;
    return -(r <= s ? r : s * (1 + exactLog(r / s)));
  });
}
