import { GPSampler } from '../samplers/gp/sampler.js';
import type { Sampler } from '../samplers/base.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none: Bayesian optimization, as
 * issue 4 asks ("the default for continuous/int/categorical spaces"). It starts with Sobol
 * trials and draws conditional parameters outside its joint space at random (with a notice).
 * @internal
 */
export function defaultSampler(): Sampler {
  return new GPSampler();
}
