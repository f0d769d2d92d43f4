import { describe, expect, it } from 'vitest';
import { testCore } from '../helpers/test-core.js';
import { withScratch } from '../../src/core/memory.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

// assembly/dot.ts is reached through the test build's linalg_dot/linalg_axpy exports; its 2×2
// and 4×2 blocks are exercised by every Cholesky test (test/assembly/linalg*.test.ts).
describe('dot and axpy (SIMD)', () => {
  it('linalg_dot(a, b, n) equals the plain sum for every length 0..40 (all tails)', () => {
    const rand = mulberry32(1);
    for (let n = 0; n <= 40; n++) {
      const a = Float64Array.from({ length: n }, () => rand() - 0.5);
      const b = Float64Array.from({ length: n }, () => rand() - 0.5);
      let ref = 0;
      for (let k = 0; k < n; k++) ref += a[k]! * b[k]!;
      const got = withScratch((s) => testCore().linalg_dot(s.f64(n, a), s.f64(n, b), n));
      expect(Math.abs(got - ref)).toBeLessThan(1e-15 * Math.max(1, n));
    }
  });

  it('linalg_axpy(alpha, x, y, n) updates exactly y[k] += alpha·x[k] and nothing past n', () => {
    const rand = mulberry32(2);
    for (let n = 0; n <= 21; n++) {
      const x = Float64Array.from({ length: n }, () => rand());
      const y = Float64Array.from({ length: n + 1 }, () => rand());
      const got = withScratch((s) => {
        const py = s.f64(n + 1, y);
        testCore().linalg_axpy(-1.5, s.f64(n, x), py, n);
        return s.takeF64(py, n + 1);
      });
      for (let k = 0; k < n; k++) expect(got[k]).toBe(y[k]! + -1.5 * x[k]!);
      expect(got[n]).toBe(y[n]); // the guard element is untouched
    }
  });
});
