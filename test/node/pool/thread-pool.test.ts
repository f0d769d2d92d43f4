import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadObjective, threadPool, WorkerExitError, type ThreadPool } from '../../../src/node/pool/index.js';
import type { Pruner } from '../../../src/pruners/base.js';
import type { Sampler } from '../../../src/samplers/base.js';
import { GPSampler } from '../../../src/samplers/gp/index.js';
import { RandomSampler } from '../../../src/samplers/random.js';
import { createStudy } from '../../../src/study/create.js';
import type { FrozenTrial } from '../../../src/trial/index.js';
import { mixed } from '../../helpers/pool-objectives.js';

const MODULE = new URL('../../helpers/pool-objectives.ts', import.meta.url);
const objective = (name: string) => threadObjective(MODULE, { exportName: name });

function summary(trials: readonly FrozenTrial[]) {
  return trials.map((t) => ({ number: t.number, state: t.state, value: t.value, params: t.params }));
}

function quietStudy(options: Parameters<typeof createStudy>[0] = {}) {
  const warnings: string[] = [];
  return createStudy({ seed: 7, onWarning: (m) => warnings.push(m), ...options }).then((study) => ({ study, warnings }));
}

describe('ThreadPool', () => {
  let pool: ThreadPool;
  beforeAll(async () => {
    pool = threadPool({ size: 2 });
    // Until both workers have started, piscina gives every task to the first one ready; warm up
    // until both have run a trial, so tests that need two at once are not at the mercy of start-up.
    const seen = new Set<unknown>();
    for (let round = 0; round < 50 && seen.size < 2; round++) {
      const { study } = await quietStudy();
      await study.optimize(objective('mixed'), { nTrials: 2, concurrency: 2, executor: pool });
      for (const t of study.trials) seen.add(t.userAttrs.thread);
    }
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same trials as an in-process run of the same objective', async () => {
    const inline = (await quietStudy({ sampler: new RandomSampler() })).study;
    await inline.optimize(mixed, { nTrials: 8 });
    const threaded = (await quietStudy({ sampler: new RandomSampler() })).study;
    await threaded.optimize(objective('mixed'), { nTrials: 8, concurrency: 2, executor: pool });

    expect(summary(threaded.trials)).toEqual(summary(inline.trials));
    expect(threaded.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    // In-process trials ran on this thread; pooled ones on the two workers, never here.
    expect(new Set(inline.trials.map((t) => t.userAttrs.thread))).toEqual(new Set([threadId]));
    const threads = new Set(threaded.trials.map((t) => t.userAttrs.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
  });

  it('runs a module objective in this thread without a pool, with the same trials as on the pool', async () => {
    const source = "export default (t) => (t.suggestFloat('x', -1, 1) - 0.5) ** 2 + t.suggestInt('n', 0, 4);";
    const dataModule = `data:text/javascript,${encodeURIComponent(source)}`;
    // RandomSampler: its draws depend only on (seed, trial number), so one-at-a-time and two-at-a-time runs agree.
    const here = (await quietStudy({ sampler: new RandomSampler() })).study;
    await here.optimize(threadObjective(dataModule), { nTrials: 4 });
    const there = (await quietStudy({ sampler: new RandomSampler() })).study;
    await there.optimize(threadObjective(dataModule), { nTrials: 4, concurrency: 2, executor: pool });
    expect(here.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    expect(summary(there.trials)).toEqual(summary(here.trials));
  });

  it('answers suggestions with the main-thread sampler, which sees the other worker’s pending trial', async () => {
    const seenRunning: number[] = [];
    const gp: Sampler = new GPSampler({ nStartupTrials: 3, nCandidates: 256, nLocalSearch: 2 });
    // A spy around the real sampler: at every ask, how many other trials are RUNNING with parameters.
    const spy: Sampler = {
      beforeTrial: (study, trial) => {
        seenRunning.push(study.getTrials(['RUNNING']).filter((t) => t.number !== trial.number && Object.keys(t.params).length > 0).length);
        gp.beforeTrial?.(study, trial);
      },
      inferRelativeSearchSpace: (study, trial) => gp.inferRelativeSearchSpace(study, trial),
      sampleRelative: (study, trial, space) => gp.sampleRelative(study, trial, space),
      sampleIndependent: (study, trial, name, d) => gp.sampleIndependent(study, trial, name, d),
      afterTrial: (study, trial, state, value) => gp.afterTrial?.(study, trial, state, value),
    };
    const { study } = await quietStudy({ sampler: spy });
    await study.optimize(objective('slowPoint'), { nTrials: 8, concurrency: 2, executor: pool });

    expect(study.trials.map((t) => t.state)).toEqual(Array(8).fill('COMPLETE'));
    const points = study.trials.map((t) => `${t.params.x},${t.params.y}`);
    expect(new Set(points).size).toBe(8);
    // Asks after the first two overlap a trial still running in the other worker.
    expect(seenRunning.filter((n) => n > 0).length).toBeGreaterThan(0);
  });

  it('records a throwing objective as FAIL with its error, and the run goes on when the error is caught', async () => {
    const { study } = await quietStudy();
    await study.optimize(objective('throwsSometimes'), { nTrials: 6, concurrency: 2, executor: pool, catch: [RangeError] });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL', 'COMPLETE', 'COMPLETE', 'FAIL', 'COMPLETE']);
    expect(String(study.trials[1].systemAttrs.fail_reason)).toContain('boom at trial 1');
    expect(String(study.trials[4].systemAttrs.fail_reason)).toContain('boom at trial 4');
  });

  it('rethrows an uncaught objective error with its class, after the running trials end', async () => {
    const { study } = await quietStudy();
    const error = await study
      .optimize(objective('throwsSometimes'), { nTrials: 6, concurrency: 2, executor: pool })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    // Which throwing trial (1 or 4) finishes first depends on scheduling; it is the one reported.
    const failed = Number(/^boom at trial (\d+)$/.exec((error as Error).message)?.[1]);
    expect(failed % 3).toBe(1);
    expect(study.trials[failed].state).toBe('FAIL');
    expect(study.getTrials(['RUNNING'])).toEqual([]);
  });

  it('fails the trial of a worker that calls process.exit, replaces the worker and goes on', async () => {
    const { study } = await quietStudy();
    // No `catch`: a dead worker is the pool's failure, not the objective's, so the run goes on.
    await study.optimize(objective('exitsOnTrial2'), { nTrials: 6, concurrency: 2, executor: pool });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'FAIL', 'COMPLETE', 'COMPLETE', 'COMPLETE']);
    expect(String(study.trials[2].systemAttrs.fail_reason)).toMatch(/WorkerExitError.*trial 2 stopped.*exited with code: 1/s);
    expect(pool.threads).toBe(2);
  });

  it('prunes from a worker: reports reach the main-thread pruner and shouldPrune answers there', async () => {
    // Prunes odd trials once they have reported two steps.
    const pruner: Pruner = { prune: (_study, t) => t.number % 2 === 1 && t.intermediateValues.size >= 2 };
    const { study } = await quietStudy({ pruner });
    await study.optimize(objective('reportsAndPrunes'), { nTrials: 4, concurrency: 2, executor: pool });
    for (const t of study.trials) {
      const x = t.params.x as number;
      if (t.number % 2 === 1) {
        expect(t.state).toBe('PRUNED');
        expect([...t.intermediateValues]).toEqual([
          [0, x],
          [1, x + 1],
        ]);
        expect(t.value).toBe(x + 1); // a pruned trial keeps its last reported value
      } else {
        expect(t.state).toBe('COMPLETE');
        expect(t.intermediateValues.size).toBe(4);
        expect(t.value).toBe(x + 3);
      }
    }
  });

  it('gives the worker a trial whose getters, snapshot and argument errors match the main thread', async () => {
    const { study } = await quietStudy();
    await study.optimize(objective('inspects'), { nTrials: 1, executor: pool });
    const t = study.trials[0];
    expect(t.userAttrs.seen).toEqual({
      number: 0,
      params: { k: t.params.k },
      kinds: ['int'],
      state: 'RUNNING',
      frozenIsMap: true,
      error: "RangeError: suggestFloat('bad'): `high` must be at least low = 1 but got 0.",
    });
  });

  it('loads the objective of an object export (a config module) and fails a trial that returns a non-number', async () => {
    const { study, warnings } = await quietStudy();
    await study.optimize(objective('asConfig'), { nTrials: 2, concurrency: 2, executor: pool });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE']);
    await study.optimize(objective('returnsString'), { nTrials: 1, executor: pool });
    expect(study.trials[2].state).toBe('FAIL');
    expect(warnings.join('\n')).toMatch(/returned '.*' \(a string\), not a number/);
  });

  it('fails a trial whose objective returns an outcome object or throws a bigint, as in-process', async () => {
    const { study } = await quietStudy();
    await expect(study.optimize(objective('returnsPrunedState'), { nTrials: 1, executor: pool })).rejects.toThrow(TypeError);
    await expect(study.optimize(objective('throwsBigint'), { nTrials: 1, executor: pool })).rejects.toThrow('10n (a bigint) was thrown');
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'FAIL']);
    expect(study.trials[0].systemAttrs.fail_reason).toMatch(/^TypeError: the objective returned an object .*throw TrialPruned/);
    expect(study.trials[1].systemAttrs.fail_reason).toBe('Error: 10n (a bigint) was thrown');
  });

  it('fails the trial with a TypeError naming the export when the module has no such objective', async () => {
    const { study } = await quietStudy();
    await expect(study.optimize(objective('nope'), { nTrials: 1, executor: pool })).rejects.toThrow(
      /`nope` export of .*pool-objectives\.ts must be an objective function/,
    );
    expect(study.trials[0].state).toBe('FAIL');
  });

  it('refuses a plain function, which cannot be sent to a thread', async () => {
    const { study } = await quietStudy();
    await expect(study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 1, executor: pool })).rejects.toThrow(
      'ThreadPool: `objective` must come from threadObjective(moduleUrl)',
    );
  });
});

describe('threadPool(options)', () => {
  it('runs every trial on at most `size` threads, however many run at once', async () => {
    const pool = threadPool({ size: 1 });
    try {
      const { study } = await quietStudy();
      await study.optimize(objective('mixed'), { nTrials: 4, concurrency: 3, executor: pool });
      expect(study.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
      expect(new Set(study.trials.map((t) => t.userAttrs.thread)).size).toBe(1);
      expect(pool.threads).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => threadPool({ size: 0 })).toThrow('threadPool: `size` must be a positive integer but got 0.');
    expect(() => threadPool({ size: 1.5 })).toThrow(RangeError);
  });

  it('leaves no thread or port behind once closed, and fails trials still running when closed with force', async () => {
    const handles = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'Timeout');
    const before = handles();
    const pool = threadPool({ size: 2 });
    const { study } = await quietStudy();
    const stop = new AbortController();
    const run = study.optimize(objective('sleepsLong'), {
      nTrials: 50,
      concurrency: 2,
      executor: pool,
      catch: [WorkerExitError],
      signal: stop.signal,
    });
    while (study.getTrials(['RUNNING']).length < 2) await new Promise((r) => setTimeout(r, 20));
    stop.abort(); // no new trial; the forced close ends the running ones
    await pool.close({ force: true });
    await run;
    const failed = study.getTrials(['FAIL']);
    expect(failed.length).toBe(2);
    expect(String(failed[0].systemAttrs.fail_reason)).toContain('the pool was closed with `force`');
    expect(study.getTrials(['RUNNING'])).toEqual([]);
    expect(study.trials.length).toBe(2);
    expect(pool.threads).toBe(0);
    expect(handles()).toEqual(before);
    await expect(pool.execute(objective('mixed'), {} as never)).rejects.toThrow('the pool must be open');
  });
});
