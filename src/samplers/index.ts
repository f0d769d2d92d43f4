export { RandomSampler } from './random.js';
export { GridSampler } from './grid.js';
export { SobolSampler } from './sobol.js';
export { GPSampler } from './gp/index.js';
export type { Sampler } from './base.js';
export type { RandomSamplerOptions } from './random.js';
export type { SobolSamplerOptions } from './sobol.js';
export type { GPSamplerOptions, OutputWarping } from './gp/index.js';
