import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPECIAL_ERFC, SPECIAL_ERFCX, SPECIAL_LOG1MEXP, SPECIAL_LOG_NDTR, SPECIAL_NDTRI } from '../../src/core/exports.js';
import { coreExports } from '../../src/core/loader.js';
import { ulpDistance } from '../helpers/ulp.js';

// Oracle: test/fixtures/special.json, mpmath at 60 digits rounded once to double
// (test/fixtures/gen_special.py), about 2,000 points per function across every branch.
type Rows = [number, number][];
const fixture = JSON.parse(readFileSync(new URL('../fixtures/special.json', import.meta.url), 'utf8')) as Record<
  'erfc' | 'erfcx' | 'logNdtr' | 'log1mexp',
  Rows
>;

/** The largest ulp distance over the rows, and where it happened. */
function worst(f: (x: number) => number, rows: Rows): { ulps: number; at: number } {
  let ulps = 0;
  let at = NaN;
  for (const [x, expected] of rows) {
    const d = ulpDistance(f(x), expected);
    if (d > ulps) [ulps, at] = [d, x];
  }
  return { ulps, at };
}

describe('erfc(x)', () => {
  it('is within 2 ulp of mpmath over [−6.5, 26.5] (subnormal results: within 2 steps of 2^-1074)', () => {
    const { special_erfc } = coreExports();
    expect(fixture.erfc.length).toBeGreaterThan(2000);
    expect(worst(special_erfc, fixture.erfc).ulps).toBeLessThanOrEqual(2);
  });

  it('has the limits erfc(0) = 1, erfc(−Inf) = 2, erfc(+Inf) = 0, erfc(28) = 0 and keeps NaN', () => {
    const { special_erfc } = coreExports();
    expect(special_erfc(0)).toBe(1);
    expect(special_erfc(-Infinity)).toBe(2);
    expect(special_erfc(Infinity)).toBe(0);
    expect(special_erfc(28)).toBe(0);
    expect(special_erfc(NaN)).toBeNaN();
  });
});

describe('erfcx(x)', () => {
  it('matches the issue-3 oracles to 2 ulp', () => {
    const { special_erfcx } = coreExports();
    // Reference values computed with mpmath (high precision), quoted.
    expect(ulpDistance(special_erfcx(0.5), 0.61569034419292587)).toBeLessThanOrEqual(2);
    expect(ulpDistance(special_erfcx(3), 0.17900115118138995)).toBeLessThanOrEqual(2);
    expect(ulpDistance(special_erfcx(10), 0.056140992743822586)).toBeLessThanOrEqual(2);
    expect(ulpDistance(special_erfcx(1000), 0.00056418930145338765)).toBeLessThanOrEqual(2);
  });

  it('is within 3 ulp of mpmath over [−26.5, 1e300]', () => {
    const { special_erfcx } = coreExports();
    expect(fixture.erfcx.length).toBeGreaterThan(2000);
    expect(worst(special_erfcx, fixture.erfcx).ulps).toBeLessThanOrEqual(3);
  });

  it('overflows to +Inf below −26.7, is 0 at +Inf and 1/(x√π) in the far tail', () => {
    const { special_erfcx } = coreExports();
    expect(special_erfcx(-27)).toBe(Infinity);
    expect(special_erfcx(-Infinity)).toBe(Infinity);
    expect(special_erfcx(Infinity)).toBe(0);
    expect(special_erfcx(0)).toBe(1);
    expect(special_erfcx(Number.MAX_VALUE)).toBeGreaterThan(0); // 3.1e-309, subnormal but not 0
    expect(special_erfcx(NaN)).toBeNaN();
  });
});

describe('logNdtr(x) = log Φ(x)', () => {
  it('is within 3 ulp of mpmath over [−1e150, 38]', () => {
    const { special_log_ndtr } = coreExports();
    expect(fixture.logNdtr.length).toBeGreaterThan(1500);
    expect(worst(special_log_ndtr, fixture.logNdtr).ulps).toBeLessThanOrEqual(3);
  });

  it('is log(1/2) at 0, −0 at +Inf, −Inf at −Inf and where −x²/2 overflows', () => {
    const { special_log_ndtr } = coreExports();
    expect(special_log_ndtr(0)).toBe(Math.log(0.5));
    expect(special_log_ndtr(Infinity)).toBe(-0); // the limit is approached from below
    expect(special_log_ndtr(-Infinity)).toBe(-Infinity);
    expect(special_log_ndtr(-1e155)).toBe(-Infinity);
    expect(special_log_ndtr(-1e154)).toBeCloseTo(-5e307, -300);
  });
});

describe('log1mexp(x) = log(1 − exp(−x))', () => {
  it('is within 1 ulp of mpmath over [1e-300, 741]', () => {
    const { special_log1mexp } = coreExports();
    expect(fixture.log1mexp.length).toBeGreaterThan(1000);
    expect(worst(special_log1mexp, fixture.log1mexp).ulps).toBeLessThanOrEqual(1);
  });

  it('is −Inf at 0, −0 at +Inf and NaN for negative x', () => {
    const { special_log1mexp } = coreExports();
    expect(special_log1mexp(0)).toBe(-Infinity);
    expect(special_log1mexp(Infinity)).toBe(-0);
    expect(special_log1mexp(-1e-300)).toBeNaN();
    expect(special_log1mexp(NaN)).toBeNaN();
  });
});

describe('special_map(kind, x, n, out)', () => {
  it('applies the same function as the scalar exports, element by element', async () => {
    const { withScratch } = await import('../../src/core/memory.js');
    const ex = coreExports();
    const xs = [-3, -0.5, 0.1, 0.7, 2, 9];
    const scalar: [number, (x: number) => number][] = [
      [SPECIAL_ERFC, ex.special_erfc],
      [SPECIAL_ERFCX, ex.special_erfcx],
      [SPECIAL_LOG_NDTR, ex.special_log_ndtr],
      [SPECIAL_LOG1MEXP, ex.special_log1mexp],
      [SPECIAL_NDTRI, ex.special_ndtri],
    ];
    for (const [kind, f] of scalar) {
      const input = kind === SPECIAL_NDTRI ? xs.map((x) => 1 / (1 + Math.exp(-x))) : kind === SPECIAL_LOG1MEXP ? xs.map(Math.abs) : xs;
      const got = withScratch((s) => {
        const out = s.f64(input.length);
        ex.special_map(kind, s.f64(input.length, input), input.length, out);
        return Array.from(s.takeF64(out, input.length));
      });
      expect(got).toEqual(input.map((x) => f(x)));
    }
  });
});
