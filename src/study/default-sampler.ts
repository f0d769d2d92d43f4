import type { Sampler } from '../samplers/base.js';
import { GPSampler } from '../samplers/gp/sampler.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none: Bayesian optimization for one
 * objective (Sobol start-up trials, then a Gaussian process; conditional parameters outside its
 * joint space are drawn at random with a notice), NSGA-II for several, as Optuna 3 does. NSGA-II
 * is imported on demand, so a bundle of a single-objective study does not carry it.
 * @param objectives - the study's number of objectives.
 * @internal
 */
export async function defaultSampler(objectives: number): Promise<Sampler> {
  if (objectives <= 1) return new GPSampler();
  const { NSGAIISampler } = await import('../samplers/nsga2/sampler.js');
  return new NSGAIISampler();
}
