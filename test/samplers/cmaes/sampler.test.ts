import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
  type ParamValue,
  type SearchSpace,
} from '../../../src/space/distributions.js';
import { CmaEsSampler } from '../../../src/samplers/cmaes/sampler.js';
import { RandomSampler } from '../../../src/samplers/random.js';
import { InMemoryJournal } from '../../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../../src/study/create.js';
import type { Study } from '../../../src/study/study.js';
import { SYSTEM_ATTR } from '../../../src/trial/index.js';
import { FakeStudy } from '../../helpers/fake-study.js';

const cube = (d: number, lo = -5, hi = 5): SearchSpace =>
  Object.fromEntries(Array.from({ length: d }, (_, i) => [`x${i}`, floatDistribution(`x${i}`, lo, hi)]));
const xs = (p: Record<string, ParamValue>, d: number) => Array.from({ length: d }, (_, i) => p[`x${i}`] as number);
const sphere = (p: Record<string, ParamValue>) => xs(p, 10).reduce((s, v) => s + (v - 1) ** 2, 0);
// Condition number 10^4 over the axes.
const ellipsoid = (p: Record<string, ParamValue>) => xs(p, 10).reduce((s, v, i) => s + 10 ** ((4 * i) / 9) * (v - 1) ** 2, 0);

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

describe('CmaEsSampler convergence', () => {
  // python3-cmaes (same σ0, mean, bounds) after 600 evaluations, 10 seeds: sphere median 1.1e-3
  // (range 1.8e-4..3.6e-3), ellipsoid median 36 (8.1..93); bonito's 5 seeds: 1.8e-3 and 34.
  it('converges on the 10-D sphere and ellipsoid far below random search (5 seeds, median)', () => {
    for (const [f, bound] of [
      [sphere, 1e-2],
      [ellipsoid, 100],
    ] as const) {
      const best: number[] = [];
      const random: number[] = [];
      for (let seed = 0; seed < 5; seed++) {
        best.push(Math.min(...new FakeStudy(new CmaEsSampler(), BigInt(seed)).run(600, cube(10), f)));
        random.push(Math.min(...new FakeStudy(new RandomSampler(), BigInt(seed)).run(600, cube(10), f)));
      }
      expect(median(best)).toBeLessThan(bound);
      expect(median(best)).toBeLessThan(median(random) / 100);
    }
  });

  it('keeps a discrete parameter moving with the margin; without it the integer stalls', () => {
    // The integer term is tiny, so σ shrinks with the continuous part long before n = 3 is found;
    // from then on every sample rounds to the same n unless the margin keeps a chance to step.
    const space: SearchSpace = { ...cube(3, -1, 1), n: intDistribution('n', 0, 20) };
    const f = (p: Record<string, ParamValue>) => xs(p, 3).reduce((s, v) => s + 100 * v * v, 0) + 1e-4 * ((p.n as number) - 3) ** 2;
    const x0 = { x0: 0.5, x1: 0.5, x2: -0.5, n: 15 };
    const distinctLate = (withMargin: boolean) =>
      Array.from({ length: 10 }, (_, seed) => {
        const study = new FakeStudy(new CmaEsSampler({ withMargin, x0 }), BigInt(seed));
        study.run(400, space, f);
        return new Set(
          study
            .getTrials()
            .slice(-50)
            .map((t) => t.params.n),
        ).size;
      });
    // A run is frozen when its last 50 trials all take one value of n. The margin keeps each side's
    // probability at α = 1/(nλ) or more per trial, so freezing for 50 trials has chance ≈ (1 − 2α)^50 ≈ 4 %.
    // Measured: distinct values [6, 8, 2, 2, 4, 5, 2, 10, 12, 3] with the margin, [1, 1, 1, 1, 2, 1, 1, 3, 1, 2] without.
    const frozen = (counts: number[]) => counts.filter((k) => k === 1).length;
    expect(frozen(distinctLate(true))).toBeLessThanOrEqual(1);
    expect(frozen(distinctLate(false))).toBeGreaterThanOrEqual(5);
  });
});

describe('CmaEsSampler state from the journal', () => {
  const objective = (p: Record<string, ParamValue>) =>
    ((p.x as number) - 0.5) ** 2 + 2 * ((p.y as number) + 0.3) ** 2 + 0.1 * ((p.n as number) - 2) ** 2;

  async function run(study: Study, trials: number): Promise<void> {
    for (let i = 0; i < trials; i++) {
      const t = await study.ask();
      const p = { x: t.suggestFloat('x', -2, 2), y: t.suggestFloat('y', -2, 2), n: t.suggestInt('n', 0, 6) };
      await study.tell(t, objective(p));
    }
  }
  const sampler = () => new CmaEsSampler({ restartStrategy: 'ipop' });
  const strip = (s: Study) =>
    s.getTrials().map((t) => ({ params: t.params, value: t.value, attrs: t.systemAttrs[SYSTEM_ATTR.cmaesGeneration] }));

  it('records each trial’s generation and the trials of the update into it', async () => {
    const study = await createStudy({ sampler: sampler(), seed: 3 });
    await run(study, 30);
    const trials = study.getTrials();
    // Trial 0 is the independent start-up; λ = 4 + ⌊3 ln 3⌋ = 7 from trial 1 on.
    expect(trials[0].systemAttrs[SYSTEM_ATTR.cmaesGeneration]).toBeUndefined();
    const records = trials.slice(1).map((t) => t.systemAttrs[SYSTEM_ATTR.cmaesGeneration] as { generation: number; told: number[] });
    expect(records.slice(0, 7).every((r) => r.generation === 0 && r.told.length === 0)).toBe(true);
    expect(records[7]).toEqual({ generation: 1, told: [1, 2, 3, 4, 5, 6, 7] });
    expect(records[14]).toEqual({ generation: 2, told: [8, 9, 10, 11, 12, 13, 14] });
  });

  it('after a restart (loadStudy on the same journal) suggests exactly what the uninterrupted study does', async () => {
    const straight = await createStudy({ sampler: sampler(), seed: 5, name: 's' });
    await run(straight, 30);
    const storage = new InMemoryJournal();
    await run(await createStudy({ storage, sampler: sampler(), seed: 5, name: 's' }), 15);
    const resumed = await loadStudy({ storage, sampler: sampler(), name: 's' });
    await run(resumed, 15);
    expect(strip(resumed)).toEqual(strip(straight));
  });

  it('replays the recorded updates of concurrent trials in a fresh process (loadStudy) to the same next proposal', async () => {
    const storage = new InMemoryJournal();
    const sampler = new CmaEsSampler({ popsize: 4 });
    const study = await createStudy({ storage, sampler, seed: 8, name: 'p' });
    // Three trials at a time, told in reverse: each update is made from whichever four were complete.
    for (let round = 0; round < 8; round++) {
      const asked = [await study.ask(), await study.ask(), await study.ask()];
      const values = asked.map((t) =>
        objective({ x: t.suggestFloat('x', -2, 2), y: t.suggestFloat('y', -2, 2), n: t.suggestInt('n', 0, 6) }),
      );
      for (let i = 2; i >= 0; i--) await study.tell(asked[i], values[i]);
    }
    const records = study.getTrials().map((t) => t.systemAttrs[SYSTEM_ATTR.cmaesGeneration] as { generation: number } | undefined);
    expect(Math.max(...records.map((r) => r?.generation ?? 0))).toBeGreaterThanOrEqual(3);
    // The first process's next trial, from its cached replay.
    const own = await study.ask();
    // A fresh process: a new sampler (nothing cached) on the same journal asks the next trial.
    const resumed = await loadStudy({ storage, sampler: new CmaEsSampler({ popsize: 4 }), name: 'p' });
    const asked = await resumed.ask();
    const next = { x: asked.suggestFloat('x', -2, 2), y: asked.suggestFloat('y', -2, 2), n: asked.suggestInt('n', 0, 6) };
    const frozen = resumed.getTrials()[asked.number];
    // The first process's sampler, replaying the journal as it stands now, proposes the same for that trial.
    // The joint space's column order: names sorted.
    const space = { n: intDistribution('n', 0, 6), x: floatDistribution('x', -2, 2), y: floatDistribution('y', -2, 2) };
    const view = {
      ...Object.fromEntries(['direction', 'seed'].map((k) => [k, study[k as 'seed']])),
      getTrials: (s?: never) => resumed.getTrials(s),
      warnOnce: () => {},
    };
    expect(sampler.sampleRelative(view as never, frozen, space)).toEqual(next);
    // Both processes stand at the same generation with the same update behind it.
    await resumed.tell(asked, 1);
    await study.tell(own, 1);
    const recordOf = (s: Study, n: number) => s.getTrials()[n].systemAttrs[SYSTEM_ATTR.cmaesGeneration];
    expect(recordOf(resumed, asked.number)).toEqual(recordOf(study, own.number));
  });

  it('gives a fresh sampler (no cached replay) the proposal of a cached one after concurrent trials', () => {
    const space: SearchSpace = { a: floatDistribution('a', 0, 1), b: floatDistribution('b', 0, 1), c: floatDistribution('c', 0, 1) };
    const f = (p: Record<string, ParamValue>) => ((p.a as number) - 0.2) ** 2 + ((p.b as number) - 0.7) ** 2 + (p.c as number);
    const study = new FakeStudy(new CmaEsSampler({ popsize: 4 }), 9n);
    // Three trials at a time, told in reverse: generations mix trials asked before and after an update.
    for (let round = 0; round < 8; round++) {
      const asked = [study.ask(), study.ask(), study.ask()];
      for (const a of asked) for (const [name, d] of Object.entries(space)) a.suggest(name, d);
      for (const a of asked.reverse()) study.tell(a.number, f(study.getTrials()[a.number].params as Record<string, ParamValue>));
    }
    const trials = study.getTrials();
    const fresh = new FakeStudy(new CmaEsSampler({ popsize: 4 }), 9n);
    for (const t of trials) fresh.add(t.params as Record<string, ParamValue>, t.distributions, t.value);
    const next = study.ask();
    const again = fresh.ask();
    for (const [name, d] of Object.entries(space)) expect(again.suggest(name, d)).toBe(next.suggest(name, d));
  });

  it('restarts a stopped run with a larger population (IPOP) or alternating budgets (BIPOP)', async () => {
    // A flat objective stops a run by tolfun after 10 + ⌈30n/λ⌉ generations (n = 2, λ = 6: 20).
    const populations = async (restartStrategy: 'ipop' | 'bipop') => {
      const study = await createStudy({ sampler: new CmaEsSampler({ restartStrategy }), seed: 1 });
      for (let i = 0; i < 700; i++) {
        const t = await study.ask();
        t.suggestFloat('a', 0, 1);
        t.suggestFloat('b', 0, 1);
        await study.tell(t, 1);
      }
      const told = study
        .getTrials()
        .map((t) => (t.systemAttrs[SYSTEM_ATTR.cmaesGeneration] as { told: number[] } | undefined)?.told.length ?? 0);
      return [...new Set(told.filter((k) => k > 0))];
    };
    // IPOP: 6, then 12, then 24...
    expect((await populations('ipop')).slice(0, 3)).toEqual([6, 12, 24]);
    // BIPOP: the first restart is a large one (no small budget spent yet), then a small one.
    const bipop = await populations('bipop');
    expect(bipop.slice(0, 2)).toEqual([6, 12]);
    expect(bipop.length).toBeGreaterThan(2);
    expect(Math.min(...bipop.slice(2))).toBeLessThan(12);
  });

  it('samples categoricals with the independent sampler and says so once', () => {
    const space: SearchSpace = { ...cube(2), act: categoricalDistribution('act', ['relu', 'tanh']) };
    const independent = new RandomSampler({ seed: 99 });
    const study = new FakeStudy(new CmaEsSampler({ independentSampler: independent }), 2n);
    study.run(12, space, (p) => sphere({ ...p, ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x${i + 2}`, 1])) }));
    expect(study.warnings).toHaveLength(1);
    expect(study.warnings[0]).toMatch(/CmaEsSampler: parameter `act` is sampled by RandomSampler.*warnIndependentSampling: false/);
    const direct = new FakeStudy(independent, 2n);
    for (const t of study.getTrials()) {
      expect(t.params.act).toBe(independent.sampleIndependent(direct, t, 'act', space.act));
    }
    const quiet = new FakeStudy(new CmaEsSampler({ warnIndependentSampling: false }), 2n);
    quiet.run(5, space, () => 1);
    expect(quiet.warnings).toEqual([]);
  });

  it('starts at x0 with step sigma0', () => {
    const space = cube(2, 0, 10);
    const study = new FakeStudy(new CmaEsSampler({ x0: { x0: 2, x1: 8 }, sigma0: 1e-3, nStartupTrials: 0 }), 4n);
    study.run(5, space, () => 1);
    // Trial 0 is the random start-up (no completed trial yet).
    for (const t of study.getTrials().slice(1)) {
      expect(t.params.x0 as number).toBeCloseTo(2, 0);
      expect(t.params.x1 as number).toBeCloseTo(8, 0);
    }
  });

  it('maximizes by ranking negated values, and refuses a multi-objective study', () => {
    const up = new FakeStudy(new CmaEsSampler(), 6n, 'maximize');
    const values = up.run(300, cube(3), (p) => -xs(p, 3).reduce((s, v) => s + (v - 1) ** 2, 0));
    expect(Math.max(...values)).toBeGreaterThan(-1e-3);
    const multi = new FakeStudy(new CmaEsSampler(), 6n, 'minimize', { directions: ['minimize', 'maximize'] });
    multi.run(1, cube(3), () => 1);
    expect(() => multi.run(1, cube(3), () => 1)).toThrow(
      "CmaEsSampler: the study's `directions` must hold one objective (CMA-ES ranks one value) but got 2.",
    );
  });

  it('rejects bad options with the option named', () => {
    expect(() => new CmaEsSampler({ sigma0: 0 })).toThrow('CmaEsSampler: `sigma0` must be a finite number > 0 but got 0.');
    expect(() => new CmaEsSampler({ popsize: 1 })).toThrow('CmaEsSampler: `popsize` must be an integer >= 2 but got 1.');
    expect(() => new CmaEsSampler({ nStartupTrials: -1 })).toThrow(/`nStartupTrials`/);
    expect(() => new CmaEsSampler({ incPopsize: 0.5 })).toThrow(/`incPopsize`/);
    expect(() => new CmaEsSampler({ restartStrategy: 'pop' as 'ipop' })).toThrow(/`restartStrategy`/);
    expect(() => new CmaEsSampler({ withMargin: 1 as unknown as boolean })).toThrow(/`withMargin`/);
    expect(() => new CmaEsSampler({ independentSampler: {} as never })).toThrow(/`independentSampler` must be a sampler/);
  });
});
