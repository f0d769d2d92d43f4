import { describe, expect, it } from 'vitest';
import { expectedImprovement, logExpectedImprovement, upperConfidenceBound } from '../../src/numeric.js';
import { acquisitionWithGradient } from '../../src/core/acquisition.js';
import { scratchInUse } from '../../src/core/memory.js';

describe('logExpectedImprovement / expectedImprovement / upperConfidenceBound', () => {
  it('take numbers or arrays and agree between the two forms', () => {
    const mean = [0.1, 0.5, -3];
    const variance = [0.04, 1, 0.5];
    const arr = logExpectedImprovement(mean, variance, 0.3);
    expect(arr).toBeInstanceOf(Float64Array);
    mean.forEach((m, i) => expect(arr[i]).toBe(logExpectedImprovement(m, variance[i]!, 0.3)));
    expect(expectedImprovement(0, 1, 0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15); // φ(0)
    expect(logExpectedImprovement(0, 1, 0)).toBeCloseTo(-0.91893853320467274, 15); // log φ(0)
    expect(upperConfidenceBound(1, 4, 2.25)).toBe(4);
    expect(scratchInUse()).toBe(0);
  });

  it("direction 'minimize' is maximization of −f: EI(μ; best) = EI_max(−μ; −best)", () => {
    const mean = [0.2, 1.1, -0.4];
    const variance = [0.3, 0.02, 2];
    const min = expectedImprovement(mean, variance, 0.5, { direction: 'minimize' });
    const max = expectedImprovement(
      mean.map((m) => -m),
      variance,
      -0.5,
    );
    expect(Array.from(min)).toEqual(Array.from(max));
    // Lower mean is better when minimizing.
    expect(logExpectedImprovement(0, 1, 0.5, { direction: 'minimize' })).toBeGreaterThan(
      logExpectedImprovement(1, 1, 0.5, { direction: 'minimize' }),
    );
    expect(upperConfidenceBound(1, 4, 1, { direction: 'minimize' })).toBe(-1 + 2);
  });

  it('acquisitionWithGradient flips ∂/∂mean for minimization and leaves ∂/∂variance alone', () => {
    const max = acquisitionWithGradient('logEI', [-0.2], [0.5], -0.5);
    const min = acquisitionWithGradient('logEI', [0.2], [0.5], 0.5, { direction: 'minimize' });
    expect(min.value[0]).toBe(max.value[0]);
    expect(min.dMean[0]).toBe(-max.dMean[0]!);
    expect(min.dVariance[0]).toBe(max.dVariance[0]);
    expect(max.dMean[0]).toBeGreaterThan(0);
  });

  it('reject NaN, infinite or negative inputs, mixed kinds and length mismatches with one-sentence errors', () => {
    expect(() => logExpectedImprovement(NaN, 1, 0)).toThrow(
      new RangeError('logExpectedImprovement: `mean` must be finite but got NaN at index 0.'),
    );
    expect(() => expectedImprovement([0, 1], [1, -1], 0)).toThrow(
      'expectedImprovement: `variance` must be finite and non-negative but got -1 at index 1.',
    );
    expect(() => expectedImprovement([0, 1], [1], 0)).toThrow(
      'expectedImprovement: `variance` must have the length of `mean` (2) but got 1.',
    );
    expect(() => logExpectedImprovement(0, 1, Infinity)).toThrow(
      'logExpectedImprovement: `best` must be a finite number but got Infinity.',
    );
    expect(() => logExpectedImprovement(0, [1] as unknown as number, 0)).toThrow(TypeError);
    expect(() => upperConfidenceBound(0, 1, -1)).toThrow('upperConfidenceBound: `beta` must be finite and non-negative but got -1.');
    expect(() => expectedImprovement(0, 1, 0, { direction: 'up' as 'maximize' })).toThrow(
      "expectedImprovement: `direction` must be 'maximize' or 'minimize' but got 'up' (a string).",
    );
    expect(scratchInUse()).toBe(0);
  });
});
