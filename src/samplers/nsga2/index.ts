export { NSGAIISampler } from './sampler.js';
export type { NSGAIISamplerOptions } from './sampler.js';
export type { CrossoverName } from './crossover.js';
