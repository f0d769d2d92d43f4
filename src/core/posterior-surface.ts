/**
 * Acquisition surfaces over a fitted GP held in wasm scratch memory: the model conditioned on the
 * pending points once, then evaluated in batches by the acquisition search (logEI of the
 * objective, log probability of feasibility of a constraint, and their sum).
 * @internal
 */
import { coreExports } from './loader.js';
import { withScratch, type Scratch } from './memory.js';
import type { GaussianProcessState } from './gp.js';
import type { AcquisitionSurface } from './acquisition-local-search.js';

/** A factored GP in wasm memory (pointers into a scratch scope). @internal */
export interface ModelInMemory {
  readonly d: number;
  readonly n: number;
  readonly x: number;
  readonly l: number;
  readonly alpha: number;
  readonly kp: number;
  readonly signal: number;
}

/**
 * Copies the model into `s` and extends its factor by the k pending points (rows of `pending`)
 * believed at the standardized value `lie` (NaN: at the posterior mean, kriging believer).
 * @internal
 */
export function conditionedModel(s: Scratch, st: GaussianProcessState, pending: Float64Array, lie: number): ModelInMemory {
  const ex = coreExports();
  const { d } = st;
  const kp = s.f64(2 * d);
  ex.kernel_prepare(s.f64(d, st.hyper.lengthscales), s.i32(d, st.cat), d, kp);
  let n = st.n;
  let x = s.f64(n * d, st.x);
  let l = s.f64(n * n, st.factor.l);
  let alpha = s.f64(n, st.factor.alpha);
  const k = pending.length / d;
  if (k > 0) {
    const m = n + k;
    const xAll = s.f64(m * d, [...st.x, ...pending]);
    const lOut = s.f64(m * m);
    const yOut = s.f64(m);
    const aOut = s.f64(m);
    const status = ex.gp_posterior_extend(
      x,
      n,
      d,
      kp,
      st.hyper.signalVariance,
      st.hyper.noiseVariance + st.factor.jitter,
      l,
      s.f64(n, st.y),
      alpha,
      s.f64(k * d, pending),
      k,
      lOut,
      yOut,
      aOut,
      s.f64(ex.gp_posterior_extend_work(n, k)),
      lie,
    );
    // A factor that cannot be extended (only with exactly repeated points and no noise at all)
    // leaves the pending points out rather than fail the suggestion.
    if (status < 0) {
      n = m;
      x = xAll;
      l = lOut;
      alpha = aOut;
    }
  }
  return { d, n, x, l, alpha, kp, signal: st.hyper.signalVariance };
}

/** logEI of the model in standardized units (`best` standardized too; `sign` −1 to minimize). @internal */
export function logEISurface(model: ModelInMemory, best: number, sign: number): AcquisitionSurface {
  const { d, n, x, l, alpha, kp, signal } = model;
  return {
    evaluate(points, m, withGradient) {
      const ex = coreExports();
      return withScratch((t) => {
        const value = t.f64(m);
        const grad = withGradient ? t.f64(m * d) : 0;
        ex.gp_log_ei(x, n, d, kp, signal, l, alpha, t.f64(m * d, points), m, best, sign, value, grad, t.f64(ex.gp_log_ei_work(n, m, d)));
        return { value: t.takeF64(value, m), grad: withGradient ? t.takeF64(grad, m * d) : undefined };
      });
    },
  };
}

/**
 * log P(c(x) ≤ threshold) = log Φ((threshold − μ)/σ) of the model of a constraint c, `threshold`
 * in its standardized units. @internal
 */
export function logFeasibilitySurface(model: ModelInMemory, threshold: number): AcquisitionSurface {
  const { d, n, x, l, alpha, kp, signal } = model;
  return {
    evaluate(points, m, withGradient) {
      const ex = coreExports();
      return withScratch((t) => {
        const value = t.f64(m);
        const grad = withGradient ? t.f64(m * d) : 0;
        ex.gp_log_pof(x, n, d, kp, signal, l, alpha, t.f64(m * d, points), m, threshold, value, grad, t.f64(ex.gp_log_pof_work(n, m, d)));
        return { value: t.takeF64(value, m), grad: withGradient ? t.takeF64(grad, m * d) : undefined };
      });
    },
  };
}

/**
 * The sum of surfaces (values and gradients), added in the order given so a seed gives the same
 * bits in every engine. One surface is returned as it is. @internal
 */
export function sumSurfaces(terms: readonly AcquisitionSurface[]): AcquisitionSurface {
  if (terms.length === 1) return terms[0]!;
  return {
    evaluate(points, m, withGradient) {
      const first = terms[0]!.evaluate(points, m, withGradient);
      const value = first.value;
      const grad = first.grad;
      for (let i = 1; i < terms.length; i++) {
        const next = terms[i]!.evaluate(points, m, withGradient);
        for (let r = 0; r < value.length; r++) value[r] += next.value[r]!;
        if (grad && next.grad) for (let r = 0; r < grad.length; r++) grad[r] += next.grad[r]!;
      }
      return { value, grad };
    },
  };
}

/** The posterior mean and variance of the model (standardized units) at the rows of `points`. @internal */
export function posteriorOf(model: ModelInMemory, points: Float64Array): { mean: Float64Array; variance: Float64Array } {
  const { d, n, x, l, alpha, kp, signal } = model;
  const ex = coreExports();
  const m = points.length / d;
  return withScratch((t) => {
    const mean = t.f64(m);
    const variance = t.f64(m);
    ex.gp_posterior(x, n, d, kp, signal, l, alpha, t.f64(m * d, points), m, mean, variance, 0, 0, t.f64(ex.gp_posterior_work(n)));
    return { mean: t.takeF64(mean, m), variance: t.takeF64(variance, m) };
  });
}
