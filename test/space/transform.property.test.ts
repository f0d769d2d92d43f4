import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, type Distribution } from '../../src/space/distributions.js';
import { decodeValue, encodeValue } from '../../src/space/transform.js';
import { arbDistribution, arbFloat, arbInt, arbLogFloat, arbLogInt, arbStepFloat, arbCategorical } from '../helpers/arbitraries.js';

const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** A value of `d` picked by a uniform u (through the decoder, which the other properties pin down). */
function valueAt(d: Distribution, u: number) {
  return decodeValue(d, u);
}

describe('transform properties', () => {
  it('decodeValue(d, u) is always a value d contains, for every u in [0, 1]', () => {
    fc.assert(fc.property(arbDistribution, unit, (d, u) => contains(d, decodeValue(d, u))));
  });

  it('encodeValue(d, v) lies in [0, 1] for every value of d', () => {
    fc.assert(
      fc.property(arbDistribution, unit, (d, u) => {
        const e = encodeValue(d, valueAt(d, u));
        return e >= 0 && e <= 1;
      }),
    );
  });

  it('discrete values survive encode then decode exactly (ints, steps, categoricals)', () => {
    fc.assert(
      fc.property(fc.oneof(arbInt, arbLogInt, arbStepFloat, arbCategorical), unit, (d, u) => {
        const v = valueAt(d, u);
        expect(decodeValue(d, encodeValue(d, v))).toBe(v);
      }),
    );
  });

  it('continuous floats survive encode then decode to 1e-9 of the range (linear) or of the value (log)', () => {
    fc.assert(
      fc.property(arbFloat, fc.double({ min: 0, max: 1, noNaN: true }), (d, t) => {
        const v = Math.min(d.high, d.low + t * (d.high - d.low));
        expect(Math.abs((decodeValue(d, encodeValue(d, v)) as number) - v)).toBeLessThanOrEqual(1e-9 * (d.high - d.low));
      }),
    );
    fc.assert(
      fc.property(arbLogFloat, fc.double({ min: 0, max: 1, noNaN: true }), (d, t) => {
        const v = Math.min(d.high, d.low * (d.high / d.low) ** t);
        expect(Math.abs((decodeValue(d, encodeValue(d, v)) as number) - v)).toBeLessThanOrEqual(1e-9 * v);
      }),
    );
  });

  it('every int or step value owns an interval of width step / (high - low + step) around its coordinate', () => {
    fc.assert(
      fc.property(fc.oneof(arbInt, arbStepFloat), unit, (d, u) => {
        const step = d.step!;
        const half = step / (d.high - d.low + step) / 2;
        expect(Math.abs(encodeValue(d, decodeValue(d, u)) - u)).toBeLessThanOrEqual(half * (1 + 1e-6) + 1e-12);
      }),
    );
  });

  it('decoding is monotone for numeric distributions, log ones included', () => {
    fc.assert(
      fc.property(fc.oneof(arbFloat, arbLogFloat, arbInt, arbLogInt, arbStepFloat), unit, unit, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(decodeValue(d, lo) as number).toBeLessThanOrEqual(decodeValue(d, hi) as number);
      }),
    );
  });

  it('a log float decodes the midpoint to the geometric mean of its bounds', () => {
    fc.assert(
      fc.property(arbLogFloat, (d) => {
        const mid = decodeValue(d, 0.5) as number;
        expect(Math.abs(mid - Math.sqrt(d.low * d.high))).toBeLessThanOrEqual(1e-9 * mid);
      }),
    );
  });

  it('a categorical decodes u to choice floor(u * k)', () => {
    fc.assert(
      fc.property(arbCategorical, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (d, u) => {
        expect(decodeValue(d, u)).toBe(d.choices[Math.floor(u * d.choices.length)]);
      }),
    );
  });
});
