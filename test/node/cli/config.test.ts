import { describe, expect, it } from 'vitest';
import { defineConfig, parseTuneConfig, TUNE_SAMPLER_NAMES } from '../../../src/node/cli/config.js';
import { SAMPLER_NAMES } from '../../../src/samplers/registry.js';
import { RandomSampler } from '../../../src/samplers/random.js';

const objective = () => 0;

describe('parseTuneConfig', () => {
  it('accepts a config with only an objective, and one with every field', () => {
    expect(parseTuneConfig({ default: { objective } }, 'a.js')).toEqual({ objective });
    const full = defineConfig({
      objective,
      direction: 'maximize',
      name: 'full',
      trials: 40,
      sampler: 'grid',
      grid: { x: [1, 2], act: ['relu', null, true] },
      pruner: 'median',
      concurrency: 2,
      seed: 0,
      storage: 'study.jsonl',
      workers: 'main',
    });
    expect(parseTuneConfig({ default: full }, 'full.js')).toEqual(full);
  });

  it('accepts every sampler by name: those of samplerByName, and grid', () => {
    expect([...TUNE_SAMPLER_NAMES]).toEqual([...SAMPLER_NAMES, 'grid']);
    for (const sampler of ['gp', 'tpe', 'cmaes', 'sobol', 'random', 'nsga2'] as const) {
      expect(parseTuneConfig({ default: { objective, sampler } }, 'a.js').sampler).toBe(sampler);
    }
  });

  it('accepts sampler and pruner instances', () => {
    const sampler = new RandomSampler();
    const pruner = { prune: () => false };
    const parsed = parseTuneConfig({ default: { objective, sampler, pruner } }, 'a.js');
    expect(parsed.sampler).toBe(sampler);
    expect(parsed.pruner).toBe(pruner);
  });

  it('names a module without a default export object', () => {
    expect(() => parseTuneConfig({ objective }, 'x.js')).toThrow(
      'bonito tune: the config module x.js must default-export a config object such as { objective, direction } but got no default export.',
    );
    expect(() => parseTuneConfig({ default: objective }, 'x.js')).toThrow('but got a function.');
  });

  it('lists every invalid field with its path', () => {
    const bad = { objective: 'f', direction: 'up', concurrency: 1.5, seed: -1, workers: 'processes' };
    let message = '';
    try {
      parseTuneConfig({ default: bad }, 'bad.js');
    } catch (err) {
      expect(err).toBeInstanceOf(TypeError);
      message = (err as Error).message;
    }
    expect(message.split('\n')[0]).toBe('bonito tune: the config in bad.js is invalid:');
    for (const path of ['objective', 'direction', 'concurrency', 'seed', 'workers']) expect(message).toContain(`→ at ${path}`);
  });

  it("requires a grid with `sampler: 'grid'`", () => {
    expect(() => parseTuneConfig({ default: { objective, sampler: 'grid' } }, 'g.js')).toThrow(
      /`sampler: 'grid'` needs a `grid` of value lists\n +→ at grid/,
    );
  });
});
