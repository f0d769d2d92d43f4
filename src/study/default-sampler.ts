import { RandomSampler } from '../samplers/random.js';
import type { Sampler } from '../samplers/base.js';

/**
 * The sampler a study uses when `createStudy`/`loadStudy` get none. The one place to change the
 * default (to the GPSampler once it lands).
 * @internal
 */
export function defaultSampler(): Sampler {
  return new RandomSampler();
}
