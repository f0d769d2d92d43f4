/**
 * Acquisition functions over a Gaussian-process posterior: log expected improvement, expected
 * improvement and the upper confidence bound, for one candidate (numbers) or a batch (arrays),
 * evaluated in wasm by assembly/acquisition.ts.
 */
import { coreExports } from './loader.js';
import { ACQUISITION_EI, ACQUISITION_LOG_EI, ACQUISITION_UCB } from './exports.js';
import { withScratch } from './memory.js';
import { describeValue } from '../errors.js';

/** Which way the objective improves; the default, `'maximize'`, is the convention of Optuna's GP and BoTorch. */
export type AcquisitionDirection = 'maximize' | 'minimize';

/** Options shared by the acquisition functions. */
export interface AcquisitionOptions {
  /**
   * `'maximize'`: improvement is `mean − best`. `'minimize'`: improvement is `best − mean`, so
   * the function is computed on −f, and the upper confidence bound becomes −(μ − √(βv)).
   * @defaultValue 'maximize'
   */
  direction?: AcquisitionDirection;
}

/** A value with its gradient w.r.t. the posterior mean and variance. @internal */
export interface AcquisitionWithGradient {
  value: Float64Array;
  dMean: Float64Array;
  dVariance: Float64Array;
}

type Values = ArrayLike<number>;

/**
 * log EI = log E[max(f − best, 0)] for f ~ N(mean, variance), computed without underflow: finite
 * for every finite z = (mean − best)/σ down to about −1e154, where EI itself is 0 from z ≈ −38
 * (three-branch log h of Ament et al. 2023).
 *
 * @param mean - posterior mean(s) of the latent function.
 * @param variance - posterior variance(s), ≥ 0 (0 means the value is known: EI = max(mean − best, 0)).
 * @param best - the incumbent, the best value observed so far.
 * @param options - `direction` (default `'maximize'`).
 * @returns log EI, a number for number inputs or a Float64Array for arrays (−Inf where EI is exactly 0).
 * @throws RangeError on NaN/±Infinity, negative variance, or arrays of different lengths.
 * @throws TypeError when mean and variance are not both numbers or both arrays.
 * @example
 * ```ts
 * logExpectedImprovement(0, 1, 0);                                  // log φ(0) = -0.9189385332046727
 * logExpectedImprovement([0.2, 0.5], [0.01, 0.04], 1, { direction: 'minimize' });
 * ```
 */
export function logExpectedImprovement(mean: number, variance: number, best: number, options?: AcquisitionOptions): number;
export function logExpectedImprovement(mean: Values, variance: Values, best: number, options?: AcquisitionOptions): Float64Array;
export function logExpectedImprovement(
  mean: number | Values,
  variance: number | Values,
  best: number,
  options: AcquisitionOptions = {},
): number | Float64Array {
  return evaluate('logExpectedImprovement', ACQUISITION_LOG_EI, mean, variance, best, options);
}

/**
 * EI = E[max(f − best, 0)] = σ·(φ(z) + z·Φ(z)) for f ~ N(mean, variance), z = (mean − best)/σ.
 * Prefer `logExpectedImprovement` for optimization: EI underflows to 0 from z ≈ −38.
 *
 * @param mean - posterior mean(s) of the latent function.
 * @param variance - posterior variance(s), ≥ 0.
 * @param best - the incumbent.
 * @param options - `direction` (default `'maximize'`).
 * @returns EI ≥ 0, a number or a Float64Array.
 * @throws RangeError on NaN/±Infinity, negative variance, or arrays of different lengths.
 * @throws TypeError when mean and variance are not both numbers or both arrays.
 * @example
 * ```ts
 * expectedImprovement(0, 1, 0);   // φ(0) = 0.3989422804014327
 * ```
 */
export function expectedImprovement(mean: number, variance: number, best: number, options?: AcquisitionOptions): number;
export function expectedImprovement(mean: Values, variance: Values, best: number, options?: AcquisitionOptions): Float64Array;
export function expectedImprovement(
  mean: number | Values,
  variance: number | Values,
  best: number,
  options: AcquisitionOptions = {},
): number | Float64Array {
  return evaluate('expectedImprovement', ACQUISITION_EI, mean, variance, best, options);
}

/**
 * Upper confidence bound μ + √(β·v) (GP-UCB, Srinivas et al. 2010), the value to maximize; with
 * `direction: 'minimize'` it is −μ + √(β·v), the negated lower confidence bound.
 *
 * @param mean - posterior mean(s).
 * @param variance - posterior variance(s), ≥ 0.
 * @param beta - exploration weight β ≥ 0.
 * @param options - `direction` (default `'maximize'`).
 * @returns the bound, a number or a Float64Array.
 * @throws RangeError on NaN/±Infinity, negative variance or beta, or arrays of different lengths.
 * @throws TypeError when mean and variance are not both numbers or both arrays.
 * @example
 * ```ts
 * upperConfidenceBound(1, 4, 2.25);   // 1 + 1.5 * 2 = 4
 * ```
 */
export function upperConfidenceBound(mean: number, variance: number, beta: number, options?: AcquisitionOptions): number;
export function upperConfidenceBound(mean: Values, variance: Values, beta: number, options?: AcquisitionOptions): Float64Array;
export function upperConfidenceBound(
  mean: number | Values,
  variance: number | Values,
  beta: number,
  options: AcquisitionOptions = {},
): number | Float64Array {
  if (!(beta >= 0) || !Number.isFinite(beta)) {
    throw new RangeError(`upperConfidenceBound: \`beta\` must be finite and non-negative but got ${beta}.`);
  }
  return evaluate('upperConfidenceBound', ACQUISITION_UCB, mean, variance, beta, options);
}

/**
 * The batch kernel with gradients w.r.t. mean and variance, in the caller's direction (for
 * 'minimize', dMean is the derivative w.r.t. the original mean).
 * @internal
 */
export function acquisitionWithGradient(
  kind: 'logEI' | 'EI' | 'UCB',
  mean: Values,
  variance: Values,
  param: number,
  options: AcquisitionOptions = {},
): AcquisitionWithGradient {
  const code = kind === 'logEI' ? ACQUISITION_LOG_EI : kind === 'EI' ? ACQUISITION_EI : ACQUISITION_UCB;
  const sign = checkAll('acquisitionWithGradient', code, mean, variance, param, options);
  const m = mean.length;
  return withScratch((s) => {
    const pm = s.f64(m, sign === 1 ? mean : Array.from(mean, (v) => -v));
    const pv = s.f64(m, variance);
    const out = s.f64(m);
    const dm = s.f64(m);
    const dv = s.f64(m);
    coreExports().acquisition_eval(code, pm, pv, m, code === ACQUISITION_UCB ? param : sign * param, out, dm, dv);
    const dMean = s.takeF64(dm, m);
    if (sign === -1) for (let i = 0; i < m; i++) dMean[i] = -dMean[i]!;
    return { value: s.takeF64(out, m), dMean, dVariance: s.takeF64(dv, m) };
  });
}

function evaluate(
  where: string,
  code: number,
  mean: number | Values,
  variance: number | Values,
  param: number,
  options: AcquisitionOptions,
): number | Float64Array {
  const scalar = typeof mean === 'number';
  if (scalar !== (typeof variance === 'number')) {
    throw new TypeError(
      `${where}: \`mean\` and \`variance\` must both be numbers or both be arrays but got ${typeof mean} and ${typeof variance}.`,
    );
  }
  const meanArray = scalar ? [mean as number] : (mean as Values);
  const varianceArray = scalar ? [variance as number] : (variance as Values);
  const sign = checkAll(where, code, meanArray, varianceArray, param, options);
  const m = meanArray.length;
  const result = withScratch((s) => {
    const pm = s.f64(m, sign === 1 ? meanArray : Array.from(meanArray, (v) => -v));
    const pv = s.f64(m, varianceArray);
    const out = s.f64(m);
    coreExports().acquisition_eval(code, pm, pv, m, code === ACQUISITION_UCB ? param : sign * param, out, 0, 0);
    return s.takeF64(out, m);
  });
  return scalar ? result[0]! : result;
}

/** Validates everything once and returns +1 for 'maximize', −1 for 'minimize'. */
function checkAll(where: string, code: number, mean: Values, variance: Values, param: number, options: AcquisitionOptions): 1 | -1 {
  const direction = options.direction ?? 'maximize';
  if (direction !== 'maximize' && direction !== 'minimize') {
    throw new TypeError(`${where}: \`direction\` must be 'maximize' or 'minimize' but got ${describeValue(direction)}.`);
  }
  if (mean === null || typeof mean !== 'object' || typeof mean.length !== 'number') {
    throw new TypeError(`${where}: \`mean\` must be a number or an array of numbers but got ${describeValue(mean)}.`);
  }
  if (variance === null || typeof variance !== 'object' || typeof variance.length !== 'number') {
    throw new TypeError(`${where}: \`variance\` must be a number or an array of numbers but got ${describeValue(variance)}.`);
  }
  if (mean.length !== variance.length) {
    throw new RangeError(`${where}: \`variance\` must have the length of \`mean\` (${mean.length}) but got ${variance.length}.`);
  }
  if (code !== ACQUISITION_UCB && !Number.isFinite(param)) {
    throw new RangeError(`${where}: \`best\` must be a finite number but got ${param}.`);
  }
  for (let i = 0; i < mean.length; i++) {
    const mu = mean[i];
    const v = variance[i];
    if (typeof mu !== 'number' || !Number.isFinite(mu)) {
      throw new RangeError(`${where}: \`mean\` must be finite but got ${describeValue(mu)} at index ${i}.`);
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${where}: \`variance\` must be finite and non-negative but got ${describeValue(v)} at index ${i}.`);
    }
  }
  return direction === 'maximize' ? 1 : -1;
}
