import { describe, expect, it } from 'vitest';
import { PercentilePruner, percentileOf } from '../../src/pruners/percentile.js';
import { decay, frozenTrial, studyView } from '../helpers/trials.js';

describe('percentileOf(values, q)', () => {
  it('interpolates linearly between order statistics, as numpy.percentile does', () => {
    // References: numpy.percentile([1, 2, 3, 4], 25) = 1.75; ([3, 1, 2], 50) = 2.0;
    // ([1, 2, 3, 4, 5], 10) = 1.4; ([10, 20], 100) = 20.0; nanpercentile([1, nan, 3], 50) = 2.0.
    expect(percentileOf([1, 2, 3, 4], 25)).toBe(1.75);
    expect(percentileOf([3, 1, 2], 50)).toBe(2);
    expect(percentileOf([1, 2, 3, 4, 5], 10)).toBeCloseTo(1.4, 15);
    expect(percentileOf([10, 20], 100)).toBe(20);
    expect(percentileOf([1, NaN, 3], 50)).toBe(2);
    expect(percentileOf([NaN], 50)).toBeNaN();
    expect(percentileOf([-Infinity, 1, Infinity], 50)).toBe(1);
  });
});

describe('PercentilePruner', () => {
  // Completed curves at step s: 1 + k / (s + 1) for k = 1..5, so the 25th percentile at step 2 is
  // the value of k = 2: 1 + 2/3.
  const completed = [1, 2, 3, 4, 5].map((k, i) => frozenTrial(i, 'COMPLETE', decay(1, 1 + k, 10), 1));

  it('prunes above the 25th percentile when minimizing and keeps what is below', () => {
    const pruner = new PercentilePruner(25, { nStartupTrials: 0 });
    const study = studyView('minimize', completed);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', decay(1, 1 + 2.1, 3)))).toBe(true);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', decay(1, 1 + 1.9, 3)))).toBe(false);
  });

  it('takes the percentile from the top when maximizing', () => {
    const pruner = new PercentilePruner(25, { nStartupTrials: 0 });
    // Flat curves at 1..5: the top-25% threshold (75th percentile) is 4.
    const flat = [1, 2, 3, 4, 5].map((k, i) => frozenTrial(i, 'COMPLETE', [k, k, k], k));
    const study = studyView('maximize', flat);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', [3.9, 3.9]))).toBe(true);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', [4.1, 4.1]))).toBe(false);
  });

  it('judges the best value so far, not the last one', () => {
    const pruner = new PercentilePruner(50, { nStartupTrials: 0 });
    const study = studyView('minimize', completed);
    // A spike at the last step does not matter: the best value (step 1) is below the median.
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', [3, 1.1, 100]))).toBe(false);
  });

  it('prunes a trial whose values are all NaN', () => {
    const pruner = new PercentilePruner(50, { nStartupTrials: 0 });
    expect(pruner.prune(studyView('minimize', completed), frozenTrial(9, 'RUNNING', [NaN, NaN]))).toBe(true);
  });

  it('checks only the first reported step of each interval after warm-up', () => {
    const pruner = new PercentilePruner(50, { nStartupTrials: 0, nWarmupSteps: 2, intervalSteps: 3 });
    const study = studyView('minimize', completed);
    const bad = (steps: number) => frozenTrial(9, 'RUNNING', decay(10, 20, steps));
    // Steps 0..9: intervals start at 2, 5, 8; steps 0 and 1 are warm-up.
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => pruner.prune(study, bad(n)))).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
    // Reports that skip the start of an interval are checked at the first step inside it.
    expect(
      pruner.prune(
        study,
        frozenTrial(9, 'RUNNING', [
          [0, 30],
          [4, 30],
          [7, 30],
        ]),
      ),
    ).toBe(true);
    expect(
      pruner.prune(
        study,
        frozenTrial(9, 'RUNNING', [
          [0, 30],
          [5, 30],
          [7, 30],
        ]),
      ),
    ).toBe(false);
  });

  it('waits for nStartupTrials COMPLETE trials and nMinTrials reports at the step', () => {
    const running = frozenTrial(9, 'RUNNING', decay(10, 20, 3));
    expect(new PercentilePruner(50, { nStartupTrials: 6 }).prune(studyView('minimize', completed), running)).toBe(false);
    expect(new PercentilePruner(50, { nStartupTrials: 5 }).prune(studyView('minimize', completed), running)).toBe(true);
    const short = [...completed.slice(0, 2), ...completed.slice(2).map((_t, i) => frozenTrial(i + 2, 'COMPLETE', decay(1, 2, 2), 1))];
    expect(new PercentilePruner(50, { nStartupTrials: 0, nMinTrials: 3 }).prune(studyView('minimize', short), running)).toBe(false);
    expect(new PercentilePruner(50, { nStartupTrials: 0, nMinTrials: 2 }).prune(studyView('minimize', short), running)).toBe(true);
    expect(new PercentilePruner(50, { nStartupTrials: 0 }).prune(studyView('minimize', []), running)).toBe(false);
  });

  it('ignores PRUNED, FAIL and RUNNING trials as references', () => {
    const others = [0, 1, 2].map((i) => frozenTrial(i, (['PRUNED', 'FAIL', 'RUNNING'] as const)[i], decay(0, 0.5, 5)));
    const pruner = new PercentilePruner(50, { nStartupTrials: 0 });
    expect(pruner.prune(studyView('minimize', [...others, completed[4]]), frozenTrial(9, 'RUNNING', decay(1, 3, 3)))).toBe(false);
  });

  it('rejects options out of range with the option named', () => {
    expect(() => new PercentilePruner(101)).toThrow('PercentilePruner: `percentile` must be in [0, 100] but got 101.');
    expect(() => new PercentilePruner(50, { nWarmupSteps: -1 })).toThrow(
      'PercentilePruner: `nWarmupSteps` must be a non-negative integer but got -1.',
    );
    expect(() => new PercentilePruner(50, { intervalSteps: 0 })).toThrow(/`intervalSteps` must be a positive integer but got 0\./);
    expect(() => new PercentilePruner(50, { nMinTrials: 0 })).toThrow(/`nMinTrials`/);
    expect(() => new PercentilePruner(50, { nStartupTrials: 1.5 })).toThrow(RangeError);
  });
});
