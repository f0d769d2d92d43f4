export { CmaEsSampler } from './sampler.js';
export type { CmaEsSamplerOptions } from './sampler.js';
export type { RestartStrategy } from './search.js';
