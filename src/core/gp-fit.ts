/**
 * MAP fit of the GP hyperparameters and the factorization a fitted model keeps. Runs the MAP
 * objective of assembly/gp.ts under the strong-Wolfe L-BFGS of assembly/lbfgs.ts, with Optuna's
 * recovery ladder: warm start, else the default start, else the default hyperparameters unfitted.
 * @internal
 */
import { coreExports } from './loader.js';
import { withScratch } from './memory.js';
import { minimizeBatch } from './lbfgs.js';

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
  prior: 'default' | 'dim-scaled' | 'none';
  minNoiseVariance: number;
  maxIterations: number;
  warmStart?: Hyper;
}

const PRIOR_CODE = { none: 0, default: 1, 'dim-scaled': 2 } as const;

// Optuna's gradient tolerance for the same objective: the MAP point only needs to be good enough
// for the acquisition, and a looser tolerance saves O(n³) evaluations.
const GTOL = 1e-2;
const FTOL = 1e-10;

/** Start of the search and the fallback: ℓ = 1, σ² = 1, σ_n² = 1 (Optuna's defaults). */
export function defaultHyper(d: number): Hyper {
  return { lengthscales: new Float64Array(d).fill(1), signalVariance: 1, noiseVariance: 1 };
}

/**
 * Maximizes log p(y|θ) + log p(θ) over θ = (log ℓ, log σ², log(σ_n² − floor)).
 * @param x - n × d inputs; `y` standardized outputs; `cat` d flags.
 */
export function fitHyper(
  x: Float64Array, y: Float64Array, d: number, cat: Int32Array, settings: FitSettings,
): { hyper: Hyper; outcome: FitOutcome; iterations: number } {
  const starts = settings.warmStart ? [settings.warmStart, defaultHyper(d)] : [defaultHyper(d)];
  for (const start of starts) {
    const run = minimizeFrom(x, y, d, cat, settings, start);
    if (run) return run;
  }
  return { hyper: defaultHyper(d), outcome: 'fallback', iterations: 0 };
}

function minimizeFrom(
  x: Float64Array, y: Float64Array, d: number, cat: Int32Array, settings: FitSettings, start: Hyper,
): { hyper: Hyper; outcome: FitOutcome; iterations: number } | null {
  const ex = coreExports();
  const n = y.length;
  const p = d + 2;
  const floor = settings.minNoiseVariance;
  return withScratch((s) => {
    const px = s.f64(n * d, x);
    const py = s.f64(n, y);
    const pc = s.i32(d, cat);
    const work = s.f64(ex.gp_objective_work(n, d));
    const hyperPtr = s.f64(p, [...start.lengthscales, start.signalVariance, start.noiseVariance]);
    const theta0 = s.f64(p);
    ex.gp_theta_from_hyper(hyperPtr, d, floor, theta0);
    const result = minimizeBatch(
      s, s.takeF64(theta0, p), 1, p,
      (theta, _count, f, g) => {
        s.viewF64(f, 1)[0] = ex.gp_objective(px, n, d, pc, py, theta, floor, PRIOR_CODE[settings.prior], work, g);
      },
      { gtol: GTOL, ftol: FTOL, maxIterations: settings.maxIterations },
    );
    const status = result.status[0];
    if (status === 'bad-start' || !Number.isFinite(result.f[0])) return null;
    const thetaPtr = s.f64(p, result.x);
    ex.gp_hyper_from_theta(thetaPtr, d, floor, hyperPtr);
    const h = s.takeF64(hyperPtr, p);
    if (!h.every((v) => Number.isFinite(v) && v > 0)) return null;
    const outcome: FitOutcome =
      status === 'max-iterations' ? 'max-iterations' : status === 'line-search' ? 'stalled' : 'converged';
    return {
      hyper: { lengthscales: h.slice(0, d), signalVariance: h[d], noiseVariance: h[d + 1] },
      outcome,
      iterations: result.iterations[0],
    };
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
    const lml = ex.gp_factor(
      s.f64(n * d, x), n, d, kp, h.signalVariance, h.noiseVariance, s.f64(n, y), l, alpha, s.f64(n * n), jitter,
    );
    if (!Number.isFinite(lml)) return null;
    return { l: s.takeF64(l, n * n), alpha: s.takeF64(alpha, n), logMarginalLikelihood: lml, jitter: s.viewF64(jitter, 1)[0] };
  });
}
