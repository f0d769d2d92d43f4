export { init, initSync, isInitialized, wasmModule } from './core/index.js';
export { BonitoError, NotInitializedError } from './errors.js';
export type { WasmSource } from './core/index.js';
