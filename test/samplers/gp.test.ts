import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
  type ParamValue,
  type SearchSpace,
} from '../../src/space/distributions.js';
import { SearchSpaceTransform } from '../../src/space/transform.js';
import { GPSampler, fitOptions } from '../../src/samplers/gp/sampler.js';
import { GaussianProcess, gaussianProcessState } from '../../src/core/gp.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { intersectionSearchSpace } from '../../src/samplers/intersection.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import { decodeRow, discreteColumns, encodeTrials, modelTargets } from '../../src/samplers/gp/model-data.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { SobolSampler } from '../../src/samplers/sobol.js';
import type { FrozenTrial } from '../../src/trial/index.js';
import { FakeStudy } from '../helpers/fake-study.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const square: SearchSpace = { x: floatDistribution('x', 0, 1), y: floatDistribution('y', 0, 1) };
const bowl = (p: Record<string, ParamValue>) => ((p.x as number) - 0.3) ** 2 + ((p.y as number) - 0.6) ** 2;

describe('modelTargets()', () => {
  it('negates minimized values so that larger is better', () => {
    expect(Array.from(modelTargets([1, 3], 'minimize'))).toEqual([-1, -3]);
    expect(Array.from(modelTargets([1, 3], 'maximize'))).toEqual([1, 3]);
  });

  it('clips ±Infinity to the finite range and treats NaN as the worst value', () => {
    expect(Array.from(modelTargets([2, Infinity, -Infinity, 5, NaN], 'minimize'))).toEqual([-2, -5, -2, -5, -5]);
    expect(Array.from(modelTargets([Infinity, Infinity], 'maximize'))).toEqual([0, 0]);
  });

  it("with warping 'log-tail' keeps the better half and log-compresses the distance from the best beyond the median", () => {
    // minimize [1, 3, 2, 10]: distances from the best r = [0, 2, 1, 9], median distance s = 1.5
    const s15 = 1.5;
    expect(Array.from(modelTargets([1, 3, 2, 10], 'minimize', 'log-tail'))).toEqual([
      -0,
      -s15 * (1 + Math.log(2 / s15)),
      -1,
      -s15 * (1 + Math.log(9 / s15)),
    ]);
    // maximize [10, 0, 4, 6]: r = [0, 10, 6, 4], s = 5
    expect(Array.from(modelTargets([10, 0, 4, 6], 'maximize', 'log-tail'))).toEqual([
      -0,
      -5 * (1 + Math.log(2)),
      -5 * (1 + Math.log(6 / 5)),
      -4,
    ]);
    // At least half the values tie with the best: s falls back to the range (2 here), then to 1.
    expect(Array.from(modelTargets([1, 1, 3], 'minimize', 'log-tail'))).toEqual([-0, -0, -2]);
    expect(Array.from(modelTargets([5, 5], 'minimize', 'log-tail'))).toEqual([-0, -0]);
  });

  it("with warping 'log-tail' keeps the order of distinct values (Infinity ties with the worst finite value)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 40 }), fc.boolean(), (ints, min) => {
        const v = ints.map((i) => i * 1.5);
        const w = modelTargets(v, min ? 'minimize' : 'maximize', 'log-tail');
        for (let i = 0; i < v.length; i++) {
          for (let j = 0; j < v.length; j++) {
            if (v[i] < v[j]) expect(min ? w[i] > w[j] : w[i] < w[j]).toBe(true);
          }
        }
      }),
    );
    const w = modelTargets([3, Infinity, 1e6], 'minimize', 'log-tail');
    expect(w[1]).toBe(w[2]);
  });
});

describe('model rows', () => {
  const space = {
    c: categoricalDistribution('c', ['a', 'b', 'c']),
    n: intDistribution('n', 0, 3),
    x: floatDistribution('x', 1, 100, { log: true }),
  };
  const t = new SearchSpaceTransform(space);

  it('encode categoricals as integer choice indices and numbers at their unit coordinates, and decode back', () => {
    const row = encodeTrials(t, [{ number: 0, params: { c: 'c', n: 2, x: 10 } }]);
    expect(row.length).toBe(3);
    expect(row[0]).toBe(2);
    expect(row[1]).toBe(0.625);
    expect(row[2]).toBeCloseTo(0.5, 14);
    const back = decodeRow(t, row);
    expect(back.c).toBe('c');
    expect(back.n).toBe(2);
    expect(back.x as number).toBeCloseTo(10, 12);
  });

  it('list category codes and discrete coordinates for the acquisition optimizer', () => {
    const cols = discreteColumns(t);
    expect(Array.from(cols[0]!)).toEqual([0, 1, 2]);
    expect(Array.from(cols[1]!)).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(cols[2]).toBeNull();
  });
});

describe('GPSampler', () => {
  it('takes its start-up trials from the same scrambled Sobol sequence as SobolSampler', () => {
    const gp = new FakeStudy(new GPSampler({ nStartupTrials: 6 }), 9n);
    const sobol = new FakeStudy(new SobolSampler(), 9n);
    gp.run(6, square, bowl);
    sobol.run(6, square, bowl);
    // Trial 0 has no joint space yet and is drawn independently by each sampler.
    expect(
      gp
        .getTrials()
        .slice(1)
        .map((t) => t.params),
    ).toEqual(
      sobol
        .getTrials()
        .slice(1)
        .map((t) => t.params),
    );
  });

  it("with startup 'random' takes its start-up trials from RandomSampler's draws", () => {
    const gp = new FakeStudy(new GPSampler({ nStartupTrials: 6, startup: 'random' }), 9n);
    const random = new FakeStudy(new RandomSampler(), 9n);
    gp.run(6, square, bowl);
    random.run(6, square, bowl);
    expect(
      gp
        .getTrials()
        .slice(1)
        .map((t) => t.params),
    ).toEqual(
      random
        .getTrials()
        .slice(1)
        .map((t) => t.params),
    );
  });

  it.each(['default', 'gamma'] as const)(
    "closes in on the minimum of a smooth 2-D bowl within 25 trials on every one of 3 seeds (prior '%s')",
    (prior) => {
      for (const seed of [1n, 2n, 3n]) {
        const study = new FakeStudy(new GPSampler({ prior }), seed);
        const values = study.run(25, square, bowl);
        // Random search would need ~3000 trials for a regret of 1e-4 on average.
        expect(Math.min(...values)).toBeLessThan(1e-4);
      }
    },
  );

  it('maximizes when the study maximizes', () => {
    const study = new FakeStudy(new GPSampler(), 4n, 'maximize');
    const values = study.run(25, square, (p) => -bowl(p));
    expect(Math.max(...values)).toBeGreaterThan(-1e-4);
  });

  it('learns which choice of a categorical parameter is best', () => {
    const space = { x: floatDistribution('x', 0, 1), c: categoricalDistribution('c', ['a', 'b', 'c', 'd']) };
    for (const seed of [5n, 6n]) {
      const study = new FakeStudy(new GPSampler({ nStartupTrials: 8 }), seed);
      study.run(24, space, (p) => ((p.x as number) - 0.5) ** 2 + (p.c === 'c' ? 0 : 1));
      const trials = study.getTrials();
      const best = trials.reduce((a, b) => (b.value! < a.value! ? b : a));
      expect(best.params.c).toBe('c');
      expect(Math.abs((best.params.x as number) - 0.5)).toBeLessThan(0.02);
      // 3 of 12 at random; the model picks 'c' for most later trials (it may still probe the others).
      expect(trials.slice(12).filter((t) => t.params.c === 'c').length).toBeGreaterThanOrEqual(7);
    }
  });

  it('spreads concurrent proposals once running trials are known (pending points)', () => {
    const base = new FakeStudy(new GPSampler(), 6n);
    base.run(12, square, bowl);
    const history = base.getTrials();
    const replay = (shareRelative: boolean) => {
      const s = new FakeStudy(new GPSampler(), 6n, 'minimize', { shareRelative });
      for (const t of history) s.add(t.params as Record<string, ParamValue>, t.distributions, t.value);
      return s;
    };
    const point = (a: ReturnType<FakeStudy['ask']>) => [a.suggest('x', square.x) as number, a.suggest('y', square.y) as number];
    const dist = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
    const minGap = (points: number[][]) => {
      let g = Infinity;
      for (let i = 0; i < points.length; i++) for (let j = 0; j < i; j++) g = Math.min(g, dist(points[i], points[j]));
      return g;
    };
    // Blind: four trials asked before any has suggested, and the study does not share relative
    // samples, so none sees the others and the proposals coincide (measured gaps below 1e-7).
    const blind = replay(false);
    const blindAsked = Array.from({ length: 4 }, () => blind.ask());
    expect(minGap(blindAsked.map(point))).toBeLessThan(1e-4);
    // The same schedule when the study shares each trial's relative sample from ask().
    const shared = replay(true);
    const sharedAsked = Array.from({ length: 4 }, () => shared.ask());
    expect(minGap(sharedAsked.map(point))).toBeGreaterThan(1e-3);
    // Without sharing, recorded suggestions are enough: each trial suggests before the next ask
    // (measured gaps 0.0022 to 0.058, the same as with shared samples).
    const recorded = replay(false);
    expect(minGap(Array.from({ length: 4 }, () => point(recorded.ask())))).toBeGreaterThan(1e-3);
  });

  it('handles spaces of only categorical or only integer parameters', () => {
    const cats = { a: categoricalDistribution('a', ['x', 'y', 'z']), b: categoricalDistribution('b', [true, false]) };
    const study = new FakeStudy(new GPSampler({ nStartupTrials: 3 }), 10n);
    const v = study.run(10, cats, (p) => (p.a === 'z' ? 0 : 1) + (p.b ? 0 : 1));
    expect(Math.min(...v)).toBe(0);
    const ints = { n: intDistribution('n', -20, 20), m: intDistribution('m', 1, 1000, { log: true }) };
    const other = new FakeStudy(new GPSampler({ nStartupTrials: 4 }), 11n);
    const w = other.run(16, ints, (p) => Math.abs((p.n as number) - 7) + Math.abs(Math.log((p.m as number) / 30)));
    // Random search: about a 1 in 40 chance per trial of |n - 7| <= 1 alone.
    expect(Math.min(...w)).toBeLessThan(1.5);
  });

  it('keeps sampling when a completed trial returned Infinity', () => {
    const study = new FakeStudy(new GPSampler({ nStartupTrials: 3 }), 7n);
    study.add({ x: 0.9, y: 0.9 }, square, Infinity);
    study.add({ x: 0.1, y: 0.1 }, square, -Infinity);
    const values = study.run(8, square, bowl);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('draws parameters outside the joint space at random and says so once', () => {
    const study = new FakeStudy(new GPSampler({ nStartupTrials: 2 }), 8n);
    study.run(3, square, bowl);
    for (let i = 0; i < 2; i++) {
      const t = study.ask();
      t.suggest('x', square.x);
      t.suggest('y', square.y);
      t.suggest(`z${i}`, square.x);
      study.tell(t.number, 0);
    }
    expect(study.warnings).toEqual([
      'GPSampler: parameter `z0` is not in the joint search space of the completed trials (a conditional parameter, or one ' +
        'whose distribution changed), so it and any others like it are drawn by the independent sampler (uniformly at random ' +
        'by default) instead of by the Gaussian process; pass `warnIndependentSampling: false` to silence this.',
    ]);
  });

  it('rejects invalid options', () => {
    expect(() => new GPSampler({ nStartupTrials: 0 })).toThrow(
      new RangeError('GPSampler: `nStartupTrials` must be a positive integer but got 0.'),
    );
    expect(() => new GPSampler({ nCandidates: 2.5 })).toThrow(RangeError);
    expect(() => new GPSampler({ nLocalSearch: '3' as never })).toThrow(
      new TypeError("GPSampler: `nLocalSearch` must be a positive integer but got '3' (a string)."),
    );
    expect(() => new GPSampler({ prior: 'flat' as never })).toThrow(
      new TypeError("GPSampler: `prior` must be 'default', 'dim-scaled', 'gamma' or 'none' but got 'flat' (a string)."),
    );
    expect(() => new GPSampler({ warnIndependentSampling: 0 as never })).toThrow(TypeError);
    expect(() => new GPSampler({ outputWarping: 'sqrt' as never })).toThrow(
      new TypeError("GPSampler: `outputWarping` must be 'log-tail' or 'none' but got 'sqrt' (a string)."),
    );
    expect(() => new GPSampler({ startup: 'lhs' as never })).toThrow(
      new TypeError("GPSampler: `startup` must be 'sobol' or 'random' but got 'lhs' (a string)."),
    );
    expect(() => new GPSampler({ pendingBelief: 'optimistic' as never })).toThrow(
      new TypeError("GPSampler: `pendingBelief` must be 'worst', 'posterior-mean' or 'mean' but got 'optimistic' (a string)."),
    );
    expect(() => new GPSampler({ seed: -1 })).toThrow(RangeError);
  });
});

describe('GPSampler warm start through the journal', () => {
  const objective = (p: Record<string, ParamValue>) =>
    ((p.x as number) - 0.5) ** 2 + 2 * ((p.y as number) + 0.3) ** 2 + 0.1 * ((p.n as number) - 2) ** 2;

  async function run(study: Study, trials: number): Promise<void> {
    for (let i = 0; i < trials; i++) {
      const t = await study.ask();
      const p = {
        x: t.suggestFloat('x', -2, 2),
        y: t.suggestFloat('y', -2, 2),
        n: t.suggestInt('n', 0, 6),
      };
      await study.tell(t, objective(p));
    }
  }
  const sampler = () => new GPSampler({ nStartupTrials: 5 });

  it("stores each model-based trial's fitted θ, which is the fit of the trials before it warm-started from the last stored θ", async () => {
    const study = await createStudy({ sampler: sampler(), seed: 11 });
    await run(study, 14);
    const trials = study.getTrials();
    for (const t of trials.slice(0, 5)) expect(t.systemAttrs[SYSTEM_ATTR.gpLogHyperparameters]).toBeUndefined();
    // The sampler's joint space (its column order) is the intersection of the completed trials.
    const transform = new SearchSpaceTransform(intersectionSearchSpace(trials));
    expect(Object.keys(transform.distributions)).toHaveLength(3);
    for (const t of trials.slice(5)) {
      const stored = t.systemAttrs[SYSTEM_ATTR.gpLogHyperparameters] as number[];
      expect(stored).toHaveLength(transform.d + 2);
      // Refitting from the journal alone gives the stored θ bit for bit.
      const completed = trials.slice(0, t.number);
      const x = encodeTrials(transform, completed);
      const y = modelTargets(
        completed.map((c) => c.value!),
        'minimize',
        'log-tail',
      );
      const options = fitOptions(transform, completed, 'default', t.number);
      if (t.number > 5) expect(options.warmStartTheta).toEqual(trials[t.number - 1].systemAttrs[SYSTEM_ATTR.gpLogHyperparameters]);
      else expect(options.warmStartTheta).toBeUndefined();
      expect(Array.from(gaussianProcessState(GaussianProcess.fit(x, y, options)).theta!)).toEqual(stored);
    }
  });

  it('after a restart (loadStudy on the same journal) suggests exactly what the uninterrupted study does', async () => {
    const straight = await createStudy({ sampler: sampler(), seed: 5, name: 's' });
    await run(straight, 16);
    const storage = new InMemoryJournal();
    await run(await createStudy({ storage, sampler: sampler(), seed: 5, name: 's' }), 9);
    const resumed = await loadStudy({ storage, sampler: sampler(), name: 's' });
    await run(resumed, 7);
    const strip = (s: Study) =>
      s.getTrials().map((t) => ({ params: t.params, value: t.value, attrs: t.systemAttrs[SYSTEM_ATTR.gpLogHyperparameters] }));
    expect(strip(resumed)).toEqual(strip(straight));
  });

  it('works with a study view that has no journal hook: nothing is stored and every fit starts from the defaults', () => {
    const fake = new FakeStudy(new GPSampler({ nStartupTrials: 5 }), 3n);
    const values = fake.run(8, square, bowl);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(fake.getTrials().every((t) => t.systemAttrs[SYSTEM_ATTR.gpLogHyperparameters] === undefined)).toBe(true);
  });
});

describe('GPSampler with a pruner', () => {
  it('learns from pruned trials instead of proposing the pruned region again and again', async () => {
    const { createStudy } = await import('../../src/study/create.js');
    const { TrialPruned } = await import('../../src/errors.js');
    const run = async () => {
      // Everything right of 0.7 is pruned after one report of 10; completed values fall towards x = 1.
      const study = await createStudy({
        seed: 2,
        sampler: new GPSampler({ nStartupTrials: 5 }),
        pruner: { prune: (_s, t) => (t.params.x as number) > 0.7 },
        onWarning: () => {},
      });
      await study.optimize(
        (t) => {
          const x = t.suggestFloat('x', 0, 1);
          t.report(10, 0);
          if (t.shouldPrune()) throw new TrialPruned();
          return (x - 1) ** 2;
        },
        { nTrials: 30 },
      );
      return study.trials;
    };
    const trials = await run();
    const pruned = trials.filter((t) => t.state === 'PRUNED').map((t) => t.params.x as number);
    // Each pruned point teaches the model; without that the maximizer of EI stays near x = 1
    // (25 of 30 trials pruned, 22 of them at one point).
    expect(pruned.length).toBeLessThan(10);
    const best = Math.min(...trials.filter((t) => t.state === 'COMPLETE').map((t) => t.value as number));
    // ... and still closes in on the edge of the allowed region (x = 0.7, value 0.09).
    expect(best).toBeLessThan(0.15);
  });
});

describe('GPSampler training data', () => {
  const running = (number: number): FrozenTrial => ({
    number,
    trialId: number,
    state: 'RUNNING',
    value: null,
    values: null,
    params: {},
    distributions: {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  });

  it('takes inputs and targets from one list: a finished trial that misses a modelled parameter is left out of both', () => {
    const points = [
      [0.1, 0.9],
      [0.5, 0.5],
      [0.8, 0.2],
      [0.3, 0.7],
      [0.6, 0.1],
      [0.9, 0.8],
    ];
    const study = (lastState: 'COMPLETE' | 'FAIL') => {
      const s = new FakeStudy(new GPSampler({ nStartupTrials: 3 }), 5n);
      for (const [x, y] of points) s.add({ x, y }, square, bowl({ x, y }));
      // A trial that only suggested x (a conditional branch): as COMPLETE with the best value of
      // all, it must not shift the targets of the others onto the wrong rows.
      s.add({ x: 0.42 }, { x: square.x }, lastState === 'COMPLETE' ? -100 : null, lastState);
      return s;
    };
    const withPartial = study('COMPLETE');
    const without = study('FAIL');
    const a = withPartial.sampler.sampleRelative(withPartial, running(7), square);
    const b = without.sampler.sampleRelative(without, running(7), square);
    expect(a).toEqual(b);
  });

  it('encodeTrials refuses a trial without every parameter instead of dropping its row', () => {
    const t = new SearchSpaceTransform(square);
    expect(() => encodeTrials(t, [{ number: 3, params: { x: 0.5 } }])).toThrow(/trial 3 must hold every modelled parameter but misses y/);
    expect(Array.from(encodeTrials(t, [{ number: 0, params: { x: 0.25, y: 0.5 } }]))).toEqual([0.25, 0.5]);
  });
});
