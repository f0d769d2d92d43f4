import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholExtend, cholSolve, cholesky, solveLower, solveLowerT } from '../../src/core/linalg.js';
import { lowerTimesTranspose, maternGram, matVec, mulberry32, randomSpd, refCholesky, relError } from '../helpers/reference-linalg.js';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('linalg properties', () => {
  it('cholesky(A) gives L·Lᵀ = A to 1e-12 relative for random SPD A, n = 1..64', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 1, max: 64 }), fc.double({ min: 1e-6, max: 10, noNaN: true }), (s, n, ridge) => {
        const a = randomSpd(n, mulberry32(s), ridge);
        const r = cholesky(a, n);
        expect(r.failedPivot).toBe(-1);
        expect(relError(lowerTimesTranspose(r.factor, n), a)).toBeLessThan(1e-12);
        expect(relError(r.factor, refCholesky(a, n)!)).toBeLessThan(1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('cholSolve(L, b) solves A·x = b (residual ≤ 1e-12·‖A‖‖x‖) and equals solveLowerT(solveLower(b)) bit for bit', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 1, max: 48 }), (s, n) => {
        const rand = mulberry32(s);
        const a = randomSpd(n, rand);
        const b = Float64Array.from({ length: n }, () => rand() * 2 - 1);
        const l = cholesky(a, n).factor;
        const x = cholSolve(l, n, b);
        expect(Array.from(x)).toEqual(Array.from(solveLowerT(l, n, solveLower(l, n, b))));
        const ax = matVec(a, n, n, x);
        const normA = Math.max(...Array.from(a, Math.abs));
        const normX = Math.max(...Array.from(x, Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(ax[i]! - b[i]!)).toBeLessThanOrEqual(1e-12 * n * normA * normX);
      }),
      { numRuns: 100 },
    );
  });

  it('cholExtend(L, cross, corner) equals refactoring the whole matrix, for every split n + k', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 12 }), (s, n, k) => {
        const m = n + k;
        const full = randomSpd(m, mulberry32(s));
        const K = new Float64Array(n * n);
        const cross = new Float64Array(k * n);
        const corner = new Float64Array(k * k);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            const v = full[i * m + j]!;
            if (i < n && j < n) K[i * n + j] = v;
            else if (i >= n && j < n) cross[(i - n) * n + j] = v;
            else if (i >= n && j >= n) corner[(i - n) * k + (j - n)] = v;
          }
        }
        const ext = cholExtend(cholesky(K, n).factor, n, cross, corner, k);
        expect(ext.failedPivot).toBe(-1);
        expect(relError(ext.factor, cholesky(full, m).factor)).toBeLessThan(1e-11);
      }),
      { numRuns: 100 },
    );
  });

  it('the jitter ladder never throws on Gram matrices with duplicated points, and what it reports is true', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (s, n, dup, ls) => {
          const rand = mulberry32(s);
          const pts = Array.from({ length: n }, () => [rand(), rand()]);
          for (let i = 0; i < dup; i++) pts.push([...pts[Math.floor(rand() * n)]!]);
          const m = pts.length;
          const a = maternGram(pts, ls);
          const r = cholesky(a, m);
          if (r.failedPivot === -1) {
            const shifted = a.slice();
            for (let i = 0; i < m; i++) shifted[i * m + i]! += r.jitter;
            expect(relError(lowerTimesTranspose(r.factor, m), shifted)).toBeLessThan(1e-9);
          } else {
            // A reported failure names a real pivot, so the caller can fall back.
            expect(r.failedPivot).toBeGreaterThanOrEqual(0);
            expect(r.failedPivot).toBeLessThan(m);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
