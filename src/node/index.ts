// Node-only parts of bonito (file journal, worker pool, CLI glue) live behind `bonito/node`.
export { wasmPath } from './wasm-path.js';
