import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../src/space/distributions.js';
import { Grid, distributionValues } from '../../src/space/grid.js';

describe('Grid', () => {
  it('sorts names and varies the last name fastest, values in the order given', () => {
    const g = new Grid({ b: [1, 2], a: ['x', 'y', 'z'] });
    expect(g.names).toEqual(['a', 'b']);
    expect(g.size).toBe(6);
    expect([...g]).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
      { a: 'z', b: 1 },
      { a: 'z', b: 2 },
    ]);
  });

  it('finds the index of a point and -1 off the grid', () => {
    const g = new Grid({ b: [1, 2], a: ['x', 'y', 'z'] });
    expect(g.indexOf({ a: 'z', b: 2, other: 5 })).toBe(5);
    expect(g.indexOf({ a: 'z', b: 3 })).toBe(-1);
    expect(g.indexOf({ a: 'z' })).toBe(-1);
  });

  it('keeps null, booleans and numbers as distinct values', () => {
    const g = new Grid({ v: [null, false, 0, '0'] });
    expect([...g].map((p) => p.v)).toEqual([null, false, 0, '0']);
    expect(g.indexOf({ v: '0' })).toBe(3);
  });

  it('rejects empty, non-array, repeated and unsupported value lists and an empty space', () => {
    expect(() => new Grid({ a: [] })).toThrow(new RangeError('Grid: `searchSpace.a` needs at least one value but got an empty list.'));
    expect(() => new Grid({ a: 3 as unknown as number[] })).toThrow(
      new TypeError('Grid: `searchSpace.a` must be an array of values but got 3.'),
    );
    expect(() => new Grid({ a: [1, 1] })).toThrow(new TypeError('Grid: `searchSpace.a` needs distinct values but got 1 twice.'));
    expect(() => new Grid({ a: [Infinity] })).toThrow(
      new TypeError('Grid: `searchSpace.a` accepts strings, finite numbers, booleans or null but got Infinity at index 0.'),
    );
    expect(() => new Grid({})).toThrow(new RangeError('Grid: `searchSpace` needs at least one parameter but got none.'));
    expect(() => new Grid(null as unknown as Record<string, number[]>)).toThrow(TypeError);
  });

  it('rejects grids beyond 2^53 points and indices outside [0, size)', () => {
    const big = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}`, Array.from({ length: 1000 }, (_, j) => j)]));
    expect(() => new Grid(big)).toThrow(RangeError);
    const g = new Grid({ a: [1, 2] });
    expect(() => g.point(2)).toThrow(new RangeError('Grid.point: `k` must be an integer in [0, 1] but got 2.'));
    expect(() => g.point(0.5)).toThrow(RangeError);
  });
});

describe('distributionValues()', () => {
  it('lists every value of a discrete distribution', () => {
    expect(distributionValues(intDistribution('n', 2, 8, { step: 2 }))).toEqual([2, 4, 6, 8]);
    expect(distributionValues(floatDistribution('x', 0, 1, { step: 0.25 }))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(distributionValues(categoricalDistribution('c', ['a', null]))).toEqual(['a', null]);
  });

  it('rejects continuous floats and lists longer than the limit', () => {
    expect(() => distributionValues(floatDistribution('x', 0, 1))).toThrow(
      new TypeError('distributionValues: `d` must be discrete (an int, a float with a step, or categorical) but got a continuous float.'),
    );
    expect(() => distributionValues(intDistribution('n', 0, 100), 10)).toThrow(
      new RangeError('distributionValues: `d` must have at most 10 values but got 101.'),
    );
  });
});
