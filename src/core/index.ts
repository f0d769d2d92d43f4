export { init, initSync, isInitialized, wasmModule } from './loader.js';
export type { WasmSource } from './loader.js';
