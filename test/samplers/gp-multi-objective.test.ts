import { describe, expect, it } from 'vitest';
import { runHypervolumeGap, zdt1 } from '../../src/bench/multi-objective.js';
import { scratchInUse } from '../../src/core/memory.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { paretoFront, referencePoint } from '../../src/samplers/gp/multi-objective.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const quiet = { onWarning: () => {} };
const median = (v: number[]) => v.slice().sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;

describe('GPSampler with several objectives', () => {
  it('refuses a synchronous sampleRelative before its model has loaded, naming the way that works', async () => {
    // First in this file: the module loads once per process (the first ask below loads it).
    const sampler = new GPSampler({ seed: 1, nStartupTrials: 2 });
    const study = await createStudy({ directions: ['minimize', 'minimize'], seed: 1, sampler: new RandomSampler(), ...quiet });
    await study.optimize((t) => [t.suggestFloat('x', 0, 1), 1 - t.suggestFloat('x', 0, 1)], { nTrials: 3 });
    const trial = await study.ask();
    const frozen = study.getTrials()[trial.number]!;
    expect(() => sampler.sampleRelative(study, frozen, sampler.inferRelativeSearchSpace(study))).toThrow(
      'GPSampler: several objectives or constraints need `study.ask()` first (their models load on demand), not `sampleRelative`.',
    );
  });

  it('beats random search on ZDT1 (n = 10) at 30 trials on every one of 2 seeds', async () => {
    const at30 = async (make: (seed: number) => GPSampler | RandomSampler) =>
      (await runHypervolumeGap(make, zdt1(), { nTrials: 30, seeds: 2, checkpoints: [30] })).curves.map((c) => c[29]!);
    const gp = await at30((seed) => new GPSampler({ seed }));
    const random = await at30((seed) => new RandomSampler({ seed }));
    // Measured: GP gaps 1.88 and 2.03, random 23.4 and 24.9 (optimal HV 120.67).
    expect(Math.max(...gp)).toBeLessThan(Math.min(...random) / 2);
    expect(median(gp)).toBeLessThan(8);
  }, 60_000);

  it('is deterministic for a seed, stores each objective\u2019s θ, and asks through async and sync alike', async () => {
    const run = async () => {
      const sampler = new GPSampler({ seed: 4, nStartupTrials: 5 });
      const study = await createStudy({ directions: ['minimize', 'maximize'], seed: 4, sampler, ...quiet });
      await study.optimize(
        (t) => {
          const x = t.suggestFloat('x', 0, 1);
          const y = t.suggestFloat('y', -1, 1);
          const k = t.suggestInt('k', 0, 3);
          return [x * x + y * y + k, Math.sin(3 * x) - (y - 0.5) ** 2];
        },
        { nTrials: 12 },
      );
      return { study, sampler };
    };
    const a = await run();
    const b = await run();
    expect(a.study.trials.map((t) => [t.params, t.values])).toEqual(b.study.trials.map((t) => [t.params, t.values]));
    const thetas = a.study.trials.at(-1)!.systemAttrs[SYSTEM_ATTR.gpObjectiveLogHyperparameters] as number[][];
    expect(thetas).toHaveLength(2);
    for (const theta of thetas) expect(theta).toHaveLength(3 + 2);
    // A running trial is a pending point; sync and stepped sampling agree bit for bit.
    await a.study.ask();
    const trial = await a.study.ask();
    const frozen = a.study.getTrials()[trial.number]!;
    const space = a.sampler.inferRelativeSearchSpace(a.study);
    const sync = a.sampler.sampleRelative(a.study, frozen, space);
    expect(await a.sampler.sampleRelativeAsync(a.study, frozen, space)).toEqual(sync);
    expect(scratchInUse()).toBe(0);
  }, 60_000);

  it('with a constraint, proposes points on or near the feasible side of the boundary', async () => {
    // ZDT1-like in 3 dimensions, feasible only where x0 ≥ 0.5.
    const study = await createStudy({
      directions: ['minimize', 'minimize'],
      seed: 2,
      sampler: new GPSampler({ seed: 2, nStartupTrials: 8 }),
      constraints: (t) => [0.5 - (t.params.x0 as number)],
      ...quiet,
    });
    await study.optimize(
      (t) => {
        const x = [0, 1, 2].map((i) => t.suggestFloat(`x${i}`, 0, 1));
        const g = 1 + 4.5 * (x[1]! + x[2]!);
        return [x[0]!, g * (1 - Math.sqrt(x[0]! / g))];
      },
      { nTrials: 24 },
    );
    const modelled = study.trials.slice(8);
    // EHVI pulls toward x0 = 0 and the probability of feasibility away from it, so the proposals
    // hug the boundary from both sides (measured: every x0 in [0.476, 1], 11 of 16 feasible).
    expect(modelled.every((t) => (t.params.x0 as number) >= 0.45)).toBe(true);
    expect(modelled.filter((t) => (t.params.x0 as number) >= 0.5).length).toBeGreaterThanOrEqual(9);
    expect(study.bestTrials.every((t) => (t.params.x0 as number) >= 0.5)).toBe(true);
  }, 60_000);
});

describe('paretoFront / referencePoint (maximization)', () => {
  it('keep the non-dominated points once and push the reference 10 % beyond the worst', () => {
    expect(
      paretoFront([
        [1, 0],
        [0, 1],
        [0.5, 0.5],
        [0.4, 0.4],
        [1, 0],
      ]),
    ).toEqual([0, 1, 2]);
    const ref = referencePoint([
      [1, -2],
      [0, 3],
    ]);
    expect(ref[0]).toBeLessThan(0);
    expect(ref[0]).toBeGreaterThan(-1e-300);
    expect(ref[1]).toBeLessThan(-2.2);
    expect(ref[1]).toBeCloseTo(-2.2, 12);
  });
});
