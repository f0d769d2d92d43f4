import { exactExp, exactLog } from '../../core/exact-math.js';
import type { Distribution } from '../../space/distributions.js';
import { logCentredMass, logIntervalMass, truncnormDraw } from './truncnorm.js';

/** What shapes the kernels (TPESampler's options of the same names). @internal */
export interface ParzenOptions {
  readonly priorWeight: number;
  readonly considerEndpoints: boolean;
  readonly considerMagicClip: boolean;
  /** One bandwidth per dimension by Scott's rule (joint model) instead of neighbour distances. */
  readonly multivariate: boolean;
}

const EPS = 1e-12;
/** log √(2π), written out: `Math.log` is not bit-identical across engines. */
const LOG_SQRT_2PI = 0.9189385332046727;
/** log of a mixture term too small to matter next to the largest (see logPdf). */
const NEGLIGIBLE = -50;
/** Standard deviations beyond which a kernel's mass on a grid interval is left out (see addKernelLogPdf). */
const FAR = 20;

/**
 * Where a numeric parameter's kernels live: the value itself, or its log for log parameters.
 * A discrete parameter (int, stepped float) owns [v − step/2, v + step/2] around each grid value,
 * so its kernels are measured by their mass on that interval (both as Optuna does).
 */
interface NumericScale {
  readonly kind: 'numeric';
  readonly distribution: Exclude<Distribution, { kind: 'categorical' }>;
  readonly low: number;
  readonly high: number;
  readonly step: number | null;
  readonly log: boolean;
}

interface CategoricalScale {
  readonly kind: 'categorical';
  readonly k: number;
}

type Scale = NumericScale | CategoricalScale;

function scaleOf(d: Distribution): Scale {
  if (d.kind === 'categorical') return { kind: 'categorical', k: d.choices.length };
  const half = d.step === null ? 0 : d.step / 2;
  const t = (v: number) => (d.log ? exactLog(v) : v);
  return { kind: 'numeric', distribution: d, low: t(d.low - half), high: t(d.high + half), step: d.step, log: d.log };
}

/** Per-parameter kernels: means and bandwidths (numeric) or choice probabilities (categorical). */
type Kernels =
  | { kind: 'numeric'; scale: NumericScale; mus: Float64Array; sigmas: Float64Array; logSigmas: Float64Array; logZ: Float64Array }
  | { kind: 'categorical'; k: number; logProbs: Float64Array /* row-major kernels × k */ };

/**
 * A Parzen estimator over one or more parameters (Bergstra et al. 2011, Optuna's
 * `_ParzenEstimator`): a weighted mixture of product kernels, one kernel per observation plus a
 * prior kernel, truncated Gaussians over numeric parameters (in log space for log parameters)
 * and smoothed one-hot distributions over categorical ones.
 *
 * Observations and samples are columns, one per parameter in `space` order: the external value
 * for numeric parameters, the choice index for categorical ones. @internal
 */
export class ParzenEstimator {
  /** log of the normalized mixture weights, observations first, prior last. */
  readonly logWeights: Float64Array;
  readonly #weights: Float64Array;
  readonly #kernels: Kernels[];

  /**
   * @param space - the parameters modelled, in column order.
   * @param observations - one column per parameter, all of the same length n.
   * @param weights - n non-negative kernel weights (oldest first), not all zero unless n = 0.
   * @param options - prior weight, bandwidth rules.
   */
  constructor(space: readonly Distribution[], observations: readonly ArrayLike<number>[], weights: Float64Array, options: ParzenOptions) {
    const n = weights.length;
    const w = new Float64Array(n + 1);
    w.set(weights);
    w[n] = n === 0 ? 1 : options.priorWeight;
    let sum = 0;
    for (const v of w) sum += v;
    for (let i = 0; i <= n; i++) w[i] /= sum;
    this.#weights = w;
    this.logWeights = w.map(exactLog);
    this.#kernels = space.map((d, j) => {
      const scale = scaleOf(d);
      return scale.kind === 'categorical'
        ? categoricalKernels(scale.k, observations[j], options.priorWeight)
        : numericKernels(scale, observations[j], space.length, options);
    });
  }

  /** Number of mixture components (observations + the prior). */
  get size(): number {
    return this.#weights.length;
  }

  /**
   * `count` draws from the mixture.
   * @param uniforms - count · (1 + parameters) uniforms in [0, 1): one picks the component,
   *   one per parameter draws within it.
   * @returns one column per parameter (values on each parameter's grid and within its bounds).
   */
  sample(uniforms: Float64Array, count: number): Float64Array[] {
    const d = this.#kernels.length;
    const cdf = cumulative(this.#weights);
    const columns = this.#kernels.map(() => new Float64Array(count));
    for (let c = 0; c < count; c++) {
      const base = c * (1 + d);
      const k = pick(cdf, 0, cdf.length, uniforms[base]);
      this.#kernels.forEach((kern, j) => {
        const u = uniforms[base + 1 + j];
        if (kern.kind === 'categorical') {
          const probs = Float64Array.from({ length: kern.k }, (_, i) => exactExp(kern.logProbs[k * kern.k + i]));
          columns[j][c] = pick(cumulative(probs), 0, kern.k, u);
        } else {
          const s = kern.scale;
          columns[j][c] = toValue(s, truncnormDraw(kern.mus[k], kern.sigmas[k], s.low, s.high, u));
        }
      });
    }
    return columns;
  }

  /**
   * log density of the mixture at each sample (for discrete parameters: log probability of the
   * grid value, the kernel mass on its interval).
   * @param samples - one column per parameter, as `sample` returns.
   */
  logPdf(samples: readonly Float64Array[]): Float64Array {
    const m = samples.length === 0 ? 0 : samples[0].length;
    const nk = this.#weights.length;
    // acc[c·nk + k]: log of weight k times kernel k's density at sample c.
    const acc = new Float64Array(m * nk);
    for (let c = 0; c < m; c++) acc.set(this.logWeights, c * nk);
    this.#kernels.forEach((kern, j) => addKernelLogPdf(kern, samples[j], acc, nk));
    const out = new Float64Array(m);
    for (let c = 0; c < m; c++) {
      let max = -Infinity;
      for (let k = 0; k < nk; k++) max = Math.max(max, acc[c * nk + k]);
      if (max === -Infinity) {
        out[c] = -Infinity;
        continue;
      }
      let s = 0;
      for (let k = 0; k < nk; k++) {
        const t = acc[c * nk + k] - max;
        // Terms below e^−50 change a sum that holds a 1 by less than its rounding (one per kernel,
        // so under 1e-18 relative for 10^4 kernels): skipping their exp is most of the speed of
        // a large mixture, where a candidate sits far out in most kernels.
        if (t > NEGLIGIBLE) s += exactExp(t);
      }
      out[c] = max + exactLog(s);
    }
    return out;
  }
}

function cumulative(p: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s += p[i];
  return cdf;
}

/** The first index in [from, to) whose cumulative probability exceeds u·total (the last one otherwise). */
function pick(cdf: Float64Array, from: number, to: number, u: number): number {
  const target = u * cdf[to - 1];
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Kernel-space coordinate of an external value. */
function toKernel(s: NumericScale, v: number): number {
  return s.log ? exactLog(v) : v;
}

/** The external value of a kernel-space point: back from log, snapped to the grid, within bounds. */
function toValue(s: NumericScale, x: number): number {
  const d = s.distribution;
  let v = s.log ? exactExp(x) : x;
  if (d.step !== null) v = d.low + Math.round((v - d.low) / d.step) * d.step;
  return Math.min(d.high, Math.max(d.low, v));
}

function categoricalKernels(k: number, observed: ArrayLike<number>, priorWeight: number): Kernels {
  const n = observed.length;
  const logProbs = new Float64Array((n + 1) * k);
  // Every kernel spreads priorWeight/(n+1) over all choices plus 1 on its observed choice; the
  // prior kernel (last row) is uniform.
  const base = priorWeight / (n + 1);
  for (let r = 0; r <= n; r++) {
    const hit = r < n ? observed[r] : -1;
    const total = base * k + (r < n ? 1 : 0);
    for (let i = 0; i < k; i++) logProbs[r * k + i] = exactLog((base + (i === hit ? 1 : 0)) / total);
  }
  return { kind: 'categorical', k, logProbs };
}

function numericKernels(s: NumericScale, observed: ArrayLike<number>, nParams: number, options: ParzenOptions): Kernels {
  const n = observed.length;
  const range = s.high - s.low;
  const mus = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) mus[i] = toKernel(s, observed[i]);
  mus[n] = 0.5 * (s.low + s.high);
  const sigmas = new Float64Array(n + 1);
  if (options.multivariate) {
    // Scott's rule, as in BOHB: one bandwidth for every kernel of this dimension.
    sigmas.fill(0.2 * Math.max(n, 1) ** (-1 / (nParams + 4)) * range);
  } else {
    neighbourBandwidths(mus, s.low, s.high, options.considerEndpoints, sigmas);
  }
  const minSigma = options.considerMagicClip ? range / Math.min(100, 1 + (n + 1)) : EPS;
  for (let i = 0; i < n; i++) sigmas[i] = Math.min(range, Math.max(minSigma, sigmas[i]));
  sigmas[n] = range;
  const logSigmas = sigmas.map(exactLog);
  const logZ = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) logZ[i] = logCentredMass((s.low - mus[i]) / sigmas[i], (s.high - mus[i]) / sigmas[i]);
  return { kind: 'numeric', scale: s, mus, sigmas, logSigmas, logZ };
}

/**
 * Each kernel's bandwidth is the larger distance to its neighbours among the sorted means (the
 * prior's centre included) with the bounds as outer neighbours; without `considerEndpoints` the
 * outermost kernels use their inner distance only.
 */
function neighbourBandwidths(mus: Float64Array, low: number, high: number, considerEndpoints: boolean, out: Float64Array): void {
  const m = mus.length;
  // The kernels in increasing order of mean, ties in index order (a stable argsort): sort the
  // means as a typed array, then give each kernel the first free slot of its value.
  const sorted = Float64Array.from(mus).sort();
  const taken = new Uint8Array(m);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < mus[i]) lo = mid + 1;
      else hi = mid;
    }
    while (taken[lo]) lo++;
    taken[lo] = 1;
    order[lo] = i;
  }
  const at = (r: number) => (r < 0 ? low : r >= m ? high : mus[order[r]]);
  for (let r = 0; r < m; r++) out[order[r]] = Math.max(at(r) - at(r - 1), at(r + 1) - at(r));
  if (!considerEndpoints && m >= 2) {
    out[order[0]] = at(1) - at(0);
    out[order[m - 1]] = at(m - 1) - at(m - 2);
  }
}

function addKernelLogPdf(kern: Kernels, column: Float64Array, acc: Float64Array, nk: number): void {
  const m = column.length;
  if (kern.kind === 'categorical') {
    for (let c = 0; c < m; c++) {
      const i = column[c];
      for (let k = 0; k < nk; k++) acc[c * nk + k] += kern.logProbs[k * kern.k + i];
    }
    return;
  }
  const { scale: s, mus, sigmas, logSigmas, logZ } = kern;
  if (s.step === null) {
    for (let c = 0; c < m; c++) {
      const x = toKernel(s, column[c]);
      for (let k = 0; k < nk; k++) {
        const z = (x - mus[k]) / sigmas[k];
        acc[c * nk + k] += -0.5 * z * z - logSigmas[k] - LOG_SQRT_2PI - logZ[k];
      }
    }
    return;
  }
  // Discrete: the kernel's mass on the grid value's interval, cut to the bounds. Only pairs whose
  // interval comes within FAR deviations of the kernel's centre go to the (costly) special
  // functions; a farther one has mass below Φ(−20) ≈ 3e-89, negligible next to the prior
  // kernel's term (the prior spans the range, so every value is within a deviation of its centre,
  // and a clipped bandwidth is at least 1/100 of the prior's: even a 20-D product of such ratios
  // leaves the dropped term below 1e-40 of the prior's).
  const lo: number[] = [];
  const hi: number[] = [];
  const at: number[] = [];
  const half = s.step / 2;
  for (let c = 0; c < m; c++) {
    const a = Math.max(toKernel(s, column[c] - half), s.low);
    const b = Math.min(toKernel(s, column[c] + half), s.high);
    for (let k = 0; k < nk; k++) {
      const zlo = (a - mus[k]) / sigmas[k];
      const zhi = (b - mus[k]) / sigmas[k];
      if (zlo > FAR || zhi < -FAR) {
        acc[c * nk + k] = -Infinity;
        continue;
      }
      lo.push(zlo);
      hi.push(zhi);
      at.push(c * nk + k);
    }
  }
  const mass = logIntervalMass(Float64Array.from(lo), Float64Array.from(hi));
  for (let i = 0; i < at.length; i++) acc[at[i]] += mass[i] - logZ[at[i] % nk];
}
