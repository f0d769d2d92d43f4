import { describe, expect, it } from 'vitest';
import { BonitoError } from '../../src/errors.js';
import type { Pruner } from '../../src/pruners/base.js';
import type { Sampler } from '../../src/samplers/base.js';
import type { Distribution } from '../../src/space/distributions.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { createStudy } from '../../src/study/create.js';
import type { FrozenTrial } from '../../src/trial/index.js';

/** A sampler that proposes x = 0.5 jointly and records every independent call. */
function spySampler(): Sampler & { independent: string[] } {
  const independent: string[] = [];
  return {
    independent,
    inferRelativeSearchSpace: () => ({ x: { kind: 'float', low: 0, high: 1, log: false, step: null } }),
    sampleRelative: () => ({ x: 0.5 }),
    sampleIndependent: (_s, _t, name: string, d: Distribution) => {
      independent.push(name);
      return d.kind === 'categorical' ? d.choices[0] : d.low;
    },
  };
}

async function journalOf(storage: InMemoryJournal): Promise<JournalReplay> {
  const replay = new JournalReplay();
  replay.apply(await storage.readLogs(0));
  return replay;
}

describe('Trial.suggest*', () => {
  it('uses the relative sample for its own distribution and the independent sampler otherwise', async () => {
    const sampler = spySampler();
    const study = await createStudy({ sampler, seed: 1 });
    const t = await study.ask();
    expect(t.suggestFloat('x', 0, 1)).toBe(0.5);
    expect(t.suggestInt('n', 2, 8)).toBe(2);
    expect(sampler.independent).toEqual(['n']);
    const u = await study.ask();
    expect(u.suggestFloat('x', 0, 2)).toBe(0); // another range: not the joint sample
    expect(sampler.independent).toEqual(['n', 'x']);
  });

  it('records every suggestion in the journal at once, in call order', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ storage, seed: 1 });
    const t = await study.ask();
    const layers = t.suggestInt('layers', 1, 3);
    for (let i = 0; i < layers; i++) t.suggestFloat(`units_${i}`, 1, 64, { log: true });
    t.suggestCategorical('act', [null, true, 'x', 2]);
    await study.refresh();
    const recorded = (await journalOf(storage)).trial(t.trialId) as FrozenTrial;
    expect(Object.keys(recorded.params)).toEqual(['layers', ...Array.from({ length: layers }, (_, i) => `units_${i}`), 'act']);
    expect(recorded.params).toEqual(t.params);
  });

  it('returns the recorded value when a name is suggested again with the same distribution', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    const a = t.suggestFloat('x', -1, 1);
    expect(t.suggestFloat('x', -1, 1)).toBe(a);
  });

  it('throws naming the parameter when a trial changes its distribution, and loses nothing', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ storage, seed: 1 });
    const t = await study.ask();
    const a = t.suggestFloat('x', -1, 1);
    expect(() => t.suggestFloat('x', -1, 2)).toThrow(
      'suggestFloat: `x` must keep one distribution within a trial (float [-1, 1]) but got float [-1, 2].',
    );
    await study.tell(t, a);
    await study.refresh();
    expect((await journalOf(storage)).trial(0)?.params).toEqual({ x: a });
  });

  it('throws naming the parameter when a study changes its kind, log flag or choices', async () => {
    const study = await createStudy({ seed: 1 });
    const t0 = await study.ask();
    t0.suggestFloat('lr', 1e-4, 1, { log: true });
    t0.suggestCategorical('act', ['relu', 'tanh']);
    await study.tell(t0, 1);
    const t1 = await study.ask();
    expect(() => t1.suggestFloat('lr', 1e-4, 1)).toThrow(
      /suggestFloat: `lr` must keep the kind, log flag and choices it has in this study \(float \[0.0001, 1\] \(log\)\) but got float \[0.0001, 1\]/,
    );
    expect(() => t1.suggestInt('lr', 1, 5)).toThrow(TypeError);
    expect(() => t1.suggestCategorical('act', ['relu'])).toThrow(/suggestCategorical: `act` must keep/);
    // A new range of the same kind is a dynamic search space, which Optuna allows too.
    expect(t1.suggestFloat('lr', 1e-3, 10, { log: true })).toBeGreaterThanOrEqual(1e-3);
    await study.tell(t1, 2);
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE']);
    expect(Object.keys(study.trials[1].params)).toEqual(['lr']);
  });

  it('checks a concurrently running trial’s unsynced suggestions too', async () => {
    const study = await createStudy({ seed: 1 });
    const [a, b] = await Promise.all([study.ask(), study.ask()]);
    a.suggestInt('k', 0, 3);
    expect(() => b.suggestFloat('k', 0, 3)).toThrow(/suggestFloat: `k` must keep/);
  });

  it('accepts single-value ranges (low == high), as Optuna does, and records them', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    expect(t.suggestFloat('f', 0.25, 0.25)).toBe(0.25);
    expect(t.suggestFloat('g', 2, 2, { log: true })).toBe(2);
    expect(t.suggestInt('i', 7, 7)).toBe(7);
    expect(t.suggestInt('j', 4, 4, { step: 3 })).toBe(4);
    await study.tell(t, 1);
    expect(study.trials[0].params).toEqual({ f: 0.25, g: 2, i: 7, j: 4 });
    expect(study.trials[0].distributions.i).toEqual({ kind: 'int', low: 7, high: 7, log: false, step: 1 });
  });

  it('rejects invalid ranges with the parameter named, keeping earlier suggestions', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    t.suggestInt('ok', 0, 1);
    expect(() => t.suggestFloat('a', 1, 0)).toThrow(/suggestFloat\('a'\): `high` must be at least low = 1 but got 0\./);
    expect(() => t.suggestFloat('b', 0, 1, { log: true })).toThrow(
      /suggestFloat\('b'\): `low` must be positive when log is true but got 0\./,
    );
    expect(() => t.suggestInt('c', 0, 10, { step: 3 })).toThrow(/suggestInt\('c'\): `step` must divide high - low = 10 but got 3\./);
    expect(() => t.suggestCategorical('d', [])).toThrow(
      /suggestCategorical\('d'\): `choices` must hold at least one choice but got an array \[\]\./,
    );
    expect(() => t.suggestFloat('', 0, 1)).toThrow(/`name` must be a non-empty string/);
    expect(Object.keys(t.params)).toEqual(['ok']);
  });
});

describe('Trial.report / shouldPrune / setUserAttr', () => {
  it('passes the trial with its reported values to the pruner', async () => {
    const seen: number[][] = [];
    const pruner: Pruner = {
      prune: (_s, trial) => {
        seen.push([...trial.intermediateValues.values()]);
        return trial.intermediateValues.size >= 2;
      },
    };
    const study = await createStudy({ pruner, seed: 1 });
    const t = await study.ask();
    t.report(0.5, 0);
    expect(t.shouldPrune()).toBe(false);
    t.report(0.25, 1);
    expect(t.shouldPrune()).toBe(true);
    expect(seen).toEqual([[0.5], [0.5, 0.25]]);
  });

  it('keeps the first value of a step reported twice, with a warning', async () => {
    const warnings: string[] = [];
    const study = await createStudy({ seed: 1, onWarning: (m) => warnings.push(m) });
    const t = await study.ask();
    t.report(1, 3);
    t.report(2, 3);
    expect([...t.toFrozen().intermediateValues]).toEqual([[3, 1]]);
    expect(warnings).toHaveLength(1);
    await study.tell(t, 0);
    expect([...study.trials[0].intermediateValues]).toEqual([[3, 1]]);
  });

  it('rejects a bad step or value, and any use after the trial finished', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    expect(() => t.report(1, -1)).toThrow(RangeError);
    expect(() => t.report(1, 0.5)).toThrow(RangeError);
    expect(() => t.report('1' as never, 0)).toThrow(TypeError);
    expect(() => t.setUserAttr('f', () => 1)).toThrow(TypeError);
    t.setUserAttr('k', { a: [1] });
    await study.tell(t, 1);
    expect(study.trials[0].userAttrs).toEqual({ k: { a: [1] } });
    expect(() => t.suggestFloat('x', 0, 1)).toThrow(BonitoError);
    expect(() => t.report(1, 0)).toThrow(/trial 0 must be RUNNING but got COMPLETE/);
  });
});
