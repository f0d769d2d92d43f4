import type { Sampler } from './base.js';
import { GPSampler } from './gp/sampler.js';
import { NSGAIISampler } from './nsga2/sampler.js';
import { RandomSampler } from './random.js';
import { SobolSampler } from './sobol.js';
import { TPESampler } from './tpe/sampler.js';
import { CmaEsSampler } from './cmaes/index.js';
import { describeValue } from '../errors.js';

/**
 * Samplers by the names the command line and `bonito/bench` accept. Each makes a sampler with
 * its defaults (following the study seed). GridSampler needs a grid, so it is not here.
 */
export const SAMPLER_FACTORIES: Readonly<Record<string, () => Sampler>> = Object.freeze({
  gp: () => new GPSampler(),
  tpe: () => new TPESampler(),
  cmaes: () => new CmaEsSampler(),
  sobol: () => new SobolSampler(),
  random: () => new RandomSampler(),
  nsga2: () => new NSGAIISampler(),
});

/**
 * A sampler by name.
 * @param name - one of the keys of `SAMPLER_FACTORIES` (`gp`, `tpe`, `cmaes`, `sobol`, `random`, `nsga2`).
 * @throws RangeError naming the accepted names.
 * @example
 * ```ts
 * const sampler = samplerByName('sobol');
 * ```
 */
export function samplerByName(name: string): Sampler {
  const make = Object.hasOwn(SAMPLER_FACTORIES, name) ? SAMPLER_FACTORIES[name] : undefined;
  if (make === undefined) {
    throw new RangeError(
      `samplerByName: \`name\` must be one of ${Object.keys(SAMPLER_FACTORIES).join(', ')} but got ${describeValue(name)}.`,
    );
  }
  return make();
}
