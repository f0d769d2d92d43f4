import { describe, expect, it } from 'vitest';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { SobolSampler } from '../../src/samplers/sobol.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { SAMPLER_TAG, derivedUniform, paramKey, type Sampler } from '../../src/samplers/base.js';
import { floatDistribution, intDistribution, type Distribution, type ParamValue, type SearchSpace } from '../../src/space/distributions.js';
import { decodeValue } from '../../src/space/transform.js';
import { FakeStudy } from '../helpers/fake-study.js';

const space: SearchSpace = { x: floatDistribution('x', 0, 1), n: intDistribution('n', 1, 9) };

/** Records every call, answers the distribution's low end (or first choice). */
function spy(): Sampler & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    inferRelativeSearchSpace: () => ({}),
    sampleRelative: () => ({}),
    sampleIndependent: (_s, t, name: string, d: Distribution) => {
      calls.push(`sample ${t.number} ${name}`);
      return d.kind === 'categorical' ? d.choices[0] : d.low;
    },
    beforeTrial: (_s, t) => void calls.push(`before ${t.number}`),
    afterTrial: (_s, t, state) => void calls.push(`after ${t.number} ${state}`),
  };
}

describe.each([
  [
    'GPSampler',
    (o: { independentSampler?: Sampler; seed?: number }) => new GPSampler({ nStartupTrials: 2, ...o }),
    SAMPLER_TAG.gpIndependent,
  ],
  ['SobolSampler', (o: { independentSampler?: Sampler; seed?: number }) => new SobolSampler(o), SAMPLER_TAG.sobolIndependent],
] as const)('%s independentSampler', (_name, make, tag) => {
  it('by default draws what it drew before the option existed (a RandomSampler on the sampler’s own stream)', () => {
    for (const seed of [undefined, 11]) {
      const study = new FakeStudy(make(seed === undefined ? {} : { seed }), 5n);
      const drawn: Record<string, ParamValue>[] = [];
      for (let i = 0; i < 3; i++) {
        const t = study.ask();
        drawn.push({ x: t.suggest('x', space.x), n: t.suggest('n', space.n) });
        study.tell(t.number, 1);
      }
      // trial 0 has no joint space: both parameters are independent draws
      const s = BigInt(seed ?? 5);
      expect(drawn[0]).toEqual({
        x: decodeValue(space.x, derivedUniform(s, 0, tag, paramKey('x'))),
        n: decodeValue(space.n, derivedUniform(s, 0, tag, paramKey('n'))),
      });
      expect(make({}).independentSampler).toBeInstanceOf(RandomSampler);
    }
  });

  it('hands parameters outside the joint space to the given sampler, with its trial hooks', () => {
    const inner = spy();
    const study = new FakeStudy(make({ independentSampler: inner }), 3n);
    const t = study.ask();
    expect(t.suggest('x', space.x)).toBe(0);
    study.tell(t.number, 1);
    expect(inner.calls).toEqual(['before 0', 'sample 0 x', 'after 0 COMPLETE']);
  });

  it('takes a RandomSampler as Optuna does (its own stream, then)', () => {
    const study = new FakeStudy(make({ independentSampler: new RandomSampler({ seed: 2 }) }), 3n);
    const t = study.ask();
    expect(t.suggest('x', space.x)).toBe(decodeValue(space.x, derivedUniform(2n, 0, SAMPLER_TAG.random, paramKey('x'))));
  });

  it('rejects something that is not a sampler', () => {
    expect(() => make({ independentSampler: {} as Sampler })).toThrow(TypeError);
    expect(() => make({ independentSampler: {} as Sampler })).toThrow(/`independentSampler` must be a sampler/);
  });
});
