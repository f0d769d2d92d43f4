import { describe, expect, it } from 'vitest';
import { resolveMetric } from '../../src/tfjs/metrics.js';

const f32 = (v: number[]) => Float32Array.from(v);

describe('resolveMetric(metric, task)', () => {
  it('accuracy and logLoss match hand-computed values', () => {
    const t = f32([0, 1, 2, 1]);
    const p = f32([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.5, 0.25, 0.25, 0.25, 0.5, 0.25]);
    expect(resolveMetric('accuracy', 'classification').compute(t, p, 3)).toBe(0.75);
    // -(ln 0.7 + ln 0.8 + ln 0.25 + ln 0.5) / 4 = 0.66246...
    const expected = -(Math.log(Math.fround(0.7)) + Math.log(Math.fround(0.8)) + Math.log(0.25) + Math.log(0.5)) / 4;
    expect(resolveMetric('logLoss', 'classification').compute(t, p, 3)).toBeCloseTo(expected, 12);
    // A zero probability is clipped to 1e-7 (as scikit-learn does), not infinite.
    expect(resolveMetric('logLoss', 'classification').compute(f32([1]), f32([1, 0]), 2)).toBeCloseTo(-Math.log(1e-7), 9);
  });

  it('mse, rmse, mae and r2 match hand-computed values', () => {
    const t = f32([1, 2, 3, 4]);
    const p = f32([1, 3, 3, 2]);
    // errors 0, 1, 0, -2: mse 5/4, mae 3/4; total sum of squares 5, so r2 = 1 - 5/5 = 0.
    expect(resolveMetric('mse', 'regression').compute(t, p, 1)).toBe(1.25);
    expect(resolveMetric('rmse', 'regression').compute(t, p, 1)).toBe(Math.sqrt(1.25));
    expect(resolveMetric('mae', 'regression').compute(t, p, 1)).toBe(0.75);
    expect(resolveMetric('r2', 'regression').compute(t, p, 1)).toBe(0);
    expect(resolveMetric('r2', 'regression').compute(t, t, 1)).toBe(1);
  });

  it('defaults to accuracy for classification and mse for regression, with their directions', () => {
    expect([resolveMetric(undefined, 'classification').name, resolveMetric(undefined, 'classification').direction]).toEqual([
      'accuracy',
      'maximize',
    ]);
    expect([resolveMetric(undefined, 'regression').name, resolveMetric(undefined, 'regression').direction]).toEqual(['mse', 'minimize']);
  });

  it('rejects unknown names, metrics of the other task and custom metrics without a direction', () => {
    expect(() => resolveMetric('f1' as never, 'classification')).toThrow(TypeError);
    expect(() => resolveMetric('toString' as never, 'classification')).toThrow(TypeError);
    expect(() => resolveMetric('accuracy', 'regression')).toThrow(TypeError);
    expect(() => resolveMetric({ name: 'x', direction: 'up' as never, compute: () => 0 }, 'regression')).toThrow(TypeError);
  });
});
