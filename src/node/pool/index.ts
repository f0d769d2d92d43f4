export { threadPool, ThreadPool } from './thread-pool.js';
export { threadObjective } from './thread-objective.js';
export { WorkerExitError } from './worker-exit-error.js';
export type { ThreadPoolOptions } from './thread-pool.js';
export type { ThreadObjectiveOptions } from './thread-objective.js';
