import { describe, expect, it } from 'vitest';
import { centeredDiscrepancy } from '../../src/bench/discrepancy.js';
import { Rng } from '../../src/core/rng.js';

describe('centeredDiscrepancy(points, d)', () => {
  it('matches scipy.stats.qmc.discrepancy(method="CD") on small point sets', () => {
    // Reference: scipy 1.17 qmc.discrepancy(..., method='CD') = 0.04001032986111075, 0.11436248148148098
    expect(centeredDiscrepancy([0.1, 0.2, 0.7, 0.9, 0.4, 0.5, 0.95, 0.05], 2)).toBeCloseTo(0.04001032986111075, 14);
    expect(centeredDiscrepancy([0.1, 0.2, 0.3, 0.7, 0.9, 0.2, 0.4, 0.5, 0.6], 3)).toBeCloseTo(0.11436248148148098, 14);
  });

  it('is lower for a regular grid than for clumped points', () => {
    const grid: number[] = [];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) grid.push((i + 0.5) / 8, (j + 0.5) / 8);
    const clumped = Array.from(new Rng(1).uniform(128), (u) => u * 0.3);
    expect(centeredDiscrepancy(grid, 2)).toBeLessThan(centeredDiscrepancy(clumped, 2));
  });

  it('rejects a dimension that does not divide the points and values outside [0, 1]', () => {
    expect(() => centeredDiscrepancy([0.1, 0.2, 0.3], 2)).toThrow(/`d` must be a positive integer dividing/);
    expect(() => centeredDiscrepancy([0.1, 1.2], 2)).toThrow(/\[0, 1\] but got 1.2 at index 1/);
  });
});
