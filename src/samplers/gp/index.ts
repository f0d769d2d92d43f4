export { GPSampler } from './sampler.js';
export type { GPSamplerOptions } from './sampler.js';
export type { OutputWarping } from './model-data.js';
