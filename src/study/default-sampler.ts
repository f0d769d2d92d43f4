import type { Sampler } from '../samplers/base.js';
import { GPSampler } from '../samplers/gp/sampler.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none: Bayesian optimization with
 * a Gaussian process (Sobol start-up trials, then the GP; conditional parameters outside its
 * joint space are drawn at random with a notice), for one objective and for several (one GP per
 * objective and log expected hypervolume improvement, as Optuna 4.x's GPSampler). The
 * multi-objective model loads on demand, so a bundle of a single-objective study does not carry it;
 * NSGA-II is no longer reached from here, so no bundle carries it unless the user imports it.
 * @internal
 */
export function defaultSampler(): Sampler {
  return new GPSampler();
}
