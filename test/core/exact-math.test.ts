import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactExp, exactLog } from '../../src/core/exact-math.js';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8)) * (a < 0 ? -1 : 1);
}

describe('exactExp', () => {
  it('gives known values and the IEEE special cases', () => {
    expect(exactExp(0)).toBe(1);
    // fdlibm's method is faithful, not correctly rounded: e comes out one ulp high (as Java's StrictMath.exp(1)).
    expect(Math.abs(ulps(exactExp(1), Math.E))).toBeLessThanOrEqual(1);
    expect(exactExp(-1)).toBe(0.36787944117144233);
    expect(exactExp(Math.LN2 * 10)).toBeCloseTo(1024, 12);
    expect(exactExp(710)).toBe(Infinity);
    expect(exactExp(-746)).toBe(0);
    expect(exactExp(-740)).toBeGreaterThan(0); // subnormal, not flushed
    expect(exactExp(NaN)).toBeNaN();
    expect(exactExp(-Infinity)).toBe(0);
  });

  it('stays within one ulp of Math.exp over the whole finite range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709, noNaN: true }), (x) => {
        expect(Math.abs(ulps(exactExp(x), Math.exp(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('exactLog', () => {
  it('gives known values and the IEEE special cases', () => {
    expect(exactLog(1)).toBe(0);
    expect(exactLog(Math.E)).toBe(1);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the exact double of ln 10 is the point.
    expect(exactLog(10)).toBe(2.302585092994046);
    expect(exactLog(2)).toBe(Math.LN2);
    expect(exactLog(0)).toBe(-Infinity);
    expect(exactLog(-1)).toBeNaN();
    expect(exactLog(Infinity)).toBe(Infinity);
    expect(exactLog(5e-324)).toBe(-744.4400719213812);
  });

  it('stays within one ulp of Math.log on positive doubles, subnormals included', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1.7e308, noNaN: true }), (x) => {
        expect(Math.abs(ulps(exactLog(x), Math.log(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20000 },
    );
  });

  it('inverts exactExp to within two ulps, so log-scaled parameters round-trip through the unit cube', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        expect(Math.abs(ulps(exactExp(exactLog(x)), x))).toBeLessThanOrEqual(Math.max(2, Math.abs(exactLog(x))));
      }),
      { numRuns: 5000 },
    );
  });
});
