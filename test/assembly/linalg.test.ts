import { describe, expect, it } from 'vitest';
import { coreExports } from '../../src/core/loader.js';
import { testCore } from '../helpers/test-core.js';
import { withScratch } from '../../src/core/memory.js';
import { cholExtend, cholSolve, cholesky, solveLower, solveLowerT } from '../../src/core/linalg.js';
import {
  lowerTimesTranspose,
  maternGram,
  matTVec,
  matVec,
  mulberry32,
  randomSpd,
  refCholesky,
  relError,
} from '../helpers/reference-linalg.js';

describe('cholFactor (row-oriented, 2×2 blocked)', () => {
  it('reproduces A = L·Lᵀ to 1e-12 relative and zeroes the strict upper triangle, n = 0..33, 100, 257', () => {
    const rand = mulberry32(3);
    for (const n of [...Array.from({ length: 34 }, (_, i) => i), 100, 257]) {
      const a = randomSpd(n, rand);
      const got = withScratch((s) => {
        const p = s.f64(n * n, a);
        expect(testCore().linalg_chol_factor(p, n)).toBe(-1);
        return s.takeF64(p, n * n);
      });
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(got[i * n + j]).toBe(0);
      expect(relError(lowerTimesTranspose(got, n), a)).toBeLessThan(1e-12);
      expect(relError(got, refCholesky(a, n)!)).toBeLessThan(1e-10);
    }
  });

  it('returns the index of the first non-positive pivot (and of a NaN one)', () => {
    // diag(1, 1, −1, 1): pivots 0 and 1 pass, 2 fails.
    const d = new Float64Array(16);
    [1, 1, -1, 1].forEach((v, i) => (d[i * 5] = v));
    const run = (a: Float64Array, n: number) => withScratch((s) => testCore().linalg_chol_factor(s.f64(n * n, a), n));
    expect(run(d, 4)).toBe(2);
    // The all-ones matrix has rank 1: the second pivot is exactly 1 − 1 = 0.
    expect(run(new Float64Array(9).fill(1), 3)).toBe(1);
    const withNaN = randomSpd(5, mulberry32(4));
    withNaN[3 * 5 + 3] = NaN;
    expect(run(withNaN, 5)).toBe(3);
  });
});

describe('cholFactorJitter (jitter ladder)', () => {
  it('needs no jitter for a well-conditioned matrix and writes 0', () => {
    const a = randomSpd(20, mulberry32(5));
    const r = cholesky(a, 20);
    expect(r.failedPivot).toBe(-1);
    expect(r.jitter).toBe(0);
  });

  it('factors the rank-one all-ones matrix with the first rung, 1e-10 times the mean diagonal', () => {
    const n = 6;
    const a = new Float64Array(n * n).fill(2);
    const r = cholesky(a, n);
    expect(r.failedPivot).toBe(-1);
    expect(r.jitter).toBe(1e-10 * 2);
    const shifted = a.slice();
    for (let i = 0; i < n; i++) shifted[i * n + i]! += r.jitter;
    expect(relError(lowerTimesTranspose(r.factor, n), shifted)).toBeLessThan(1e-12);
  });

  it('factors a Matérn Gram matrix with exactly duplicated points (what a GP sees on repeated trials)', () => {
    const rand = mulberry32(6);
    const pts = Array.from({ length: 30 }, () => [rand(), rand(), rand()]);
    for (let i = 0; i < 10; i++) pts.push([...pts[i]!]);
    const n = pts.length;
    const a = maternGram(pts, 0.5);
    const plain = withScratch((s) => testCore().linalg_chol_factor(s.f64(n * n, a), n));
    expect(plain).toBeGreaterThanOrEqual(0); // exactly singular: the plain factorization fails
    const r = cholesky(a, n);
    expect(r.failedPivot).toBe(-1);
    expect(r.jitter).toBeGreaterThan(0);
    const shifted = a.slice();
    for (let i = 0; i < n; i++) shifted[i * n + i]! += r.jitter;
    expect(relError(lowerTimesTranspose(r.factor, n), shifted)).toBeLessThan(1e-10);
  });

  it('reports the failing pivot after the last rung and restores the input, never throwing', () => {
    const a = new Float64Array([1, 0, 0, -1]); // indefinite: no small jitter helps
    const n = 2;
    const out = withScratch((s) => {
      const p = s.f64(4, a);
      const jitter = s.f64(1);
      const pivot = coreExports().linalg_cholesky(p, n, s.f64(4), jitter);
      return { pivot, a: s.takeF64(p, 4), jitter: s.viewF64(jitter, 1)[0] };
    });
    expect(out.pivot).toBe(1);
    expect(Array.from(out.a)).toEqual([1, 0, 0, -1]);
    expect(out.jitter).toBe(1e-4); // last rung × mean |diagonal| = 1e-4 × 1
  });
});

describe('triangular solves', () => {
  const n = 37;
  const a = randomSpd(n, mulberry32(7));
  const l = refCholesky(a, n)!;
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));

  it('solveLower(L, n, b) gives x with L·x = b', () => {
    expect(relError(matVec(l, n, n, solveLower(l, n, b)), b)).toBeLessThan(1e-13);
  });

  it('solveLowerT(L, n, b) gives x with Lᵀ·x = b', () => {
    expect(relError(matTVec(l, n, n, solveLowerT(l, n, b)), b)).toBeLessThan(1e-13);
  });

  it('cholSolve(L, n, b) gives x with A·x = b', () => {
    expect(relError(matVec(a, n, n, cholSolve(l, n, b)), b)).toBeLessThan(1e-12);
  });

  it('linalg_solve_lower_many(L, n, B, m) equals solving each column of B on its own', () => {
    for (const m of [1, 2, 5, 8]) {
      const rand = mulberry32(m);
      const B = Float64Array.from({ length: n * m }, () => rand() - 0.5);
      const X = withScratch((s) => {
        const pb = s.f64(n * m, B);
        testCore().linalg_solve_lower_many(s.f64(n * n, l), n, pb, m);
        return s.takeF64(pb, n * m);
      });
      for (let c = 0; c < m; c++) {
        const col = Float64Array.from({ length: n }, (_, i) => B[i * m + c]!);
        const x = solveLower(l, n, col);
        for (let i = 0; i < n; i++) expect(X[i * m + c]).toBeCloseTo(x[i]!, 12);
      }
    }
  });
});

describe('cholExtend', () => {
  it('equals the factor of the whole matrix computed from scratch (n odd and even, k = 1..4)', () => {
    const rand = mulberry32(8);
    for (const n of [0, 1, 6, 7, 40]) {
      for (let k = 1; k <= 4; k++) {
        const m = n + k;
        const full = randomSpd(m, rand);
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
        expect(relError(ext.factor, refCholesky(full, m)!)).toBeLessThan(1e-11);
      }
    }
  });

  it('reports a failing pivot in the extended matrix when a new point duplicates an old one', () => {
    const pts = [[0.1], [0.5], [0.9]];
    const K = maternGram(pts, 0.3);
    const all = maternGram([...pts, [0.5]], 0.3);
    const cross = all.slice(3 * 4, 3 * 4 + 3);
    const corner = new Float64Array([all[15]!]);
    const ext = cholExtend(cholesky(K, 3).factor, 3, cross, corner, 1);
    expect(ext.failedPivot).toBe(3);
  });
});
