import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdoutSplit, kFoldSplit, permutation } from '../../../src/tfjs/data/split.js';
import { Rng } from '../../../src/core/rng.js';

// Labels drawn from a few classes, with n rows, plus k and a seed.
const labelled = fc
  .record({ classes: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 2, max: 80 }), seed: fc.nat() })
  .chain(({ classes, n, seed }) =>
    fc.record({
      labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n }),
      k: fc.integer({ min: 2, max: n }),
      fraction: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      seed: fc.constant(seed),
    }),
  );

function count(labels: number[], rows: Uint32Array, c: number): number {
  let m = 0;
  for (const r of rows) if (labels[r] === c) m++;
  return m;
}

describe('split properties', () => {
  it('permutation(n, rng) is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (n, seed) => {
        const p = Array.from(permutation(n, new Rng(seed))).sort((a, b) => a - b);
        expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('kFoldSplit: validation sets partition the rows, train is the complement, sizes within one', () => {
    fc.assert(
      fc.property(labelled, ({ labels, k, seed }) => {
        const n = labels.length;
        const folds = kFoldSplit(n, k, { seed });
        const seen = new Uint8Array(n);
        for (const { train, validation } of folds) {
          for (const r of validation) seen[r]++;
          expect(train.length + validation.length).toBe(n);
          expect(new Set([...train, ...validation]).size).toBe(n);
        }
        expect(seen.every((c) => c === 1)).toBe(true);
        const sizes = folds.map((f) => f.validation.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('stratified kFoldSplit: each class is spread over the folds within one row', () => {
    fc.assert(
      fc.property(labelled, ({ labels, k, seed }) => {
        const folds = kFoldSplit(labels.length, k, { seed, labels });
        for (const c of new Set(labels)) {
          const per = folds.map((f) => count(labels, f.validation, c));
          expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
        }
        const sizes = folds.map((f) => f.validation.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('stratified holdoutSplit: disjoint, complete, exact total, each class within one row of its share', () => {
    fc.assert(
      fc.property(labelled, ({ labels, fraction, seed }) => {
        const n = labels.length;
        const { train, validation } = holdoutSplit(n, { seed, labels, validationFraction: fraction });
        const total = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
        expect(validation.length).toBe(total);
        expect(new Set([...train, ...validation]).size).toBe(n);
        for (const c of new Set(labels)) {
          const nc = count(labels, Uint32Array.from(labels.keys()), c);
          expect(Math.abs(count(labels, validation, c) - (nc * total) / n)).toBeLessThan(1);
        }
      }),
    );
  });
});
