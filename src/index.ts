export { init, initSync, isInitialized, wasmModule } from './core/index.js';
export { Rng, deriveSeed } from './core/index.js';
export { BonitoError, NotInitializedError } from './errors.js';
export type { WasmSource, Seed } from './core/index.js';
