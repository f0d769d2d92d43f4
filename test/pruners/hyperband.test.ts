import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { HyperbandPruner } from '../../src/pruners/hyperband.js';
import { SuccessiveHalvingPruner } from '../../src/pruners/successive-halving.js';
import { createStudy } from '../../src/study/create.js';
import { frozenTrial, studyView } from '../helpers/trials.js';

const flat = (v: number, steps: number) => Array(steps).fill(v) as number[];

describe('HyperbandPruner', () => {
  it('has ⌊log_η(R/r)⌋ + 1 brackets with the paper’s trial shares, and assigns trials to them deterministically', () => {
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
    const study = studyView('minimize', []);
    expect(pruner.bracketCount(study)).toBe(5);
    // Shares ⌈5 · 3^s / (s + 1)⌉ for s = 4..0: 81, 34, 15, 8, 5 of 143.
    const shares = [81, 34, 15, 8, 5];
    const counts = [0, 0, 0, 0, 0];
    const n = 16000;
    for (let k = 0; k < n; k++) counts[pruner.bracketOf(study, frozenTrial(k, 'RUNNING', []))!]++;
    for (let b = 0; b < 5; b++) {
      const p = shares[b] / 143;
      // Within 4 binomial standard deviations.
      expect(Math.abs(counts[b] - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    }
    // A pure function of (study seed, trial number): another instance agrees; another seed reshuffles.
    const again = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
    const bracketsOf = (p: HyperbandPruner, seed: bigint) =>
      Array.from({ length: 50 }, (_, k) => p.bracketOf({ ...study, seed }, frozenTrial(k, 'RUNNING', [])));
    expect(bracketsOf(again, 0n)).toEqual(bracketsOf(pruner, 0n));
    expect(bracketsOf(again, 1n)).not.toEqual(bracketsOf(pruner, 0n));
  });

  it('judges a trial by its bracket’s successive halving among that bracket’s trials only', () => {
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 });
    const study0 = studyView('minimize', []);
    const bracket = (k: number) => pruner.bracketOf(study0, frozenTrial(k, 'RUNNING', []))!;
    const numbers = Array.from({ length: 200 }, (_, k) => k);
    const inZero = numbers.filter((k) => bracket(k) === 0);
    const elsewhere = numbers.filter((k) => bracket(k) !== 0);
    // Strong trials outside bracket 0 and weak ones inside it.
    const trials = [
      ...elsewhere.slice(0, 10).map((k) => frozenTrial(k, 'COMPLETE', flat(0, 28), 0)),
      ...inZero.slice(0, 4).map((k, i) => frozenTrial(k, 'COMPLETE', flat(10 + i, 28), 10 + i)),
    ];
    const study = studyView('minimize', trials);
    const judged = inZero[10];
    // At step 1 (bracket 0's first rung) a value of 10.5 is second of 5 in the bracket: floor(5/3) = 1 kept, so pruned;
    // 9 is the best there and continues, although all of the other brackets' trials are better.
    expect(pruner.prune(study, frozenTrial(judged, 'RUNNING', flat(10.5, 2)))).toBe(true);
    expect(pruner.prune(study, frozenTrial(judged, 'RUNNING', flat(9, 2)))).toBe(false);
    // The bracket's own successive-halving pruner on the filtered trials gives the same answers.
    const sh = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3, minEarlyStoppingRate: 0 });
    const filtered = studyView(
      'minimize',
      trials.filter((t) => bracket(t.number) === 0),
    );
    expect(sh.prune(filtered, frozenTrial(judged, 'RUNNING', flat(10.5, 2)))).toBe(true);
  });

  it("waits for a completed trial with maxResource 'auto' and takes its last step + 1", () => {
    const pruner = new HyperbandPruner({ reductionFactor: 3 });
    expect(pruner.bracketCount(studyView('minimize', []))).toBeNull();
    expect(pruner.prune(studyView('minimize', []), frozenTrial(0, 'RUNNING', flat(1e9, 5)))).toBe(false);
    // Last step 8: R = 9 → ⌊log_3 9⌋ + 1 = 3 brackets.
    expect(pruner.bracketCount(studyView('minimize', [frozenTrial(0, 'COMPLETE', flat(1, 9), 1)]))).toBe(3);
  });

  it('rejects options out of range with the option named', () => {
    expect(() => new HyperbandPruner({ reductionFactor: 1 })).toThrow(
      'HyperbandPruner: `reductionFactor` must be an integer >= 2 but got 1.',
    );
    expect(() => new HyperbandPruner({ minResource: 0 })).toThrow(/`minResource`/);
    expect(() => new HyperbandPruner({ minResource: 4, maxResource: 3 })).toThrow(
      'HyperbandPruner: `maxResource` must be an integer >= 4 but got 3.',
    );
    expect(() => new HyperbandPruner({ bootstrapCount: -1 })).toThrow(/`bootstrapCount`/);
  });

  it('on synthetic learning curves prunes clearly bad curves early and never a dominant one', async () => {
    // Curves floor + 4 / (step + 1) with floor from the parameter; one in eight trials is "bad"
    // (floor + 5) and the trial with floor below 0.02 is the best of the study at every step.
    const maxStep = 27;
    const study = await createStudy({
      seed: 4,
      pruner: new HyperbandPruner({ minResource: 1, maxResource: maxStep + 1, reductionFactor: 3 }),
    });
    await study.optimize(
      (trial) => {
        const floor = trial.suggestFloat('floor', 0, 1) + (trial.number % 8 === 3 ? 5 : 0);
        let v = NaN;
        for (let step = 0; step <= maxStep; step++) {
          v = floor + 4 / (step + 1);
          trial.report(v, step);
          if (trial.shouldPrune()) throw new TrialPruned();
        }
        return v;
      },
      { nTrials: 80 },
    );
    const trials = study.trials;
    const last = (t: (typeof trials)[number]) => Math.max(...t.intermediateValues.keys());
    const bad = trials.filter((t) => t.number % 8 === 3 && t.number > 8);
    // Bad curves stop well before the end, most of them at the first rung of their bracket.
    expect(bad.filter((t) => t.state === 'PRUNED').length).toBeGreaterThanOrEqual(bad.length - 2);
    expect(bad.reduce((s, t) => s + last(t), 0) / bad.length).toBeLessThan(maxStep / 2);
    // A trial better than every earlier trial at every step is never pruned.
    for (const t of trials) {
      const floor = t.params.floor as number;
      const dominant =
        t.number % 8 !== 3 && trials.slice(0, t.number).every((u) => (u.params.floor as number) + (u.number % 8 === 3 ? 5 : 0) > floor);
      if (dominant) expect(t.state).toBe('COMPLETE');
    }
    // Pruning happened at different rungs across brackets.
    expect(new Set(trials.filter((t) => t.state === 'PRUNED').map(last)).size).toBeGreaterThan(1);
  });
});
