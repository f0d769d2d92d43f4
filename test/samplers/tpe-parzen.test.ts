// The Parzen estimator of TPESampler: densities against a direct plain-TS formula, normalization
// over the bounds, samples inside the bounds and on the grid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoricalDistribution, contains, floatDistribution, intDistribution, type Distribution } from '../../src/space/distributions.js';
import { defaultGamma, defaultWeights } from '../../src/samplers/tpe/options.js';
import { ParzenEstimator } from '../../src/samplers/tpe/parzen-estimator.js';
import { logIntervalMass } from '../../src/samplers/tpe/truncnorm.js';
import { arbDistribution } from '../helpers/arbitraries.js';

const OPTIONS = { priorWeight: 1, considerEndpoints: false, considerMagicClip: true, multivariate: false };

/** Φ by Simpson's rule on the standard normal density (an independent reference). */
function phiIntegral(a: number, b: number): number {
  const n = 2000;
  const h = (b - a) / n;
  const f = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('ParzenEstimator', () => {
  it('matches the direct formula: a weighted mixture of truncated normals with neighbour bandwidths', () => {
    // Observations 2, 3, 7 on [0, 10]; the prior kernel sits at 5 with bandwidth 10.
    // Sorted means with the bounds: 0 | 2 3 5 7 | 10. Neighbour distances: 2→max(2,1)=2 but the
    // outermost kernels use their inner gap (considerEndpoints false): 2→1, 3→max(1,2)=2,
    // 7→2 (inner gap 7−5); magic clip floor 10/min(100, 1+4) = 2 lifts 2→1 to 2.
    const d = floatDistribution('x', 0, 10);
    const pe = new ParzenEstimator([d], [[2, 3, 7]], defaultWeights(3), OPTIONS);
    const mus = [2, 3, 7, 5];
    const sigmas = [2, 2, 2, 10];
    const w = [0.25, 0.25, 0.25, 0.25];
    const density = (x: number) =>
      mus.reduce((s, mu, k) => {
        const z = (x - mu) / sigmas[k];
        const mass = phiIntegral((0 - mu) / sigmas[k], (10 - mu) / sigmas[k]);
        return s + (w[k] * Math.exp(-0.5 * z * z)) / (Math.sqrt(2 * Math.PI) * sigmas[k] * mass);
      }, 0);
    const xs = [0, 0.5, 2, 3.3, 5, 8.9, 10];
    const got = pe.logPdf([Float64Array.from(xs)]);
    xs.forEach((x, i) => expect(got[i]).toBeCloseTo(Math.log(density(x)), 10));
  });

  it('integrates to 1 over the bounds (float, log float in log space) and sums to 1 over a grid', () => {
    const cases: [Distribution, number[]][] = [
      [floatDistribution('x', -2, 3), [-1.9, 0.1, 0.2, 2.5, 2.99]],
      [floatDistribution('lr', 1e-4, 1, { log: true }), [1e-3, 2e-3, 0.5]],
    ];
    for (const [d, obs] of cases) {
      if (d.kind === 'categorical') continue;
      const pe = new ParzenEstimator([d], [obs], defaultWeights(obs.length), OPTIONS);
      // Trapezoid rule in kernel space (log x for log parameters: the density is per unit of log x).
      const lo = d.log ? Math.log(d.low) : d.low;
      const hi = d.log ? Math.log(d.high) : d.high;
      const n = 20000;
      const grid = Float64Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
      const values = d.log ? grid.map(Math.exp) : grid;
      values[0] = d.low;
      values[n] = d.high;
      const dens = pe.logPdf([values]).map(Math.exp);
      let integral = 0;
      for (let i = 0; i < n; i++) integral += ((dens[i] + dens[i + 1]) / 2) * ((hi - lo) / n);
      expect(integral).toBeCloseTo(1, 6);
    }
    const discrete: [Distribution, number[]][] = [
      [intDistribution('n', -4, 20, { step: 2 }), [-4, 0, 0, 18]],
      [intDistribution('u', 1, 1000, { log: true }), [1, 7, 64, 900]],
      [floatDistribution('q', 0, 1, { step: 0.1 }), [0.1, 0.5]],
    ];
    for (const [d, obs] of discrete) {
      if (d.kind === 'categorical') continue;
      const pe = new ParzenEstimator([d], [obs], defaultWeights(obs.length), OPTIONS);
      const k = Math.round((d.high - d.low) / d.step!) + 1;
      const grid = Float64Array.from({ length: k }, (_, i) => Math.min(d.high, d.low + i * d.step!));
      const total = pe.logPdf([grid]).reduce((s, v) => s + Math.exp(v), 0);
      expect(total).toBeCloseTo(1, 9);
    }
    const c = categoricalDistribution('c', ['a', 'b', 'c']);
    const pe = new ParzenEstimator([c], [[0, 0, 2]], defaultWeights(3), OPTIONS);
    const p = pe.logPdf([Float64Array.from([0, 1, 2])]).map(Math.exp);
    // Kernel rows: (1/4 + [hit]) / (3/4 + 1) for the three observations, uniform for the prior.
    const row = (hit: number, i: number) => (0.25 + (i === hit ? 1 : 0)) / 1.75;
    const expected = [0, 1, 2].map((i) => (row(0, i) * 2 + row(2, i) + 1 / 3) / 4);
    p.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('joint (multivariate) kernels multiply across parameters', () => {
    const x = floatDistribution('x', 0, 1);
    const c = categoricalDistribution('c', ['a', 'b']);
    const pe = new ParzenEstimator(
      [x, c],
      [
        [0.2, 0.8],
        [0, 1],
      ],
      defaultWeights(2),
      { ...OPTIONS, multivariate: true },
    );
    // Scott's rule gives 0.2 · 2^(−1/6) ≈ 0.18 for the two observations, below the magic-clip
    // floor 1 / min(100, 1 + 3) = 0.25, which wins; the prior has the range.
    const s = Math.max(0.2 * 2 ** (-1 / 6), 0.25);
    const kernels = [
      { mu: 0.2, sigma: s, probs: [1 + 1 / 3, 1 / 3].map((v) => v / (1 + 2 / 3)) },
      { mu: 0.8, sigma: s, probs: [1 / 3, 1 + 1 / 3].map((v) => v / (1 + 2 / 3)) },
      { mu: 0.5, sigma: 1, probs: [0.5, 0.5] },
    ];
    const at = (v: number, i: number) =>
      kernels.reduce((sum, k) => {
        const z = (v - k.mu) / k.sigma;
        const mass = phiIntegral(-k.mu / k.sigma, (1 - k.mu) / k.sigma);
        return sum + ((Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * k.sigma * mass)) * k.probs[i]) / 3;
      }, 0);
    const got = pe.logPdf([Float64Array.from([0.1, 0.75]), Float64Array.from([1, 1])]);
    expect(got[0]).toBeCloseTo(Math.log(at(0.1, 1)), 10);
    expect(got[1]).toBeCloseTo(Math.log(at(0.75, 1)), 10);
  });

  it('samples values the distribution contains, with a finite density (property)', () => {
    fc.assert(
      fc.property(
        arbDistribution,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 0, maxLength: 12 }),
        fc.integer({ min: 1, max: 1e6 }),
        (d, us, seed) => {
          // Observations: values of d placed by the uniforms.
          const obs = us.map((u) => {
            if (d.kind === 'categorical') return Math.floor(u * d.choices.length);
            if (d.log) return Math.min(d.high, Math.max(d.low, Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)))));
            const v = d.low + u * (d.high - d.low);
            return d.step === null ? v : Math.min(d.high, d.low + Math.round((v - d.low) / d.step) * d.step);
          });
          const pe = new ParzenEstimator([d], [obs], defaultWeights(obs.length), OPTIONS);
          let state = seed;
          const uniforms = Float64Array.from({ length: 2 * 16 }, () => (state = (state * 48271) % 2147483647) / 2147483647);
          const [column] = pe.sample(uniforms, 16);
          const values = d.kind === 'categorical' ? Array.from(column, (i) => d.choices[i]) : Array.from(column);
          for (const v of values) expect(contains(d, v)).toBe(true);
          for (const lp of pe.logPdf([column])) expect(Number.isFinite(lp)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('logIntervalMass is accurate far in both tails and in the middle', () => {
    const lo = Float64Array.from([-0.5, 30, -31, 2, -1e-3]);
    const hi = Float64Array.from([0.5, 30.5, -30, 2.5, 1e-3]);
    const got = logIntervalMass(lo, hi);
    expect(got[0]).toBeCloseTo(Math.log(phiIntegral(-0.5, 0.5)), 12);
    // Upper tail: log(Φ(−30) − Φ(−30.5)) via the Mills ratio, ≈ −454.3212…
    const tail = (x: number) => -0.5 * x * x - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(1 - 1 / (x * x) + 3 / x ** 4 - 15 / x ** 6);
    expect(got[1]).toBeCloseTo(tail(30) + Math.log(1 - Math.exp(tail(30.5) - tail(30))), 6);
    expect(got[2]).toBeCloseTo(tail(30) + Math.log(1 - Math.exp(tail(31) - tail(30))), 6);
    expect(got[3]).toBeCloseTo(Math.log(phiIntegral(2, 2.5)), 12);
    expect(got[4]).toBeCloseTo(Math.log(phiIntegral(-1e-3, 1e-3)), 9);
  });
});

describe('defaultGamma and defaultWeights', () => {
  it("follow Optuna's definitions", () => {
    // numpy: [min(int(np.ceil(0.1 * x)), 25) for x in ...]
    expect([0, 1, 10, 11, 30, 100, 251, 1000].map(defaultGamma)).toEqual([0, 1, 1, 2, 3, 10, 25, 25]);
    expect(Array.from(defaultWeights(3))).toEqual([1, 1, 1]);
    const w = defaultWeights(30); // numpy.linspace(1/30, 1, 5) then 25 ones
    [1 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 15));
    expect(Array.from(w.slice(5))).toEqual(new Array(25).fill(1));
  });
});
