import type { Sampler } from './base.js';
import { GPSampler } from './gp/sampler.js';
import { NSGAIISampler } from './nsga2/sampler.js';
import { RandomSampler } from './random.js';
import { SobolSampler } from './sobol.js';
import { TPESampler } from './tpe/sampler.js';
import { CmaEsSampler } from './cmaes/index.js';
import { describeValue } from '../errors.js';

/**
 * The names {@link samplerByName} accepts, in the order the command line lists them. GridSampler
 * needs a grid, so it has no name here (`bonito tune` adds `'grid'` with the config's grid).
 */
export const SAMPLER_NAMES = Object.freeze(['gp', 'tpe', 'cmaes', 'sobol', 'random', 'nsga2'] as const);

/**
 * Samplers by the names the command line and `bonito/bench` accept. Each makes a sampler with
 * its defaults (following the study seed).
 * @internal
 */
export const SAMPLER_FACTORIES: Readonly<Record<(typeof SAMPLER_NAMES)[number], () => Sampler>> = Object.freeze({
  gp: () => new GPSampler(),
  tpe: () => new TPESampler(),
  cmaes: () => new CmaEsSampler(),
  sobol: () => new SobolSampler(),
  random: () => new RandomSampler(),
  nsga2: () => new NSGAIISampler(),
});

/**
 * A new sampler with its default options, by the name Optuna users and the command line know it:
 * `gp` (GPSampler), `tpe` (TPESampler), `cmaes` (CmaEsSampler), `sobol` (SobolSampler), `random`
 * (RandomSampler) or `nsga2` (NSGAIISampler). The sampler follows the study seed.
 *
 * `createStudy` takes a sampler object, not a name: resolving names there would put every sampler
 * in the bundle of an app that uses one. Importing `samplerByName` does that for the app that wants
 * it (and a bundler drops it, with the samplers it reaches, from apps that do not).
 * @param name - one of {@link SAMPLER_NAMES}.
 * @returns a new sampler.
 * @throws RangeError naming the accepted names.
 * @example
 * ```ts
 * const study = await createStudy({ sampler: samplerByName('tpe'), seed: 1 });
 * ```
 */
export function samplerByName(name: string): Sampler {
  const make = Object.hasOwn(SAMPLER_FACTORIES, name) ? SAMPLER_FACTORIES[name as (typeof SAMPLER_NAMES)[number]] : undefined;
  if (make === undefined) {
    throw new RangeError(`samplerByName: \`name\` must be one of ${SAMPLER_NAMES.join(', ')} but got ${describeValue(name)}.`);
  }
  return make();
}
