import { describe, expect, it } from 'vitest';
import { GP_PRIOR_DEFAULT, GP_PRIOR_DIM_SCALED, GP_PRIOR_GAMMA, GP_PRIOR_NONE } from '../../src/core/exports.js';
import { coreExports } from '../../src/core/loader.js';
import { withScratch, type Scratch } from '../../src/core/memory.js';
import {
  refLogMarginalLikelihood,
  refLogMarginalLikelihoodGrad,
  refLogPrior,
  refPosterior,
  rows,
  type RefHyper,
} from '../helpers/reference-gp.js';
import { maxRelativeError } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

const PRIORS = { none: GP_PRIOR_NONE, default: GP_PRIOR_DEFAULT, 'dim-scaled': GP_PRIOR_DIM_SCALED, gamma: GP_PRIOR_GAMMA } as const;

/** A small data set: n points in [0,1]^d, categorical dims hold codes 0..2, y a smooth function. */
// biome-ignore lint/suspicious/noExportsInTest: gp.property.test.ts draws from the same data sets.
export function dataset(n: number, d: number, cat: boolean[], seed: number): { x: number[]; y: number[] } {
  const rand = mulberry32(seed);
  const x = Array.from({ length: n * d }, (_, i) => (cat[i % d] ? Math.floor(rand() * 3) : rand()));
  const y = rows(x, d).map((p) => p.reduce((s, v, j) => s + Math.sin(3 * v + j), 0) + 0.05 * (rand() - 0.5));
  return { x, y };
}

function objective(
  x: number[],
  y: number[],
  d: number,
  cat: boolean[],
  theta: number[],
  minNoise: number,
  prior: keyof typeof PRIORS,
): { value: number; grad: number[] } {
  const n = y.length;
  return withScratch((s) => {
    const ex = coreExports();
    const grad = s.f64(d + 2);
    const value = ex.gp_objective(
      s.f64(n * d, x),
      n,
      d,
      s.i32(d, cat.map(Number)),
      s.f64(n, y),
      s.f64(d + 2, theta),
      minNoise,
      PRIORS[prior],
      s.f64(ex.gp_objective_work(n, d)),
      grad,
    );
    return { value, grad: Array.from(s.viewF64(grad, d + 2)) };
  });
}

function prepare(s: Scratch, h: RefHyper, cat: boolean[]): number {
  const d = h.lengthscales.length;
  const kp = s.f64(2 * d);
  coreExports().kernel_prepare(s.f64(d, h.lengthscales), s.i32(d, cat.map(Number)), d, kp);
  return kp;
}

interface Factored {
  lml: number;
  jitter: number;
  l: Float64Array;
  alpha: Float64Array;
}

function factor(x: number[], y: number[], h: RefHyper, cat: boolean[]): Factored {
  const n = y.length;
  const d = h.lengthscales.length;
  return withScratch((s) => {
    const l = s.f64(n * n);
    const alpha = s.f64(n);
    const jitter = s.f64(1);
    const lml = coreExports().gp_factor(
      s.f64(n * d, x),
      n,
      d,
      prepare(s, h, cat),
      h.signalVariance,
      h.noiseVariance,
      s.f64(n, y),
      l,
      alpha,
      s.f64(n * n),
      jitter,
    );
    return { lml, jitter: s.viewF64(jitter, 1)[0], l: s.takeF64(l, n * n), alpha: s.takeF64(alpha, n) };
  });
}

function posterior(x: number[], f: Factored, h: RefHyper, cat: boolean[], xc: number[]) {
  const d = h.lengthscales.length;
  const n = f.alpha.length;
  const m = xc.length / d;
  return withScratch((s) => {
    const ex = coreExports();
    const mean = s.f64(m);
    const variance = s.f64(m);
    const gm = s.f64(m * d);
    const gv = s.f64(m * d);
    ex.gp_posterior(
      s.f64(n * d, x),
      n,
      d,
      prepare(s, h, cat),
      h.signalVariance,
      s.f64(n * n, f.l),
      s.f64(n, f.alpha),
      s.f64(m * d, xc),
      m,
      mean,
      variance,
      gm,
      gv,
      s.f64(ex.gp_posterior_work(n)),
    );
    return { mean: s.takeF64(mean, m), variance: s.takeF64(variance, m), gm: s.takeF64(gm, m * d), gv: s.takeF64(gv, m * d) };
  });
}

const HYPER: RefHyper = { lengthscales: [0.4, 1.3, 0.25], signalVariance: 1.4, noiseVariance: 0.02 };
const CAT = [false, true, false];

describe('gp_objective(x, n, d, cat, y, theta, minNoise, prior, work, grad)', () => {
  const { x, y } = dataset(23, 3, CAT, 5);
  const X = rows(x, 3);
  const theta = [...HYPER.lengthscales.map(Math.log), Math.log(HYPER.signalVariance), Math.log(HYPER.noiseVariance)];

  it('without a prior is −log p(y|θ) of the reference GP, to 1e-12 relative', () => {
    const { value } = objective(x, y, 3, CAT, theta, 0, 'none');
    const want = -refLogMarginalLikelihood(X, y, HYPER, CAT);
    expect(Math.abs(value - want) / Math.abs(want)).toBeLessThan(1e-12);
  });

  it('has the gradient of the reference built from full ∂K/∂θ matrices (trace sums agree to 1e-9)', () => {
    const { grad } = objective(x, y, 3, CAT, theta, 0, 'none');
    const want = refLogMarginalLikelihoodGrad(X, y, HYPER, CAT).map((v) => -v);
    expect(maxRelativeError(grad, want)).toBeLessThan(1e-9);
  });

  it('adds the default, the dim-scaled and the gamma log priors', () => {
    const base = objective(x, y, 3, CAT, theta, 0, 'none').value;
    for (const kind of ['default', 'dim-scaled', 'gamma'] as const) {
      const { value } = objective(x, y, 3, CAT, theta, 0, kind);
      expect(value).toBeCloseTo(base - refLogPrior(HYPER, kind), 10);
    }
  });

  it("has each prior's gradient: central finite differences of the objective with and without it", () => {
    // The prior's own gradient is the difference of two objectives' gradients; checking it against
    // finite differences of the prior alone (the difference of two values) isolates it from the
    // likelihood's, which the reference test above already pins.
    const floor = 1e-3;
    const at = [...theta.slice(0, 4), Math.log(HYPER.noiseVariance - floor)];
    const without = objective(x, y, 3, CAT, at, floor, 'none');
    for (const kind of ['default', 'dim-scaled', 'gamma'] as const) {
      const withPrior = objective(x, y, 3, CAT, at, floor, kind);
      const priorGrad = withPrior.grad.map((g, k) => g - without.grad[k]);
      const priorValue = (t: number[]) => objective(x, y, 3, CAT, t, floor, kind).value - objective(x, y, 3, CAT, t, floor, 'none').value;
      const h = 1e-6;
      const fd = at.map((_, k) => {
        const up = at.slice();
        const down = at.slice();
        up[k] += h;
        down[k] -= h;
        return (priorValue(up) - priorValue(down)) / (2 * h);
      });
      expect(maxRelativeError(priorGrad, fd)).toBeLessThan(1e-6);
    }
  });

  it('reads the noise as minNoise + e^θ', () => {
    const floor = 0.005;
    const shifted = theta.slice();
    shifted[4] = Math.log(HYPER.noiseVariance - floor);
    const { value } = objective(x, y, 3, CAT, shifted, floor, 'none');
    expect(value).toBeCloseTo(-refLogMarginalLikelihood(X, y, HYPER, CAT), 10);
  });

  it('reads a noise excess below 1e-3 × minNoise as 1e-3 × minNoise, with a zero gradient there', () => {
    const floor = 1e-4;
    const cut = Math.log(1e-3 * floor);
    const at = theta.slice();
    at[4] = cut;
    const below = theta.slice();
    below[4] = cut - 5;
    const a = objective(x, y, 3, CAT, at, floor, 'default');
    const b = objective(x, y, 3, CAT, below, floor, 'default');
    expect(b.value).toBe(a.value);
    expect(b.grad.slice(0, 4)).toEqual(a.grad.slice(0, 4));
    expect(b.grad[4]).toBe(0);
    // Just above the cut the noise coordinate still has its gradient (the likelihood wants less noise).
    const above = theta.slice();
    above[4] = cut + 1;
    expect(objective(x, y, 3, CAT, above, floor, 'default').grad[4]).not.toBe(0);
    // The hyperparameters of a θ below the cut are those the objective used.
    const h = withScratch((s) => {
      const out = s.f64(5);
      coreExports().gp_hyper_from_theta(s.f64(5, below), 3, floor, out);
      return Array.from(s.viewF64(out, 5));
    });
    expect(h[4]).toBe(floor + Math.exp(cut));
  });

  it('returns +Inf when the matrix is not positive definite (duplicated points, no noise)', () => {
    const dup = [...x.slice(0, 3), ...x.slice(0, 3), ...x.slice(6)];
    const t = theta.slice();
    t[4] = -800; // e^-800 underflows to 0: K is exactly singular
    const { value, grad } = objective(dup, y.slice(0, 23), 3, CAT, t, 0, 'none');
    expect(value).toBe(Infinity);
    expect(grad.every(Number.isNaN)).toBe(true);
  });
});

describe('gp_factor(...)', () => {
  const { x, y } = dataset(31, 3, CAT, 9);
  const X = rows(x, 3);

  it('returns the reference log marginal likelihood and weights α = K⁻¹y', () => {
    const f = factor(x, y, HYPER, CAT);
    expect(f.jitter).toBe(0);
    const want = refLogMarginalLikelihood(X, y, HYPER, CAT);
    expect(Math.abs(f.lml - want) / Math.abs(want)).toBeLessThan(1e-12);
    // K α = y checks α without a second solver.
    const n = y.length;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) {
        let kk = 0;
        for (let t = 0; t <= Math.min(i, k); t++) kk += f.l[i * n + t] * f.l[k * n + t];
        s += kk * f.alpha[k];
      }
      expect(s).toBeCloseTo(y[i], 9);
    }
  });

  it('falls back on the jitter ladder for exactly duplicated points without noise', () => {
    const dup = [...x.slice(0, 6), ...x.slice(0, 6), ...x.slice(12)];
    const f = factor(dup, y, { ...HYPER, noiseVariance: 0 }, CAT);
    expect(f.jitter).toBeGreaterThan(0);
    expect(Number.isFinite(f.lml)).toBe(true);
  });
});

describe('gp_posterior(...)', () => {
  const d = 3;
  const { x, y } = dataset(29, d, CAT, 21);
  const X = rows(x, d);
  const f = factor(x, y, HYPER, CAT);
  // 21 candidates: not a multiple of the block width, so a partial block is exercised.
  const rand = mulberry32(4);
  const xc = Array.from({ length: 21 * d }, (_, i) => (CAT[i % d] ? Math.floor(rand() * 3) : rand()));

  it('agrees with the reference posterior (explicit K⁻¹) to 1e-9', () => {
    const got = posterior(x, f, HYPER, CAT, xc);
    const want = refPosterior(X, y, HYPER, CAT, rows(xc, d));
    expect(maxRelativeError(got.mean, want.mean)).toBeLessThan(1e-9);
    expect(maxRelativeError(got.variance, want.variance)).toBeLessThan(1e-9);
  });

  it('gives the same answer one candidate at a time as in a batch', () => {
    const batch = posterior(x, f, HYPER, CAT, xc);
    for (let c = 0; c < 21; c += 5) {
      const one = posterior(x, f, HYPER, CAT, xc.slice(c * d, (c + 1) * d));
      expect(one.mean[0]).toBe(batch.mean[c]);
      expect(one.variance[0]).toBe(batch.variance[c]);
      expect(Array.from(one.gm)).toEqual(Array.from(batch.gm.slice(c * d, (c + 1) * d)));
    }
  });
});

describe('gp_posterior_extend(...)', () => {
  const d = 3;
  const { x, y } = dataset(17, d, CAT, 33);
  const X = rows(x, d);
  const f = factor(x, y, HYPER, CAT);
  const pending = [0.5, 1, 0.5, 0.1, 0, 0.9];
  const k = 2;
  const n = y.length;
  const kp = (s: Scratch) => prepare(s, HYPER, CAT);
  const extend = (lie: number) =>
    withScratch((s) => {
      const ex = coreExports();
      const lOut = s.f64((n + k) ** 2);
      const yOut = s.f64(n + k);
      const aOut = s.f64(n + k);
      const status = ex.gp_posterior_extend(
        s.f64(n * d, x),
        n,
        d,
        kp(s),
        HYPER.signalVariance,
        HYPER.noiseVariance,
        s.f64(n * n, f.l),
        s.f64(n, y),
        s.f64(n, f.alpha),
        s.f64(k * d, pending),
        k,
        lOut,
        yOut,
        aOut,
        s.f64(ex.gp_posterior_extend_work(n, k)),
        lie,
      );
      return { status, l: s.takeF64(lOut, (n + k) ** 2), y: s.takeF64(yOut, n + k), alpha: s.takeF64(aOut, n + k) };
    });
  const extended = extend(NaN);

  it('is the factor of the GP refitted with the pending points at their believed values', () => {
    expect(extended.status).toBe(-1);
    const believed = refPosterior(X, y, HYPER, CAT, rows(pending, d)).mean;
    expect(maxRelativeError(extended.y.slice(n), believed)).toBeLessThan(1e-10);
    const xs = [...x, ...pending];
    const probe = [0.3, 2, 0.7, 0.5, 1, 0.45];
    const got = posterior(xs, { lml: 0, jitter: 0, l: extended.l, alpha: extended.alpha }, HYPER, CAT, probe);
    const want = refPosterior(rows(xs, d), Array.from(extended.y), HYPER, CAT, rows(probe, d));
    expect(maxRelativeError(got.variance, want.variance)).toBeLessThan(1e-9);
    // Kriging believer leaves the mean where it was.
    const before = posterior(x, f, HYPER, CAT, probe);
    expect(maxRelativeError(got.mean, before.mean)).toBeLessThan(1e-10);
    expect(got.variance[1]).toBeLessThan(before.variance[1]);
  });

  it('with a constant lie is the GP refitted with the pending points observed at that value', () => {
    const lie = Math.min(...y) - 1;
    const lied = extend(lie);
    expect(lied.status).toBe(-1);
    expect(Array.from(lied.y.slice(n))).toEqual([lie, lie]);
    const xs = [...x, ...pending];
    const probe = [0.5, 1, 0.5, 0.3, 2, 0.7];
    const got = posterior(xs, { lml: 0, jitter: 0, l: lied.l, alpha: lied.alpha }, HYPER, CAT, probe);
    const want = refPosterior(rows(xs, d), [...y, lie, lie], HYPER, CAT, rows(probe, d));
    expect(maxRelativeError(got.mean, want.mean)).toBeLessThan(1e-9);
    expect(maxRelativeError(got.variance, want.variance)).toBeLessThan(1e-9);
    // The pessimistic lie pulls the mean down at the pending point.
    const before = posterior(x, f, HYPER, CAT, probe);
    expect(got.mean[0]).toBeLessThan(before.mean[0]);
  });
});
