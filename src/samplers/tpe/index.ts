export { TPESampler } from './sampler.js';
export { defaultGamma, defaultWeights, hyperoptDefaultGamma } from './options.js';
export type { TPESamplerOptions } from './options.js';
