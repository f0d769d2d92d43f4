import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates } from '../../src/pareto/dominance.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const quiet = { onWarning: () => {} };

describe('a study of several objectives', () => {
  it('records one value per objective, and bestTrials is the Pareto front', async () => {
    const study = await createStudy({ directions: ['minimize', 'maximize'], seed: 1, sampler: new RandomSampler() });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        return [x, 1 - Math.sqrt(x) + t.suggestFloat('y', 0, 0.1)];
      },
      { nTrials: 30 },
    );
    expect(study.directions).toEqual(['minimize', 'maximize']);
    expect(study.direction).toBe('minimize');
    const trials = study.trials;
    expect(trials.every((t) => t.values?.length === 2 && t.value === t.values[0])).toBe(true);
    // The front by definition: no trial is at least as good in both and better in one.
    const asMin = (v: readonly number[]) => [v[0], -v[1]];
    const front = trials.filter((a) => !trials.some((b) => dominates(asMin(b.values!), asMin(a.values!))));
    expect(study.bestTrials.map((t) => t.number)).toEqual(front.map((t) => t.number));
    expect(() => study.bestTrial).toThrow(
      'Study.bestTrial: the study must have one objective but it has 2; use `bestTrials` (the Pareto front).',
    );
    expect(() => study.bestValue).toThrow('Study.bestTrial');
    expect(study.toCSV().split('\r\n')[0]).toBe(
      'number,state,values_0,values_1,datetime_start,datetime_complete,duration_ms,params_x,params_y',
    );
    expect(study.toJSON().directions).toEqual(['minimize', 'maximize']);
  });

  it('fails a trial whose objective returns the wrong number of values, with a warning', async () => {
    const warnings: string[] = [];
    const study = await createStudy({
      directions: ['minimize', 'minimize'],
      seed: 2,
      sampler: new RandomSampler(),
      onWarning: (m) => warnings.push(m),
    });
    const a = await study.ask();
    const recorded = await study.tell(a, 3);
    expect(recorded.state).toBe('FAIL');
    expect(warnings.join('\n')).toContain('the objective returned a single value, but the study has 2 objectives');
    const b = await study.ask();
    expect((await study.tell(b, [1, Number.NaN])).state).toBe('FAIL');
    const c = await study.ask();
    expect((await study.tell(c, { state: 'COMPLETE', value: [1, 2] })).values).toEqual([1, 2]);
    // One objective: an array of one value is that value.
    const single = await createStudy({ seed: 2, sampler: new RandomSampler(), ...quiet });
    const d = await single.ask();
    expect((await single.tell(d, [4])).value).toBe(4);
  });

  it('replays directions and values from the journal, and the default sampler is the GP', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ name: 'mo', storage, directions: ['maximize', 'minimize', 'minimize'], seed: 5 });
    expect(study.sampler).toBeInstanceOf(GPSampler);
    await study.optimize((t) => [t.suggestFloat('a', 0, 1), t.suggestFloat('b', 0, 1), t.suggestInt('c', 0, 3)], { nTrials: 12 });
    const again = await loadStudy({ storage, name: 'mo' });
    expect(again.directions).toEqual(['maximize', 'minimize', 'minimize']);
    expect(again.sampler).toBeInstanceOf(GPSampler);
    expect(again.trials.map((t) => t.values)).toEqual(study.trials.map((t) => t.values));
    expect(again.bestTrials.map((t) => t.number)).toEqual(study.bestTrials.map((t) => t.number));
  });

  it('refuses pruning with a message that says why', async () => {
    const study = await createStudy({ directions: ['minimize', 'minimize'], seed: 1, sampler: new RandomSampler() });
    const t = await study.ask();
    expect(() => t.report(1, 0)).toThrow(
      'Trial.report: the study must have one objective but it has 2; pruning is not defined for several objectives.',
    );
    expect(() => t.shouldPrune()).toThrow('Trial.shouldPrune: the study must have one objective but it has 2');
  });

  it('checks directions', async () => {
    await expect(createStudy({ direction: 'minimize', directions: ['minimize'] })).rejects.toThrow(
      "createStudy: `direction` must not be given with `directions` (use `directions` alone for several objectives) but got 'minimize' (a string).",
    );
    await expect(createStudy({ directions: [] })).rejects.toThrow(
      "createStudy: `directions` must be a non-empty array of 'minimize' or 'maximize' but got an array [].",
    );
    await expect(createStudy({ directions: ['minimize', 'up' as 'minimize'] })).rejects.toThrow(
      "createStudy: `directions[1]` must be 'minimize' or 'maximize' but got 'up' (a string).",
    );
  });
});

describe('constraints', () => {
  it('are stored under Optuna\u2019s key, and only feasible trials can be best', async () => {
    const study = await createStudy({ seed: 4, sampler: new RandomSampler(), constraints: (t) => [(t.params.x as number) - 0.5, -1] });
    await study.optimize((t) => -t.suggestFloat('x', 0, 1), { nTrials: 20 });
    for (const t of study.trials) expect(t.systemAttrs[SYSTEM_ATTR.constraints]).toEqual([(t.params.x as number) - 0.5, -1]);
    const feasible = study.trials.filter((t) => (t.params.x as number) <= 0.5);
    const best = feasible.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    expect(study.bestTrial?.number).toBe(best.number);
    expect(study.bestTrials.every((t) => (t.params.x as number) <= 0.5)).toBe(true);
    expect(study.trials.some((t) => (t.value as number) < (best.value as number))).toBe(true); // an infeasible trial was better
  });

  it('bestTrials with constraints equals the front of the feasible trials (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 1, maxLength: 15 }),
        async (rows) => {
          const study = await createStudy({
            directions: ['minimize', 'minimize'],
            seed: 1,
            sampler: new RandomSampler(),
            constraints: (t) => [rows[t.number][2] ? 0 : 1],
          });
          for (const [a, b] of rows) {
            const t = await study.ask();
            await study.tell(t, [a, b]);
          }
          const feasible = study.trials.filter((t) => rows[t.number][2]);
          const front = feasible.filter((a) => !feasible.some((b) => dominates(b.values!, a.values!)));
          expect(study.bestTrials.map((t) => t.number)).toEqual(front.map((t) => t.number));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a constraints function that throws or returns a non-array fails the trial with the reason', async () => {
    const warnings: string[] = [];
    const study = await createStudy({
      seed: 1,
      sampler: new RandomSampler(),
      constraints: (() => 3) as unknown as () => number[],
      onWarning: (m) => warnings.push(m),
    });
    const t = await study.ask();
    const recorded = await study.tell(t, 1);
    expect(recorded.state).toBe('FAIL');
    expect(warnings).toEqual([
      'Study "' +
        study.name +
        '": trial 0 failed because its constraints could not be evaluated: Study: `constraints` must return an array of numbers but got number.',
    ]);
    const throwing = await createStudy({
      seed: 1,
      sampler: new RandomSampler(),
      constraints: () => {
        throw new Error('no');
      },
      ...quiet,
    });
    await throwing.optimize(() => 1, { nTrials: 2 });
    expect(throwing.trials.map((x) => x.state)).toEqual(['FAIL', 'FAIL']);
  });
});
