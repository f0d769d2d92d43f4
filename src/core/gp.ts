import { coreExports } from './loader.js';
import { withScratch } from './memory.js';
import { defaultHyper, factorize, fitHyperSteps, type Factorization, type Hyper } from './gp-fit.js';
import { runSteps, type Steps } from './steps.js';
import { describeValue } from '../errors.js';

/** Prior on the hyperparameters for the MAP fit. */
export type GaussianProcessPrior = 'default' | 'dim-scaled' | 'gamma' | 'none';

/**
 * Kernel hyperparameters of a {@link GaussianProcess}. Variances are in units of the standardized
 * outputs ((y − mean)/std), as in scikit-learn with `normalize_y=True`.
 */
export interface GaussianProcessHyperparameters {
  /** One lengthscale per input dimension (> 0). */
  readonly lengthscales: ArrayLike<number>;
  /** Signal variance σ² of the Matérn kernel (> 0). */
  readonly signalVariance: number;
  /** Observation noise variance σ_n² (≥ 0). */
  readonly noiseVariance: number;
}

/** Options of {@link GaussianProcess.fit}. */
export interface GaussianProcessFitOptions {
  /** Input dimension: X holds y.length × d values, row-major. */
  d: number;
  /**
   * d flags; a flagged dimension holds integer category codes and is compared by equality
   * (Hamming distance), as in Optuna. @defaultValue all false
   */
  categorical?: ArrayLike<boolean>;
  /**
   * `'default'`: Optuna's priors (a shape on 1/ℓ² that keeps ℓ away from 0 and ∞, Gamma(2, 1) on
   * σ², Gamma(1.1, 30) on σ_n²). `'dim-scaled'`: ℓ ~ LogNormal(√2 + ½ log d, √3) (Hvarfner et al.
   * 2024), σ_n² ~ LogNormal(−4, 1), Gamma(2, 1) on σ². `'gamma'`: BoTorch 0.11's priors, ℓ ~
   * Gamma(3, 6), σ² ~ Gamma(2, 0.15), σ_n² ~ Gamma(1.1, 0.05) (shorter lengthscales while data
   * are few; see docs/gp-performance.md for where it helps). `'none'`: maximum likelihood.
   * @defaultValue 'default'
   */
  prior?: GaussianProcessPrior;
  /** Skip the fit and use these hyperparameters. */
  fixed?: GaussianProcessHyperparameters;
  /** Start the fit here (e.g. the previous model's hyperparameters) instead of the defaults. */
  warmStart?: GaussianProcessHyperparameters;
  /**
   * Start the fit at these d + 2 log-hyperparameters θ = (log ℓ_1..log ℓ_d, log σ²,
   * log(σ_n² − minNoiseVariance)), a previous fit's `GaussianProcessState.theta`: unlike
   * `warmStart`, it keeps a noise excess far below the floor. @internal
   */
  warmStartTheta?: ArrayLike<number>;
  /**
   * With `warmStart` or `warmStartTheta`, also fit from the default start and keep the better
   * MAP point (the default start then serves as a second start, not only as a fallback). @internal
   */
  multiStart?: boolean;
  /** Iteration limit of the run from the warm start. @defaultValue maxIterations @internal */
  warmStartMaxIterations?: number;
  /** Floor of the fitted noise variance, which keeps K + σ_n²I well conditioned. @defaultValue 1e-6 */
  minNoiseVariance?: number;
  /** L-BFGS iteration limit of the fit. @defaultValue 200 */
  maxIterations?: number;
}

/**
 * How the hyperparameters were obtained: `'fixed'` (given), `'converged'`, `'max-iterations'`,
 * `'stalled'` (no further decrease found; the best point is kept) or `'fallback'` (the fit failed
 * from every start and the defaults ℓ = 1, σ² = 1, σ_n² = 1 are used).
 */
export type GaussianProcessFitStatus = 'fixed' | 'converged' | 'max-iterations' | 'stalled' | 'fallback';

/** Posterior of the latent function (observation noise excluded), in the units of y. */
export interface GaussianProcessPrediction {
  mean: Float64Array;
  variance: Float64Array;
}

/** Everything the acquisition optimizer reads from a model. @internal */
export interface GaussianProcessState {
  readonly d: number;
  readonly n: number;
  readonly x: Float64Array;
  /** Standardized outputs. */
  readonly y: Float64Array;
  readonly yMean: number;
  readonly yScale: number;
  readonly cat: Int32Array;
  readonly hyper: Hyper;
  readonly factor: Factorization;
  /** The fit's log-hyperparameters (see `warmStartTheta`); null when fixed or fallback. */
  readonly theta: Float64Array | null;
  /** MAP objective evaluations the fit made (0 when fixed). */
  readonly fitEvaluations: number;
}

const states = new WeakMap<GaussianProcess, GaussianProcessState>();

/**
 * A Gaussian-process regression model: Matérn-5/2 ARD kernel (Hamming distance on categorical
 * dimensions), signal and noise variance, outputs standardized inside, hyperparameters fitted by
 * MAP with L-BFGS. Inputs are expected in [0, 1]^d (categorical dimensions: integer codes). All
 * numerics run in the wasm core, so a fit is bit-identical in every engine.
 *
 * @example
 * ```ts
 * await init();
 * const X = [0.1, 0.4, 0.5, 0.9];           // four points, d = 1
 * const gp = GaussianProcess.fit(X, [1.2, 0.3, 0.1, 0.8], { d: 1 });
 * const { mean, variance } = gp.predict([0.45, 0.7]);
 * gp.hyperparameters.lengthscales;           // fitted ℓ
 * ```
 */
export class GaussianProcess {
  /** Input dimension. */
  readonly d: number;
  /** Number of training points. */
  readonly n: number;
  /** log p(y | X, θ) of the standardized outputs at the final hyperparameters (scikit-learn's value). */
  readonly logMarginalLikelihood: number;
  /** The hyperparameters in use. */
  readonly hyperparameters: Readonly<{ lengthscales: readonly number[]; signalVariance: number; noiseVariance: number }>;
  /** How the hyperparameters were obtained. */
  readonly fitStatus: GaussianProcessFitStatus;
  /** L-BFGS iterations of the fit (0 for fixed or fallback hyperparameters). */
  readonly fitIterations: number;
  /** Diagonal jitter the Cholesky factorization needed on top of the noise (0 almost always). */
  readonly jitter: number;

  private constructor(state: GaussianProcessState, status: GaussianProcessFitStatus, iterations: number) {
    states.set(this, state);
    this.d = state.d;
    this.n = state.n;
    this.logMarginalLikelihood = state.factor.logMarginalLikelihood;
    this.hyperparameters = Object.freeze({
      lengthscales: Object.freeze(Array.from(state.hyper.lengthscales)),
      signalVariance: state.hyper.signalVariance,
      noiseVariance: state.hyper.noiseVariance,
    });
    this.fitStatus = status;
    this.fitIterations = iterations;
    this.jitter = state.factor.jitter;
  }

  /** `true` when the fit failed and the default hyperparameters are in use. */
  get usedDefaults(): boolean {
    return this.fitStatus === 'fallback';
  }

  /**
   * Fits a model to n points. Never throws on duplicated points or constant y: the noise floor, the
   * jitter ladder and the fallback to default hyperparameters absorb them (see `fitStatus`).
   *
   * @param X - n × d inputs, row-major, finite; categorical dimensions hold integer codes.
   * @param y - n finite outputs.
   * @param options - see {@link GaussianProcessFitOptions}.
   * @returns the fitted model.
   * @throws TypeError when an argument has the wrong kind (`X`, `y`, `categorical`, `prior`).
   * @throws RangeError on a shape mismatch, a non-finite value, a non-integer category code or a
   *   hyperparameter out of range; the message names the argument.
   * @example
   * ```ts
   * const gp = GaussianProcess.fit(X, y, { d: 2, categorical: [false, true], prior: 'dim-scaled' });
   * ```
   */
  static fit(X: ArrayLike<number>, y: ArrayLike<number>, options: GaussianProcessFitOptions): GaussianProcess {
    return runSteps(GaussianProcess.fitSteps(X, y, options));
  }

  /**
   * `fit` as a stepped computation (core/steps.ts) that pauses between likelihood evaluations, for
   * callers that must keep the event loop responsive. Same results as `fit`, bit for bit.
   * @internal
   */
  static *fitSteps(X: ArrayLike<number>, y: ArrayLike<number>, options: GaussianProcessFitOptions): Steps<GaussianProcess> {
    const where = 'GaussianProcess.fit';
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`${where}: \`options\` must be an object with \`d\` but got ${describeValue(options)}.`);
    }
    const d = options.d;
    if (!Number.isSafeInteger(d) || d < 1) throw new RangeError(`${where}: \`d\` must be a positive integer but got ${d}.`);
    const yy = finiteArray(where, 'y', y);
    const n = yy.length;
    if (n < 1) throw new RangeError(`${where}: \`y\` must hold at least one value but got 0.`);
    const cat = categoricalFlags(where, options.categorical, d);
    const x = inputs(where, 'X', X, d, cat);
    if (x.length !== n * d) {
      throw new RangeError(`${where}: \`X\` must hold y.length × d = ${n * d} values but got ${x.length}.`);
    }
    const prior = options.prior ?? 'default';
    if (prior !== 'default' && prior !== 'dim-scaled' && prior !== 'gamma' && prior !== 'none') {
      throw new TypeError(`${where}: \`prior\` must be 'default', 'dim-scaled', 'gamma' or 'none' but got ${describeValue(prior)}.`);
    }
    const minNoise = options.minNoiseVariance ?? 1e-6;
    if (!(minNoise >= 0 && Number.isFinite(minNoise))) {
      throw new RangeError(`${where}: \`minNoiseVariance\` must be finite and >= 0 but got ${minNoise}.`);
    }
    const maxIterations = options.maxIterations ?? 200;
    if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) {
      throw new RangeError(`${where}: \`maxIterations\` must be a positive integer but got ${maxIterations}.`);
    }
    const warmMaxIterations = options.warmStartMaxIterations ?? maxIterations;
    if (!Number.isSafeInteger(warmMaxIterations) || warmMaxIterations < 1) {
      throw new RangeError(`${where}: \`warmStartMaxIterations\` must be a positive integer but got ${warmMaxIterations}.`);
    }
    const starts = [options.fixed, options.warmStart, options.warmStartTheta].filter((v) => v !== undefined).length;
    if (starts > 1) {
      throw new TypeError(`${where}: \`fixed\`, \`warmStart\` and \`warmStartTheta\` cannot be combined but got ${starts} of them.`);
    }
    const fixed = options.fixed && hyperparameters(where, 'fixed', options.fixed, d);
    let warm: Hyper | Float64Array | undefined = options.warmStart && hyperparameters(where, 'warmStart', options.warmStart, d);
    if (options.warmStartTheta !== undefined) {
      warm = finiteArray(where, 'warmStartTheta', options.warmStartTheta);
      if (warm.length !== d + 2) {
        throw new RangeError(`${where}: \`warmStartTheta\` must hold d + 2 = ${d + 2} values but got ${warm.length}.`);
      }
    }

    const { mean, scale } = standardization(yy);
    const ys = yy.map((v) => (v - mean) / scale);
    let hyper: Hyper;
    let status: GaussianProcessFitStatus;
    let iterations = 0;
    let theta: Float64Array | null = null;
    let evaluations = 0;
    if (fixed) {
      hyper = fixed;
      status = 'fixed';
    } else {
      const fit = yield* fitHyperSteps(x, ys, d, cat, {
        prior,
        minNoiseVariance: minNoise,
        maxIterations,
        warmStart: warm,
        multiStart: options.multiStart === true,
        warmMaxIterations,
      });
      ({ hyper, outcome: status, iterations, theta, evaluations } = fit);
    }
    yield;
    let factor = factorize(x, ys, d, cat, hyper);
    if (!factor) {
      // Only reachable with fixed (or fitted but extreme) hyperparameters the jitter ladder cannot
      // rescue; the defaults (σ_n² = 1) always factor.
      hyper = defaultHyper(d);
      status = 'fallback';
      iterations = 0;
      theta = null;
      factor = factorize(x, ys, d, cat, hyper)!;
    }
    const state = { d, n, x, y: ys, yMean: mean, yScale: scale, cat, hyper, factor, theta, fitEvaluations: evaluations };
    return new GaussianProcess(state, status, iterations);
  }

  /**
   * Posterior mean and variance of the latent function (noise excluded) at m points, in the
   * units of y. Variances are clamped at 0 against rounding.
   *
   * @param Xc - m × d points, row-major, finite.
   * @returns `{ mean, variance }`, m values each.
   * @throws TypeError when `Xc` is not an array of numbers.
   * @throws RangeError when its length is not a multiple of d, or it holds NaN/±Infinity or
   *   non-integer category codes.
   * @example
   * ```ts
   * const { mean, variance } = gp.predict(new Float64Array([0.2, 0.7, 0.5, 0.5])); // d = 2, m = 2
   * ```
   */
  predict(Xc: ArrayLike<number>): GaussianProcessPrediction {
    const st = gaussianProcessState(this);
    const xc = inputs('GaussianProcess.predict', 'Xc', Xc, st.d, st.cat);
    const m = xc.length / st.d;
    const { mean, variance } = posteriorStandardized(st, xc);
    for (let i = 0; i < m; i++) {
      mean[i] = mean[i] * st.yScale + st.yMean;
      variance[i] *= st.yScale * st.yScale;
    }
    return { mean, variance };
  }
}

/** The internal state behind a model. @internal */
export function gaussianProcessState(gp: GaussianProcess): GaussianProcessState {
  const st = states.get(gp);
  if (!st) throw new TypeError('GaussianProcess: `this` must be a model made by GaussianProcess.fit but got another object.');
  return st;
}

/** Posterior mean and latent variance at validated rows `xc`, standardized units. @internal */
export function posteriorStandardized(st: GaussianProcessState, xc: Float64Array): GaussianProcessPrediction {
  const ex = coreExports();
  const { d, n } = st;
  const m = xc.length / d;
  return withScratch((s) => {
    const kp = s.f64(2 * d);
    ex.kernel_prepare(s.f64(d, st.hyper.lengthscales), s.i32(d, st.cat), d, kp);
    const mean = s.f64(m);
    const variance = s.f64(m);
    ex.gp_posterior(
      s.f64(n * d, st.x),
      n,
      d,
      kp,
      st.hyper.signalVariance,
      s.f64(n * n, st.factor.l),
      s.f64(n, st.factor.alpha),
      s.f64(m * d, xc),
      m,
      mean,
      variance,
      0,
      0,
      s.f64(ex.gp_posterior_work(n)),
    );
    return { mean: s.takeF64(mean, m), variance: s.takeF64(variance, m) };
  });
}

/** Mean and scale as scikit-learn's `normalize_y` takes them: population std, 1 when (near) 0. */
function standardization(y: Float64Array): { mean: number; scale: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let ss = 0;
  for (const v of y) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / y.length);
  return { mean, scale: std < 10 * Number.EPSILON ? 1 : std };
}

function finiteArray(where: string, name: string, values: ArrayLike<number>): Float64Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be an array of numbers but got ${describeValue(values)}.`);
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new TypeError(`${where}: \`${name}\` must hold numbers but got ${describeValue(v)} at index ${i}.`);
    if (!Number.isFinite(v)) throw new RangeError(`${where}: \`${name}\` must be finite but got ${v} at index ${i}.`);
    out[i] = v;
  }
  return out;
}

/** Validated inputs: finite, a whole number of rows, integer codes in categorical dimensions. @internal */
export function inputs(where: string, name: string, values: ArrayLike<number>, d: number, cat: Int32Array): Float64Array {
  const x = finiteArray(where, name, values);
  if (x.length % d !== 0) {
    throw new RangeError(`${where}: \`${name}\` must hold a multiple of d = ${d} values but got ${x.length}.`);
  }
  for (let i = 0; i < x.length; i++) {
    if (cat[i % d] && !Number.isInteger(x[i])) {
      throw new RangeError(
        `${where}: \`${name}\` must hold integer category codes in categorical dimension ${i % d} but got ${x[i]} at index ${i}.`,
      );
    }
  }
  return x;
}

function categoricalFlags(where: string, flags: ArrayLike<boolean> | undefined, d: number): Int32Array {
  const out = new Int32Array(d);
  if (flags === undefined) return out;
  if (flags === null || typeof flags !== 'object' || typeof flags.length !== 'number') {
    throw new TypeError(`${where}: \`categorical\` must be an array of d booleans but got ${describeValue(flags)}.`);
  }
  if (flags.length !== d) throw new RangeError(`${where}: \`categorical\` must hold d = ${d} flags but got ${flags.length}.`);
  for (let j = 0; j < d; j++) {
    if (typeof flags[j] !== 'boolean') {
      throw new TypeError(`${where}: \`categorical\` must hold booleans but got ${describeValue(flags[j])} at index ${j}.`);
    }
    out[j] = flags[j] ? 1 : 0;
  }
  return out;
}

function hyperparameters(where: string, name: string, h: GaussianProcessHyperparameters, d: number): Hyper {
  if (h === null || typeof h !== 'object') {
    throw new TypeError(`${where}: \`${name}\` must be an object of hyperparameters but got ${describeValue(h)}.`);
  }
  const ls = finiteArray(where, `${name}.lengthscales`, h.lengthscales);
  if (ls.length !== d) throw new RangeError(`${where}: \`${name}.lengthscales\` must hold d = ${d} values but got ${ls.length}.`);
  ls.forEach((l, j) => {
    if (!(l > 0)) throw new RangeError(`${where}: \`${name}.lengthscales\` must be > 0 but got ${l} at index ${j}.`);
  });
  const signal = h.signalVariance;
  if (!(typeof signal === 'number' && signal > 0 && Number.isFinite(signal))) {
    throw new RangeError(`${where}: \`${name}.signalVariance\` must be finite and > 0 but got ${signal}.`);
  }
  const noise = h.noiseVariance;
  if (!(typeof noise === 'number' && noise >= 0 && Number.isFinite(noise))) {
    throw new RangeError(`${where}: \`${name}.noiseVariance\` must be finite and >= 0 but got ${noise}.`);
  }
  return { lengthscales: ls, signalVariance: signal, noiseVariance: noise };
}
