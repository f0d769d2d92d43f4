// Node-only parts of bonito (file journal, worker pool, CLI glue) live behind `bonito/node`.
export { wasmPath } from './wasm-path.js';
export { JournalFileBackend } from './file-journal.js';
export type { JournalFileBackendOptions } from './file-journal.js';
export { readVegaDataset, loadCars } from './datasets.js';
