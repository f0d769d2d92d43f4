import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../src/pareto/hypervolume.js';

// Reference: inclusion–exclusion over every non-empty subset, each subset dominating the box from
// its component-wise maximum to the reference. Exact and independent of any sweep; 2^n terms.
function referenceHypervolume(points: number[][], ref: number[]): number {
  const inside = points.filter((p) => p.every((v, k) => v < ref[k]));
  let total = 0;
  for (let mask = 1; mask < 1 << inside.length; mask++) {
    const corner = ref.map(() => -Infinity);
    let size = 0;
    for (let i = 0; i < inside.length; i++) {
      if ((mask & (1 << i)) === 0) continue;
      size++;
      for (let k = 0; k < ref.length; k++) corner[k] = Math.max(corner[k], inside[i][k]);
    }
    const box = ref.reduce((v, r, k) => v * (r - corner[k]), 1);
    total += size % 2 === 1 ? box : -box;
  }
  return total;
}

// Small integer grids give many ties and duplicates, the cases sweeps get wrong.
const point = (m: number) => fc.array(fc.integer({ min: 0, max: 6 }), { minLength: m, maxLength: m });
const cases = (m: number, maxPoints: number) => fc.array(point(m), { maxLength: maxPoints });

describe('hypervolume()', () => {
  it('matches known values', () => {
    expect(
      hypervolume(
        [
          [1, 2],
          [2, 1],
        ],
        [3, 3],
      ),
    ).toBe(3);
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(hypervolume([[1, 1]], [1, 2])).toBe(0); // on the reference's boundary: no volume
    expect(hypervolume([[0.5]], [2])).toBe(1.5);
    // ZDT1's true front f2 = 1 − √f1 against (11, 11): 120 + 2/3 (the known optimum, 120.6667).
    const front = Array.from({ length: 20001 }, (_, i) => [i / 20000, 1 - Math.sqrt(i / 20000)]);
    expect(hypervolume(front, [11, 11])).toBeCloseTo(120 + 2 / 3, 4);
    // DTLZ2's front is the positive unit sphere octant; against (2.5)³ its HV is 2.5³ − π/6.
    const sphere: number[][] = [];
    for (let i = 0; i <= 60; i++) {
      for (let j = 0; j <= 60; j++) {
        const a = (i / 60) * (Math.PI / 2);
        const b = (j / 60) * (Math.PI / 2);
        sphere.push([Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)]);
      }
    }
    const hv = hypervolume(sphere, [2.5, 2.5, 2.5]);
    expect(hv).toBeLessThan(2.5 ** 3 - Math.PI / 6);
    expect(hv).toBeGreaterThan(2.5 ** 3 - Math.PI / 6 - 0.02);
  });

  for (const m of [2, 3, 4, 5]) {
    it(`equals inclusion–exclusion with ${m} objectives, ties and duplicates included`, () => {
      fc.assert(
        fc.property(cases(m, m <= 3 ? 10 : 8), point(m), (points, r) => {
          const ref = r.map((v) => v + 1);
          expect(hypervolume(points, ref)).toBeCloseTo(referenceHypervolume(points, ref), 9);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('is monotone: adding a point never lowers it, and a dominated point adds nothing', () => {
    fc.assert(
      fc.property(cases(3, 12), point(3), (points, extra) => {
        const ref = [7, 7, 7];
        const before = hypervolume(points, ref);
        expect(hypervolume([...points, extra], ref)).toBeGreaterThanOrEqual(before - 1e-12);
        if (points.length > 0) expect(hypervolume([...points, points[0].map((v) => v + 0.5)], ref)).toBeCloseTo(before, 12);
      }),
    );
  });

  it('names the bad argument', () => {
    expect(() => hypervolume([[1, 2]], [])).toThrow('hypervolume: `reference` must have at least one objective but got an empty array.');
    expect(() => hypervolume([[1, 2]], [3, Infinity])).toThrow('hypervolume: `reference` must be finite but got Infinity at index 1.');
    expect(() => hypervolume([[1, 2, 3]], [3, 3])).toThrow('hypervolume: every point must have 2 objectives like `reference` but got 3.');
  });
});
