import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonDominatedBoxes, type NonDominatedBoxes } from '../../src/pareto/boxes.js';
import { hypervolume } from '../../src/pareto/hypervolume.js';

/** Bounds of box b on axis j (maximization units; +Infinity for an open upper side). */
function bounds(bx: NonDominatedBoxes, b: number, j: number): [number, number] {
  const lo = bx.boxes[b * 2 * bx.k + 2 * j]!;
  const hi = bx.boxes[b * 2 * bx.k + 2 * j + 1]!;
  return [bx.grid[bx.gridStart[j]! + lo]!, hi < 0 ? Infinity : bx.grid[bx.gridStart[j]! + hi]!];
}

/** Σ_b vol(box_b ∩ [ref, y]): the hypervolume y would add, by the decomposition. */
function improvementByBoxes(bx: NonDominatedBoxes, y: number[]): number {
  let total = 0;
  for (let b = 0; b < bx.count; b++) {
    let v = 1;
    for (let j = 0; j < bx.k; j++) {
      const [lo, hi] = bounds(bx, b, j);
      v *= Math.max(0, Math.min(y[j]!, hi) - lo);
    }
    total += v;
  }
  return total;
}

/** The same by the exact hypervolume (minimization: negate), independent of the decomposition. */
function improvementByHypervolume(front: number[][], ref: number[], y: number[]): number {
  const neg = (p: number[]) => p.map((v) => -v);
  const r = neg(ref);
  return hypervolume([...front, y].map(neg), r) - hypervolume(front.map(neg), r);
}

// Small integer grids: ties, duplicates and dominated points, the cases a decomposition gets wrong.
const point = (k: number) => fc.array(fc.integer({ min: 0, max: 6 }), { minLength: k, maxLength: k });

describe('nonDominatedBoxes()', () => {
  it('gives the staircase of two objectives', () => {
    const bx = nonDominatedBoxes(
      [
        [3, 1],
        [1, 3],
      ],
      [0, 0],
    );
    expect(bx.count).toBe(3);
    // y = (2, 2) adds the unit square [1, 2]² between the two points' corners.
    expect(improvementByBoxes(bx, [2, 2])).toBe(
      improvementByHypervolume(
        [
          [3, 1],
          [1, 3],
        ],
        [0, 0],
        [2, 2],
      ),
    );
    expect(improvementByBoxes(bx, [2, 2])).toBe(1);
  });

  for (const k of [1, 2, 3, 4]) {
    it(`adds exactly the hypervolume a point adds to the front (${k} objective${k > 1 ? 's' : ''}, property)`, () => {
      fc.assert(
        fc.property(fc.array(point(k), { maxLength: 7 }), point(k), (front, y) => {
          const ref = Array.from({ length: k }, () => -0.5);
          const bx = nonDominatedBoxes(front, ref);
          expect(improvementByBoxes(bx, y)).toBeCloseTo(improvementByHypervolume(front, ref, y), 9);
        }),
        { numRuns: k === 4 ? 60 : 200 },
      );
    });
  }

  it('boxes are disjoint: their volumes inside a bounding box add up to its volume minus the front\u2019s hypervolume', () => {
    fc.assert(
      fc.property(fc.array(point(3), { maxLength: 8 }), (front) => {
        const ref = [-1, -1, -1];
        const top = [7, 7, 7];
        const bx = nonDominatedBoxes(front, ref);
        const neg = (p: number[]) => p.map((v) => -v);
        expect(improvementByBoxes(bx, top)).toBeCloseTo(8 ** 3 - hypervolume(front.map(neg), neg(ref)), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a grid too large to enumerate, naming the count', () => {
    const front = Array.from({ length: 40 }, (_, i) => [i, 40 - i, (i * 7) % 40, (i * 13) % 40, (i * 3) % 40]);
    expect(() => nonDominatedBoxes(front, [-1, -1, -1, -1, -1])).toThrow(/must give at most 1048576 grid cells but got \d+ \(k = 5\)/);
  });
});
