import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
  type ParamValue,
  type SearchSpace,
} from '../../src/space/distributions.js';
import { SobolSampler } from '../../src/samplers/sobol.js';
import { FakeStudy } from '../helpers/fake-study.js';

const square: SearchSpace = { x: floatDistribution('x', 0, 1), y: floatDistribution('y', 0, 1) };
const f = (p: Record<string, ParamValue>) => (p.x as number) + (p.y as number);

describe('SobolSampler', () => {
  it('gives trial n the unscrambled Sobol point n once the joint space is known', () => {
    const study = new FakeStudy(new SobolSampler({ scramble: false }));
    study.run(8, square, f);
    const xs = study.getTrials().map((t) => [t.params.x, t.params.y]);
    // scipy.stats.qmc.Sobol(2, scramble=False).random(8), rows 1..7 (trial 0 has no joint space yet)
    expect(xs.slice(1)).toEqual([
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ]);
  });

  it('puts one point in each of 16 strata of every dimension in an aligned block of 16 trials', () => {
    for (const scramble of ['lms', 'owen'] as const) {
      const study = new FakeStudy(new SobolSampler({ scramble, seed: 17 }));
      study.run(32, square, f);
      const block = study.getTrials().slice(16, 32);
      for (const name of ['x', 'y']) {
        const strata = block.map((t) => Math.floor((t.params[name] as number) * 16)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: 16 }, (_, i) => i));
      }
    }
  });

  it('maps categoricals by stratified index: each choice once in an aligned block of k trials', () => {
    const space = { c: categoricalDistribution('c', ['a', 'b', 'c', 'd']), n: intDistribution('n', 1, 4) };
    const study = new FakeStudy(new SobolSampler({ seed: 5 }));
    study.run(16, space, () => 0);
    for (let start = 4; start < 16; start += 4) {
      const block = study.getTrials().slice(start, start + 4);
      expect(block.map((t) => t.params.c).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(block.map((t) => t.params.n).sort()).toEqual([1, 2, 3, 4]);
    }
  });

  it('gives concurrent trials distinct points', () => {
    const study = new FakeStudy(new SobolSampler({ seed: 2 }));
    study.run(1, square, f);
    const asked = Array.from({ length: 8 }, () => study.ask());
    const points = asked.map((a) => `${a.suggest('x', square.x)},${a.suggest('y', square.y)}`);
    expect(new Set(points).size).toBe(8);
  });

  it('draws trial 0 at random silently, and says once when a conditional parameter falls back', () => {
    const study = new FakeStudy(new SobolSampler({ seed: 4 }));
    const a = study.ask();
    expect(a.space).toEqual({});
    a.suggest('x', square.x);
    expect(study.warnings).toEqual([]);
    study.tell(a.number, 1);
    for (let i = 0; i < 3; i++) {
      const t = study.ask();
      expect(Object.keys(t.space)).toEqual(['x']);
      t.suggest('x', square.x);
      t.suggest(`extra${i}`, square.y);
      study.tell(t.number, 1);
    }
    expect(study.warnings).toHaveLength(1);
    expect(study.warnings[0]).toBe(
      'SobolSampler: parameter `extra0` is not in the joint search space of the completed trials (a conditional parameter, ' +
        'or one whose distribution changed), so it and any others like it are drawn by the independent sampler (uniformly at ' +
        'random by default) instead of from the Sobol sequence; pass `warnIndependentSampling: false` to silence this.',
    );
  });

  it('stays silent with warnIndependentSampling: false', () => {
    const study = new FakeStudy(new SobolSampler({ warnIndependentSampling: false }));
    study.run(3, square, f);
    const t = study.ask();
    t.suggest('z', square.x);
    expect(study.warnings).toEqual([]);
  });

  it('rejects invalid options', () => {
    expect(() => new SobolSampler({ scramble: 'x' as never })).toThrow(
      new TypeError("SobolSampler: `scramble` must be 'lms', 'owen' or false but got 'x' (a string)."),
    );
    expect(() => new SobolSampler({ warnIndependentSampling: 1 as never })).toThrow(
      new TypeError('SobolSampler: `warnIndependentSampling` must be a boolean but got 1.'),
    );
    expect(() => new SobolSampler({ seed: -2 })).toThrow(RangeError);
  });
});
