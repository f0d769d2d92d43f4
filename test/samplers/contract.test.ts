// Every sampler through the same checks (Optuna's tests/samplers_tests/test_samplers.py idea).
import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  contains,
  floatDistribution,
  intDistribution,
  type ParamValue,
  type SearchSpace,
} from '../../src/space/distributions.js';
import type { Sampler } from '../../src/samplers/base.js';
import { CmaEsSampler } from '../../src/samplers/cmaes/sampler.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { GridSampler } from '../../src/samplers/grid.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { SobolSampler } from '../../src/samplers/sobol.js';
import { NSGAIISampler } from '../../src/samplers/nsga2/sampler.js';
import { TPESampler } from '../../src/samplers/tpe/index.js';
import { FakeStudy as BaseFakeStudy } from '../helpers/fake-study.js';

const mixed: SearchSpace = {
  x: floatDistribution('x', -5, 5),
  lr: floatDistribution('lr', 1e-5, 1, { log: true }),
  q: floatDistribution('q', 0, 1, { step: 0.125 }),
  n: intDistribution('n', -3, 9, { step: 3 }),
  units: intDistribution('units', 1, 512, { log: true }),
  act: categoricalDistribution('act', ['relu', 'tanh', null, 4, true]),
};

const gridValues = {
  x: [-5, 0, 5],
  lr: [1e-5, 1e-2],
  q: [0.125],
  n: [-3, 9],
  units: [1, 8, 512],
  act: ['relu', null, true],
};

interface Case {
  name: string;
  make: (seed?: number) => Sampler;
  /** Whether the sampler has a seed of its own (grid: no randomness). */
  seeded: boolean;
  /** Whether the sampler records state in the journal (`setTrialSystemAttr`), which the study then offers. */
  systemAttrs?: boolean;
}

const cases: Case[] = [
  { name: 'RandomSampler', make: (seed) => new RandomSampler({ seed }), seeded: true },
  { name: 'SobolSampler', make: (seed) => new SobolSampler({ seed }), seeded: true },
  { name: 'SobolSampler (owen)', make: (seed) => new SobolSampler({ seed, scramble: 'owen' }), seeded: true },
  { name: 'GridSampler', make: () => new GridSampler(gridValues), seeded: false },
  // Few start-up trials, so every check below also covers trials proposed by the model.
  { name: 'GPSampler', make: (seed) => new GPSampler({ seed, nStartupTrials: 4 }), seeded: true },
  // A population of 4, so later trials are children of earlier ones.
  { name: 'NSGAIISampler', make: (seed) => new NSGAIISampler({ seed, populationSize: 4 }), seeded: true, systemAttrs: true },
  {
    name: 'NSGAIISampler (sbx)',
    make: (seed) => new NSGAIISampler({ seed, populationSize: 4, crossover: 'sbx' }),
    seeded: true,
    systemAttrs: true,
  },
  // Population 4, so the checks span several generations' updates; once with generation records in
  // the journal, once without (the sequential reading of the trials).
  { name: 'CmaEsSampler', make: (seed) => new CmaEsSampler({ seed, popsize: 4 }), seeded: true, systemAttrs: true },
  { name: 'CmaEsSampler (no records)', make: (seed) => new CmaEsSampler({ seed, popsize: 4 }), seeded: true },
  {
    name: 'CmaEsSampler (ipop, no margin)',
    make: (seed) => new CmaEsSampler({ seed, popsize: 4, restartStrategy: 'ipop', withMargin: false }),
    seeded: true,
    systemAttrs: true,
  },
  { name: 'TPESampler', make: (seed) => new TPESampler({ seed, nStartupTrials: 4 }), seeded: true },
  {
    name: 'TPESampler (multivariate, group, constant liar)',
    make: (seed) => new TPESampler({ seed, nStartupTrials: 4, multivariate: true, group: true, constantLiar: true }),
    seeded: true,
  },
];

function objective(p: Record<string, ParamValue>): number {
  return (p.x as number) ** 2 + Math.log(p.lr as number) ** 2 + (p.n as number) + (p.act === 'relu' ? 1 : 0);
}

function params(study: BaseFakeStudy): Record<string, ParamValue>[] {
  return study.getTrials().map((t) => t.params as Record<string, ParamValue>);
}

describe.each(cases)('$name (sampler contract)', ({ make: makeSampler, seeded, systemAttrs }) => {
  const make = makeSampler;
  const FakeStudy = class extends BaseFakeStudy {
    constructor(sampler: Sampler, seed?: bigint) {
      super(sampler, seed, 'minimize', { systemAttrs });
    }
  };
  it('only suggests values the distributions contain', () => {
    const study = new FakeStudy(make(11), 3n);
    study.run(24, mixed, objective);
    for (const p of params(study)) for (const [name, d] of Object.entries(mixed)) expect(contains(d, p[name]), name).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = new FakeStudy(make(), 5n);
    const b = new FakeStudy(make(), 5n);
    a.run(12, mixed, objective);
    b.run(12, mixed, objective);
    expect(params(b)).toEqual(params(a));
  });

  it(seeded ? 'uses its own seed in place of the study seed, and the study seed without one' : 'ignores every seed', () => {
    const a = new FakeStudy(make(9), 1n);
    const b = new FakeStudy(make(9), 2n);
    const c = new FakeStudy(make(), 2n);
    for (const s of [a, b, c]) s.run(6, mixed, objective);
    expect(params(b)).toEqual(params(a));
    if (seeded) expect(params(c)).not.toEqual(params(a));
    else expect(params(c)).toEqual(params(a));
  });

  it('does not depend on the order of suggestions or on which concurrent trial samples first', () => {
    const names = Object.keys(mixed);
    const reference = new FakeStudy(make(), 8n);
    reference.run(6, mixed, objective);
    const other = new FakeStudy(make(), 8n);
    other.run(6, mixed, objective);
    // Three trials run concurrently; suggestions interleave in two different orders.
    const runConcurrent = (study: BaseFakeStudy, order: 'forward' | 'backward') => {
      const asked = [study.ask(), study.ask(), study.ask()];
      const seq = order === 'forward' ? asked : [...asked].reverse();
      const ns = order === 'forward' ? names : [...names].reverse();
      for (const name of ns) for (const a of seq) a.suggest(name, mixed[name]);
      for (const a of asked) study.tell(a.number, 1);
    };
    runConcurrent(reference, 'forward');
    runConcurrent(other, 'backward');
    expect(params(other)).toEqual(params(reference));
  });

  it('reproduces trial n from (seed, trial number) and the trials before it', () => {
    const original = new FakeStudy(make(), 21n);
    original.run(10, mixed, objective);
    const trials = original.getTrials();
    const replay = new FakeStudy(make(), 21n);
    for (const t of trials.slice(0, 7))
      replay.add(t.params as Record<string, ParamValue>, t.distributions, t.value, 'COMPLETE', t.systemAttrs);
    const a = replay.ask();
    const p: Record<string, ParamValue> = {};
    for (const name of Object.keys(mixed).reverse()) p[name] = a.suggest(name, mixed[name]);
    expect(a.number).toBe(7);
    expect(p).toEqual(trials[7].params);
  });
});
