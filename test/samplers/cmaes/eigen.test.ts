import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../../src/samplers/cmaes/eigen.js';

/** A random symmetric matrix from a flat array of entries. */
const arbSymmetric = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((v) => {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = v[i * n + j];
    return { n, a };
  }),
);

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe('symmetricEigen', () => {
  it('gives the known spectrum of small matrices', () => {
    expect(Array.from(symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values)).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    // Tridiagonal (2, −1) of order 5: eigenvalues 2 − 2cos(kπ/6).
    const n = 5;
    const t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      t[i * n + i] = 2;
      if (i > 0) t[i * n + i - 1] = t[(i - 1) * n + i] = -1;
    }
    const values = symmetricEigen(t, n).values;
    for (let k = 1; k <= n; k++) expect(values[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
  });

  it('reconstructs A = QΛQᵀ with orthonormal Q and ascending Λ (property)', () => {
    fc.assert(
      fc.property(arbSymmetric, ({ n, a }) => {
        const { values, vectors: q } = symmetricEigen(a, n);
        const scale = Math.max(maxAbs(a), 1);
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let qtq = 0;
            let rec = 0;
            for (let k = 0; k < n; k++) {
              qtq += q[k * n + i] * q[k * n + j];
              rec += q[i * n + k] * values[k] * q[j * n + k];
            }
            expect(Math.abs(qtq - (i === j ? 1 : 0))).toBeLessThan(1e-12 * n);
            expect(Math.abs(rec - a[i * n + j])).toBeLessThan(1e-12 * n * scale);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles repeated eigenvalues and a diagonal input without rotating', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 1), 3);
    expect(Array.from(values)).toEqual([1, 1, 3]);
    // Columns e2, e3 (for the two 1s) and e1 (for 3), exactly.
    expect(Array.from(vectors, Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('agrees with the trace and the determinant of a 30×30 SPD matrix', () => {
    const n = 30;
    const b = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i * 1.7) + (i % (n + 1) === 0 ? 3 : 0));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += b[i * n + k] * b[j * n + k];
    const { values } = symmetricEigen(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 9);
    expect(values[0]).toBeGreaterThan(0);
  });
});
