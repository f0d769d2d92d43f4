import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { MedianPruner } from '../../src/pruners/median.js';
import { PercentilePruner } from '../../src/pruners/percentile.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';
import { decay, frozenTrial, studyView } from '../helpers/trials.js';

describe('MedianPruner', () => {
  it('is PercentilePruner at 50 with Optuna’s defaults', () => {
    const p = new MedianPruner();
    expect(p).toBeInstanceOf(PercentilePruner);
    expect([p.percentile, p.nStartupTrials, p.nWarmupSteps, p.intervalSteps, p.nMinTrials]).toEqual([50, 5, 0, 1, 1]);
    expect(() => new MedianPruner({ nWarmupSteps: -1 })).toThrow('MedianPruner: `nWarmupSteps` must be a non-negative integer but got -1.');
  });

  it('does not prune during warm-up steps', () => {
    const completed = [1, 2, 3].map((k, i) => frozenTrial(i, 'COMPLETE', decay(1, 1 + k, 10), 1));
    const pruner = new MedianPruner({ nStartupTrials: 0, nWarmupSteps: 4 });
    const worse = (steps: number) => frozenTrial(9, 'RUNNING', decay(50, 60, steps));
    // A pruner is not activated during warm-up steps (0..3).
    expect([1, 2, 3, 4].map((n) => pruner.prune(studyView('minimize', completed), worse(n)))).toEqual([false, false, false, false]);
    expect(pruner.prune(studyView('minimize', completed), worse(5))).toBe(true);
  });

  it('prunes on synthetic learning curves the trials whose curve sits above the median', async () => {
    // Each trial's curve is floor + 5 / (step + 1) with floor = a chosen parameter; curves never
    // cross, so a trial is worse than the median at a step exactly when its floor is.
    // Random floors, so that about half of the trials sit above the median (a GP would home in on 0).
    const study = await createStudy({
      seed: 11,
      sampler: new RandomSampler(),
      pruner: new MedianPruner({ nStartupTrials: 4, nWarmupSteps: 2 }),
    });
    const floors: number[] = [];
    await study.optimize(
      (trial) => {
        const floor = trial.suggestFloat('floor', 0, 10);
        let value = NaN;
        for (let step = 0; step < 8; step++) {
          value = floor + 5 / (step + 1);
          trial.report(value, step);
          if (trial.shouldPrune()) throw new TrialPruned();
        }
        floors.push(floor);
        return value;
      },
      { nTrials: 30 },
    );
    const trials = study.trials;
    expect(trials.slice(0, 4).every((t) => t.state === 'COMPLETE')).toBe(true); // start-up
    const pruned = trials.filter((t) => t.state === 'PRUNED');
    expect(pruned.length).toBeGreaterThan(5);
    for (const t of pruned) {
      // Pruned at step 2, the first step after warm-up, above the median of earlier completed floors.
      expect([...t.intermediateValues.keys()]).toEqual([0, 1, 2]);
      const earlier = trials
        .filter((u) => u.number < t.number && u.state === 'COMPLETE')
        .map((u) => u.params.floor as number)
        .sort((a, b) => a - b);
      const m =
        earlier.length % 2 === 1 ? earlier[(earlier.length - 1) / 2] : (earlier[earlier.length / 2 - 1] + earlier[earlier.length / 2]) / 2;
      expect(t.params.floor as number).toBeGreaterThan(m);
    }
    for (const t of trials.filter((u) => u.state === 'COMPLETE' && u.number >= 4)) {
      const earlier = trials
        .filter((u) => u.number < t.number && u.state === 'COMPLETE')
        .map((u) => u.params.floor as number)
        .sort((a, b) => a - b);
      const m =
        earlier.length % 2 === 1 ? earlier[(earlier.length - 1) / 2] : (earlier[earlier.length / 2 - 1] + earlier[earlier.length / 2]) / 2;
      expect(t.params.floor as number).toBeLessThanOrEqual(m);
    }
    expect(study.bestTrial?.state).toBe('COMPLETE');
  });
});
