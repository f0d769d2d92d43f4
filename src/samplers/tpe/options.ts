import { checkSeed } from '../../core/rng.js';

/** Options of `TPESampler` (Optuna's names in camelCase, Optuna's defaults). */
export interface TPESamplerOptions {
  /** Seed of this sampler's streams. @defaultValue the study seed */
  seed?: number | bigint;
  /** Finished (COMPLETE or PRUNED) trials drawn at random before the estimators take over. @defaultValue 10 */
  nStartupTrials?: number;
  /** Candidates drawn from the "good" estimator l(x), of which the best l(x)/g(x) is suggested. @defaultValue 24 */
  nEiCandidates?: number;
  /**
   * How many of the n finished trials are "good" (below): an integer in [0, n].
   * @defaultValue `defaultGamma`, min(⌈0.1·n⌉, 25)
   */
  gamma?: (n: number) => number;
  /**
   * Kernel weights of n observations, oldest first (non-negative, finite, not all zero); the
   * prior kernel is added with `priorWeight`. @defaultValue `defaultWeights`
   */
  weights?: (n: number) => ArrayLike<number>;
  /** Weight of the prior kernel (uniform-ish over the range, or over the choices). @defaultValue 1 */
  priorWeight?: number;
  /** Let the outermost kernels reach the bounds instead of their inner neighbour. @defaultValue false */
  considerEndpoints?: boolean;
  /** Keep every bandwidth above range / min(100, 1 + kernels) (hyperopt's "magic clip"). @defaultValue true */
  considerMagicClip?: boolean;
  /** Model the joint space with product kernels instead of one estimator per parameter. @defaultValue false */
  multivariate?: boolean;
  /**
   * With `multivariate`: split the space into groups of parameters that always appear together
   * (conditional spaces), each modelled jointly. @defaultValue false
   */
  group?: boolean;
  /**
   * Count running trials as the worst result (above), so parallel workers asking at once do not
   * all pick the same region. @defaultValue false
   */
  constantLiar?: boolean;
}

/**
 * Optuna's default number of "good" trials: min(⌈0.1·n⌉, 25), computed in floating point as
 * Optuna does (0.1·n, then the ceiling), so the split is Optuna's for every n.
 * @param n - the number of finished trials.
 * @returns how many of them form the "good" estimator.
 * @example
 * ```ts
 * defaultGamma(100); // 10
 * ```
 */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * hyperopt's number of "good" trials: min(⌈√n / 4⌉, 25).
 * @param n - the number of finished trials.
 * @returns how many of them form the "good" estimator.
 */
export function hyperoptDefaultGamma(n: number): number {
  return Math.min(Math.ceil(0.25 * Math.sqrt(n)), 25);
}

/**
 * Optuna's default kernel weights: all 1 up to 25 observations; beyond, the 25 newest weigh 1
 * and older ones ramp linearly from 1/n up to 1 (oldest lightest).
 * @param n - the number of observations.
 * @returns n weights, oldest first.
 * @example
 * ```ts
 * defaultWeights(3); // [1, 1, 1]
 * ```
 */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  const ramp = n - 25;
  if (ramp <= 0) return w;
  // n − 25 points evenly spaced from 1/n to 1 (numpy.linspace's endpoints).
  const start = 1 / n;
  if (ramp === 1) w[0] = start;
  else for (let i = 0; i < ramp; i++) w[i] = i === ramp - 1 ? 1 : start + i * ((1 - start) / (ramp - 1));
  return w;
}

/** Options after validation. @internal */
export interface ResolvedTPEOptions {
  readonly seed: bigint | undefined;
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly gamma: (n: number) => number;
  readonly weights: (n: number) => ArrayLike<number>;
  readonly priorWeight: number;
  readonly considerEndpoints: boolean;
  readonly considerMagicClip: boolean;
  readonly multivariate: boolean;
  readonly group: boolean;
  readonly constantLiar: boolean;
}

function integer(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number') throw new TypeError(`TPESampler: \`${name}\` must be a number but got ${String(v)}.`);
  if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`TPESampler: \`${name}\` must be an integer >= ${min} but got ${v}.`);
  return v;
}

function flag(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`TPESampler: \`${name}\` must be a boolean but got ${String(v)}.`);
  return v;
}

function fn<T>(name: string, v: unknown): T {
  if (typeof v !== 'function') throw new TypeError(`TPESampler: \`${name}\` must be a function but got ${String(v)}.`);
  return v as T;
}

/** Validates `options` in the house error form. @internal */
export function resolveOptions(options: TPESamplerOptions): ResolvedTPEOptions {
  const priorWeight = options.priorWeight ?? 1;
  if (typeof priorWeight !== 'number' || !Number.isFinite(priorWeight) || priorWeight <= 0) {
    throw new RangeError(`TPESampler: \`priorWeight\` must be a finite number > 0 but got ${String(priorWeight)}.`);
  }
  const multivariate = flag('multivariate', options.multivariate ?? false);
  const group = flag('group', options.group ?? false);
  if (group && !multivariate) {
    throw new RangeError('TPESampler: `group` needs `multivariate: true` but got multivariate false.');
  }
  return {
    seed: options.seed === undefined ? undefined : checkSeed('TPESampler', options.seed),
    nStartupTrials: integer('nStartupTrials', options.nStartupTrials ?? 10, 0),
    nEiCandidates: integer('nEiCandidates', options.nEiCandidates ?? 24, 1),
    gamma: fn('gamma', options.gamma ?? defaultGamma),
    weights: fn('weights', options.weights ?? defaultWeights),
    priorWeight,
    considerEndpoints: flag('considerEndpoints', options.considerEndpoints ?? false),
    considerMagicClip: flag('considerMagicClip', options.considerMagicClip ?? true),
    multivariate,
    group,
    constantLiar: flag('constantLiar', options.constantLiar ?? false),
  };
}

/** `gamma(n)` checked: an integer in [0, n]. @internal */
export function nBelow(gamma: (n: number) => number, n: number): number {
  const k = gamma(n);
  if (!Number.isSafeInteger(k) || k < 0 || k > n) {
    throw new RangeError(`TPESampler: \`gamma\` must return an integer in [0, ${n}] for n = ${n} but got ${String(k)}.`);
  }
  return k;
}

/** `weights(n)` checked and copied: n non-negative finite values, not all zero. @internal */
export function kernelWeights(weights: (n: number) => ArrayLike<number>, n: number): Float64Array {
  const w = weights(n);
  if (w === null || typeof w !== 'object' || typeof w.length !== 'number' || w.length < n) {
    throw new RangeError(`TPESampler: \`weights\` must return at least ${n} values for n = ${n} but got ${String(w)}.`);
  }
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`TPESampler: \`weights\` must return finite values >= 0 but got ${String(v)} at index ${i} for n = ${n}.`);
    }
    out[i] = v;
    sum += v;
  }
  if (n > 0 && sum <= 0) throw new RangeError(`TPESampler: \`weights\` must not return all zeros but did for n = ${n}.`);
  return out;
}
