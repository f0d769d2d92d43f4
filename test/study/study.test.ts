import { describe, expect, it } from 'vitest';
import { DuplicatedStudyError, BonitoError } from '../../src/errors.js';
import type { Sampler } from '../../src/samplers/base.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../src/study/create.js';

const quiet = { onWarning: () => undefined };

describe('createStudy / loadStudy', () => {
  it('records the study and its seed, so loadStudy restores both', async () => {
    const storage = new InMemoryJournal();
    const a = await createStudy({ name: 'q', storage, direction: 'maximize', seed: 2n ** 60n });
    const b = await loadStudy({ storage, name: 'q' });
    expect([b.name, b.direction, b.seed]).toEqual(['q', 'maximize', 2n ** 60n]);
    expect(a.systemAttrs).toEqual({ 'bonito:seed': String(2n ** 60n) });
    const only = await loadStudy({ storage }); // the only study
    expect(only.name).toBe('q');
  });

  it('throws DuplicatedStudyError on a taken name unless loadIfExists', async () => {
    const storage = new InMemoryJournal();
    await createStudy({ name: 'dup', storage, seed: 1 });
    await expect(createStudy({ name: 'dup', storage })).rejects.toThrow(DuplicatedStudyError);
    await expect(createStudy({ name: 'dup', storage })).rejects.toThrow(/loadIfExists/);
    const again = await createStudy({ name: 'dup', storage, loadIfExists: true });
    expect(again.seed).toBe(1n);
  });

  it('lets exactly one of several concurrent createStudy calls with one name win', async () => {
    const storage = new InMemoryJournal();
    const results = await Promise.allSettled([1, 2, 3].map((seed) => createStudy({ name: 'race', storage, seed })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof DuplicatedStudyError)).toHaveLength(2);
  });

  it('rejects bad options with the option named', async () => {
    await expect(createStudy({ direction: 'up' as never })).rejects.toThrow(
      /`direction` must be 'minimize' or 'maximize' but got 'up' \(a string\)/,
    );
    await expect(createStudy({ seed: -1 })).rejects.toThrow(RangeError);
    await expect(createStudy({ heartbeatIntervalMs: 0 })).rejects.toThrow(/heartbeatIntervalMs/);
    await expect(createStudy({ staleTrialRetries: 1.5 })).rejects.toThrow(/staleTrialRetries/);
    await expect(loadStudy({ storage: new InMemoryJournal(), name: 'none' })).rejects.toThrow(/`name` must name a study/);
    await expect(loadStudy({ storage: new InMemoryJournal() })).rejects.toThrow(/exactly one study/);
  });
});

describe('Study.ask / Study.tell', () => {
  it('numbers trials 0, 1, 2 and records values, params and states', async () => {
    const study = await createStudy({ seed: 5, ...quiet });
    const t0 = await study.ask();
    const t1 = await study.ask();
    const x = t0.suggestFloat('x', 0, 1);
    t1.suggestInt('n', 1, 3);
    await study.tell(t1, { state: 'PRUNED' });
    await study.tell(t0, x * 2);
    const t2 = await study.ask();
    await study.tell(t2, { state: 'FAIL', error: new Error('boom') });
    expect(study.trials.map((t) => [t.number, t.state])).toEqual([
      [0, 'COMPLETE'],
      [1, 'PRUNED'],
      [2, 'FAIL'],
    ]);
    expect(study.trials[0].value).toBe(x * 2);
    expect(study.trials[0].params).toEqual({ x });
    expect(study.trials[2].systemAttrs.fail_reason).toBe('Error: boom');
    expect(study.trials[0].datetimeComplete).toBeInstanceOf(Date);
  });

  it('fails a NaN or non-number with a warning, and stores ±Infinity', async () => {
    const warnings: string[] = [];
    const study = await createStudy({ seed: 1, onWarning: (m) => warnings.push(m) });
    await study.tell(await study.ask(), NaN);
    await study.tell(await study.ask(), 'x' as never);
    await study.tell(await study.ask(), -Infinity);
    expect(study.trials.map((t) => [t.state, t.value])).toEqual([
      ['FAIL', null],
      ['FAIL', null],
      ['COMPLETE', -Infinity],
    ]);
    expect(warnings.filter((w) => /returned NaN/.test(w))).toHaveLength(1);
    expect(warnings.filter((w) => /returned 'x' \(a string\), not a number/.test(w))).toHaveLength(1);
    expect(study.bestValue).toBe(-Infinity);
  });

  it('records a pruned trial with its last reported value, unless that is NaN', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    t.report(3, 0);
    t.report(2, 5);
    t.report(9, 1);
    expect((await study.tell(t, { state: 'PRUNED' })).value).toBe(2); // step 5 is the last
    const u = await study.ask();
    u.report(NaN, 0);
    expect((await study.tell(u, { state: 'PRUNED' })).value).toBeNull();
  });

  it('refuses to tell a finished trial twice unless skipIfFinished, by object or by number', async () => {
    const study = await createStudy({ seed: 1 });
    const t = await study.ask();
    await study.tell(t, 1);
    await expect(study.tell(t, 2)).rejects.toThrow(BonitoError);
    await expect(study.tell(0, 2)).rejects.toThrow(/must be RUNNING but got COMPLETE/);
    expect((await study.tell(t, 2, { skipIfFinished: true })).value).toBe(1);
    await expect(study.tell(7, 1)).rejects.toThrow(RangeError);
    await expect(study.tell(await study.ask(), { state: 'DONE' } as never)).rejects.toThrow(TypeError);
    expect(study.trials[1].state).toBe('RUNNING'); // a malformed outcome records nothing
  });

  it('tells a trial by number from another study object on the same storage', async () => {
    const storage = new InMemoryJournal();
    const a = await createStudy({ name: 'n', storage, seed: 3 });
    const t = await a.ask();
    const b = await loadStudy({ storage, name: 'n' });
    await b.tell(t.number, 4);
    await a.refresh();
    expect(a.trials[0].value).toBe(4);
    const c = await loadStudy({ storage, name: 'n' });
    expect(c.trials[0].state).toBe('COMPLETE');
  });

  it('warns and keeps the first outcome when another worker finished the trial first', async () => {
    const storage = new InMemoryJournal();
    const warnings: string[] = [];
    const a = await createStudy({ name: 'w', storage, seed: 3, onWarning: (m) => warnings.push(m) });
    const t = await a.ask();
    const b = await loadStudy({ storage, name: 'w' });
    await b.tell(0, { state: 'FAIL' });
    const recorded = await a.tell(t, 1);
    expect(recorded.state).toBe('FAIL');
    expect(t.state).toBe('FAIL');
    expect(warnings.some((w) => /already finished as FAIL/.test(w))).toBe(true);
  });

  it('gives bestTrial, bestParams and bestValue from COMPLETE trials only, per direction', async () => {
    for (const direction of ['minimize', 'maximize'] as const) {
      const study = await createStudy({ direction, seed: 9 });
      expect(study.bestTrial).toBeUndefined();
      for (const v of [3, 1, 4, 1, 5]) {
        const t = await study.ask();
        t.suggestInt('i', 0, 10);
        await study.tell(t, v);
      }
      const pruned = await study.ask();
      pruned.report(direction === 'minimize' ? -100 : 100, 0);
      await study.tell(pruned, { state: 'PRUNED' });
      expect(study.bestValue).toBe(direction === 'minimize' ? 1 : 5);
      expect(study.bestTrial?.number).toBe(direction === 'minimize' ? 1 : 4); // ties: lowest number
      expect(study.bestParams).toEqual(study.trials[study.bestTrial!.number].params);
    }
  });

  it('records a FAIL and rethrows when the sampler throws while preparing a trial', async () => {
    const broken: Sampler = {
      inferRelativeSearchSpace: () => ({ x: { kind: 'float', low: 0, high: 1, log: false, step: null } }),
      sampleRelative: () => {
        throw new Error('sampler broke');
      },
      sampleIndependent: () => 0,
    };
    const study = await createStudy({ sampler: broken, seed: 1 });
    await expect(study.ask()).rejects.toThrow('sampler broke');
    expect(study.trials.map((t) => [t.state, t.systemAttrs.fail_reason])).toEqual([['FAIL', 'Error: sampler broke']]);
  });
});

describe('Study.enqueueTrial', () => {
  it('hands enqueued parameters to the next trials in order, sampling the rest', async () => {
    const study = await createStudy({ seed: 4, ...quiet });
    await study.enqueueTrial({ x: 0.25, c: 'b' }, { userAttrs: { why: 'baseline' } });
    await study.enqueueTrial({ x: 0.75 });
    const t0 = await study.ask();
    expect([t0.suggestFloat('x', 0, 1), t0.suggestCategorical('c', ['a', 'b'])]).toEqual([0.25, 'b']);
    expect(t0.userAttrs).toEqual({ why: 'baseline' });
    const t1 = await study.ask();
    expect(t1.suggestFloat('x', 0, 1)).toBe(0.75);
    const y = t1.suggestFloat('y', 0, 1);
    expect(y).toBeGreaterThanOrEqual(0);
    const t2 = await study.ask();
    expect(t2.number).toBe(2);
    expect(study.trials.map((t) => t.state)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('samples instead of using an enqueued value outside the distribution, with a warning', async () => {
    const warnings: string[] = [];
    const study = await createStudy({ seed: 4, onWarning: (m) => warnings.push(m) });
    await study.enqueueTrial({ x: 7 });
    const t = await study.ask();
    const x = t.suggestFloat('x', 0, 1);
    expect(x).toBeLessThanOrEqual(1);
    expect(warnings.join()).toMatch(/enqueued value 7 of `x` is outside float \[0, 1\]/);
  });

  it('claims each enqueued trial once under concurrent asks', async () => {
    const study = await createStudy({ seed: 4 });
    for (let i = 0; i < 5; i++) await study.enqueueTrial({ i });
    const trials = await Promise.all(Array.from({ length: 8 }, () => study.ask()));
    const values = new Map(trials.map((t) => [t.number, t.suggestInt('i', 0, 100)]));
    // The enqueued trials are numbers 0..4, each claimed by exactly one ask.
    expect([0, 1, 2, 3, 4].map((n) => values.get(n))).toEqual([0, 1, 2, 3, 4]);
    expect([...values.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(study.trials).toHaveLength(8);
  });

  it('skips a duplicate with skipIfExists and validates params', async () => {
    const study = await createStudy({ seed: 4 });
    await study.enqueueTrial({ a: 1 });
    await study.enqueueTrial({ a: 1 }, { skipIfExists: true });
    expect(study.trials).toHaveLength(1);
    await expect(study.enqueueTrial({ a: NaN })).rejects.toThrow(/parameter `a` must be a finite number/);
    await expect(study.enqueueTrial(null as never)).rejects.toThrow(TypeError);
  });
});

describe('Study exports', () => {
  it('exports trials as JSON and CSV with params, values and attributes', async () => {
    const study = await createStudy({ name: 'exp', seed: 2, sampler: new RandomSampler() });
    const t = await study.ask();
    t.suggestFloat('lr', 1e-3, 1, { log: true });
    t.suggestCategorical('act', ['relu', 'a,b "q"']);
    t.report(Infinity, 0);
    t.setUserAttr('note', 'hi');
    await study.tell(t, 0.5);
    await study.tell(await study.ask(), { state: 'FAIL' });
    const json = JSON.parse(study.export('json'));
    expect(json.name).toBe('exp');
    expect(json.seed).toBe('2');
    expect(json.trials[0]).toMatchObject({
      number: 0,
      state: 'COMPLETE',
      value: 0.5,
      intermediateValues: { 0: 'Infinity' },
      userAttrs: { note: 'hi' },
    });
    expect(json.trials[1]).toMatchObject({ number: 1, state: 'FAIL', value: null, params: {} });
    const csv = study.toCSV().split('\r\n');
    expect(csv[0]).toBe('number,state,value,datetime_start,datetime_complete,duration_ms,params_act,params_lr,user_attrs_note');
    const row = csv[1];
    const act = study.trials[0].params.act as string;
    expect(row.startsWith('0,COMPLETE,0.5,')).toBe(true);
    expect(row).toContain(act === 'relu' ? ',relu,' : ',"a,b ""q""",');
    expect(csv[2]).toMatch(/^1,FAIL,,[^,]+,[^,]+,\d+,,,$/);
    expect(() => study.export('xml' as never)).toThrow(RangeError);
  });
});

describe('Study.setTrialSystemAttr (sampler state kept in the journal)', () => {
  it('records an attribute on a running trial that a reloaded study replays', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ storage, name: 'attrs', seed: 1, sampler: new RandomSampler() });
    const trial = await study.ask();
    study.setTrialSystemAttr(study.getTrials(['RUNNING'])[0], 'gp:test', [1, 2.5]);
    await study.tell(trial, 3);
    const reloaded = await loadStudy({ storage, name: 'attrs', sampler: new RandomSampler() });
    expect(reloaded.trials[0].systemAttrs['gp:test']).toEqual([1, 2.5]);
  });

  it('refuses a finished trial and keeps what was recorded', async () => {
    const study = await createStudy({ seed: 1, sampler: new RandomSampler() });
    const trial = await study.ask();
    await study.tell(trial, 1);
    expect(() => study.setTrialSystemAttr(study.trials[0], 'gp:test', 1)).toThrow(
      new BonitoError('Study.setTrialSystemAttr: trial 0 must be RUNNING but got COMPLETE.'),
    );
    expect(study.trials[0].value).toBe(1);
    expect(study.trials[0].systemAttrs['gp:test']).toBeUndefined();
  });
});
