// Node-only parts of bonito (file journal, worker pool, CLI glue) live behind `bonito/node`.
export { wasmPath } from './wasm-path.js';
export { JournalFileBackend } from './file-journal.js';
export { JournalRedisBackend } from './redis-journal.js';
export { readVegaDataset, loadCars } from './datasets.js';
export { threadPool, ThreadPool, threadObjective, WorkerExitError } from './pool/index.js';
export { defineConfig } from './cli/config.js';
export { studyReportHtml, writeStudyReport, renderSvg } from './report/index.js';
export type { JournalFileBackendOptions } from './file-journal.js';
export type { JournalRedisBackendOptions } from './redis-journal.js';
export type { ThreadPoolOptions, ThreadObjectiveOptions } from './pool/index.js';
export type { TuneConfig, SamplerName, PrunerName, WorkerMode } from './cli/config.js';
export type { StudyReportOptions } from './report/index.js';
export { startDashboard } from './dashboard/server.js';
export type { Dashboard, DashboardOptions } from './dashboard/server.js';
