import { GPSampler } from '../samplers/gp/sampler.js';
import type { Sampler } from '../samplers/base.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none: Bayesian optimization, as
 * the default for continuous, integer and categorical spaces alike. It starts with Sobol trials
 * and hands conditional parameters outside its joint space to a RandomSampler (with a notice).
 * @internal
 */
export function defaultSampler(): Sampler {
  return new GPSampler();
}
