import { describe, expect, it } from 'vitest';
import { erfc, erfcx, log1mexp, logNdtr, ndtri } from '../../src/numeric.js';
import { coreExports } from '../../src/core/loader.js';
import { scratchInUse } from '../../src/core/memory.js';

describe('special functions (public wrappers)', () => {
  it('return numbers for numbers, the same bits as the kernels', () => {
    const ex = coreExports();
    for (const x of [-3, -0.2, 0, 0.7, 4, 30]) {
      expect(erfc(x)).toBe(ex.special_erfc(x));
      expect(erfcx(x)).toBe(ex.special_erfcx(x));
      expect(logNdtr(x)).toBe(ex.special_log_ndtr(x));
    }
    expect(log1mexp(2)).toBe(ex.special_log1mexp(2));
    expect(ndtri(0.975)).toBe(ex.special_ndtri(0.975));
  });

  it('map arrays to new Float64Arrays elementwise and release scratch memory', () => {
    const xs = [-1, 0, 1, 2.5];
    const out = erfcx(xs);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(xs.map((x) => erfcx(x)));
    expect(Array.from(logNdtr(new Float64Array([0])))).toEqual([Math.log(0.5)]);
    expect(erfc([])).toHaveLength(0);
    expect(scratchInUse()).toBe(0);
  });

  it('propagate NaN like Math.* and reject values that are not numbers with a TypeError', () => {
    expect(erfc(NaN)).toBeNaN();
    expect(Array.from(log1mexp([NaN, -1]))).toEqual([NaN, NaN]);
    expect(() => erfc('1' as unknown as number)).toThrow(
      new TypeError("erfc: `x` must be a number or an array of numbers but got '1' (a string)."),
    );
    expect(() => logNdtr([1, '2'] as unknown as number[])).toThrow(
      "logNdtr: `x` must be a number or an array of numbers but got '2' (a string) at index 1.",
    );
  });
});
