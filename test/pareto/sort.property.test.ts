import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constrainedDominates, dominates, totalViolation } from '../../src/pareto/dominance.js';
import { crowdingDistances, nonDominatedRanks, paretoFrontIndices } from '../../src/pareto/sort.js';

// Reference ranks by definition: peel off the vectors nothing left dominates, front by front.
function referenceRanks(points: number[][], beats: (i: number, j: number) => boolean): number[] {
  const ranks = points.map(() => -1);
  for (let rank = 0; ranks.includes(-1); rank++) {
    const left = ranks.flatMap((r, i) => (r === -1 ? [i] : []));
    const front = left.filter((j) => !left.some((i) => i !== j && beats(i, j)));
    for (const j of front) ranks[j] = rank;
  }
  return ranks;
}

const vectors = fc
  .integer({ min: 1, max: 4 })
  .chain((m) => fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: m, maxLength: m }), { maxLength: 25 }));

describe('dominance', () => {
  it('dominates() is a strict partial order', () => {
    fc.assert(
      fc.property(vectors, (points) => {
        for (const a of points) {
          expect(dominates(a, a)).toBe(false);
          for (const b of points) {
            if (dominates(a, b)) expect(dominates(b, a)).toBe(false);
            for (const c of points) if (dominates(a, b) && dominates(b, c)) expect(dominates(a, c)).toBe(true);
          }
        }
      }),
    );
  });

  it('a NaN objective never dominates a number', () => {
    expect(dominates([Number.NaN, 0], [1, 1])).toBe(false);
    expect(dominates([1, 1], [Number.NaN, 1])).toBe(true);
  });

  it('constrained domination puts feasible first, then smaller violation', () => {
    expect(constrainedDominates([9, 9], [0, 0], 0, 0.1)).toBe(true);
    expect(constrainedDominates([0, 0], [9, 9], 0.1, 0)).toBe(false);
    expect(constrainedDominates([9, 9], [0, 0], 0.2, 0.3)).toBe(true);
    expect(constrainedDominates([0, 0], [1, 1], 0, 0)).toBe(true);
    expect(totalViolation([-1, 0, 0.5, 2])).toBe(2.5);
    expect(totalViolation([-1, 0])).toBe(0);
    expect(totalViolation([Number.NaN])).toBe(Infinity);
  });
});

describe('nonDominatedRanks()', () => {
  it('equals peeling fronts by the definition', () => {
    fc.assert(
      fc.property(vectors, (points) => {
        expect(Array.from(nonDominatedRanks(points))).toEqual(referenceRanks(points, (i, j) => dominates(points[i], points[j])));
      }),
    );
  });

  it('with violations, equals peeling fronts under constrained domination', () => {
    fc.assert(
      fc.property(
        vectors.chain((p) =>
          fc.tuple(fc.constant(p), fc.array(fc.constantFrom(0, 0, 0.5, 1, 2), { minLength: p.length, maxLength: p.length })),
        ),
        ([points, v]) => {
          const expected = referenceRanks(points, (i, j) => constrainedDominates(points[i], points[j], v[i], v[j]));
          expect(Array.from(nonDominatedRanks(points, v))).toEqual(expected);
          const front = paretoFrontIndices(points, v);
          expect(front).toEqual(expected.flatMap((r, i) => (r === 0 ? [i] : [])));
          if (v.some((x) => x === 0)) expect(front.every((i) => v[i] === 0)).toBe(true);
        },
      ),
    );
  });

  it('keeps duplicates of a front vector on the front', () => {
    expect(
      paretoFrontIndices([
        [1, 2],
        [1, 2],
        [2, 2],
      ]),
    ).toEqual([0, 1]);
  });
});

describe('crowdingDistances()', () => {
  it('gives the extremes Infinity and the inner points the normalized neighbour gaps', () => {
    const d = crowdingDistances([
      [0, 4],
      [1, 3],
      [3, 1],
      [4, 0],
    ]);
    expect(Array.from(d)).toEqual([Infinity, (3 - 0) / 4 + (4 - 1) / 4, (4 - 1) / 4 + (3 - 0) / 4, Infinity]);
  });

  it('is non-negative, Infinity at every extreme, and (without ties) independent of the input order', () => {
    fc.assert(
      fc.property(vectors, fc.integer(), (points, shift) => {
        const d = crowdingDistances(points);
        expect(Array.from(d).every((x) => x >= 0)).toBe(true);
        if (points.length === 0) return;
        for (let k = 0; k < points[0].length; k++) {
          const values = points.map((p) => p[k]);
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          points.forEach((p, i) => {
            if (p[k] === lo || p[k] === hi) expect(d[i]).toBe(Infinity);
          });
        }
        const tied = points[0].some((_, k) => new Set(points.map((p) => p[k])).size < points.length);
        if (tied) return;
        const k = ((shift % points.length) + points.length) % points.length;
        const rotated = [...points.slice(k), ...points.slice(0, k)];
        const e = crowdingDistances(rotated);
        expect(Array.from(e)).toEqual([...Array.from(d).slice(k), ...Array.from(d).slice(0, k)]);
      }),
    );
  });
});
