import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution, distributionFromJson } from '../../src/space/distributions.js';
import { SearchSpaceTransform, decodeValue, discreteCoordinates, encodeValue } from '../../src/space/transform.js';

describe('encodeValue() and decodeValue()', () => {
  it('map a float linearly onto [0, 1]', () => {
    const d = floatDistribution('x', -2, 6);
    expect(encodeValue(d, -2)).toBe(0);
    expect(encodeValue(d, 2)).toBe(0.5);
    expect(encodeValue(d, 6)).toBe(1);
    expect(decodeValue(d, 0.25)).toBe(0);
  });

  it('map a log float through its logarithm', () => {
    const d = floatDistribution('lr', 1e-4, 1, { log: true });
    expect(encodeValue(d, 1e-2)).toBeCloseTo(0.5, 14);
    expect(decodeValue(d, 0.75)).toBeCloseTo(0.1, 14);
    expect(decodeValue(d, 0)).toBe(1e-4);
    expect(decodeValue(d, 1)).toBe(1);
  });

  it('pad an int range by half a step so every value owns an equal interval', () => {
    // [0, 3] padded to [-0.5, 3.5]: each of 0, 1, 2, 3 owns a quarter of [0, 1].
    const d = intDistribution('n', 0, 3);
    expect([0, 1, 2, 3].map((v) => encodeValue(d, v))).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect([0, 0.2499, 0.25, 0.5, 0.7499, 0.75, 1].map((u) => decodeValue(d, u))).toEqual([0, 0, 1, 2, 2, 3, 3]);
  });

  it('pad a stepped int and a stepped float by half their step', () => {
    const n = intDistribution('n', 10, 40, { step: 10 });
    expect(encodeValue(n, 10)).toBe(0.125);
    expect(decodeValue(n, 0.6)).toBe(30);
    const x = floatDistribution('x', 0, 1, { step: 0.5 });
    expect(encodeValue(x, 0.5)).toBe(0.5);
    expect(decodeValue(x, 0.2)).toBe(0);
    expect(decodeValue(x, 0.9)).toBe(1);
  });

  it('pad a log int by 1/2 before the logarithm', () => {
    const d = intDistribution('n', 1, 8, { log: true });
    const a = Math.log(0.5);
    const b = Math.log(8.5);
    expect(encodeValue(d, 1)).toBeCloseTo((0 - a) / (b - a), 15);
    expect(decodeValue(d, 0)).toBe(1);
    expect(decodeValue(d, 1)).toBe(8);
  });

  it('put categorical choice i at the centre of stratum i and decode floor(u * k)', () => {
    const d = categoricalDistribution('c', ['a', 'b', 'c', 'd']);
    expect(['a', 'b', 'c', 'd'].map((v) => encodeValue(d, v))).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect([0, 0.24, 0.25, 0.99, 1].map((u) => decodeValue(d, u))).toEqual(['a', 'a', 'b', 'd', 'd']);
    expect(() => encodeValue(d, 'e')).toThrow(new RangeError("encodeValue: `value` must be one of the choices but got 'e' (a string)."));
  });

  it('clamp coordinates outside [0, 1] and NaN to the nearest end', () => {
    const d = floatDistribution('x', 0, 10);
    expect(decodeValue(d, -3)).toBe(0);
    expect(decodeValue(d, 7)).toBe(10);
    expect(decodeValue(d, NaN)).toBe(0);
    expect(encodeValue(d, 11)).toBe(1);
  });

  it('handle the single-value ranges Optuna allows', () => {
    const d = distributionFromJson('{"name":"FloatDistribution","attributes":{"low":2,"high":2,"log":false,"step":null}}');
    expect(encodeValue(d, 2)).toBe(0.5);
    expect(decodeValue(d, 0.9)).toBe(2);
  });
});

describe('discreteCoordinates()', () => {
  it('lists the coordinates of every discrete value, or null', () => {
    expect(Array.from(discreteCoordinates(intDistribution('n', 0, 3), 16)!)).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(Array.from(discreteCoordinates(categoricalDistribution('c', [1, 2]), 16)!)).toEqual([0.25, 0.75]);
    expect(discreteCoordinates(floatDistribution('x', 0, 1), 16)).toBeNull();
    expect(discreteCoordinates(intDistribution('n', 0, 100), 16)).toBeNull();
    expect(discreteCoordinates(floatDistribution('x', 0, 1, { step: 0.25 }), 16)!.length).toBe(5);
  });
});

describe('SearchSpaceTransform', () => {
  const space = {
    lr: floatDistribution('lr', 1e-4, 1, { log: true }),
    act: categoricalDistribution('act', ['relu', 'tanh']),
    units: intDistribution('units', 16, 64, { step: 16 }),
  };

  it('keeps the key order of the space as its column order and flags categoricals', () => {
    const t = new SearchSpaceTransform(space);
    expect(t.names).toEqual(['lr', 'act', 'units']);
    expect(t.d).toBe(3);
    expect(t.categorical).toEqual([false, true, false]);
  });

  it('encodes a row and decodes it back', () => {
    const t = new SearchSpaceTransform(space);
    const row = t.encode({ lr: 0.01, act: 'tanh', units: 48 });
    expect(row[0]).toBeCloseTo(0.5, 14);
    expect(row[1]).toBe(0.75);
    expect(row[2]).toBe(0.625);
    const back = t.decode(row);
    expect(back.lr).toBeCloseTo(0.01, 15);
    expect(back.act).toBe('tanh');
    expect(back.units).toBe(48);
  });

  it('encodes into a matrix at an offset and decodes from it', () => {
    const t = new SearchSpaceTransform(space);
    const m = new Float64Array(6);
    t.encode({ lr: 1, act: 'relu', units: 16 }, m, 3);
    expect(Array.from(m.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(t.decode(m, 3)).toEqual({ lr: 1, act: 'relu', units: 16 });
  });

  it('snaps a row to the coordinates of the values it decodes to', () => {
    const t = new SearchSpaceTransform(space);
    const x = t.snap(Float64Array.from([0.3, 0.1, 0.55]));
    expect(x[1]).toBe(0.25);
    expect(x[2]).toBe(0.625);
    expect(x[0]).toBeCloseTo(0.3, 14);
  });

  it('rejects a parameter set that misses a column', () => {
    const t = new SearchSpaceTransform(space);
    expect(() => t.encode({ lr: 0.1, act: 'relu' })).toThrow(
      new RangeError('SearchSpaceTransform.encode: `params` must include every parameter of the space but got no `units`.'),
    );
  });
});

describe('a float range wider than the largest double', () => {
  it('decodes u to a value spread over the range and encodes it back', () => {
    const d = floatDistribution('x', -1.7e308, 1.7e308);
    expect(decodeValue(d, 0.5)).toBe(0);
    expect(decodeValue(d, 0.25)).toBeCloseTo(-0.85e308, -295);
    expect(encodeValue(d, 0.85e308)).toBeCloseTo(0.75, 12);
    expect([decodeValue(d, 0), decodeValue(d, 1)]).toEqual([-1.7e308, 1.7e308]);
  });
});
