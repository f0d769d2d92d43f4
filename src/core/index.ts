export { init, initSync, isInitialized, wasmModule } from './loader.js';
export { Rng, deriveSeed } from './rng.js';
export type { WasmSource } from './loader.js';
export type { Seed } from './rng.js';
