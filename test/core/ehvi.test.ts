import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logEHVIOfPosterior, logEHVISurface, maximizeLogEHVISteps } from '../../src/core/ehvi.js';
import { GaussianProcess, gaussianProcessState } from '../../src/core/gp.js';
import { withScratch } from '../../src/core/memory.js';
import { conditionedModel } from '../../src/core/posterior-surface.js';
import { runSteps } from '../../src/core/steps.js';
import { nonDominatedBoxes, type NonDominatedBoxes } from '../../src/pareto/boxes.js';
import { hypervolume } from '../../src/pareto/hypervolume.js';
import { centralDifference, maxRelativeError } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

/**
 * Plain-TS reference: EHVI = Σ_b Π_j E[clamp(min(Y_j, u) − l, 0)], each expectation by composite
 * Simpson quadrature of the normal density over μ ± 12σ, split at the kinks (no special function
 * shared with wasm).
 */
function referenceEHVI(mean: number[], variance: number[], bx: NonDominatedBoxes): number {
  const factor = (mu: number, v: number, lo: number, hi: number) => {
    const s = Math.sqrt(v);
    const g = (y: number) => Math.max(0, Math.min(y, hi) - lo) * Math.exp(-0.5 * ((y - mu) / s) ** 2);
    // Composite Simpson on each piece between the kinks at lo and hi, where the integrand is smooth.
    const cuts = [mu - 12 * s, lo, hi, mu + 12 * s].filter((c) => c >= mu - 12 * s && c <= mu + 12 * s).sort((a, b) => a - b);
    let sum = 0;
    for (let p = 0; p + 1 < cuts.length; p++) {
      const n = 2000;
      const h = (cuts[p + 1]! - cuts[p]!) / n;
      let part = 0;
      for (let i = 0; i <= n; i++) part += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * g(cuts[p]! + i * h);
      sum += (part * h) / 3;
    }
    return sum / (s * Math.sqrt(2 * Math.PI));
  };
  let total = 0;
  for (let b = 0; b < bx.count; b++) {
    let p = 1;
    for (let j = 0; j < bx.k; j++) {
      const lo = bx.grid[bx.gridStart[j]! + bx.boxes[b * 2 * bx.k + 2 * j]!]!;
      const hiIndex = bx.boxes[b * 2 * bx.k + 2 * j + 1]!;
      p *= factor(mean[j]!, variance[j]!, lo, hiIndex < 0 ? Infinity : bx.grid[bx.gridStart[j]! + hiIndex]!);
    }
    total += p;
  }
  return total;
}

const front2 = [
  [1, 0.2],
  [0.6, 0.6],
  [0.1, 0.9],
];
const front3 = [
  [1, 0, 0.3],
  [0.2, 0.8, 0.1],
  [0.5, 0.5, 0.5],
  [0, 0.3, 1],
];

/** One candidate's log EHVI from means and variances per objective. */
const single = (mean: number[], variance: number[], bx: NonDominatedBoxes) =>
  logEHVIOfPosterior(Float64Array.from(mean), Float64Array.from(variance), bx, 1)[0]!;

describe('log EHVI (wasm)', () => {
  it('matches a quadrature reference for two and three objectives', () => {
    const rand = mulberry32(5);
    for (const [front, ref] of [
      [front2, [-0.2, -0.1]],
      [front3, [-0.1, -0.1, -0.1]],
    ] as const) {
      const bx = nonDominatedBoxes(front, ref);
      for (let t = 0; t < 20; t++) {
        const mean = ref.map(() => 1.4 * rand() - 0.3);
        const variance = ref.map(() => 0.01 + 0.3 * rand());
        const expected = referenceEHVI(mean, variance, bx);
        expect(Math.abs(Math.exp(single(mean, variance, bx)) / expected - 1)).toBeLessThan(1e-8);
      }
    }
  });

  it('equals log of the exact hypervolume improvement when the variance is 0, and −Infinity for a dominated point', () => {
    const ref = [-0.2, -0.1];
    const bx = nonDominatedBoxes(front2, ref);
    const neg = (p: readonly number[]) => p.map((v) => -v);
    for (const y of [
      [0.8, 0.7],
      [1.2, 0],
      [0.3, 0.95],
    ]) {
      const gain = hypervolume([...front2, y].map(neg), neg(ref)) - hypervolume(front2.map(neg), neg(ref));
      expect(single(y, [0, 0], bx)).toBeCloseTo(Math.log(gain), 12);
    }
    expect(single([0.5, 0.5], [0, 0], bx)).toBe(-Infinity);
  });

  it('stays finite far below the front, where EHVI itself underflows', () => {
    const bx = nonDominatedBoxes(front2, [-0.2, -0.1]);
    const v = single([-40, -40], [1e-2, 1e-2], bx);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeLessThan(-1e4);
  });

  it('is a log of a non-negative number and never falls when a mean rises (property)', () => {
    const bx = nonDominatedBoxes(front3, [-0.1, -0.1, -0.1]);
    const coord = fc.double({ min: -3, max: 2, noNaN: true });
    const variance = fc.double({ min: 0, max: 2, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(coord, coord, coord),
        fc.tuple(variance, variance, variance),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (mean, v, j, step) => {
          const before = single(mean, v, bx);
          expect(Number.isNaN(before)).toBe(false);
          const raised = mean.slice();
          raised[j]! += step;
          const after = single(raised, v, bx);
          expect(after).toBeGreaterThanOrEqual(before - 1e-12 * Math.max(1, Math.abs(before)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has the gradient of finite differences through two fitted GPs with pending points', () => {
    const rand = mulberry32(11);
    const d = 3;
    const n = 14;
    const X = Array.from({ length: n * d }, () => rand());
    const f1 = Array.from({ length: n }, (_, i) => Math.sin(3 * X[i * d]!) + X[i * d + 1]!);
    const f2 = Array.from({ length: n }, (_, i) => Math.cos(2 * X[i * d + 2]!) - X[i * d]! ** 2);
    const gps = [GaussianProcess.fit(X, f1, { d }), GaussianProcess.fit(X, f2, { d })];
    const st = gps.map(gaussianProcessState);
    const pts = Array.from({ length: n }, (_, i) => st.map((s) => s.y[i]!));
    const bx = nonDominatedBoxes(pts, [-2.5, -2.5]);
    const pending = Float64Array.from([0.5, 0.5, 0.5, 0.2, 0.9, 0.1]);
    withScratch((s) => {
      const surface = logEHVISurface(
        s,
        st.map((m) => conditionedModel(s, m, pending, NaN)),
        bx,
      );
      const f = (x: number[]) => surface.evaluate(Float64Array.from(x), 1, false).value[0]!;
      for (let t = 0; t < 8; t++) {
        const x = Array.from({ length: d }, () => 0.1 + 0.8 * rand());
        const r = surface.evaluate(Float64Array.from(x), 1, true);
        expect(r.value[0]).toBe(f(x)); // with or without the gradient, the same value
        expect(maxRelativeError(r.grad!, centralDifference(f, x))).toBeLessThan(1e-5);
      }
    });
  });

  it('the search returns a point in the box whose value is at least every candidate\u2019s (and the same for a seed)', () => {
    const rand = mulberry32(2);
    const d = 2;
    const X = Array.from({ length: 12 * d }, () => rand());
    const gps = [0, 1].map((j) =>
      GaussianProcess.fit(
        X,
        Array.from({ length: 12 }, (_, i) => (j === 0 ? -X[i * d]! : X[i * d]! - 1 - X[i * d + 1]!)),
        { d },
      ),
    );
    const st = gps.map(gaussianProcessState);
    const bx = nonDominatedBoxes(
      Array.from({ length: 12 }, (_, i) => st.map((s) => s.y[i]!)),
      [-3, -3],
    );
    const options = {
      boxes: bx,
      constraints: [],
      discrete: [null, null],
      pending: new Float64Array(0),
      start: null,
      seed: 9n,
      nCandidates: 256,
      nLocalSearch: 4,
    };
    const a = runSteps(maximizeLogEHVISteps(gps, options));
    const b = runSteps(maximizeLogEHVISteps(gps, options));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    withScratch((s) => {
      const surface = logEHVISurface(
        s,
        st.map((m) => conditionedModel(s, m, new Float64Array(0), NaN)),
        bx,
      );
      expect(surface.evaluate(a.x, 1, false).value[0]).toBe(a.value);
      const grid = Float64Array.from(
        { length: 2 * 400 },
        (_, i) => ((i % 2 === 0 ? Math.floor(i / 2) % 20 : Math.floor(i / 40)) + 0.5) / 20,
      );
      expect(Math.max(...surface.evaluate(grid, 400, false).value)).toBeLessThanOrEqual(a.value);
    });
  });
});
