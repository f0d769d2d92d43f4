// Samplers by name from the root module, and what createStudy/loadStudy say to a bare name.
import { describe, expect, it } from 'vitest';
import {
  CmaEsSampler,
  createStudy,
  GPSampler,
  InMemoryJournal,
  loadStudy,
  NSGAIISampler,
  RandomSampler,
  SAMPLER_NAMES,
  samplerByName,
  SobolSampler,
  TPESampler,
} from '../../src/index.js';
import type { Sampler } from '../../src/index.js';

const CLASSES = { gp: GPSampler, tpe: TPESampler, cmaes: CmaEsSampler, sobol: SobolSampler, random: RandomSampler, nsga2: NSGAIISampler };

async function trajectory(sampler: Sampler): Promise<unknown[]> {
  const study = await createStudy({ sampler, seed: 4, onWarning: () => {} });
  await study.optimize(
    (t) => {
      const kind = t.suggestCategorical('kind', ['a', 'b']);
      const x = t.suggestFloat('x', -3, 3);
      return kind === 'a' ? x * x : Math.abs(x - 1) + 0.5;
    },
    { nTrials: 14 },
  );
  return study.trials.map((t) => [t.params, t.value]);
}

describe('samplerByName', () => {
  it('makes a new sampler of the named class, with its defaults, for every name', () => {
    expect([...SAMPLER_NAMES]).toEqual(['gp', 'tpe', 'cmaes', 'sobol', 'random', 'nsga2']);
    for (const name of SAMPLER_NAMES) {
      const sampler = samplerByName(name);
      expect(sampler).toBeInstanceOf(CLASSES[name]);
      expect(samplerByName(name)).not.toBe(sampler);
    }
    expect((samplerByName('tpe') as TPESampler).nStartupTrials).toBe(new TPESampler().nStartupTrials);
  });

  it('gives the same study as the class it names (TPE, 14 trials on a categorical + float space)', async () => {
    expect(await trajectory(samplerByName('tpe'))).toEqual(await trajectory(new TPESampler()));
  });

  it('refuses an unknown name, naming the accepted ones', () => {
    expect(() => samplerByName('hyperopt')).toThrow(
      new RangeError("samplerByName: `name` must be one of gp, tpe, cmaes, sobol, random, nsga2 but got 'hyperopt' (a string)."),
    );
    // An inherited member is not a name.
    expect(() => samplerByName('toString')).toThrow(RangeError);
  });
});

describe('a sampler name given to createStudy/loadStudy', () => {
  it('fails at once, saying to use samplerByName', async () => {
    const sampler = 'tpe' as unknown as Sampler;
    await expect(createStudy({ sampler })).rejects.toThrow(
      new TypeError("createStudy: `sampler` must be a Sampler (by name: samplerByName('tpe') from 'bonito') but got 'tpe' (a string)."),
    );
    const storage = new InMemoryJournal();
    await createStudy({ storage, name: 's' });
    await expect(loadStudy({ storage, name: 's', sampler })).rejects.toThrow(
      "loadStudy: `sampler` must be a Sampler (by name: samplerByName('tpe') from 'bonito') but got 'tpe' (a string).",
    );
    await expect(createStudy({ sampler: {} as Sampler })).rejects.toThrow(TypeError);
  });
});
