import { describe, expect, it } from 'vitest';
import { branin, type TestFunction } from '../../src/bench/functions.js';
import { quartiles, runRegret } from '../../src/bench/regret.js';
import { floatDistribution } from '../../src/space/distributions.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { SobolSampler } from '../../src/samplers/sobol.js';

/** (x − c)² summed over d dimensions on [0, 1]^d: smooth, minimum 0 at c, away from any dyadic grid. */
function bowl(c: readonly number[]): TestFunction {
  const d = c.length;
  const evaluate = (x: ArrayLike<number>) => c.reduce((s, ci, i) => s + (x[i] - ci) ** 2, 0);
  return {
    name: `bowl-${d}`,
    d,
    bounds: c.map(() => [0, 1] as const),
    minimum: 0,
    argmin: c,
    space: Object.fromEntries(c.map((_, i) => [`x${i}`, floatDistribution(`x${i}`, 0, 1)])),
    evaluate,
    objective: (p) => evaluate(c.map((_, i) => p[`x${i}`] as number)),
  };
}

function meanAndStandardError(values: number[]): [number, number] {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const v = values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1);
  return [m, Math.sqrt(v / values.length)];
}

describe('quartiles()', () => {
  it('interpolates between order statistics like numpy.percentile', () => {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    expect(quartiles([4, 1, 3, 2])).toEqual({ q1: 1.75, median: 2.5, q3: 3.25 });
    expect(quartiles([7])).toEqual({ q1: 7, median: 7, q3: 7 });
  });

  it('keeps Infinity (a run that never got a value) out of NaN', () => {
    // numpy.percentile([1, 2, inf, inf], [25, 50, 75]) = [1.75, inf, inf]
    expect(quartiles([Infinity, 1, Infinity, 2])).toEqual({ q1: 1.75, median: Infinity, q3: Infinity });
    expect(quartiles([Infinity, Infinity])).toEqual({ q1: Infinity, median: Infinity, q3: Infinity });
  });
});

describe('runRegret()', () => {
  it('returns non-increasing, non-negative curves and the quartiles of their values at the checkpoints', async () => {
    const r = await runRegret({ sampler: new RandomSampler(), fn: branin, nTrials: 30, seeds: 5, checkpoints: [10, 30, 50] });
    expect(r.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(r.curves).toHaveLength(5);
    for (const c of r.curves) {
      expect(c).toHaveLength(30);
      for (let i = 1; i < c.length; i++) expect(c[i]).toBeLessThanOrEqual(c[i - 1]);
      expect(c[29]).toBeGreaterThanOrEqual(0);
    }
    expect(r.checkpoints.map((c) => c.trials)).toEqual([10, 30]);
    expect(r.checkpoints[1]).toEqual({ trials: 30, ...quartiles(r.curves.map((c) => c[29])) });
  });

  it('is reproducible: the same seeds give the same curves, different seeds differ', async () => {
    const a = await runRegret({ sampler: new SobolSampler(), fn: branin, nTrials: 12, seeds: [3, 4] });
    const b = await runRegret({ sampler: new SobolSampler(), fn: branin, nTrials: 12, seeds: [3, 4] });
    expect(b.curves).toEqual(a.curves);
    expect(a.curves[0]).not.toEqual(a.curves[1]);
  });

  // Oracle: for n uniform points and a minimiser c at distance >= rho from the edges,
  // P(regret > t) = (1 - vol(ball of radius sqrt t))^n while the ball stays inside, so
  //   1-D: E[regret] = integral of 2r (1 - 2r)^n dr = 1 / (2 (n + 1)(n + 2)),
  //   2-D: E[regret] = integral of (1 - pi t)^n dt = 1 / (pi (n + 1)),
  // up to a tail below (1 - vol(rho))^n: 1e-46 (1-D, rho = 0.4817, n = 32), 3e-32 (2-D, rho = 0.4641, n = 64).
  const seeds = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('matches the exact expected regret of random search on a 1-D bowl (200 seeds, 32 trials, 4 standard errors)', async () => {
    const r = await runRegret({ sampler: new RandomSampler(), fn: bowl([0.5183]), nTrials: 32, seeds: seeds(200), checkpoints: [] });
    const [m, se] = meanAndStandardError(r.curves.map((c) => c[31]));
    expect(Math.abs(m - 1 / (2 * 33 * 34))).toBeLessThan(4 * se);
  });

  it('beats the exact expected regret of random search with Sobol search on a 1-D bowl by more than 6 standard errors', async () => {
    const r = await runRegret({ sampler: new SobolSampler(), fn: bowl([0.5183]), nTrials: 32, seeds: seeds(200), checkpoints: [] });
    const [m, se] = meanAndStandardError(r.curves.map((c) => c[31]));
    // Measured: mean 9.2e-5 (standard error 9e-6) against 4.46e-4 for random search.
    expect(1 / (2 * 33 * 34) - m).toBeGreaterThan(6 * se);
  });

  it('beats the exact expected regret of random search with Sobol search on a smooth 2-D bowl by more than 4 standard errors', async () => {
    const r = await runRegret({ sampler: new SobolSampler(), fn: bowl([0.5183, 0.4641]), nTrials: 64, seeds: seeds(300), checkpoints: [] });
    const [m, se] = meanAndStandardError(r.curves.map((c) => c[63]));
    // Measured: mean 3.6e-3 (standard error 1.6e-4) against 1 / (65 pi) = 4.90e-3 for random search.
    expect(1 / (Math.PI * 65) - m).toBeGreaterThan(4 * se);
  });

  it('rejects a bad budget and empty seeds', async () => {
    await expect(runRegret({ sampler: new RandomSampler(), fn: branin, nTrials: 0 })).rejects.toThrow(
      new RangeError('runRegret: `nTrials` must be a positive integer but got 0.'),
    );
    await expect(runRegret({ sampler: new RandomSampler(), fn: branin, seeds: [] })).rejects.toThrow(
      new RangeError('runRegret: `seeds` must hold at least one seed but got none.'),
    );
  });
});
