import { describe, expect, it } from 'vitest';
import { cholExtend, cholSolve, cholesky, solveLower } from '../../src/core/linalg.js';
import { scratchInUse } from '../../src/core/memory.js';

describe('src/core/linalg wrappers', () => {
  it('cholesky(a, n) rejects a wrong length, a fractional order and NaN with one-sentence errors', () => {
    expect(() => cholesky([1, 2, 3], 2)).toThrow('cholesky: `a` must have 4 entries but got 3.');
    expect(() => cholesky([1], 1.5)).toThrow('cholesky: `n` must be a non-negative integer but got 1.5.');
    expect(() => cholesky([1, 0, 0, NaN], 2)).toThrow('cholesky: `a` must be finite but got NaN at index 3.');
    expect(() => cholesky([1, 0, 0, NaN], 2)).toThrow(RangeError);
  });

  it('the solves and cholExtend check every argument length', () => {
    expect(() => solveLower([1], 1, [1, 2])).toThrow('solveLower: `b` must have 1 entries but got 2.');
    expect(() => cholSolve([1, 0, 0], 2, [1, 2])).toThrow('cholSolve: `factor` must have 4 entries but got 3.');
    expect(() => cholExtend([1], 1, [0.5], [1, 2], 1)).toThrow('cholExtend: `corner` must have 1 entries but got 2.');
    expect(() => cholExtend([1], 1, [0.5], [1], -1)).toThrow('cholExtend: `k` must be a non-negative integer');
  });

  it('cholesky([4, 2, 2, 3], 2) is [2, 0, 1, √2] and releases its scratch memory', () => {
    const r = cholesky([4, 2, 2, 3], 2);
    expect(Array.from(r.factor)).toEqual([2, 0, 1, Math.SQRT2]);
    expect(r.failedPivot).toBe(-1);
    expect(scratchInUse()).toBe(0);
  });
});
