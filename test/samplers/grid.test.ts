import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../src/space/distributions.js';
import { GridSampler } from '../../src/samplers/grid.js';
import { FakeStudy } from '../helpers/fake-study.js';

const space = { x: intDistribution('x', -1, 1), act: categoricalDistribution('act', ['relu', 'tanh']) };
const values = { x: [-1, 0, 1], act: ['relu', 'tanh'] };

describe('GridSampler', () => {
  it('hands out every grid point once, in grid order, then reports exhaustion', () => {
    const sampler = new GridSampler(values);
    const study = new FakeStudy(sampler);
    for (let i = 0; i < 6; i++) {
      expect(sampler.isExhausted(study)).toBe(false);
      study.run(1, space, () => 0);
    }
    expect(sampler.isExhausted(study)).toBe(true);
    expect(study.getTrials().map((t) => [t.params.act, t.params.x])).toEqual([
      ['relu', -1],
      ['relu', 0],
      ['relu', 1],
      ['tanh', -1],
      ['tanh', 0],
      ['tanh', 1],
    ]);
  });

  it('gives concurrent trials distinct points whatever order they sample in', () => {
    const sampler = new GridSampler(values);
    const study = new FakeStudy(sampler);
    const asked = Array.from({ length: 6 }, () => study.ask()).reverse();
    const keys = asked.map((a) => `${a.suggest('x', space.x)}/${a.suggest('act', space.act)}`);
    expect(new Set(keys).size).toBe(6);
    expect(sampler.isExhausted(study)).toBe(true);
  });

  it('lets enqueued trials keep their parameters without taking a point', () => {
    const sampler = new GridSampler(values);
    const study = new FakeStudy(sampler);
    study.enqueue({ x: 1, act: 'tanh' });
    study.run(7, space, () => 0);
    expect(study.getTrials()[0].params).toEqual({ x: 1, act: 'tanh' });
    expect(study.getTrials()[1].params).toEqual({ x: -1, act: 'relu' });
    expect(
      new Set(
        study
          .getTrials()
          .slice(1)
          .map((t) => `${t.params.x}/${t.params.act}`),
      ).size,
    ).toBe(6);
  });

  it('past the end, repeats a point only when every point has been covered by a finished trial', () => {
    const sampler = new GridSampler({ x: [0, 1, 2] });
    const d = intDistribution('x', 0, 2);
    const study = new FakeStudy(sampler);
    const first = study.ask(); // takes point 0 but fails before suggesting anything
    study.tell(first.number, null, 'FAIL');
    study.run(2, { x: d }, () => 0); // points 1 and 2
    expect(sampler.isExhausted(study)).toBe(true);
    const extra = study.ask();
    expect(extra.suggest('x', d)).toBe(0);
    study.tell(extra.number, 0);
    expect(study.run(3, { x: d }, (p) => p.x as number)).toEqual([1, 2, 0]);
  });

  it('rejects a parameter missing from the grid and a grid value outside the distribution', () => {
    const study = new FakeStudy(new GridSampler({ x: [0, 5] }));
    const a = study.ask();
    expect(() => a.suggest('y', floatDistribution('y', 0, 1))).toThrow(
      new RangeError('GridSampler: `searchSpace` must include every suggested parameter but got no `y`.'),
    );
    study.tell(a.number, 0);
    expect(() => study.ask().suggest('x', floatDistribution('x', 0, 1))).toThrow(
      new RangeError("GridSampler: `searchSpace.x` must only hold values the objective's distribution contains but got 5."),
    );
  });

  it('validates the grid in the constructor with its own name', () => {
    expect(() => new GridSampler({ x: [] })).toThrow(
      new RangeError('GridSampler: `searchSpace.x` needs at least one value but got an empty list.'),
    );
  });
});
