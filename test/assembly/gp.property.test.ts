import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GP_PRIOR_DEFAULT, GP_PRIOR_DIM_SCALED, GP_PRIOR_NONE } from '../../src/core/exports.js';
import { coreExports } from '../../src/core/loader.js';
import { withScratch } from '../../src/core/memory.js';
import { centralDifference } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

interface Problem {
  n: number;
  d: number;
  cat: boolean[];
  x: number[];
  y: number[];
  ls: number[];
  signal: number;
  noise: number;
}

/** Random shapes, categorical flags and hyperparameters; points drawn from a seeded source. */
const arbProblem: fc.Arbitrary<Problem> = fc
  .record({
    n: fc.integer({ min: 2, max: 14 }),
    d: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    flags: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    logLs: fc.array(fc.double({ min: Math.log(0.1), max: Math.log(3), noNaN: true }), { minLength: 4, maxLength: 4 }),
    logSignal: fc.double({ min: Math.log(0.3), max: Math.log(5), noNaN: true }),
    logNoise: fc.double({ min: Math.log(1e-3), max: Math.log(0.5), noNaN: true }),
  })
  .map(({ n, d, seed, flags, logLs, logSignal, logNoise }) => {
    const rand = mulberry32(seed);
    // At least one continuous dimension, so that gradients in x exist.
    const cat = flags.slice(0, d).map((f, j) => f && j > 0);
    const x = Array.from({ length: n * d }, (_, i) => (cat[i % d] ? Math.floor(rand() * 3) : rand()));
    const y = Array.from({ length: n }, () => 2 * rand() - 1);
    return { n, d, cat, x, y, ls: logLs.slice(0, d).map(Math.exp), signal: Math.exp(logSignal), noise: Math.exp(logNoise) };
  });

function objective(p: Problem, theta: number[], floor: number, prior: number): { value: number; grad: number[] } {
  const { n, d } = p;
  return withScratch((s) => {
    const ex = coreExports();
    const grad = s.f64(d + 2);
    const value = ex.gp_objective(
      s.f64(n * d, p.x),
      n,
      d,
      s.i32(d, p.cat.map(Number)),
      s.f64(n, p.y),
      s.f64(d + 2, theta),
      floor,
      prior,
      s.f64(ex.gp_objective_work(n, d)),
      grad,
    );
    return { value, grad: Array.from(s.viewF64(grad, d + 2)) };
  });
}

/** Posterior (mean, variance, gradients) of the factored problem at the rows of `xc`. */
function posterior(p: Problem, xc: number[]) {
  const { n, d } = p;
  const m = xc.length / d;
  return withScratch((s) => {
    const ex = coreExports();
    const kp = s.f64(2 * d);
    ex.kernel_prepare(s.f64(d, p.ls), s.i32(d, p.cat.map(Number)), d, kp);
    const l = s.f64(n * n);
    const alpha = s.f64(n);
    const px = s.f64(n * d, p.x);
    ex.gp_factor(px, n, d, kp, p.signal, p.noise, s.f64(n, p.y), l, alpha, s.f64(n * n), s.f64(1));
    const out = [s.f64(m), s.f64(m), s.f64(m * d), s.f64(m * d)];
    ex.gp_posterior(px, n, d, kp, p.signal, l, alpha, s.f64(m * d, xc), m, out[0], out[1], out[2], out[3], s.f64(ex.gp_posterior_work(n)));
    return {
      mean: s.takeF64(out[0], m),
      variance: s.takeF64(out[1], m),
      gradMean: s.takeF64(out[2], m * d),
      gradVariance: s.takeF64(out[3], m * d),
    };
  });
}

/** gp_log_ei (value, gradient in x) of the factored problem at the rows of `xc`. */
function logEi(p: Problem, xc: number[], best: number, sign: number) {
  const { n, d } = p;
  const m = xc.length / d;
  return withScratch((s) => {
    const ex = coreExports();
    const kp = s.f64(2 * d);
    ex.kernel_prepare(s.f64(d, p.ls), s.i32(d, p.cat.map(Number)), d, kp);
    const l = s.f64(n * n);
    const alpha = s.f64(n);
    const px = s.f64(n * d, p.x);
    ex.gp_factor(px, n, d, kp, p.signal, p.noise, s.f64(n, p.y), l, alpha, s.f64(n * n), s.f64(1));
    const value = s.f64(m);
    const grad = s.f64(m * d);
    ex.gp_log_ei(px, n, d, kp, p.signal, l, alpha, s.f64(m * d, xc), m, best, sign, value, grad, s.f64(ex.gp_log_ei_work(n, m, d)));
    return { value: s.takeF64(value, m), grad: s.takeF64(grad, m * d) };
  });
}

describe('gp_objective gradient', () => {
  it('matches central differences for random shapes, hyperparameters, priors and noise floors', () => {
    fc.assert(
      fc.property(
        arbProblem,
        fc.constantFrom(GP_PRIOR_NONE, GP_PRIOR_DEFAULT, GP_PRIOR_DIM_SCALED),
        fc.constantFrom(0, 1e-4),
        (p, prior, floor) => {
          const theta = [...p.ls.map(Math.log), Math.log(p.signal), Math.log(p.noise)];
          const { value, grad } = objective(p, theta, floor, prior);
          expect(Number.isFinite(value)).toBe(true);
          const fd = centralDifference((t) => objective(p, t, floor, prior).value, theta, 1e-5);
          // Truncation O(h²·f''') and rounding O(ε|f|/h) of the differences: 1e-6 relative to the scale.
          const scale = Math.max(1, Math.abs(value), ...grad.map(Math.abs));
          grad.forEach((g, j) => expect(Math.abs(g - fd[j])).toBeLessThan(1e-6 * scale));
        },
      ),
      { numRuns: 80, seed: 20240601 },
    );
  });
});

describe('gp_posterior', () => {
  it('has gradients of the mean and the latent variance that match central differences', () => {
    fc.assert(
      fc.property(arbProblem, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (p, seed) => {
        const rand = mulberry32(seed);
        const xc = Array.from({ length: 3 * p.d }, (_, i) => (p.cat[i % p.d] ? Math.floor(rand() * 3) : rand()));
        const got = posterior(p, xc);
        for (let c = 0; c < 3; c++) {
          const row = xc.slice(c * p.d, (c + 1) * p.d);
          // Skip candidates whose variance is clamped at 0 (not differentiable there).
          if (got.variance[c] < 1e-9 * p.signal) continue;
          const fdMean = centralDifference((x) => posterior(p, x).mean[0], row, 1e-6);
          const fdVar = centralDifference((x) => posterior(p, x).variance[0], row, 1e-6);
          for (let j = 0; j < p.d; j++) {
            if (p.cat[j]) {
              expect(got.gradMean[c * p.d + j]).toBe(0);
              continue;
            }
            // The Matérn-5/2 second derivative scales like σ²/ℓ²: the tolerance follows.
            const tol = 1e-6 * Math.max(1, p.signal / p.ls[j] ** 2);
            expect(Math.abs(got.gradMean[c * p.d + j] - fdMean[j])).toBeLessThan(tol * Math.max(1, ...p.y.map(Math.abs)) * p.n);
            expect(Math.abs(got.gradVariance[c * p.d + j] - fdVar[j])).toBeLessThan(tol * p.n);
          }
        }
      }),
      { numRuns: 60, seed: 77 },
    );
  });

  it('feeds gp_log_ei a gradient of logEI in x that matches central differences, in both directions', () => {
    fc.assert(
      fc.property(
        arbProblem,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.constantFrom(1, -1),
        (p, seed, best, sign) => {
          const rand = mulberry32(seed);
          const xc = Array.from({ length: 3 * p.d }, (_, i) => (p.cat[i % p.d] ? Math.floor(rand() * 3) : rand()));
          const got = logEi(p, xc, best, sign);
          const var0 = posterior(p, xc).variance;
          for (let c = 0; c < 3; c++) {
            if (var0[c] < 1e-6 * p.signal) continue; // logEI has a kink where the variance is clamped
            const row = xc.slice(c * p.d, (c + 1) * p.d);
            const fd = centralDifference((x) => logEi(p, x, best, sign).value[0], row, 1e-6);
            for (let j = 0; j < p.d; j++) {
              if (p.cat[j]) continue;
              const g = got.grad[c * p.d + j];
              expect(Math.abs(g - fd[j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g)) * Math.max(1, p.signal / p.ls[j] ** 2));
            }
          }
        },
      ),
      { numRuns: 60, seed: 80 },
    );
  });

  it('gives a latent variance in [0, σ_n²] at the training points', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const { variance } = posterior(p, p.x);
        for (const v of variance) {
          expect(v).toBeGreaterThanOrEqual(0);
          // One noisy observation alone leaves σ²σ_n²/(σ² + σ_n²) < σ_n²; more data only lowers it.
          expect(v).toBeLessThanOrEqual(p.noise * (1 + 1e-9));
        }
      }),
      { numRuns: 60, seed: 78 },
    );
  });

  it('gives a latent variance close to σ_n² at isolated training points with small noise', () => {
    // Points 0.5 apart with ℓ = 0.05: neighbours are 10 lengthscales away (correlation ~1e-9).
    const p: Problem = { n: 3, d: 1, cat: [false], x: [0, 0.5, 1], y: [1, -1, 0.5], ls: [0.05], signal: 1, noise: 1e-4 };
    const { variance } = posterior(p, p.x);
    // σ²σ_n²/(σ² + σ_n²) = 1e-4/(1 + 1e-4).
    for (const v of variance) expect(v).toBeCloseTo(1e-4 / (1 + 1e-4), 12);
  });

  it('interpolates noise-free data: the mean at the training points is y', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        // Distinct continuous points on a jittered grid; a tiny noise keeps K factorable.
        const rand = mulberry32(p.n * 31 + p.d);
        const d = p.d;
        const cat = p.cat.map(() => false);
        const x = Array.from({ length: p.n * d }, (_, i) => (Math.floor(i / d) + 0.5 * rand()) / p.n);
        const q: Problem = { ...p, cat, x, noise: 1e-10 * p.signal, ls: p.ls.map((l) => Math.min(l, 0.5)) };
        const { mean } = posterior(q, x);
        q.y.forEach((yi, i) => expect(Math.abs(mean[i] - yi)).toBeLessThan(1e-5));
      }),
      { numRuns: 60, seed: 79 },
    );
  });
});
