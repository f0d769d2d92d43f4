import { GPSampler } from '../samplers/gp/sampler.js';
import { NSGAIISampler } from '../samplers/nsga2/sampler.js';
import type { Sampler } from '../samplers/base.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none: Bayesian optimization for one
 * objective (Sobol start-up trials, then a Gaussian process; conditional parameters outside its
 * joint space are drawn at random with a notice), NSGA-II for several, as Optuna 3 does.
 * @param objectives - the study's number of objectives.
 * @internal
 */
export function defaultSampler(objectives: number): Sampler {
  return objectives > 1 ? new NSGAIISampler() : new GPSampler();
}
