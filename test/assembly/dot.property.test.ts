import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore } from '../helpers/test-core.js';
import { withScratch } from '../../src/core/memory.js';

describe('dot properties', () => {
  it('linalg_dot is symmetric and linear for every length', () => {
    const ex = testCore();
    fc.assert(
      // Multiples of 1/64: products never underflow, so scaling by 2 stays exact.
      fc.property(
        fc.array(
          fc.integer({ min: -64000, max: 64000 }).map((i) => i / 64),
          { maxLength: 70 },
        ),
        (xs) => {
          const n = xs.length;
          const ys = xs.map((v, i) => v * 0.5 - i);
          const [xy, yx, x2y] = withScratch((s) => {
            const px = s.f64(n, xs);
            const py = s.f64(n, ys);
            const p2 = s.f64(
              n,
              xs.map((v) => 2 * v),
            );
            return [ex.linalg_dot(px, py, n), ex.linalg_dot(py, px, n), ex.linalg_dot(p2, py, n)];
          });
          expect(yx).toBe(xy);
          expect(x2y).toBe(2 * xy); // scaling by 2 is exact
        },
      ),
      { numRuns: 300 },
    );
  });
});
