export { GPSampler } from './sampler.js';
export type { GPSamplerOptions } from './sampler.js';
