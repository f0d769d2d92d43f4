/**
 * MAP fit of the GP hyperparameters and the factorization a fitted model keeps. Runs the MAP
 * objective of assembly/gp.ts under the strong-Wolfe L-BFGS of assembly/lbfgs.ts, with Optuna's
 * recovery ladder: warm start, else the default start, else the default hyperparameters unfitted.
 * @internal
 */
import { coreExports } from './loader.js';
import { GP_PRIOR_DEFAULT, GP_PRIOR_DIM_SCALED, GP_PRIOR_GAMMA, GP_PRIOR_NONE } from './exports.js';
import { withScratch, withScratchSteps } from './memory.js';
import { minimizeBatchSteps } from './lbfgs.js';
import { runSteps, type Steps } from './steps.js';

/** Hyperparameters in the units of the standardized outputs. @internal */
export interface Hyper {
  lengthscales: Float64Array;
  signalVariance: number;
  noiseVariance: number;
}

/** @internal */
export type FitOutcome = 'converged' | 'max-iterations' | 'stalled' | 'fallback';

/** @internal */
export interface FitSettings {
  prior: 'default' | 'dim-scaled' | 'gamma' | 'none';
  minNoiseVariance: number;
  maxIterations: number;
  /** Start here (θ coordinates, see `fitHyper`), else the default start. */
  warmStart?: Hyper | Float64Array;
  /** With a warm start, also run the default start and keep the lower objective. */
  multiStart?: boolean;
  /** Iteration limit of the run from the warm start. @defaultValue maxIterations */
  warmMaxIterations?: number;
}

/** A fit's result: θ is the optimizer's point, from which `hyper` derives (null for the fallback). @internal */
export interface FitResult {
  hyper: Hyper;
  theta: Float64Array | null;
  outcome: FitOutcome;
  iterations: number;
  /** Objective evaluations made, over every start tried. */
  evaluations: number;
}

const PRIOR_CODE = { none: GP_PRIOR_NONE, default: GP_PRIOR_DEFAULT, 'dim-scaled': GP_PRIOR_DIM_SCALED, gamma: GP_PRIOR_GAMMA } as const;

// Optuna's gradient tolerance for the same objective: the MAP point only needs to be good enough
// for the acquisition, and a looser tolerance saves O(n³) evaluations.
const GTOL = 1e-2;
const FTOL = 1e-10;
// From a warm start (the previous trial's optimum, one observation ago) the minimum is close: a
// first step of 0.1 in log units (10% on ℓ, σ²) saves the backtracking a unit step costs.
const WARM_FIRST_STEP = 0.1;

/** Start of the search and the fallback: ℓ = 1, σ² = 1, σ_n² = 1 (Optuna's defaults). @internal */
export function defaultHyper(d: number): Hyper {
  return { lengthscales: new Float64Array(d).fill(1), signalVariance: 1, noiseVariance: 1 };
}

/**
 * Maximizes log p(y|θ) + log p(θ) over θ = (log ℓ, log σ², log(σ_n² − floor)).
 * @param x - n × d inputs; `y` standardized outputs; `cat` d flags.
 * @internal
 */
export function fitHyper(x: Float64Array, y: Float64Array, d: number, cat: Int32Array, settings: FitSettings): FitResult {
  return runSteps(fitHyperSteps(x, y, d, cat, settings));
}

/** `fitHyper` as a stepped computation (steps.ts): pauses between likelihood evaluations. @internal */
export function* fitHyperSteps(x: Float64Array, y: Float64Array, d: number, cat: Int32Array, settings: FitSettings): Steps<FitResult> {
  // Without multiStart the default start runs only when the warm one fails (bad start or
  // non-finite result); with it, both run and the lower objective wins.
  const starts = settings.warmStart ? [settings.warmStart, defaultHyper(d)] : [defaultHyper(d)];
  let evaluations = 0;
  let best: Fit | null = null;
  for (const start of starts) {
    const run = yield* minimizeFrom(x, y, d, cat, settings, start);
    evaluations += run.evaluations;
    // Ties keep the warm start's point.
    if (run.fit && (best === null || run.fit.f < best.f)) best = run.fit;
    if (best && !settings.multiStart) break;
  }
  if (best) {
    const { f: _f, ...fit } = best;
    return { ...fit, evaluations };
  }
  return { hyper: defaultHyper(d), theta: null, outcome: 'fallback', iterations: 0, evaluations };
}

type Fit = Omit<FitResult, 'evaluations'> & { f: number };

function* minimizeFrom(
  x: Float64Array,
  y: Float64Array,
  d: number,
  cat: Int32Array,
  settings: FitSettings,
  start: Hyper | Float64Array,
): Steps<{ fit: Fit | null; evaluations: number }> {
  const ex = coreExports();
  const n = y.length;
  const p = d + 2;
  const floor = settings.minNoiseVariance;
  const warm = start === settings.warmStart;
  return yield* withScratchSteps(function* (s) {
    const px = s.f64(n * d, x);
    const py = s.f64(n, y);
    const pc = s.i32(d, cat);
    const work = s.f64(ex.gp_objective_work(n, d));
    const hyperPtr = s.f64(p);
    let theta0: number;
    if (start instanceof Float64Array) {
      // A θ start keeps what hyperparameters cannot: the noise's excess over the floor, which
      // rounds to 0 in σ_n² once it is far below the floor (a refit would walk back down to it).
      theta0 = s.f64(p, start);
    } else {
      s.viewF64(hyperPtr, p).set([...start.lengthscales, start.signalVariance, start.noiseVariance]);
      theta0 = s.f64(p);
      ex.gp_theta_from_hyper(hyperPtr, d, floor, theta0);
    }
    const result = yield* minimizeBatchSteps(
      s,
      s.takeF64(theta0, p),
      1,
      p,
      (theta, _count, f, g) => {
        s.viewF64(f, 1)[0] = ex.gp_objective(px, n, d, pc, py, theta, floor, PRIOR_CODE[settings.prior], work, g);
      },
      warm
        ? { gtol: GTOL, ftol: FTOL, maxIterations: settings.warmMaxIterations ?? settings.maxIterations, firstStep: WARM_FIRST_STEP }
        : { gtol: GTOL, ftol: FTOL, maxIterations: settings.maxIterations },
    );
    const status = result.status[0];
    const evaluations = result.rounds;
    if (status === 'bad-start' || !Number.isFinite(result.f[0])) return { fit: null, evaluations };
    const thetaPtr = s.f64(p, result.x);
    ex.gp_hyper_from_theta(thetaPtr, d, floor, hyperPtr);
    const h = s.takeF64(hyperPtr, p);
    if (!h.every((v) => Number.isFinite(v) && v > 0)) return { fit: null, evaluations };
    const outcome: FitOutcome = status === 'max-iterations' ? 'max-iterations' : status === 'line-search' ? 'stalled' : 'converged';
    const fit = {
      hyper: { lengthscales: h.slice(0, d), signalVariance: h[d], noiseVariance: h[d + 1] },
      theta: result.x.slice(0, p),
      outcome,
      iterations: result.iterations[0],
      f: result.f[0],
    };
    return { fit, evaluations };
  });
}

/** What a fitted model keeps besides its data. @internal */
export interface Factorization {
  l: Float64Array;
  alpha: Float64Array;
  logMarginalLikelihood: number;
  jitter: number;
}

/**
 * L, α and log p(y|X, h) for fixed hyperparameters, or null when even the jitter ladder fails.
 * @internal
 */
export function factorize(x: Float64Array, y: Float64Array, d: number, cat: Int32Array, h: Hyper): Factorization | null {
  const ex = coreExports();
  const n = y.length;
  return withScratch((s) => {
    const kp = s.f64(2 * d);
    ex.kernel_prepare(s.f64(d, h.lengthscales), s.i32(d, cat), d, kp);
    const l = s.f64(n * n);
    const alpha = s.f64(n);
    const jitter = s.f64(1);
    const lml = ex.gp_factor(s.f64(n * d, x), n, d, kp, h.signalVariance, h.noiseVariance, s.f64(n, y), l, alpha, s.f64(n * n), jitter);
    if (!Number.isFinite(lml)) return null;
    return { l: s.takeF64(l, n * n), alpha: s.takeF64(alpha, n), logMarginalLikelihood: lml, jitter: s.viewF64(jitter, 1)[0] };
  });
}
