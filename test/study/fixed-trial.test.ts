import { beforeAll, describe, expect, it } from 'vitest';
import { init } from '../../src/core/loader.js';
import { FixedTrial } from '../../src/study/fixed-trial.js';
import { createStudy } from '../../src/study/create.js';
import { RandomSampler } from '../../src/samplers/random.js';
import type { Trial } from '../../src/trial/index.js';

/** An objective written once against the Trial interface, run by a study and by a FixedTrial. */
function objective(trial: Trial): number {
  const x = trial.suggestFloat('x', -5, 5);
  const n = trial.suggestInt('n', 1, 8, { step: 1 });
  const act = trial.suggestCategorical('act', ['relu', 'tanh']);
  trial.report(x * x, 0);
  trial.setUserAttr('n_twice', 2 * n);
  if (trial.shouldPrune()) throw new Error('not pruned without a pruner');
  return (x - 1) ** 2 + n + (act === 'relu' ? 0 : 1);
}

beforeAll(async () => {
  await init();
});

describe('FixedTrial', () => {
  it('replays a finished trial of a study to the same value', async () => {
    const study = await createStudy({ direction: 'minimize', seed: 3, sampler: new RandomSampler() });
    await study.optimize(objective, { nTrials: 5 });
    const best = study.bestTrial!;
    const fixed = new FixedTrial(best.params, best.number);
    expect(objective(fixed)).toBe(best.value);
    expect(fixed.number).toBe(best.number);
    expect(fixed.params).toEqual(best.params);
    expect(fixed.distributions).toEqual(best.distributions);
    expect(fixed.userAttrs).toEqual(best.userAttrs);
    expect([...fixed.toFrozen().intermediateValues]).toEqual([...best.intermediateValues]);
  });

  it('lists only what was suggested as params (as Optuna), and keeps the first report of a step', () => {
    const t = new FixedTrial({ a: 1, b: 2 });
    expect(t.number).toBe(0);
    expect(t.state).toBe('RUNNING');
    expect(t.params).toEqual({});
    expect(t.suggestInt('a', 0, 3)).toBe(1);
    expect(t.params).toEqual({ a: 1 });
    t.report(1, 4);
    t.report(2, 4);
    expect([...t.toFrozen().intermediateValues]).toEqual([[4, 1]]);
    expect(t.shouldPrune()).toBe(false);
  });

  it('rejects a missing parameter, a value off the distribution, and an invalid range', () => {
    const t = new FixedTrial({ lr: 0.01, act: 'relu', n: 3, half: 0.5 });
    expect(() => t.suggestFloat('missing', 0, 1)).toThrow(/`missing` must be among the fixed parameters/);
    expect(() => t.suggestFloat('lr', 0.1, 1)).toThrow(/`lr` must be a value of float \[0.1, 1\] but got 0.01/);
    expect(() => t.suggestInt('n', 0, 8, { step: 2 })).toThrow(RangeError);
    expect(() => t.suggestInt('half', 0, 1)).toThrow(RangeError);
    expect(() => t.suggestCategorical('act', ['tanh'])).toThrow(/`act` must be one of \["tanh"\] but got 'relu' \(a string\)\./);
    expect(() => t.suggestFloat('lr', 1, 0)).toThrow(RangeError);
  });
});
