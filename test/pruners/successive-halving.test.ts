import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { SuccessiveHalvingPruner } from '../../src/pruners/successive-halving.js';
import { createStudy } from '../../src/study/create.js';
import { frozenTrial, studyView } from '../helpers/trials.js';

/** A flat curve at `v` for steps 0..steps-1. */
const flat = (v: number, steps: number) => Array(steps).fill(v) as number[];

describe('SuccessiveHalvingPruner', () => {
  it('keeps only the best 1/η of the trials that reached a rung, judged when the trial reaches it', () => {
    // η = 2, r = 1: rungs at steps 1, 2, 4, 8.
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const others = [1, 2, 3, 4, 5].map((v, i) => frozenTrial(i, 'COMPLETE', flat(v, 9), v));
    const study = studyView('minimize', others);
    // Rung 0 with 6 competitors keeps floor(6/2) = 3: values 1, 2 and this one at 2.5.
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', flat(2.5, 2)))).toBe(false);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', flat(3.5, 2)))).toBe(true);
    // Between rungs (step 2 reached rung 1 at step 2; step 3 reaches nothing new) nothing is judged.
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', flat(3.5, 4)))).toBe(false);
  });

  it('lets only the single best continue while fewer than η trials reached the rung', () => {
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 4 });
    const study = studyView('minimize', [frozenTrial(0, 'COMPLETE', flat(2, 5), 2)]);
    expect(pruner.prune(study, frozenTrial(1, 'RUNNING', flat(1.5, 2)))).toBe(false);
    expect(pruner.prune(study, frozenTrial(1, 'RUNNING', flat(2.5, 2)))).toBe(true);
    expect(pruner.prune(studyView('minimize', []), frozenTrial(0, 'RUNNING', flat(99, 2)))).toBe(false);
  });

  it('mirrors the comparison when maximizing', () => {
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const study = studyView(
      'maximize',
      [1, 2, 3].map((v, i) => frozenTrial(i, 'COMPLETE', flat(v, 3), v)),
    );
    // 4 competitors keep 2: 3 and 2.5 stay, 1.5 goes.
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', flat(2.5, 2)))).toBe(false);
    expect(pruner.prune(study, frozenTrial(9, 'RUNNING', flat(1.5, 2)))).toBe(true);
  });

  it('uses each trial’s value at the first report at or past the rung, and judges every rung a jump crosses', () => {
    const pruner = new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 2 });
    // Rungs at 2, 4, 8. Trial 0 reported steps 0, 3, 9: its rung-0 value is the one at step 3.
    const study = studyView('minimize', [
      frozenTrial(
        0,
        'COMPLETE',
        [
          [0, 50],
          [3, 1],
          [9, 100],
        ],
        100,
      ),
    ]);
    expect(
      pruner.prune(
        study,
        frozenTrial(9, 'RUNNING', [
          [0, 0],
          [2, 1.5],
        ]),
      ),
    ).toBe(true); // 1.5 > 1 at rung 0
    // A report jumping from step 0 to 9 crosses rungs 0, 1 and 2 at once with value 0.5: best at each.
    expect(
      pruner.prune(
        study,
        frozenTrial(9, 'RUNNING', [
          [0, 0],
          [9, 0.5],
        ]),
      ),
    ).toBe(false);
    expect(
      pruner.prune(
        study,
        frozenTrial(9, 'RUNNING', [
          [0, 0],
          [9, 150],
        ]),
      ),
    ).toBe(true); // worst at rung 2
  });

  it('shifts the first rung by minEarlyStoppingRate, waits for bootstrapCount and prunes NaN', () => {
    const others = [1, 2, 3, 4].map((v, i) => frozenTrial(i, 'COMPLETE', flat(v, 9), v));
    const study = studyView('minimize', others);
    const late = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 2 }); // rungs 4, 8
    expect(late.prune(study, frozenTrial(9, 'RUNNING', flat(10, 2)))).toBe(false);
    expect(late.prune(study, frozenTrial(9, 'RUNNING', flat(10, 5)))).toBe(true);
    const patient = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2, bootstrapCount: 5 });
    expect(patient.prune(study, frozenTrial(9, 'RUNNING', flat(10, 2)))).toBe(false); // 5 competitors <= 5
    const eager = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    expect(eager.prune(study, frozenTrial(9, 'RUNNING', [0, NaN]))).toBe(true);
  });

  it("derives minResource 'auto' from the first COMPLETE trial, and waits for one", () => {
    const pruner = new SuccessiveHalvingPruner({ reductionFactor: 2 });
    const running = frozenTrial(5, 'RUNNING', flat(9, 4));
    expect(pruner.prune(studyView('minimize', []), running)).toBe(false);
    // First COMPLETE trial has last step 299: minResource = floor(299 / 100) = 2, rungs 2, 4, 8...
    const first = frozenTrial(
      0,
      'COMPLETE',
      [
        [0, 1],
        [299, 1],
      ],
      1,
    );
    expect(pruner.prune(studyView('minimize', [first]), frozenTrial(5, 'RUNNING', flat(9, 2)))).toBe(false);
    expect(pruner.prune(studyView('minimize', [first]), frozenTrial(5, 'RUNNING', flat(9, 3)))).toBe(true);
  });

  it('rejects options out of range with the option named', () => {
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(
      'SuccessiveHalvingPruner: `reductionFactor` must be an integer >= 2 but got 1.',
    );
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(/`minResource`/);
    expect(() => new SuccessiveHalvingPruner({ minEarlyStoppingRate: -1 })).toThrow(/`minEarlyStoppingRate`/);
    expect(() => new SuccessiveHalvingPruner({ bootstrapCount: 0.5 })).toThrow(/`bootstrapCount`/);
  });

  it('halves synthetic learning curves rung by rung in a study', async () => {
    // Parallel curves floor + 4 / (step + 1): the ranking at every rung is the ranking of floors.
    const eta = 3;
    const study = await createStudy({ seed: 21, pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: eta }) });
    await study.optimize(
      (trial) => {
        const floor = trial.suggestFloat('floor', 0, 1);
        let v = NaN;
        for (let step = 0; step <= 27; step++) {
          v = floor + 4 / (step + 1);
          trial.report(v, step);
          if (trial.shouldPrune()) throw new TrialPruned();
        }
        return v;
      },
      { nTrials: 40 },
    );
    const trials = study.trials;
    const reached = [1, 3, 9, 27].map((rung) => trials.filter((t) => t.intermediateValues.has(rung)).length);
    expect(reached[0]).toBe(40);
    for (let k = 1; k < reached.length; k++) expect(reached[k]).toBeLessThan(reached[k - 1]);
    const floorOf = (n: number) => trials[n].params.floor as number;
    for (const t of trials) {
      const better = trials.slice(0, t.number).every((u) => floorOf(u.number) > floorOf(t.number));
      // A trial better than every earlier one is the best at every rung it reaches: never pruned.
      if (better) expect(t.state).toBe('COMPLETE');
      if (t.state !== 'PRUNED') continue;
      // A pruned trial was outside the best 1/η of the trials that had reached its last rung.
      const last = Math.max(...t.intermediateValues.keys());
      const rival = trials.filter((u) => u.number !== t.number && u.number < t.number && Math.max(...u.intermediateValues.keys()) >= last);
      const rank = rival.filter((u) => floorOf(u.number) < floorOf(t.number)).length;
      expect(rank).toBeGreaterThanOrEqual(Math.max(Math.floor((rival.length + 1) / eta), 1));
    }
  });
});
