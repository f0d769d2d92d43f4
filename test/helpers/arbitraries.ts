// fast-check arbitraries for every kind of distribution (shared by space and sampler tests).
import fc from 'fast-check';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution } from '../../src/space/distributions.js';

export const arbFloat = fc
  .record({ low: fc.double({ min: -1e6, max: 1e6, noNaN: true }), width: fc.double({ min: 1e-3, max: 1e6, noNaN: true }) })
  .map(({ low, width }) => floatDistribution('x', low, low + width));

export const arbLogFloat = fc
  .record({ low: fc.double({ min: 1e-8, max: 1e3, noNaN: true }), ratio: fc.double({ min: 1.001, max: 1e8, noNaN: true }) })
  .map(({ low, ratio }) => floatDistribution('x', low, low * ratio, { log: true }));

export const arbStepFloat = fc
  .record({
    low: fc.integer({ min: -1000, max: 1000 }),
    step: fc.constantFrom(0.001, 0.01, 0.1, 0.25, 0.5, 2.5, 10),
    k: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ low, step, k }) => floatDistribution('x', low * step, low * step + k * step, { step }));

export const arbInt = fc
  .record({ low: fc.integer({ min: -1e6, max: 1e6 }), step: fc.integer({ min: 1, max: 100 }), k: fc.integer({ min: 1, max: 1000 }) })
  .map(({ low, step, k }) => intDistribution('n', low, low + k * step, { step }));

export const arbLogInt = fc
  .record({ low: fc.integer({ min: 1, max: 1000 }), extra: fc.integer({ min: 1, max: 1e6 }) })
  .map(({ low, extra }) => intDistribution('n', low, low + extra, { log: true }));

export const arbChoice = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -100, max: 100 }), fc.boolean(), fc.constant(null));

export const arbCategorical = fc
  .uniqueArray(arbChoice, { minLength: 1, maxLength: 20, comparator: 'IsStrictlyEqual' })
  .map((choices) => categoricalDistribution('c', choices));

export const arbDistribution: fc.Arbitrary<Distribution> = fc.oneof(arbFloat, arbLogFloat, arbStepFloat, arbInt, arbLogInt, arbCategorical);
