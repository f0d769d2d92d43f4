import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import type { Sampler } from '../../src/samplers/base.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';
import type { TrialExecutor } from '../../src/study/optimize.js';
import { SYSTEM_ATTR, type FrozenTrial } from '../../src/trial/index.js';

const quiet = { onWarning: () => undefined };

class Flaky extends Error {}

afterEach(() => {
  vi.useRealTimers();
});

describe('Study.optimize', () => {
  it('runs nTrials trials of a sync or an async objective', async () => {
    const study = await createStudy({ seed: 1 });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 4 });
    await study.optimize(async (t) => t.suggestFloat('x', 0, 1) + 1, { nTrials: 3 });
    expect(study.trials.map((t) => t.state)).toEqual(Array(7).fill('COMPLETE'));
    expect(study.trials.slice(4).every((t) => (t.value as number) >= 1)).toBe(true);
  });

  it('runs `concurrency` objectives at once, never more', async () => {
    const study = await createStudy({ seed: 1 });
    let running = 0;
    let peak = 0;
    await study.optimize(
      async (t) => {
        running++;
        peak = Math.max(peak, running);
        for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 1));
        running--;
        return t.number;
      },
      { nTrials: 10, concurrency: 3 },
    );
    expect(peak).toBe(3);
    expect(study.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(study.trials.every((t) => t.value === t.number)).toBe(true);
  });

  it('records PRUNED for TrialPruned and FAIL for NaN, and keeps going', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    await study.optimize(
      (t) => {
        if (t.number === 1) throw new TrialPruned();
        return t.number === 2 ? NaN : 0;
      },
      { nTrials: 4 },
    );
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE']);
  });

  it('records an exception as FAIL with its message, stops new trials and rethrows it', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    const error = new Error('diverged');
    await expect(
      study.optimize(
        (t) => {
          if (t.number === 2) throw error;
          return 1;
        },
        { nTrials: 10 },
      ),
    ).rejects.toBe(error);
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'FAIL']);
    expect(study.trials[2].systemAttrs.fail_reason).toBe('Error: diverged');
  });

  it('lets running trials finish before rethrowing under concurrency', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    await expect(
      study.optimize(
        async (t) => {
          if (t.number === 0) throw new Error('first');
          await new Promise((r) => setTimeout(r, 5));
          return 1;
        },
        { nTrials: 10, concurrency: 3 },
      ),
    ).rejects.toThrow('first');
    expect(study.getTrials(['RUNNING'])).toEqual([]);
    expect(study.trials[0].state).toBe('FAIL');
  });

  it('records errors of classes listed in `catch` as FAIL without stopping', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    await study.optimize(
      (t) => {
        if (t.number % 2 === 0) throw new Flaky('flaky');
        return 1;
      },
      { nTrials: 5, catch: [Flaky] },
    );
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'COMPLETE', 'FAIL', 'COMPLETE', 'FAIL']);
  });

  it('stops starting trials once the signal is aborted', async () => {
    const study = await createStudy({ seed: 1 });
    const controller = new AbortController();
    await study.optimize(() => 1, {
      signal: controller.signal,
      callbacks: [(_s, trial) => (trial.number === 2 ? controller.abort() : undefined)],
    });
    expect(study.trials).toHaveLength(3);
  });

  it('stops starting trials after timeoutMs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const study = await createStudy({ seed: 1 });
    await study.optimize(
      () => {
        vi.setSystemTime(Date.now() + 400);
        return 1;
      },
      { timeoutMs: 1000 },
    );
    expect(study.trials).toHaveLength(3); // starts at 0, 400 and 800 ms
    await study.optimize(() => 1, { timeoutMs: 0 });
    expect(study.trials).toHaveLength(3);
  });

  it('stops when the sampler says it is exhausted', async () => {
    const base = new RandomSampler();
    const sampler: Sampler = {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent: (s, t, n, d) => base.sampleIndependent(s, t, n, d),
      isExhausted: (s) => s.getTrials().length >= 4,
    };
    const study = await createStudy({ sampler, seed: 1 });
    await study.optimize((t) => t.suggestFloat('x', 0, 1));
    expect(study.trials).toHaveLength(4);
  });

  it('calls callbacks with each finished trial, and propagates their errors', async () => {
    const study = await createStudy({ seed: 1 });
    const seen: [number, string][] = [];
    await study.optimize((t) => t.number, { nTrials: 3, callbacks: [(_s, t) => void seen.push([t.number, t.state])] });
    expect(seen).toEqual([
      [0, 'COMPLETE'],
      [1, 'COMPLETE'],
      [2, 'COMPLETE'],
    ]);
    await expect(
      study.optimize(() => 1, {
        nTrials: 5,
        callbacks: [
          () => {
            throw new Error('callback');
          },
        ],
      }),
    ).rejects.toThrow('callback');
    expect(study.trials).toHaveLength(4);
  });

  it('runs objectives through a given executor', async () => {
    const calls: number[] = [];
    const executor: TrialExecutor = {
      async execute(objective, trial) {
        calls.push(trial.number);
        return ((await objective(trial)) as number) * 10;
      },
    };
    const study = await createStudy({ seed: 1 });
    await study.optimize(() => 1, { nTrials: 2, executor });
    expect(calls).toEqual([0, 1]);
    expect(study.trials.map((t) => t.value)).toEqual([10, 10]);
  });

  it("goes on past failures the executor calls recoverable (a crashed worker), but not past the objective's own errors", async () => {
    class Crashed extends Error {}
    const executor: TrialExecutor = {
      async execute(objective, trial) {
        if (trial.number === 1) throw new Crashed('worker died');
        if (trial.number === 3) throw new Flaky('objective bug');
        return objective(trial);
      },
      recoverable: (err) => err instanceof Crashed,
    };
    const study = await createStudy({ seed: 1, ...quiet });
    await expect(study.optimize(() => 1, { nTrials: 6, executor })).rejects.toThrow('objective bug');
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL', 'COMPLETE', 'FAIL']);
    expect(String(study.trials[1].systemAttrs.fail_reason)).toMatch(/worker died/);
  });

  it('rejects bad options with the option named', async () => {
    const study = await createStudy({ seed: 1 });
    await expect(study.optimize(() => 1, { nTrials: -1 })).rejects.toThrow(/`nTrials` must be a non-negative integer but got -1/);
    await expect(study.optimize(() => 1, { concurrency: 0 })).rejects.toThrow(/`concurrency`/);
    await expect(study.optimize(() => 1, { timeoutMs: NaN })).rejects.toThrow(/`timeoutMs`/);
    await expect(study.optimize(() => 1, { catch: [1] as never })).rejects.toThrow(/`catch`/);
    await expect(study.optimize(null as never)).rejects.toThrow(/`objective` must be a function/);
    expect(study.trials).toHaveLength(0);
  });
});

describe('reproducibility', () => {
  const objective = (t: import('../../src/trial/index.js').Trial) =>
    t.suggestFloat('x', -3, 3) ** 2 + (t.suggestCategorical('c', ['a', 'b', 'c']) === 'a' ? 0 : 1) + t.suggestInt('n', 0, 9);

  it('gives the same RandomSampler suggestions for the same seed, sequentially or concurrently', async () => {
    const sampler = new RandomSampler();
    const a = await createStudy({ seed: 77, sampler });
    const b = await createStudy({ seed: 77, sampler });
    const c = await createStudy({ seed: 77, sampler });
    const d = await createStudy({ seed: 78, sampler });
    await a.optimize(objective, { nTrials: 12 });
    await b.optimize(objective, { nTrials: 12 });
    // Concurrent trials finish in another order; per-trial streams make that irrelevant.
    await c.optimize(
      async (t) => {
        await new Promise((r) => setTimeout(r, (t.number * 7) % 5));
        return objective(t);
      },
      { nTrials: 12, concurrency: 4 },
    );
    await d.optimize(objective, { nTrials: 12 });
    const params = (s: typeof a) => s.trials.map((t) => t.params);
    expect(params(b)).toEqual(params(a));
    expect(params(c)).toEqual(params(a));
    expect(params(d)).not.toEqual(params(a));
  });

  it('gives the same default (GP) suggestions for the same seed and the same order of completed trials', async () => {
    const a = await createStudy({ seed: 5, ...quiet });
    const b = await createStudy({ seed: 5, ...quiet });
    await a.optimize(objective, { nTrials: 14 });
    await b.optimize(objective, { nTrials: 14 });
    expect(a.sampler).toBeInstanceOf(GPSampler);
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
  });

  it('with the default GP sampler treats trials asked back to back as pending, before they suggest anything', async () => {
    const bowl = (t: import('../../src/trial/index.js').Trial) =>
      (t.suggestFloat('x', 0, 1) - 0.3) ** 2 + (t.suggestFloat('y', 0, 1) - 0.6) ** 2;
    /** Smallest distance between four trials asked at once after 12 completed ones. */
    async function spread(hidePending: boolean): Promise<number> {
      const study = await createStudy({ seed: 3, ...quiet });
      await study.optimize(bowl, { nTrials: 12 });
      if (hidePending) {
        // Blind: neither this process's relative samples nor the copy each GP proposal leaves in
        // the journal (gp:relative_params, which the next ask's sync would bring back).
        const record = study.setTrialSystemAttr.bind(study);
        Object.defineProperty(study, 'relativeParamsOf', { value: () => undefined });
        Object.defineProperty(study, 'setTrialSystemAttr', {
          value: (t: FrozenTrial, key: string, value: unknown) => key === SYSTEM_ATTR.gpRelativeParams || record(t, key, value),
        });
      }
      const batch = [];
      for (let i = 0; i < 4; i++) batch.push(await study.ask());
      const points = batch.map((t) => [t.suggestFloat('x', 0, 1), t.suggestFloat('y', 0, 1)]);
      let min = Infinity;
      for (let a = 0; a < 4; a++)
        for (let b = a + 1; b < 4; b++) min = Math.min(min, Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]));
      return min;
    }
    const withPending = await spread(false);
    const blind = await spread(true);
    // Blind to each other, the four asks chase the same maximizer of expected improvement; with
    // the default constant liar each pending point pushes the next one away.
    expect(blind).toBeLessThan(1e-3);
    expect(withPending).toBeGreaterThan(10 * blind);
    expect(withPending).toBeGreaterThan(0.02);
  });
});
