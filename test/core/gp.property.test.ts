import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GaussianProcess } from '../../src/core/gp.js';
import { maximizeAcquisition } from '../../src/core/acquisition-optimizer.js';

/** Data sets built to be awkward: repeated rows, constant or near-constant y, huge offsets. */
const arbAwkward = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    base: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 24 }),
    copies: fc.integer({ min: 1, max: 4 }),
    yKind: fc.constantFrom('constant', 'random', 'tiny-spread', 'offset'),
    ys: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 96, maxLength: 96 }),
    prior: fc.constantFrom('default', 'dim-scaled', 'gamma', 'none'),
    minNoiseVariance: fc.constantFrom(0, 1e-6),
  })
  .map(({ d, base, copies, yKind, ys, prior, minNoiseVariance }) => {
    const rowsBase = Math.max(1, Math.floor(base.length / d));
    const X: number[] = [];
    for (let c = 0; c < copies; c++) X.push(...base.slice(0, rowsBase * d));
    while (X.length < rowsBase * copies * d) X.push(0.5);
    const n = X.length / d;
    const y = Array.from({ length: n }, (_, i) => {
      const v = ys[i % ys.length];
      if (yKind === 'constant') return 4.2;
      if (yKind === 'tiny-spread') return 1 + 1e-13 * v;
      if (yKind === 'offset') return 1e9 + v;
      return v;
    });
    return { d, X, y, prior, minNoiseVariance };
  });

describe('GaussianProcess.fit on awkward data', () => {
  it('never throws on duplicated points or constant y, and predicts finite means and variances >= 0', () => {
    fc.assert(
      fc.property(arbAwkward, ({ d, X, y, prior, minNoiseVariance }) => {
        const gp = GaussianProcess.fit(X, y, { d, prior, minNoiseVariance });
        expect(Number.isFinite(gp.logMarginalLikelihood)).toBe(true);
        const h = gp.hyperparameters;
        expect(h.lengthscales.every((l) => l > 0 && Number.isFinite(l))).toBe(true);
        const { mean, variance } = gp.predict([...X.slice(0, d), ...new Array<number>(d).fill(0.37)]);
        for (let i = 0; i < mean.length; i++) {
          expect(Number.isFinite(mean[i])).toBe(true);
          expect(variance[i]).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(variance[i])).toBe(true);
        }
      }),
      { numRuns: 60, seed: 31 },
    );
  });

  it('gives a constant y back as the mean everywhere', () => {
    const gp = GaussianProcess.fit([0.1, 0.5, 0.5, 0.9], [3, 3, 3, 3], { d: 1 });
    const { mean } = gp.predict([0, 0.3, 1]);
    for (const m of mean) expect(m).toBe(3);
  });

  it('leaves the acquisition optimizer a usable model: its answer is finite and in the box', () => {
    fc.assert(
      fc.property(arbAwkward, fc.integer({ min: 0, max: 1000 }), ({ d, X, y, prior, minNoiseVariance }, seed) => {
        const gp = GaussianProcess.fit(X, y, { d, prior, minNoiseVariance });
        const r = maximizeAcquisition(gp, { best: Math.max(...y), seed, nCandidates: 64, nLocalSearch: 3 });
        expect(r.x.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(Number.isNaN(r.logEI)).toBe(false);
      }),
      { numRuns: 25, seed: 32 },
    );
  });
});
