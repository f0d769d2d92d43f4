import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../src/pareto/hypervolume.js';
import { collectParents, selectElite, toIndividual, type Individual } from '../../src/samplers/nsga2/population.js';
import { NSGAIISampler } from '../../src/samplers/nsga2/sampler.js';
import { floatDistribution, type ParamValue, type SearchSpace } from '../../src/space/distributions.js';
import { SYSTEM_ATTR, type FrozenTrial } from '../../src/trial/index.js';
import { FakeStudy } from '../helpers/fake-study.js';

function trial(number: number, values: number[], generation: number | null, extra: Record<string, unknown> = {}): FrozenTrial {
  return {
    number,
    trialId: number,
    state: 'COMPLETE',
    value: values[0],
    values,
    params: { x: number },
    distributions: {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: generation === null ? { ...extra } : { [SYSTEM_ATTR.nsga2Generation]: generation, ...extra },
    datetimeStart: null,
    datetimeComplete: null,
  };
}

const numbers = (xs: readonly Individual[]) => xs.map((i) => i.trial.number).sort((a, b) => a - b);

describe('NSGA-II populations', () => {
  it('keeps whole fronts, then the least crowded of the next front', () => {
    // Front 0: 0..3 on a line; front 1: 4, 5 (each dominated by a front-0 point).
    const population = [
      [0, 4],
      [1, 3],
      [3, 1],
      [4, 0],
      [1.5, 3.5],
      [4, 1],
    ].map((v, i) => toIndividual(trial(i, v, 0), ['minimize', 'minimize'], false));
    expect(numbers(selectElite(population, 4, false))).toEqual([0, 1, 2, 3]);
    // Five places: the whole front 0, then of front 1 the extreme (Infinity) ones first, ties by number.
    expect(numbers(selectElite(population, 5, false))).toEqual([0, 1, 2, 3, 4]);
    // Three of front 0: both extremes, then the larger crowding distance (1 and 2 tie: lower number).
    expect(numbers(selectElite(population, 3, false))).toEqual([0, 1, 3]);
  });

  it('flips maximized objectives and ranks feasible trials first', () => {
    const dirs = ['minimize', 'maximize'] as const;
    const a = toIndividual(trial(0, [1, 5], 0), dirs, false);
    expect(a.objectives).toEqual([1, -5]);
    const feasible = toIndividual(trial(1, [9, 0], 0, { [SYSTEM_ATTR.constraints]: [-1, 0] }), dirs, true);
    const infeasible = toIndividual(trial(2, [0, 9], 0, { [SYSTEM_ATTR.constraints]: [0.5] }), dirs, true);
    const unknown = toIndividual(trial(3, [0, 9], 0), dirs, true);
    expect([feasible.violation, infeasible.violation, unknown.violation]).toEqual([0, 0.5, Infinity]);
    expect(numbers(selectElite([infeasible, unknown, feasible], 1, true))).toEqual([1]);
    expect(numbers(selectElite([infeasible, unknown, feasible], 2, true))).toEqual([1, 2]);
  });

  it('counts a generation once it has populationSize complete trials, and carries elites forward', () => {
    const trials = [
      ...[0, 1, 2].map((i) => trial(i, [i, 2 - i], 0)),
      ...[3, 4].map((i) => trial(i, [10, 10], 1)), // generation 1 is not full yet
    ];
    const one = collectParents(trials, ['minimize', 'minimize'], 3, false);
    expect(one.generation).toBe(0);
    expect(numbers(one.parents)).toEqual([0, 1, 2]);
    const two = collectParents([...trials, trial(5, [0, 0], 1)], ['minimize', 'minimize'], 3, false);
    expect(two.generation).toBe(1);
    // (0, 0) dominates everything; then the generation-0 front beats the (10, 10)s.
    expect(two.parents.map((p) => p.trial.number)[0]).toBe(5);
    expect(numbers(two.parents)).toEqual([0, 2, 5]);
    expect(collectParents(trials.slice(0, 2), ['minimize', 'minimize'], 3, false)).toEqual({ generation: -1, parents: [] });
  });

  it('selectElite returns the requested size and never prefers a dominated trial over its dominator', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (vs, size) => {
          const population = vs.map((v, i) => toIndividual(trial(i, v, 0), ['minimize', 'minimize'], false));
          const elite = selectElite(population, size, false);
          expect(elite.length).toBe(Math.min(size, population.length));
          const chosen = new Set(elite.map((e) => e.trial.number));
          for (const p of population) {
            if (chosen.has(p.trial.number)) continue;
            for (const q of elite)
              expect(
                q.objectives[0] >= p.objectives[0] &&
                  q.objectives[1] >= p.objectives[1] &&
                  (q.objectives[0] > p.objectives[0] || q.objectives[1] > p.objectives[1]),
              ).toBe(false);
          }
        },
      ),
    );
  });
});

// ZDT1 (Zitzler, Deb & Thiele 2000) on [0, 1]^n: a convex front f2 = 1 − √f1.
function zdt1(x: number[]): number[] {
  const g = 1 + (9 * x.slice(1).reduce((s, v) => s + v, 0)) / (x.length - 1);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}

function runMultiObjective(sampler: NSGAIISampler, seed: bigint, n: number, trials: number): FakeStudy {
  const study = new FakeStudy(sampler, seed, 'minimize', { systemAttrs: true, directions: ['minimize', 'minimize'] });
  const space: SearchSpace = Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, floatDistribution(`x${i}`, 0, 1)]));
  for (let t = 0; t < trials; t++) {
    const asked = study.ask();
    const x = Object.keys(space).map((name) => asked.suggest(name, space[name]) as number);
    study.tell(asked.number, zdt1(x));
  }
  return study;
}

describe('NSGAIISampler', () => {
  it('records each trial\u2019s generation and starts breeding once a generation is complete', () => {
    const study = runMultiObjective(new NSGAIISampler({ seed: 3, populationSize: 6 }), 1n, 3, 20);
    const generations = study.getTrials().map((t) => t.systemAttrs[SYSTEM_ATTR.nsga2Generation]);
    expect(generations).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3]);
  });

  it('improves the hypervolume of ZDT1 over random search at the same budget (10 seeds)', () => {
    const hv = (study: FakeStudy) =>
      hypervolume(
        study.getTrials().map((t) => t.values as number[]),
        [11, 11],
      );
    let wins = 0;
    for (let seed = 1n; seed <= 10n; seed++) {
      const nsga = runMultiObjective(new NSGAIISampler({ populationSize: 20 }), seed, 5, 200);
      const random = runMultiObjective(new NSGAIISampler({ populationSize: 1000 }), seed, 5, 200); // never breeds
      if (hv(nsga) > hv(random)) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(9);
  });

  it('stores constraint values under Optuna\u2019s key and prefers feasible parents', () => {
    const sampler = new NSGAIISampler({ seed: 2, populationSize: 8, constraints: (t) => [0.5 - (t.params.x0 as number)] });
    const study = runMultiObjective(sampler, 4n, 2, 40);
    const trials = study.getTrials();
    for (const t of trials) expect(t.systemAttrs[SYSTEM_ATTR.constraints]).toEqual([0.5 - (t.params.x0 as number)]);
    const feasibleShare = (from: number, to: number) =>
      trials.slice(from, to).filter((t) => (t.params.x0 as number) >= 0.5).length / (to - from);
    expect(feasibleShare(24, 40)).toBeGreaterThan(feasibleShare(0, 8));
  });

  it('names bad options', () => {
    expect(() => new NSGAIISampler({ populationSize: 1 })).toThrow('NSGAIISampler: `populationSize` must be an integer >= 2 but got 1.');
    expect(() => new NSGAIISampler({ crossoverProb: 2 })).toThrow('NSGAIISampler: `crossoverProb` must be a number in [0, 1] but got 2.');
    expect(() => new NSGAIISampler({ crossover: 'blx' as 'sbx' })).toThrow(
      "NSGAIISampler: `crossover` must be 'uniform' or 'sbx' but got 'blx' (a string).",
    );
  });

  it('works for one objective too: the best value improves across generations', () => {
    const study = new FakeStudy(new NSGAIISampler({ seed: 5, populationSize: 10 }), 9n, 'minimize', { systemAttrs: true });
    const space: SearchSpace = { x: floatDistribution('x', -5, 5), y: floatDistribution('y', -5, 5) };
    const values = study.run(100, space, (p: Record<string, ParamValue>) => (p.x as number) ** 2 + (p.y as number) ** 2);
    expect(Math.min(...values.slice(90))).toBeLessThan(Math.min(...values.slice(0, 10)));
  });
});
