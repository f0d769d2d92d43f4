import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GaussianProcess, gaussianProcessState } from '../../src/core/gp.js';
import { withScratch } from '../../src/core/memory.js';
import { logNdtr } from '../../src/core/special.js';
import { logExpectedImprovement } from '../../src/core/acquisition.js';
import { maximizeAcquisition } from '../../src/core/acquisition-optimizer.js';
import { conditionedModel, logEISurface, logFeasibilitySurface, sumSurfaces } from '../../src/core/posterior-surface.js';
import { centralDifference, maxRelativeError } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

/** n points in [0, 1]^d and a smooth function of them, shifted by `offset`. */
function data(n: number, d: number, seed: number, offset = 0): { X: number[]; y: number[] } {
  const rand = mulberry32(seed);
  const X = Array.from({ length: n * d }, () => rand());
  const y = Array.from({ length: n }, (_, i) => {
    let s = offset;
    for (let j = 0; j < d; j++) s += Math.sin(3 * X[i * d + j] + j);
    return s;
  });
  return { X, y };
}

/** log PoF (threshold in the constraint's own units) and its gradient at one point, through the wasm surface. */
function logPoF(gp: GaussianProcess, x: number[], threshold = 0, pending: number[] = []) {
  const st = gaussianProcessState(gp);
  return withScratch((s) => {
    const model = conditionedModel(s, st, Float64Array.from(pending), NaN);
    const r = logFeasibilitySurface(model, (threshold - st.yMean) / st.yScale).evaluate(Float64Array.from(x), 1, true);
    return { value: r.value[0]!, grad: Array.from(r.grad!) };
  });
}

describe('logFeasibilitySurface (wasm gp_log_pof)', () => {
  const d = 3;
  const { X, y } = data(20, d, 5, 0.3);
  const gp = GaussianProcess.fit(X, y, { d });
  const point = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d });

  it('is log Φ((threshold − μ)/σ) of the public posterior, ≤ 0', () => {
    fc.assert(
      fc.property(point, fc.double({ min: -3, max: 3, noNaN: true }), (x, threshold) => {
        const { mean, variance } = gp.predict(x);
        const expected = logNdtr((threshold - mean[0]!) / Math.sqrt(variance[0]!));
        const { value } = logPoF(gp, x, threshold);
        expect(value).toBeLessThanOrEqual(0);
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      }),
      { numRuns: 60 },
    );
  });

  it('has the gradient finite differences give, deep in the infeasible tail too (z down to about −40)', () => {
    fc.assert(
      fc.property(point, fc.constantFrom(0, -1, 1, -4, -15), fc.boolean(), (x, threshold, withPending) => {
        // Keep away from the box edges and the training points, where the variance kinks.
        const inner = x.map((v) => 0.05 + 0.9 * v);
        const pending = withPending ? [0.5, 0.5, 0.5, 0.1, 0.9, 0.3] : [];
        const { grad, value } = logPoF(gp, inner, threshold, pending);
        fc.pre(Number.isFinite(value));
        const fd = centralDifference((p) => logPoF(gp, p, threshold, pending).value, inner, 1e-6);
        expect(maxRelativeError(grad, fd)).toBeLessThan(1e-5);
      }),
      { numRuns: 60 },
    );
  });

  it('falls as the threshold tightens', () => {
    const x = [0.3, 0.6, 0.2];
    const values = [2, 1, 0, -1, -2, -8].map((t) => logPoF(gp, x, t).value);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]!);
  });

  it('adds to logEI with an exact gradient through sumSurfaces', () => {
    const obj = data(20, d, 9);
    const objective = GaussianProcess.fit(obj.X, obj.y, { d });
    const best = Math.max(...obj.y);
    const total = (x: number[], grad: boolean) =>
      withScratch((s) => {
        const a = gaussianProcessState(objective);
        const c = gaussianProcessState(gp);
        const surface = sumSurfaces([
          logEISurface(conditionedModel(s, a, new Float64Array(0), NaN), (best - a.yMean) / a.yScale, 1),
          logFeasibilitySurface(conditionedModel(s, c, new Float64Array(0), NaN), -c.yMean / c.yScale),
        ]);
        const r = surface.evaluate(Float64Array.from(x), 1, grad);
        return { value: r.value[0]!, grad: r.grad ? Array.from(r.grad) : [] };
      });
    fc.assert(
      fc.property(point, (x) => {
        const inner = x.map((v) => 0.05 + 0.9 * v);
        const { mean, variance } = objective.predict(inner);
        // The surface works in standardized units: its logEI is the public one minus log(yScale).
        const scale = gaussianProcessState(objective).yScale;
        const expected = logExpectedImprovement(mean[0]!, variance[0]!, best) - Math.log(scale) + logPoF(gp, inner).value;
        const r = total(inner, true);
        expect(Math.abs(r.value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        fc.pre(r.value > -50);
        expect(
          maxRelativeError(
            r.grad,
            centralDifference((p) => total(p, false).value, inner, 1e-6),
          ),
        ).toBeLessThan(1e-5);
      }),
      { numRuns: 40 },
    );
  });
});

describe('maximizeAcquisition with constraints', () => {
  // 1-D: the objective rises to the right, the constraint c(x) = x − 0.4 forbids x > 0.4.
  const X = Array.from({ length: 12 }, (_, i) => i / 11);
  const objective = GaussianProcess.fit(
    X,
    X.map((x) => x + 0.1 * Math.sin(5 * x)),
    { d: 1 },
  );
  const constraint = GaussianProcess.fit(
    X,
    X.map((x) => x - 0.4),
    { d: 1 },
  );

  it('proposes a point the constraint model believes feasible, near the feasible optimum', () => {
    const feasibleBest = Math.max(...X.filter((x) => x <= 0.4).map((x) => x + 0.1 * Math.sin(5 * x)));
    const r = maximizeAcquisition(objective, { best: feasibleBest, seed: 1, constraints: [constraint] });
    const { mean } = constraint.predict(r.x);
    expect(mean[0]).toBeLessThan(0.05);
    expect(r.x[0]).toBeGreaterThan(0.25);
    expect(r.logFeasibility).toBeCloseTo(logPoF(constraint, Array.from(r.x)).value, 12);
    const unconstrained = maximizeAcquisition(objective, { best: feasibleBest, seed: 1 });
    expect(unconstrained.x[0]).toBeGreaterThan(0.9);
    expect(unconstrained.logFeasibility).toBe(0);
  });

  it('with best = null maximizes the probability of feasibility alone, and reports logEI as NaN', () => {
    const r = maximizeAcquisition(objective, { best: null, seed: 2, constraints: [constraint] });
    expect(Number.isNaN(r.logEI)).toBe(true);
    expect(r.logFeasibility).toBeGreaterThan(-1e-6);
    expect(r.x[0]).toBeLessThan(0.4);
  });

  it('refuses best = null without constraints and constraint models of other inputs', () => {
    expect(() => maximizeAcquisition(objective, { best: null, seed: 1 })).toThrow(
      'maximizeAcquisition: `best` must be a finite number but got null.',
    );
    const other = GaussianProcess.fit([0, 0, 1, 1], [1, 2], { d: 2 });
    expect(() => maximizeAcquisition(objective, { best: 1, seed: 1, constraints: [other] })).toThrow(
      "maximizeAcquisition: `constraints[0]` must model the objective's 1 inputs (same categorical dimensions) but got a model of 2.",
    );
    expect(() => maximizeAcquisition(objective, { best: 1, seed: 1, constraints: constraint as never })).toThrow(
      'maximizeAcquisition: `constraints` must be an array of GaussianProcess models but got',
    );
  });

  it('is deterministic for a seed', () => {
    const a = maximizeAcquisition(objective, { best: 0.3, seed: 4, constraints: [constraint] });
    const b = maximizeAcquisition(objective, { best: 0.3, seed: 4, constraints: [constraint] });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
});
