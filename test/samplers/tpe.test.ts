// TPESampler: options, ranking of trials, groups, behaviour on a quadratic, the constant liar.
import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
  type ParamValue,
  type SearchSpace,
} from '../../src/space/distributions.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { TPESampler } from '../../src/samplers/tpe/index.js';
import { decomposeGroups } from '../../src/samplers/tpe/groups.js';
import { rankTrials } from '../../src/samplers/tpe/observations.js';
import type { Sampler } from '../../src/samplers/base.js';
import { FakeStudy } from '../helpers/fake-study.js';
import { frozenTrial, studyView } from '../helpers/trials.js';

describe('TPESampler options', () => {
  it("has Optuna's defaults", () => {
    const s = new TPESampler();
    expect([
      s.nStartupTrials,
      s.nEiCandidates,
      s.priorWeight,
      s.considerEndpoints,
      s.considerMagicClip,
      s.multivariate,
      s.group,
      s.constantLiar,
    ]).toEqual([10, 24, 1, false, true, false, false, false]);
  });

  it('rejects bad options in the house form', () => {
    expect(() => new TPESampler({ nStartupTrials: -1 })).toThrow('TPESampler: `nStartupTrials` must be an integer >= 0 but got -1.');
    expect(() => new TPESampler({ nEiCandidates: 0 })).toThrow('TPESampler: `nEiCandidates` must be an integer >= 1 but got 0.');
    expect(() => new TPESampler({ priorWeight: 0 })).toThrow('TPESampler: `priorWeight` must be a finite number > 0 but got 0.');
    expect(() => new TPESampler({ group: true })).toThrow('TPESampler: `group` needs `multivariate: true` but got multivariate false.');
    expect(() => new TPESampler({ constantLiar: 1 as unknown as boolean })).toThrow(
      'TPESampler: `constantLiar` must be a boolean but got 1.',
    );
    expect(() => new TPESampler({ seed: -1 })).toThrow(RangeError);
  });

  it('checks what gamma and weights return', () => {
    const space = { x: floatDistribution('x', 0, 1) };
    const run = (sampler: Sampler) => new FakeStudy(sampler).run(12, space, (p) => p.x as number);
    expect(() => run(new TPESampler({ nStartupTrials: 2, gamma: (n) => n + 1 }))).toThrow(
      'TPESampler: `gamma` must return an integer in [0, 2] for n = 2 but got 3.',
    );
    expect(() => run(new TPESampler({ nStartupTrials: 2, weights: (n) => new Array(n).fill(-1) }))).toThrow(
      'TPESampler: `weights` must return finite values >= 0 but got -1 at index 0',
    );
  });
});

describe('rankTrials', () => {
  it('ranks COMPLETE by value, then PRUNED by later step and last report, then running trials with the liar; FAIL ignored', () => {
    const trials = [
      frozenTrial(0, 'COMPLETE', [], 5),
      frozenTrial(1, 'PRUNED', [
        [0, 9],
        [3, 1],
      ]), // pruned at step 3 with 1
      frozenTrial(2, 'COMPLETE', [], 2),
      frozenTrial(3, 'FAIL', []),
      frozenTrial(4, 'PRUNED', [[0, 0.5]]), // pruned earlier: ranks after trial 1 although its report is lower
      frozenTrial(5, 'PRUNED', []), // pruned before any report: after every reported one
      frozenTrial(6, 'RUNNING', []),
      frozenTrial(7, 'PRUNED', [[3, NaN]]), // NaN last report: last among step-3 prunes
      frozenTrial(8, 'RUNNING', []), // the trial being sampled
    ];
    const current = trials[8];
    const plain = rankTrials(studyView('minimize', trials), current, false);
    expect(plain.ranked.map((t) => t.number)).toEqual([2, 0, 1, 7, 4, 5]);
    expect(plain.nFinished).toBe(6);
    const liar = rankTrials(studyView('minimize', trials), current, true);
    expect(liar.ranked.map((t) => t.number)).toEqual([2, 0, 1, 7, 4, 5, 6]);
    expect(liar.nFinished).toBe(6);
    // Maximizing flips the values, not the pruned-step order; a NaN report stays last.
    expect(rankTrials(studyView('maximize', trials), current, false).ranked.map((t) => t.number)).toEqual([0, 2, 1, 7, 4, 5]);
  });
});

describe('decomposeGroups', () => {
  it('splits the parameters into the groups that always appear together', () => {
    const f = floatDistribution('f', 0, 1);
    const trial = (n: number, names: string[]) => ({
      ...frozenTrial(n, 'COMPLETE', [], 0),
      distributions: Object.fromEntries(names.map((k) => [k, f])),
    });
    const groups = decomposeGroups([
      trial(0, ['kind', 'a1', 'a2', 'x']),
      trial(1, ['kind', 'b1', 'x']),
      trial(2, ['x', 'kind', 'a2', 'a1']),
    ]);
    expect(groups.map((g) => Object.keys(g))).toEqual([['a1', 'a2'], ['b1'], ['kind', 'x']]);
  });
});

/** Best value after `n` trials of a 1-D quadratic with optimum 1.3 on [-10, 10]. */
function bestOnQuadratic(make: (seed: number) => Sampler, seed: number, n: number): number {
  const study = new FakeStudy(make(seed), BigInt(seed));
  const values = study.run(n, { x: floatDistribution('x', -10, 10) }, (p) => ((p.x as number) - 1.3) ** 2);
  return Math.min(...values);
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
}

describe('TPESampler behaviour', () => {
  it('concentrates near the optimum of a 1-D quadratic after 50 trials, far better than random', () => {
    const seeds = Array.from({ length: 15 }, (_, i) => i);
    const tpe = seeds.map((s) => bestOnQuadratic((seed) => new TPESampler({ seed }), s, 50));
    const random = seeds.map((s) => bestOnQuadratic((seed) => new RandomSampler({ seed }), s, 50));
    // Random's expected best squared error over 50 uniform draws on a width-20 interval is ~0.05;
    // TPE's model should beat it by an order of magnitude at the median and win on most seeds.
    expect(median(tpe)).toBeLessThan(median(random) / 10);
    expect(tpe.filter((v, i) => v < random[i]).length).toBeGreaterThanOrEqual(12);
    // And its late trials gather around 1.3: uniform draws on [-10, 10] lie a median 5 away;
    // TPE's last 20 (which keep exploring through the prior kernel) about 2 (1.6–2.2 on seeds 0–9).
    const study = new FakeStudy(new TPESampler({ seed: 4 }), 4n);
    study.run(50, { x: floatDistribution('x', -10, 10) }, (p) => ((p.x as number) - 1.3) ** 2);
    const late = study
      .getTrials()
      .slice(30)
      .map((t) => t.params.x as number);
    expect(median(late.map((x) => Math.abs(x - 1.3)))).toBeLessThan(2.5);
  });

  it('models conditional and categorical parameters without warnings, each on the trials that have it', () => {
    for (const sampler of [new TPESampler({ seed: 2 }), new TPESampler({ seed: 2, multivariate: true, group: true })]) {
      const study = new FakeStudy(sampler, 2n);
      const kind = categoricalDistribution('kind', ['svm', 'tree']);
      const c = floatDistribution('c', 1e-3, 1e3, { log: true });
      const depth = intDistribution('depth', 1, 32);
      for (let i = 0; i < 60; i++) {
        const a = study.ask();
        const k = a.suggest('kind', kind);
        const v =
          k === 'svm'
            ? Math.abs(Math.log10(a.suggest('c', c) as number) - 1)
            : 0.5 + Math.abs((a.suggest('depth', depth) as number) - 20) / 10;
        study.tell(a.number, v);
      }
      expect(study.warnings).toEqual([]);
      const late = study.getTrials().slice(30);
      // svm reaches 0 at c = 10, tree 0.5 at best: TPE should prefer svm and c near 10.
      const svm = late.filter((t) => t.params.kind === 'svm');
      expect(svm.length).toBeGreaterThanOrEqual(20);
      expect(median(svm.map((t) => Math.abs(Math.log10(t.params.c as number) - 1)))).toBeLessThan(0.5);
    }
  });

  it('returns the only value of a single-valued parameter (low = high, one choice) without modelling it', () => {
    for (const sampler of [
      new TPESampler({ seed: 1, nStartupTrials: 3 }),
      new TPESampler({ seed: 1, nStartupTrials: 3, multivariate: true }),
    ]) {
      const study = new FakeStudy(sampler, 1n);
      const space: SearchSpace = {
        x: floatDistribution('x', 0, 1),
        fixed: floatDistribution('fixed', 2, 2),
        n: intDistribution('n', 5, 5),
        only: categoricalDistribution('only', ['a']),
      };
      study.run(12, space, (p) => p.x as number);
      for (const t of study.getTrials()) expect([t.params.fixed, t.params.n, t.params.only]).toEqual([2, 5, 'a']);
    }
  });

  it('with the constant liar, trials asked together spread out instead of piling up', () => {
    const space: SearchSpace = { x: floatDistribution('x', -10, 10) };
    const spread = (constantLiar: boolean, seed: number) => {
      const study = new FakeStudy(new TPESampler({ seed, constantLiar }), BigInt(seed));
      study.run(30, space, (p) => ((p.x as number) - 1.3) ** 2);
      // Eight workers ask one after another before any of them reports.
      const asked = Array.from({ length: 8 }, () => {
        const a = study.ask();
        a.suggest('x', space.x);
        return a;
      });
      const xs = asked.map((a) => study.getTrials()[a.number].params.x as number).sort((a, b) => a - b);
      return xs[xs.length - 1] - xs[0];
    };
    const seeds = [1, 2, 3, 4, 5, 6, 7];
    const withLiar = seeds.map((s) => spread(true, s));
    const without = seeds.map((s) => spread(false, s));
    expect(median(withLiar)).toBeGreaterThan(1.5 * median(without));
  });

  it('uses relative samples of running trials (multivariate) through relativeParamsOf', () => {
    const space: SearchSpace = { x: floatDistribution('x', 0, 1), y: floatDistribution('y', 0, 1) };
    const run = (share: boolean) => {
      const study = new FakeStudy(new TPESampler({ seed: 3, multivariate: true, constantLiar: true }), 3n, 'minimize', {
        shareRelative: share,
      });
      study.run(20, space, (p) => (p.x as number) + (p.y as number));
      return Array.from({ length: 6 }, () => study.ask().relative);
    };
    const shared = run(true);
    const blind = run(false);
    expect(shared[0]).toEqual(blind[0]); // the first ask sees no running trial in either case
    // Later asks see the earlier ones' relative samples (as the worst) only when shared.
    expect(shared.slice(1)).not.toEqual(blind.slice(1));
  });

  it('gives the same suggestions whatever the order of suggestion (multivariate, grouped, conditional)', () => {
    const kind = categoricalDistribution('kind', ['a', 'b']);
    const x = floatDistribution('x', -1, 1);
    const n = intDistribution('n', 0, 8, { step: 2 });
    const runOnce = (reverse: boolean) => {
      const study = new FakeStudy(new TPESampler({ seed: 6, multivariate: true, group: true, nStartupTrials: 5 }), 6n);
      for (let i = 0; i < 25; i++) {
        const a = study.ask();
        const order: [string, () => ParamValue][] = [
          ['x', () => a.suggest('x', x)],
          ['kind', () => a.suggest('kind', kind)],
        ];
        if (reverse) order.reverse();
        const p = Object.fromEntries(order.map(([k, f]) => [k, f()]));
        const v = p.kind === 'a' ? (p.x as number) ** 2 + (a.suggest('n', n) as number) : Math.abs(p.x as number);
        study.tell(a.number, v);
      }
      return study.getTrials().map((t) => t.params);
    };
    expect(runOnce(true)).toEqual(runOnce(false));
  });
});
