import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GaussianProcess, gaussianProcessState } from '../../src/core/gp.js';
import { coreExports } from '../../src/core/loader.js';
import { withScratch } from '../../src/core/memory.js';
import { maxRelativeError } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

interface SklearnCase {
  seed: number;
  d: number;
  lengthscales: number[];
  signalVariance: number;
  noiseVariance: number;
  X: number[];
  y: number[];
  Xc: number[];
  logMarginalLikelihood: number;
  mean: number[];
  latentVariance: number[];
  varianceWithNoise: number[];
}

// Source: test/fixtures/gen_gp_sklearn.py (scikit-learn 1.2.1, fixed hyperparameters).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/gp_sklearn.json', import.meta.url), 'utf8')) as {
  cases: SklearnCase[];
};

function smooth(n: number, d: number, seed: number, noise = 0.01): { X: number[]; y: number[] } {
  const rand = mulberry32(seed);
  const X = Array.from({ length: n * d }, rand);
  const y = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.sin(2 * Math.PI * X[i * d + j] + j) / Math.sqrt(d);
    return s + noise * (rand() - 0.5);
  });
  return { X, y };
}

/** The MAP objective's gradient at a model's hyperparameters (θ in log space, no noise floor). */
function objectiveGradient(X: number[], y: number[], d: number, gp: GaussianProcess, floor: number): number[] {
  const ex = coreExports();
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const h = gp.hyperparameters;
  const theta = [...h.lengthscales.map(Math.log), Math.log(h.signalVariance), Math.log(h.noiseVariance - floor)];
  return withScratch((s) => {
    const g = s.f64(d + 2);
    ex.gp_objective(
      s.f64(n * d, X),
      n,
      d,
      0,
      s.f64(
        n,
        y.map((v) => (v - mean) / std),
      ),
      s.f64(d + 2, theta),
      floor,
      1,
      s.f64(ex.gp_objective_work(n, d)),
      g,
    );
    return Array.from(s.viewF64(g, d + 2));
  });
}

describe('GaussianProcess.fit with fixed hyperparameters', () => {
  for (const c of fixture.cases) {
    it(`matches scikit-learn's mean, latent variance and log marginal likelihood to 1e-8 (seed ${c.seed}, d=${c.d}, n=${c.y.length})`, () => {
      const gp = GaussianProcess.fit(c.X, c.y, {
        d: c.d,
        fixed: { lengthscales: c.lengthscales, signalVariance: c.signalVariance, noiseVariance: c.noiseVariance },
      });
      expect(gp.fitStatus).toBe('fixed');
      expect(gp.jitter).toBe(0);
      expect(Math.abs(gp.logMarginalLikelihood - c.logMarginalLikelihood)).toBeLessThan(
        1e-8 * Math.max(1, Math.abs(c.logMarginalLikelihood)),
      );
      const { mean, variance } = gp.predict(c.Xc);
      expect(maxRelativeError(mean, c.mean)).toBeLessThan(1e-8);
      expect(maxRelativeError(variance, c.latentVariance)).toBeLessThan(1e-8);
      // scikit-learn's std with a WhiteKernel counts the noise, in units of y².
      const scale2 = (c.varianceWithNoise[0] - c.latentVariance[0]) / c.noiseVariance;
      expect(
        maxRelativeError(
          Array.from(variance, (v) => v + c.noiseVariance * scale2),
          c.varianceWithNoise,
        ),
      ).toBeLessThan(1e-8);
    });
  }
});

describe('GaussianProcess.fit (MAP)', () => {
  const d = 2;
  const { X, y } = smooth(40, d, 17);

  it('converges to a stationary point of the MAP objective', () => {
    const gp = GaussianProcess.fit(X, y, { d });
    expect(gp.fitStatus).toBe('converged');
    expect(gp.usedDefaults).toBe(false);
    // Optuna's tolerance: max |∂/∂θ| ≤ 1e-2 on θ = (log ℓ, log σ², log(σ_n² − 1e-6)).
    const g = objectiveGradient(X, y, d, gp, 1e-6);
    expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(1e-2);
  });

  it('predicts held-out points of a smooth function far better than the prior', () => {
    const gp = GaussianProcess.fit(X, y, { d });
    const test = smooth(200, d, 99, 0);
    const { mean } = gp.predict(test.X);
    const rmse = Math.sqrt(mean.reduce((s, m, i) => s + (m - test.y[i]) ** 2, 0) / test.y.length);
    const spread = Math.sqrt(test.y.reduce((s, v) => s + v * v, 0) / test.y.length);
    expect(rmse).toBeLessThan(0.1 * spread);
  });

  it('without a prior reaches a higher likelihood than the default hyperparameters', () => {
    const mle = GaussianProcess.fit(X, y, { d, prior: 'none' });
    const defaults = GaussianProcess.fit(X, y, { d, fixed: { lengthscales: [1, 1], signalVariance: 1, noiseVariance: 1 } });
    expect(mle.logMarginalLikelihood).toBeGreaterThan(defaults.logMarginalLikelihood);
  });

  it('is deterministic: two fits give identical bits', () => {
    const a = GaussianProcess.fit(X, y, { d, prior: 'dim-scaled' });
    const b = GaussianProcess.fit(X, y, { d, prior: 'dim-scaled' });
    expect(a.hyperparameters).toEqual(b.hyperparameters);
    expect(a.logMarginalLikelihood).toBe(b.logMarginalLikelihood);
  });

  it('warm-started from its own answer stops within a few iterations at the same point', () => {
    const first = GaussianProcess.fit(X, y, { d });
    const again = GaussianProcess.fit(X, y, { d, warmStart: first.hyperparameters });
    expect(again.fitIterations).toBeLessThanOrEqual(3);
    expect(maxRelativeError(again.hyperparameters.lengthscales, first.hyperparameters.lengthscales)).toBeLessThan(0.05);
  });

  it('keeps its log-hyperparameters θ, from which the reported hyperparameters derive', () => {
    const floor = 1e-6;
    const gp = GaussianProcess.fit(X, y, { d, minNoiseVariance: floor });
    const theta = gaussianProcessState(gp).theta!;
    expect(theta).toHaveLength(d + 2);
    const h = gp.hyperparameters;
    expect(maxRelativeError([...h.lengthscales, h.signalVariance], Array.from(theta.slice(0, d + 1), Math.exp))).toBeLessThan(1e-15);
    expect(h.noiseVariance).toBeCloseTo(floor + Math.max(Math.exp(theta[d + 1]), 1e-3 * floor), 18);
    expect(gaussianProcessState(GaussianProcess.fit(X, y, { d, fixed: h })).theta).toBeNull();
  });

  it("warm-started at a previous fit's θ with one more point, needs fewer evaluations than the default start", () => {
    const before = GaussianProcess.fit(X.slice(0, 39 * d), y.slice(0, 39), { d });
    const warmStartTheta = gaussianProcessState(before).theta!;
    const cold = GaussianProcess.fit(X, y, { d });
    const warm = GaussianProcess.fit(X, y, { d, warmStartTheta });
    expect(warm.fitStatus).toBe('converged');
    expect(gaussianProcessState(warm).fitEvaluations).toBeLessThan(gaussianProcessState(cold).fitEvaluations);
    expect(Math.abs(warm.logMarginalLikelihood - cold.logMarginalLikelihood)).toBeLessThan(0.05);
  });

  it('with multiStart runs both starts and keeps the lower MAP objective, ties to the warm start', () => {
    const ex = coreExports();
    const n = y.length;
    const mapObjective = (gp: GaussianProcess) => {
      const st = gaussianProcessState(gp);
      return withScratch((s) =>
        ex.gp_objective(
          s.f64(n * d, st.x),
          n,
          d,
          s.i32(d),
          s.f64(n, st.y),
          s.f64(d + 2, st.theta!),
          1e-6,
          1,
          s.f64(ex.gp_objective_work(n, d)),
          s.f64(d + 2),
        ),
      );
    };
    const cold = GaussianProcess.fit(X, y, { d });
    // A poor warm start (long lengthscales, high noise) that its 3 iterations cannot bring home.
    const poor = [Math.log(5), Math.log(5), 0, Math.log(0.5)];
    const warmOnly = GaussianProcess.fit(X, y, { d, warmStartTheta: poor, warmStartMaxIterations: 3 });
    const both = GaussianProcess.fit(X, y, { d, warmStartTheta: poor, warmStartMaxIterations: 3, multiStart: true });
    expect(mapObjective(cold)).toBeLessThan(mapObjective(warmOnly));
    expect(gaussianProcessState(both).theta).toEqual(gaussianProcessState(cold).theta);
    expect(gaussianProcessState(both).fitEvaluations).toBe(
      gaussianProcessState(cold).fitEvaluations + gaussianProcessState(warmOnly).fitEvaluations,
    );
    // From the cold optimum itself, the warm run cannot do better and is kept.
    const coldTheta = gaussianProcessState(cold).theta!;
    const again = GaussianProcess.fit(X, y, { d, warmStartTheta: coldTheta, multiStart: true });
    const warmAgain = GaussianProcess.fit(X, y, { d, warmStartTheta: coldTheta });
    expect(gaussianProcessState(again).theta).toEqual(
      mapObjective(warmAgain) <= mapObjective(cold) ? gaussianProcessState(warmAgain).theta : coldTheta,
    );
  });

  it('reports the iteration limit', () => {
    const gp = GaussianProcess.fit(X, y, { d, maxIterations: 1 });
    expect(gp.fitStatus).toBe('max-iterations');
    expect(gp.fitIterations).toBe(1);
  });

  it('fits categorical dimensions by Hamming distance', () => {
    // y depends on the category only: the categorical dimension must get a short lengthscale
    // relative to the irrelevant continuous one.
    const rand = mulberry32(5);
    const Xc: number[] = [];
    const yc: number[] = [];
    for (let i = 0; i < 30; i++) {
      const c = i % 3;
      Xc.push(rand(), c);
      yc.push([0, 2, -1][c] + 0.01 * rand());
    }
    const gp = GaussianProcess.fit(Xc, yc, { d: 2, categorical: [false, true] });
    const [lx, lc] = gp.hyperparameters.lengthscales;
    expect(lc).toBeLessThan(lx);
    const { mean } = gp.predict([0.5, 0, 0.5, 1, 0.5, 2]);
    expect(mean[0]).toBeCloseTo(0, 1);
    expect(mean[1]).toBeCloseTo(2, 1);
    expect(mean[2]).toBeCloseTo(-1, 1);
  });

  it('falls back to the defaults, and says so, when fixed hyperparameters cannot be factored', () => {
    // σ² + σ_n² overflows to +Inf on the diagonal: no jitter can help.
    const gp = GaussianProcess.fit(X.slice(0, 20), y.slice(0, 10), {
      d,
      fixed: { lengthscales: [0.1, 0.1], signalVariance: 1e308, noiseVariance: 1e308 },
    });
    expect(gp.fitStatus).toBe('fallback');
    expect(gp.usedDefaults).toBe(true);
    expect(gp.hyperparameters).toEqual({ lengthscales: [1, 1], signalVariance: 1, noiseVariance: 1 });
  });
});

describe('GaussianProcess argument errors', () => {
  const X = [0.1, 0.2, 0.3, 0.4];
  const y = [1, 2];
  it('names the argument and the value', () => {
    expect(() => GaussianProcess.fit(X, [1, 2, 3], { d: 2 })).toThrow(
      new RangeError('GaussianProcess.fit: `X` must hold y.length × d = 6 values but got 4.'),
    );
    expect(() => GaussianProcess.fit([0.1, NaN, 0.3, 0.4], y, { d: 2 })).toThrow(
      new RangeError('GaussianProcess.fit: `X` must be finite but got NaN at index 1.'),
    );
    expect(() => GaussianProcess.fit(X, [1, Infinity], { d: 2 })).toThrow(
      new RangeError('GaussianProcess.fit: `y` must be finite but got Infinity at index 1.'),
    );
    expect(() => GaussianProcess.fit(X, y, { d: 0 })).toThrow(RangeError);
    expect(() => GaussianProcess.fit(X, [], { d: 2 })).toThrow(/`y` must hold at least one value/);
    expect(() => GaussianProcess.fit('abc' as unknown as number[], y, { d: 2 })).toThrow(TypeError);
    expect(() => GaussianProcess.fit(X, y, { d: 2, categorical: [true] })).toThrow(/`categorical` must hold d = 2 flags but got 1/);
    expect(() => GaussianProcess.fit(X, y, { d: 2, categorical: [false, true] })).toThrow(
      /`X` must hold integer category codes in categorical dimension 1 but got 0.2 at index 1/,
    );
    expect(() => GaussianProcess.fit(X, y, { d: 2, prior: 'flat' as 'none' })).toThrow(TypeError);
    expect(() => GaussianProcess.fit(X, y, { d: 2, fixed: { lengthscales: [1], signalVariance: 1, noiseVariance: 0 } })).toThrow(
      /`fixed.lengthscales` must hold d = 2 values but got 1/,
    );
    expect(() => GaussianProcess.fit(X, y, { d: 2, fixed: { lengthscales: [1, -1], signalVariance: 1, noiseVariance: 0 } })).toThrow(
      /`fixed.lengthscales` must be > 0 but got -1 at index 1/,
    );
    expect(() => GaussianProcess.fit(X, y, { d: 2, fixed: { lengthscales: [1, 1], signalVariance: 0, noiseVariance: 0 } })).toThrow(
      /`fixed.signalVariance` must be finite and > 0 but got 0/,
    );
    expect(() => GaussianProcess.fit(X, y, { d: 2, warmStartTheta: [0, 0, 0] })).toThrow(
      /`warmStartTheta` must hold d \+ 2 = 4 values but got 3/,
    );
    expect(() => GaussianProcess.fit(X, y, { d: 2, warmStartTheta: [0, 0, NaN, 0] })).toThrow(RangeError);
    expect(() =>
      GaussianProcess.fit(X, y, {
        d: 2,
        warmStartTheta: [0, 0, 0, 0],
        fixed: { lengthscales: [1, 1], signalVariance: 1, noiseVariance: 0 },
      }),
    ).toThrow(/cannot be combined but got 2 of them/);
    expect(() => GaussianProcess.fit(X, y, { d: 2, warmStartMaxIterations: 0 })).toThrow(
      /`warmStartMaxIterations` must be a positive integer but got 0/,
    );
  });

  it('checks predict inputs against the model', () => {
    const gp = GaussianProcess.fit(X, y, { d: 2 });
    expect(() => gp.predict([0.1, 0.2, 0.3])).toThrow(
      new RangeError('GaussianProcess.predict: `Xc` must hold a multiple of d = 2 values but got 3.'),
    );
    expect(() => gp.predict([0.1, -Infinity])).toThrow(/`Xc` must be finite but got -Infinity at index 1/);
    expect(gp.predict([]).mean.length).toBe(0);
  });
});
