import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/space/grid.js';
import { arbChoice } from '../helpers/arbitraries.js';

const arbSpace = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 4 }),
  fc.uniqueArray(arbChoice, { minLength: 1, maxLength: 5, comparator: 'IsStrictlyEqual' }),
  { minKeys: 1, maxKeys: 4 },
);

describe('Grid properties', () => {
  it('enumerates exactly the product of the list lengths, every point distinct, and indexOf inverts point', () => {
    fc.assert(
      fc.property(arbSpace, (space) => {
        const g = new Grid(space);
        const expected = Object.values(space).reduce((n, l) => n * l.length, 1);
        expect(g.size).toBe(expected);
        const keys = new Set<string>();
        for (let k = 0; k < g.size; k++) {
          const p = g.point(k);
          expect(g.indexOf(p)).toBe(k);
          keys.add(JSON.stringify(g.names.map((n) => [typeof p[n], p[n]])));
        }
        expect(keys.size).toBe(expected);
      }),
    );
  });

  it('does not depend on the key order of the search space', () => {
    fc.assert(
      fc.property(arbSpace, (space) => {
        const reversed = Object.fromEntries(Object.entries(space).reverse());
        expect([...new Grid(reversed)]).toEqual([...new Grid(space)]);
      }),
    );
  });
});
