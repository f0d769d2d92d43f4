import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreExports } from '../../src/core/loader.js';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('special function properties', () => {
  it('erfc is non-increasing on the whole line', () => {
    const { special_erfc } = coreExports();
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(special_erfc(lo)).toBeGreaterThanOrEqual(special_erfc(hi));
      }),
      { numRuns: 2000 },
    );
  });

  it('erfc(x) + erfc(−x) = 2 to 2 ulp of 2', () => {
    const { special_erfc } = coreExports();
    fc.assert(
      fc.property(finite(-30, 30), (x) => {
        expect(Math.abs(special_erfc(x) + special_erfc(-x) - 2)).toBeLessThanOrEqual(2 * 2 ** -52);
      }),
      { numRuns: 2000 },
    );
  });

  it('erfcx(x)·exp(−x²) = erfc(x) where erfc is a normal number (tolerance covers exp(−x·x) rounding)', () => {
    const { special_erfc, special_erfcx } = coreExports();
    fc.assert(
      fc.property(finite(-5.5, 26.5), (x) => {
        const expected = special_erfc(x);
        // The test's own exp(−x·x) is off by up to x²·2^-53 relative; the functions by a few ulp.
        const tolerance = 8 * 2 ** -53 * (1 + x * x);
        expect(Math.abs((special_erfcx(x) * Math.exp(-x * x)) / expected - 1)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 2000 },
    );
  });

  it('erfcx is positive and non-increasing from −26.6 to +Inf', () => {
    const { special_erfcx } = coreExports();
    fc.assert(
      fc.property(finite(-26.6, Number.MAX_VALUE), finite(-26.6, Number.MAX_VALUE), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(special_erfcx(hi)).toBeGreaterThan(0);
        expect(special_erfcx(lo)).toBeGreaterThanOrEqual(special_erfcx(hi));
      }),
      { numRuns: 2000 },
    );
  });

  it('logNdtr is finite and ≤ 0 for every x ≥ −1.8e154 (below, −x²/2 overflows) and non-decreasing', () => {
    const { special_log_ndtr } = coreExports();
    fc.assert(
      fc.property(finite(-1.8e154, Number.MAX_VALUE), finite(-1.8e154, Number.MAX_VALUE), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [fl, fh] = [special_log_ndtr(lo), special_log_ndtr(hi)];
        expect(Number.isFinite(fl) && Number.isFinite(fh)).toBe(true);
        expect(fh).toBeLessThanOrEqual(0);
        expect(fl).toBeLessThanOrEqual(fh);
      }),
      { numRuns: 2000 },
    );
  });

  it('logNdtr(x) = log(erfc(−x/√2)/2) where the naive form is accurate (|x| ≤ 5)', () => {
    const { special_erfc, special_log_ndtr } = coreExports();
    fc.assert(
      fc.property(finite(-5, 5), (x) => {
        const naive = Math.log(0.5 * special_erfc(-x / Math.SQRT2));
        // erfc at a rounded argument: relative error up to x²·2^-53 in Φ, then divided by |log Φ|.
        const tolerance = (4 + x * x) * 2 ** -53 * Math.max(1, 1 / Math.abs(naive));
        expect(Math.abs(special_log_ndtr(x) - naive)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(naive)));
      }),
      { numRuns: 2000 },
    );
  });

  it('log1mexp is ≤ 0, non-decreasing on [0, Inf) and NaN below 0', () => {
    const { special_log1mexp } = coreExports();
    fc.assert(
      fc.property(finite(0, Number.MAX_VALUE), finite(0, Number.MAX_VALUE), finite(-Number.MAX_VALUE, -Number.MIN_VALUE), (a, b, neg) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(special_log1mexp(hi)).toBeLessThanOrEqual(0);
        expect(special_log1mexp(lo)).toBeLessThanOrEqual(special_log1mexp(hi));
        expect(special_log1mexp(neg)).toBeNaN();
      }),
      { numRuns: 2000 },
    );
  });
});
